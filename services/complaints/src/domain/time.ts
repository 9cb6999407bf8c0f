import type { LedgerCalendar } from '@ledger/calendar';
import { instantMs } from '@ledger/rules-kit';

/**
 * SPEC "Local time": a deadline of `days` calendar days from `from`, the start day not counted, due at the
 * end of the `days`-th local day (the instant the next local day starts), in the ledger's calendar.
 */
export const calendarDaysDeadline = (calendar: LedgerCalendar, from: string, days: number): string =>
  calendar.calendarDaysDeadline(from, days);

/**
 * A deadline moved by `days` more local days (SPEC 3.2, an extension): due at the end of the `days`-th local
 * day after the deadline's last day. That last day is the local day of the deadline's last instant (the one
 * just before `dueAt`), so a deadline due at local midnight ends on the day before it.
 */
export function extendedDeadline(calendar: LedgerCalendar, dueAt: string, days: number): string {
  return calendar.calendarDaysDeadline(new Date(instantMs(dueAt) - 1), days);
}
