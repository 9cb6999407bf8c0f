import * as fc from 'fast-check';

/**
 * An oracle for property tests of anything that takes local dates and deadlines from the calendar: it shares none
 * of the calendar's arithmetic. Intl.DateTimeFormat with `timeZone` reads the local wall clock; days are counted on
 * dates with Date.UTC. And the instants where calendars go wrong: near local midnight at month and year ends.
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
 * `YYYY-MM-DD` plus `days`: civil-date arithmetic with no instant and no zone in it (Date.UTC serves as a plain
 * Gregorian day counter), kept apart from the Temporal code the property tests check it against.
 */
export function addDays(date: string, days: number): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, dayOfMonth + days)).toISOString().slice(0, 10);
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
