/**
 * What a decider answers, shared by the services' pure domains (no I/O here: domain code may import it).
 * The HTTP layer maps `kind` to a status: not-found 404, already-exists and conflict 409, rule 422.
 */
export interface DomainError {
  kind: 'not-found' | 'already-exists' | 'conflict' | 'rule';
  /** Stable, kebab-case: what clients and tests match on. */
  code: string;
  message: string;
  /** The command field at fault, when one is. */
  field?: string;
}

/** The events to append (possibly none), or why nothing may be appended. */
export type Decision<Event, Error = DomainError> = { ok: true; events: Event[] } | { ok: false; error: Error };

export function accept<Event>(...events: Event[]): { ok: true; events: Event[] } {
  return { ok: true, events };
}

/** Refuses with an error built here, or with one a check already built (`refuse(checkX(...) ?? checkY(...))`). */
export function refuse(error: DomainError): { ok: false; error: DomainError };
export function refuse(kind: DomainError['kind'], code: string, message: string, field?: string): { ok: false; error: DomainError };
export function refuse(kindOrError: DomainError['kind'] | DomainError, code?: string, message?: string, field?: string): { ok: false; error: DomainError } {
  if (typeof kindOrError === 'object') return { ok: false, error: kindOrError };
  const kind = kindOrError;
  return { ok: false, error: field === undefined ? { kind, code: code!, message: message! } : { kind, code: code!, message: message!, field } };
}
