import type { DomainError } from '@ledger/decider';
import { instantMs, isInstant } from './instants.ts';

/** A time that is not an instant (`invalid-time`, naming the field), or undefined. */
export function checkInstant(value: string, field: string): DomainError | undefined {
  if (isInstant(value)) return undefined;
  return { kind: 'rule', code: 'invalid-time', message: `${field} must be an ISO 8601 date and time with offset, e.g. 2026-03-01T09:30:00+08:00`, field };
}

/**
 * A business time (`receivedAt`, `at`, `ratedAt`, …) may be in the past, never in the future (API.md conventions):
 * the first problem with it (not an instant, or after `now`: `future-business-time`), or undefined.
 */
export function checkNotFuture(value: string, field: string, now: string): DomainError | undefined {
  // A command stamped with the clock's own `now` (a recorded read, on every request) is checked once, not twice.
  if (value === now) return checkInstant(now, 'now');
  const invalid = checkInstant(now, 'now') ?? checkInstant(value, field);
  if (invalid) return invalid;
  if (instantMs(value) <= instantMs(now)) return undefined;
  return { kind: 'rule', code: 'future-business-time', message: `${field} (${value}) is after now (${now}): a business time may be in the past, never in the future`, field };
}
