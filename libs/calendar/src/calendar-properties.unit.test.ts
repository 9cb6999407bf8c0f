import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WorkingDayCalendars, calendarIn } from './index.ts';
import { addDays, isMidnight, nearMonthEnds, wallClock } from './testing/index.ts';

/**
 * Properties of the calendar over instants near local midnight on 31 December and at month ends, checked
 * against the oracle of `@ledger/calendar/testing`, which shares none of its arithmetic.
 */

const hour = 3_600_000;
const day = 24 * hour;

const iso = (ms: number) => new Date(ms).toISOString();
const isWeekendDate = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** A year's calendar from day indexes: the worked days kept to weekend days, no day both off and worked. */
function yearCalendarOf(year: number, indexes: { offs: number[]; worked: number[] }) {
  const dates = (list: number[]) => list.map((index) => addDays(`${year}-01-01`, index)).filter((date) => date.startsWith(String(year)));
  const workdays = dates(indexes.worked).filter(isWeekendDate);
  return { holidays: dates(indexes.offs).filter((date) => !workdays.includes(date)), workdays };
}

const zones = [
  { timeZone: 'Asia/Shanghai', offsets: [8] },
  { timeZone: 'Europe/Berlin', offsets: [1, 2] },
  { timeZone: 'America/New_York', offsets: [-5, -4] },
] as const;

const runs = { numRuns: 200 };

