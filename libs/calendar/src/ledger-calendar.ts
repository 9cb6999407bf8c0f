import { Temporal } from 'temporal-polyfill';
import { type InstantInput, formatInstant, toInstant } from './instants.ts';
import { type LocalDate, type LocalMonth, assertCount, assertYear, parseLocalDate, parseLocalMonth } from './local-dates.ts';
import { type WorkingDayCalendars, nthWorkingDayAfter } from './working-days.ts';
import { type ZoneResolver, type ZoneSpan, zoneResolver } from './zone-history.ts';

/**
 * A local period as instants: `start` is its first instant, `end` the first instant after it (exclusive),
 * so that consecutive periods meet without overlap. "Ratings of 2026": `start <= ratedAt < end`.
 */
export interface LocalPeriod {
  readonly start: string;
  readonly end: string;
}

/** How a window of months treats its two ends (SPEC 4.8: the ladder's 24 months include both). */
export type WindowBounds = 'inclusive' | 'exclusive';

export interface WorkingDaysDeadline {
  /** The end of the last working day counted: the instant its next local day starts. */
  readonly dueAt: string;
  /** The N-th working day after the start day. */
  readonly lastWorkingDay: LocalDate;
  /**
   * Years that had no recorded calendar on the way, where only weekends were taken as days off. Empty
   * when every day counted was known; otherwise the deadline may move once the calendar is recorded.
   */
  readonly yearsWithoutCalendar: readonly number[];
}

/**
 * The ledger's one local calendar (SPEC "Local time"). Every answer is taken in the zone in force at the
 * instant concerned, from the zone history the ledger recorded; instants are ISO 8601 text with an
 * offset (or Dates), dates `YYYY-MM-DD`, months `YYYY-MM`. Instants it returns carry the offset of the zone
 * in force (`2026-03-19T00:00:00+08:00`); use `toUtcIso` for text that read stores compare.
 */
export interface LedgerCalendar {
  /** The zone history, oldest first; the first span has no `from`. */
  readonly zones: readonly ZoneSpan[];
  /** The zone that applies to `instant`. */
  zoneAt(instant: InstantInput): string;
  /** The zone that applies from the last recorded change on (what a start is configured with). */
  readonly latestZone: string;

  /** The local calendar year of an instant (the year a complaint counts in, an assessment year). */
  yearOf(instant: InstantInput): number;
  /** The local month `YYYY-MM` of an instant (the month of a rating or a statistic). */
  monthOf(instant: InstantInput): LocalMonth;
  /** The local date `YYYY-MM-DD` of an instant. */
  dateOf(instant: InstantInput): LocalDate;

  /** The instants of a local year: `[start, end)`. */
  yearPeriod(year: number): LocalPeriod;
  /** The instants of a local month `YYYY-MM`: `[start, end)`. */
  monthPeriod(month: LocalMonth): LocalPeriod;
  /** The instants of a local date `YYYY-MM-DD`: `[start, end)`. */
  dayPeriod(date: LocalDate): LocalPeriod;

  /**
   * A deadline of `days` calendar days from `from` (SPEC: the start day is not counted; due at the end of
   * the N-th local day): the instant the local day N + 1 after the start day begins. Received 3 March
   * 10:00 +08:00, 15 days: due 19 March 00:00 +08:00.
   */
  calendarDaysDeadline(from: InstantInput, days: number): string;
  /**
   * A deadline of `workingDays` working days from `from` (SPEC 11), ending at the end of the N-th working
   * day after the start day, with the years for which no calendar was recorded (weekends only).
   */
  workingDaysDeadline(from: InstantInput, workingDays: number, calendars: WorkingDayCalendars): WorkingDaysDeadline;
  /** Whether `at` is past the deadline `dueAt`: at or after the instant the deadline's last day ended. */
  isPastDeadline(at: InstantInput, dueAt: InstantInput): boolean;

  /**
   * Whether two instants lie within `months` months of each other, by their local dates (SPEC 4.8:
   * 1 Feb 2024 and 1 Feb 2026 are within 24 months, inclusive). The order of the two does not matter.
   */
  withinMonths(a: InstantInput, b: InstantInput, months: number, bounds: WindowBounds): boolean;
  /**
   * The first instant of the window of `months` months that ends at `at` ("the last 24 months"): an
   * instant `t <= at` is within the window exactly when `withinMonths(t, at, months, bounds)`.
   */
  monthsWindowStart(at: InstantInput, months: number, bounds: WindowBounds): string;

  /** ISO text of an instant in the zone in force then (for display: `2026-03-03T10:00:00+08:00`). */
  format(instant: InstantInput): string;
}

class ZoneHistoryCalendar implements LedgerCalendar {
  readonly #zones: ZoneResolver;

  constructor(zones: ZoneResolver) {
    this.#zones = zones;
  }

  get zones(): readonly ZoneSpan[] {
    return this.#zones.spans;
  }

  get latestZone(): string {
    return this.#zones.spans.at(-1)!.timeZone;
  }

  zoneAt(instant: InstantInput): string {
    return this.#zones.zoneAt(toInstant(instant));
  }

  yearOf(instant: InstantInput): number {
    return this.#day(instant).year;
  }

