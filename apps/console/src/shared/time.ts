import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The ledger's time zone (SPEC "Local time"): every date on screen is the ledger's, never the browser's.
 * The default of the ledger; no route tells the configured one yet.
 */
export const ledgerTimeZone = 'Asia/Shanghai';

const formats = {
  instant: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  second: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function formatInstant(iso: string | undefined, locale: string, style: keyof typeof formats = 'instant'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { ...formats[style], timeZone: ledgerTimeZone }).format(new Date(iso));
}

/**
 * The ledger-local day a deadline falls due on: a deadline is the instant its last day ends (SPEC "Local time": due
 * at the end of the N-th day, i.e. the next day's first instant), so the day shown is the one just before it.
 */
export const formatDueDay = (deadline: string | undefined, locale: string): string =>
  deadline ? formatInstant(new Date(Date.parse(deadline) - 1).toISOString(), locale, 'date') : '—';

/** The ledger-local year an instant falls in. */
export const localYearOf = (iso: string): number => dayjs(iso).tz(ledgerTimeZone).year();

/** Whether a picked calendar day is after today in the ledger's zone (the pickers offer no future days). */
export const isAfterLedgerToday = (day: Dayjs): boolean => day.format('YYYY-MM-DD') > dayjs().tz(ledgerTimeZone).format('YYYY-MM-DD');

/**
 * "As of" a picked date and time (a wall-clock time in the ledger's zone): everything recorded up to the end of
 * that second, or up to now when it is later (the ledger answers only for instants that have passed).
 */
export function asOfInstant(picked: Dayjs, now: Dayjs = dayjs()): string {
  const end = dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), ledgerTimeZone).endOf('second');
  return (end.isAfter(now) ? now.tz(ledgerTimeZone) : end).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

export { dayjs };
