import { Temporal } from 'temporal-polyfill';

/** An instant as the ledger writes them (ISO 8601 with an offset or `Z`), or a Date. */
export type InstantInput = string | Date;

export class InvalidInstantError extends RangeError {
  readonly value: unknown;
  constructor(value: unknown, reason: string) {
    super(`not an instant: ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidInstantError';
    this.value = value;
  }
}

/**
 * Parses an instant. Text without an offset is refused: "2026-03-03T10:00" names a different instant in
 * every zone, and guessing one is exactly the mistake this library exists to prevent.
 */
export function toInstant(value: InstantInput): Temporal.Instant {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidInstantError(value, 'invalid Date');
    return Temporal.Instant.fromEpochMilliseconds(ms);
  }
  if (typeof value !== 'string') throw new InvalidInstantError(value, 'expected ISO 8601 text with an offset, or a Date');
  const common = commonInstantMs(value);
  if (common !== undefined) return Temporal.Instant.fromEpochMilliseconds(common);
  try {
    return Temporal.Instant.from(value);
  } catch {
    throw new InvalidInstantError(value, 'expected ISO 8601 with an offset, e.g. 2026-03-03T10:00:00+08:00');
  }
}

/** The form the ledger writes (`Date.toISOString`, or an offset), to millisecond precision. */
const commonForm = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Days in a month of the Gregorian calendar: a property of the written date itself, in no time zone. */
function gregorianDaysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The instant of text in the ledger's common form, read by the runtime's own ISO parser (several times
 * faster than the polyfill's, and replays read every event's instants), or undefined for anything else,
 * which Temporal then reads or refuses. The fields are checked first, since Date.parse would roll
 * 30 February over into March where Temporal refuses it.
 */
function commonInstantMs(text: string): number | undefined {
  const match = commonForm.exec(text);
  // Years before 1000 go to Temporal: Date.UTC reads two-digit years as 19xx.
  if (!match || match[1]! < '1000') return undefined;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = match.slice(1).map((field) => (field === undefined ? undefined : Number(field))) as number[];
  const daysInMonth = gregorianDaysInMonth(year!, month!);
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth || hour! > 23 || minute! > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * ISO 8601 text of the instant with the offset it has in `timeZone` (`2026-03-19T00:00:00+08:00`), which
 * a reader sees as local time and any parser reads back as the same instant. Where the zone's offset has
 * seconds (local mean time, before about 1900) the text is given in UTC instead, since an ISO offset
 * rounded to the minute would name another instant.
 */
export function formatInstant(instant: Temporal.Instant, timeZone: string): string {
  const zoned = instant.toZonedDateTimeISO(timeZone);
  if (zoned.offsetNanoseconds % 60_000_000_000 !== 0) return instant.toString();
  return zoned.toString({ timeZoneName: 'never' });
}

/**
 * The instant as `Date.prototype.toISOString` writes it (`2026-03-18T16:00:00.000Z`): one fixed-width UTC
 * form, so that instants compare correctly as text in read-store queries (text with different offsets
 * does not sort by time).
 */
export function toUtcIso(value: InstantInput): string {
  const instant = toInstant(value);
  return new Date(instant.epochMilliseconds).toISOString();
}

/** Orders instants by time (for sorting ISO text with different offsets). */
export function compareInstants(a: InstantInput, b: InstantInput): number {
  return Temporal.Instant.compare(toInstant(a), toInstant(b));
}