  monthOf(instant: InstantInput): LocalMonth {
    return this.#day(instant).month;
  }

  dateOf(instant: InstantInput): LocalDate {
    return this.#day(instant).text;
  }

  yearPeriod(year: number): LocalPeriod {
    const first = Temporal.PlainDate.from({ year: assertYear(year), month: 1, day: 1 });
    return this.#period(first, first.add({ years: 1 }));
  }

  monthPeriod(month: LocalMonth): LocalPeriod {
    const first = parseLocalMonth(month).toPlainDate({ day: 1 });
    return this.#period(first, first.add({ months: 1 }));
  }

  dayPeriod(date: LocalDate): LocalPeriod {
    const day = parseLocalDate(date);
    return this.#period(day, day.add({ days: 1 }));
  }

  calendarDaysDeadline(from: InstantInput, days: number): string {
    const lastDay = this.#date(from).add({ days: assertCount(days, 'days') });
    return this.#startOf(lastDay.add({ days: 1 }));
  }

  workingDaysDeadline(from: InstantInput, workingDays: number, calendars: WorkingDayCalendars): WorkingDaysDeadline {
    const { date, yearsWithoutCalendar } = nthWorkingDayAfter(this.#date(from), assertCount(workingDays, 'working days'), calendars);
    return { dueAt: this.#startOf(date.add({ days: 1 })), lastWorkingDay: date.toString(), yearsWithoutCalendar };
  }

  isPastDeadline(at: InstantInput, dueAt: InstantInput): boolean {
    return Temporal.Instant.compare(toInstant(at), toInstant(dueAt)) >= 0;
  }

  withinMonths(a: InstantInput, b: InstantInput, months: number, bounds: WindowBounds): boolean {
    const [earlier, later] = [toInstant(a), toInstant(b)].toSorted(Temporal.Instant.compare) as [Temporal.Instant, Temporal.Instant];
    const firstDate = this.#windowFirstDate(this.#zones.dateOf(later).date, months, bounds);
    return Temporal.PlainDate.compare(this.#zones.dateOf(earlier).date, firstDate) >= 0;
  }

  monthsWindowStart(at: InstantInput, months: number, bounds: WindowBounds): string {
    return this.#startOf(this.#windowFirstDate(this.#date(at), months, bounds));
  }

  format(instant: InstantInput): string {
    const parsed = toInstant(instant);
    return formatInstant(parsed, this.#zones.zoneAt(parsed));
  }

  #day(instant: InstantInput) {
    return this.#zones.dateOf(toInstant(instant));
  }

  #date(instant: InstantInput): Temporal.PlainDate {
    return this.#day(instant).date;
  }

  #startOf(date: Temporal.PlainDate): string {
    return this.#zones.startOf(date).text;
  }

  #period(first: Temporal.PlainDate, next: Temporal.PlainDate): LocalPeriod {
    return { start: this.#startOf(first), end: this.#startOf(next) };
  }

  /** The first local date of a window of months ending on `lastDate`: counted back, the end day included or not. */
  #windowFirstDate(lastDate: Temporal.PlainDate, months: number, bounds: WindowBounds): Temporal.PlainDate {
    if (bounds !== 'inclusive' && bounds !== 'exclusive') throw new RangeError(`bounds must be "inclusive" or "exclusive", got ${JSON.stringify(bounds)}`);
    const back = lastDate.subtract({ months: assertCount(months, 'months') });
    return bounds === 'inclusive' ? back : back.add({ days: 1 });
  }
}

/** The calendar of a zone history (the ledger's recorded zones, oldest first). */
export function calendarOfZones(zones: readonly ZoneSpan[]): LedgerCalendar {
  return new ZoneHistoryCalendar(zoneResolver(zones));
}

/** The calendar of one zone for all time; throws UnknownTimeZoneError for a name it cannot use. */
export function calendarIn(timeZone: string): LedgerCalendar {
  return calendarOfZones([{ timeZone }]);
}

/**
 * A calendar that answers with whatever calendar `current()` gives at each call: for a process that
 * follows the ledger's recorded zones while it runs (a change recorded by another process), handed out
 * once and never stale.
 */
export function followingCalendar(current: () => LedgerCalendar): LedgerCalendar {
  return {
    get zones() {
      return current().zones;
    },
    get latestZone() {
      return current().latestZone;
    },
    zoneAt: (instant) => current().zoneAt(instant),
    yearOf: (instant) => current().yearOf(instant),
    monthOf: (instant) => current().monthOf(instant),
    dateOf: (instant) => current().dateOf(instant),
    yearPeriod: (year) => current().yearPeriod(year),
    monthPeriod: (month) => current().monthPeriod(month),
    dayPeriod: (date) => current().dayPeriod(date),
    calendarDaysDeadline: (from, days) => current().calendarDaysDeadline(from, days),
    workingDaysDeadline: (from, workingDays, calendars) => current().workingDaysDeadline(from, workingDays, calendars),
    isPastDeadline: (at, dueAt) => current().isPastDeadline(at, dueAt),
    withinMonths: (a, b, months, bounds) => current().withinMonths(a, b, months, bounds),
    monthsWindowStart: (at, months, bounds) => current().monthsWindowStart(at, months, bounds),
    format: (instant) => current().format(instant),
  };
}
