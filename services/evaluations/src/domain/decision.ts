/**
 * What a decider answers: the events to append, or why not. `not-found` → 404, `conflict` → 409
 * (the current state or a duplicate), `rule` → 422 (well formed, but the rules refuse it).
 */
export interface DomainError {
  kind: 'not-found' | 'conflict' | 'rule';
  /** Stable, kebab-case: what clients and tests match on. */
  code: string;
  message: string;
  /** The command field at fault, when one is. */
  field?: string;
}

export type Decision<Event> = { ok: true; events: Event[] } | { ok: false; error: DomainError };

export function accept<Event>(...events: Event[]): Decision<Event> {
  return { ok: true, events };
}

export function refuse(kind: DomainError['kind'], code: string, message: string, field?: string): { ok: false; error: DomainError } {
  return { ok: false, error: field === undefined ? { kind, code, message } : { kind, code, message, field } };
}
