/**
 * How every discipline decider refuses a command. Structurally the platform's DomainErrorLike, so HTTP
 * maps `kind` to a status: not-found 404, already-exists/conflict 409, rule 422.
 */
export interface DisciplineError {
  kind: 'not-found' | 'already-exists' | 'conflict' | 'rule';
  /** Stable, kebab-case: clients and tests match on it. */
  code: string;
  message: string;
  /** The command field at fault, when one is. */
  field?: string;
}

/** What a decider answers: the events to append (possibly none), or why nothing may be appended. */
export type Decision<Event> = { ok: true; events: Event[] } | { ok: false; error: DisciplineError };

export const accept = <Event>(events: Event[]): Decision<Event> => ({ ok: true, events });

export const refuse = <Event = never>(
  kind: DisciplineError['kind'],
  code: string,
  message: string,
  field?: string,
): Decision<Event> => ({ ok: false, error: { kind, code, message, ...(field ? { field } : {}) } });
