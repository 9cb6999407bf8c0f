import type { DomainError } from '@ledger/decider';
import { refuse } from '@ledger/decider';

/** Business times may be in the past, never after `now` (API.md conventions). */
export function refuseIfFuture(instant: string, now: string, field: string): { ok: false; error: DomainError } | undefined {
  if (Date.parse(instant) <= Date.parse(now)) return undefined;
  return refuse('rule', 'future-time', `${field} ${instant} is after now (${now}); business times cannot be in the future`, field);
}