describe.each(zones)('the local calendar in $timeZone', ({ timeZone, offsets }) => {
  const calendar = calendarIn(timeZone);
  const instants = nearMonthEnds(offsets);
  it('gives the year, month and date the oracle reads on the local wall clock', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const local = wallClock(ms, timeZone).date;
        expect(calendar.dateOf(iso(ms))).toBe(local);
        expect(calendar.monthOf(iso(ms))).toBe(local.slice(0, 7));
        expect(calendar.yearOf(iso(ms))).toBe(Number(local.slice(0, 4)));
      }),
      runs,
    );
  });

  it('gives the same dates when asked again and again around a day it remembers, across daylight saving changes too', () => {
    // Remembered days answer by comparison: every instant within two days of one asked before must still agree.
    const daysAround = fc.oneof(instants, fc.constantFrom(Date.parse('2026-03-29T00:30:00Z'), Date.parse('2026-03-08T06:00:00Z'), Date.parse('2026-10-25T00:30:00Z'), Date.parse('2026-11-01T05:00:00Z')));
    fc.assert(
      fc.property(daysAround, fc.array(fc.integer({ min: -2 * day, max: 2 * day }), { minLength: 1, maxLength: 20 }), (ms, shifts) => {
        for (const shift of [0, ...shifts, 0]) expect(calendar.dateOf(iso(ms + shift))).toBe(wallClock(ms + shift, timeZone).date);
      }),
      { numRuns: 100 },
    );
  });

  it('puts every instant inside the periods of its day, month and year, which start at local midnight', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const date = calendar.dateOf(iso(ms));
        const periods = [calendar.dayPeriod(date), calendar.monthPeriod(date.slice(0, 7)), calendar.yearPeriod(Number(date.slice(0, 4)))];
        const firsts = [date, `${date.slice(0, 7)}-01`, `${date.slice(0, 4)}-01-01`];
        periods.forEach((period, index) => {
          const [start, end] = [Date.parse(period.start), Date.parse(period.end)];
          expect(start <= ms && ms < end).toBe(true);
          expect(wallClock(start, timeZone)).toEqual({ date: firsts[index], hour: 0, minute: 0, second: 0, millisecond: 0 });
          expect(isMidnight(wallClock(end, timeZone))).toBe(true);
          // The instant before the end still belongs to the period's last day.
          expect(calendar.dateOf(iso(end - 1)) < wallClock(end, timeZone).date).toBe(true);
        });
      }),
      runs,
    );
  });

  it('sets a deadline of N calendar days at the local midnight that ends the N-th day after the start day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 400 }), (ms, days) => {
        const due = calendar.calendarDaysDeadline(iso(ms), days);
        const dueMs = Date.parse(due);
        const startDay = wallClock(ms, timeZone).date;
        expect(isMidnight(wallClock(dueMs, timeZone))).toBe(true);
        expect(wallClock(dueMs, timeZone).date).toBe(addDays(startDay, days + 1));
        expect(wallClock(dueMs - 1, timeZone).date).toBe(addDays(startDay, days));
        expect(calendar.isPastDeadline(due, due)).toBe(true);
        expect(calendar.isPastDeadline(iso(dueMs - 1), due)).toBe(false);
      }),
      runs,
    );
  });

  it('never moves a deadline earlier for a later start or more days', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 3 * day }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 5 }), (ms, later, days, more) => {
        const due = Date.parse(calendar.calendarDaysDeadline(iso(ms), days));
        expect(due).toBeGreaterThan(ms);
        expect(Date.parse(calendar.calendarDaysDeadline(iso(ms + later), days))).toBeGreaterThanOrEqual(due);
        expect(Date.parse(calendar.calendarDaysDeadline(iso(ms), days + more))).toBeGreaterThanOrEqual(due);
      }),
      runs,
    );
  });

  it('sets a deadline of N working days at the local midnight after the N-th working day, counting recorded holidays and worked weekend days', () => {
    // Days off and worked days of a year as day indexes: the property makes them dates of the instant's years.
    const yearIndexes = fc.record({
      offs: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 40 }),
      worked: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 30 }), yearIndexes, fc.option(yearIndexes, { nil: undefined }), (ms, workingDays, thisYear, nextYear) => {
        const year = Number(wallClock(ms, timeZone).date.slice(0, 4));
        const calendars: Record<number, { holidays: string[]; workdays: string[] }> = { [year]: yearCalendarOf(year, thisYear) };
        if (nextYear) calendars[year + 1] = yearCalendarOf(year + 1, nextYear);
        const answer = calendar.workingDaysDeadline(iso(ms), workingDays, calendars as WorkingDayCalendars);

        // The oracle: step day by day from the local start date.
        let date = wallClock(ms, timeZone).date;
        const assumed = new Set<number>();
        for (let counted = 0; counted < workingDays; ) {
          date = addDays(date, 1);
          const recorded = calendars[Number(date.slice(0, 4))];
          const weekend = isWeekendDate(date);
          if (!recorded) assumed.add(Number(date.slice(0, 4)));
          const working = recorded?.workdays.includes(date) || (!weekend && !recorded?.holidays.includes(date));
          if (working) counted += 1;
        }
        expect(answer.lastWorkingDay).toBe(date);
        expect([...answer.yearsWithoutCalendar]).toEqual([...assumed].toSorted((a, b) => a - b));
        const dueMs = Date.parse(answer.dueAt);
        expect(wallClock(dueMs, timeZone)).toEqual({ date: addDays(date, 1), hour: 0, minute: 0, second: 0, millisecond: 0 });
        expect(Date.parse(calendar.workingDaysDeadline(iso(ms + hour), workingDays, calendars as WorkingDayCalendars).dueAt)).toBeGreaterThanOrEqual(dueMs);
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with itself on windows of months: t is within the months before u exactly when it is at or after the window start', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 800 * day }), fc.integer({ min: 0, max: 30 }), fc.constantFrom('inclusive' as const, 'exclusive' as const), (ms, back, months, bounds) => {
        const [earlier, later] = [iso(ms - back), iso(ms)];
        const start = Date.parse(calendar.monthsWindowStart(later, months, bounds));
        expect(isMidnight(wallClock(start, timeZone))).toBe(true);
        expect(calendar.withinMonths(earlier, later, months, bounds)).toBe(ms - back >= start);
        expect(calendar.withinMonths(later, earlier, months, bounds)).toBe(ms - back >= start);
      }),
      runs,
    );
  });
});
