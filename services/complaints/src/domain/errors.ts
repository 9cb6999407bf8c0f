import type { DomainError } from '@ledger/decider';

/**
 * Why the complaint decider refuses a command (@ledger/decider's DomainError). HTTP maps `kind` to a status:
 * not-found 404, already-exists and conflict 409 (the command does not fit the current state), rule 422
 * (well-formed, but the rules refuse it). `code` is stable kebab-case for clients; `message` is for an intake clerk.
 */

export const notFound = (): DomainError => ({
  kind: 'not-found',
  code: 'complaint-not-found',
  message: 'No complaint with this id has been filed.',
});

export const alreadyExists = (): DomainError => ({
  kind: 'already-exists',
  code: 'complaint-already-filed',
  message: 'A complaint with this id has already been filed.',
});

export const conflict = (code: string, message: string): DomainError => ({ kind: 'conflict', code, message });

export const rule = (code: string, message: string, field?: string): DomainError =>
  field === undefined ? { kind: 'rule', code, message } : { kind: 'rule', code, message, field };
