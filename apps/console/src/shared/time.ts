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
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export function formatInstant(iso: string | undefined, locale: string, style: keyof typeof formats = 'instant'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { ...formats[style], timeZone: ledgerTimeZone }).format(new Date(iso));
}

/** The ledger-local year an instant falls in. */
export const localYearOf = (iso: string): number => dayjs(iso).tz(ledgerTimeZone).year();

/** The ledger-local day of a picked date, as a dayjs in the ledger's zone. */
export const ledgerDay = (picked: Dayjs): Dayjs => dayjs.tz(picked.format('YYYY-MM-DD'), ledgerTimeZone);

/**
 * "As of date D": everything recorded up to the end of that ledger-local day, or up to now for today (the
 * ledger answers only for instants that have passed).
 */
export function asOfEndOfDay(picked: Dayjs, now: Dayjs = dayjs()): string {
  const end = ledgerDay(picked).endOf('day');
  return (end.isAfter(now) ? now.tz(ledgerTimeZone) : end).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

export { dayjs };
