import * as fc from 'fast-check';

/**
 * An oracle for property tests of anything that takes local dates and deadlines from the calendar: it shares none
 * of the calendar's arithmetic. Intl.DateTimeFormat with `timeZone` reads the local wall clock; days are counted on
 * dates in integers (proleptic Gregorian). And the instants where calendars go wrong: near local midnight at month and year ends.
 */

const hour = 3_600_000;

/** What a clock on the wall in the zone shows at an instant: the local date `YYYY-MM-DD` and the time of day. */
export interface WallClock {
  date: string;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local wall clock at `ms` in `timeZone`, as Intl.DateTimeFormat reads it. */
export function wallClock(ms: number, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

export const isMidnight = (clock: WallClock): boolean => clock.hour === 0 && clock.minute === 0 && clock.second === 0 && clock.millisecond === 0;

/**
 * `YYYY-MM-DD` plus `days`: proleptic Gregorian day counting in integers, with no instant, zone or Date in it, kept
 * apart from the Temporal code the property tests check it against.
 */
export function addDays(date: string, days: number): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  return civilDate(dayNumber(year, month, dayOfMonth) + days);
}

// Day numbers count from 1 March of year 0 in 400-year eras of 146,097 days; a year starts in March there, so that
// the leap day is the last day of its year.
const daysInEra = 146_097;

function dayNumber(year: number, month: number, dayOfMonth: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  return era * daysInEra + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
}

function civilDate(day: number): string {
  const era = Math.floor(day / daysInEra);
  const dayOfEra = day - era * daysInEra;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  const year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/**
 * Instants close to the first instant of a month in a zone (so: close to local midnight after a month's last day),
 * a third of them after 31 December. The local midnight is aimed at from UTC midnight by the zone's usual offsets
 * (`offsetsHours`), then moved by up to a few seconds, so that both sides of it come up often; some are anywhere
 * within a day and a half of it.
 */
export function nearMonthEnds(offsetsHours: readonly number[], years: { min: number; max: number } = { min: 1971, max: 2099 }): fc.Arbitrary<number> {
  const firstOfMonth = fc
    .record({ year: fc.integer(years), month: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 })) })
    .map(({ year, month }) => Date.UTC(year, month - 1, 1));
  const nearMidnight = fc
    .record({ offset: fc.constantFrom(...offsetsHours), jitter: fc.integer({ min: -5_000, max: 5_000 }) })
    .map(({ offset, jitter }) => -offset * hour + jitter);
  const withinADay = fc.integer({ min: -36 * hour, max: 36 * hour });
  return fc.tuple(firstOfMonth, fc.oneof(nearMidnight, withinADay)).map(([first, shift]) => first + shift);
}
