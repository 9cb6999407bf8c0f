import { describe, expect, it } from 'vitest';
import {
  InvalidInstantError,
  InvalidLocalDateError,
  InvalidZoneHistoryError,
  UnknownTimeZoneError,
  assertTimeZone,
  calendarIn,
  calendarOfZones,
  followingCalendar,
  isWorkingDay,
  timeZoneProblem,
  toUtcIso,
  yearCalendarProblems,
} from './index.ts';

const shanghai = calendarIn('Asia/Shanghai');

describe('years, months and dates of an instant, in the ledger zone', () => {
  it('counts 07:00 on 1 January in Beijing in the new year, where UTC still says the old one', () => {
    const instant = '2026-01-01T07:00:00+08:00';
    expect(new Date(instant).getUTCFullYear()).toBe(2025);
    expect(shanghai.yearOf(instant)).toBe(2026);
    expect(shanghai.monthOf(instant)).toBe('2026-01');
    expect(shanghai.dateOf(instant)).toBe('2026-01-01');
  });

  it('takes the same instant in whatever offset it is written, or as a Date', () => {
    for (const written of ['2025-12-31T16:30:00Z', '2025-12-31T17:30:00+01:00', '2025-12-31T11:30:00-05:00', new Date('2025-12-31T16:30:00Z')]) {
      expect(shanghai.dateOf(written)).toBe('2026-01-01');
    }
    expect(shanghai.dateOf('2025-12-31T15:59:59.999Z')).toBe('2025-12-31');
  });

  it('answers in the zone it is given: the same instant is 31 December in New York', () => {
    const newYork = calendarIn('America/New_York');
    expect(newYork.yearOf('2026-01-01T07:00:00+08:00')).toBe(2025);
    expect(newYork.monthOf('2026-01-01T07:00:00+08:00')).toBe('2025-12');
  });
});

describe('periods: the instants of a local year, month and day', () => {
  it('gives a year from local midnight on 1 January to the next one (ratings of 2026)', () => {
    expect(shanghai.yearPeriod(2026)).toEqual({ start: '2026-01-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00' });
    expect(shanghai.monthPeriod('2026-02')).toEqual({ start: '2026-02-01T00:00:00+08:00', end: '2026-03-01T00:00:00+08:00' });
    expect(shanghai.dayPeriod('2024-02-29')).toEqual({ start: '2024-02-29T00:00:00+08:00', end: '2024-03-01T00:00:00+08:00' });
  });

  it('gives 23- and 25-hour days where daylight saving time starts and ends (America/New_York, 2026)', () => {
    const newYork = calendarIn('America/New_York');
    expect(newYork.dayPeriod('2026-03-08')).toEqual({ start: '2026-03-08T00:00:00-05:00', end: '2026-03-09T00:00:00-04:00' });
    expect(newYork.dayPeriod('2026-11-01')).toEqual({ start: '2026-11-01T00:00:00-04:00', end: '2026-11-02T00:00:00-05:00' });
    expect(newYork.yearPeriod(2026)).toEqual({ start: '2026-01-01T00:00:00-05:00', end: '2027-01-01T00:00:00-05:00' });
  });

  it('starts a day whose midnight did not exist at its first instant (São Paulo, 4 November 2018 began at 01:00)', () => {
    expect(calendarIn('America/Sao_Paulo').dayPeriod('2018-11-04').start).toBe('2018-11-04T01:00:00-02:00');
  });

  it('gives UTC text that read stores compare as text', () => {
    expect(toUtcIso(shanghai.yearPeriod(2026).start)).toBe('2025-12-31T16:00:00.000Z');
  });

  it('refuses a date, month or year that does not exist, naming it', () => {
    expect(() => shanghai.dayPeriod('2026-02-30')).toThrow(InvalidLocalDateError);
    expect(() => shanghai.monthPeriod('2026-13')).toThrow(/2026-13/);
    expect(() => shanghai.monthPeriod('2026-3')).toThrow(InvalidLocalDateError);
    expect(() => shanghai.yearPeriod(2026.5)).toThrow(InvalidLocalDateError);
  });
});

describe('deadlines in calendar days (SPEC "Local time": the start day is not counted)', () => {
  it('received 3 March 10:00 +08:00, 15 days: due 19 March 00:00 +08:00, the end of 18 March', () => {
    expect(shanghai.calendarDaysDeadline('2026-03-03T10:00:00+08:00', 15)).toBe('2026-03-19T00:00:00+08:00');
  });

  it('counts from the local day, whatever the hour and the offset it was written in', () => {
    // 3 March 00:30 in Beijing is still 2 March in UTC: a UTC calendar would make it due a day early.
    expect(shanghai.calendarDaysDeadline('2026-03-02T16:30:00Z', 15)).toBe('2026-03-19T00:00:00+08:00');
    expect(shanghai.calendarDaysDeadline('2026-03-03T23:59:59.999+08:00', 15)).toBe('2026-03-19T00:00:00+08:00');
    expect(shanghai.calendarDaysDeadline('2026-03-02T15:59:59.999Z', 15)).toBe('2026-03-18T00:00:00+08:00');
  });

  it('ends at local midnight across a change to summer time (Europe/Berlin, 29 March 2026)', () => {
    const berlin = calendarIn('Europe/Berlin');
    expect(berlin.calendarDaysDeadline('2026-03-20T10:00:00+01:00', 10)).toBe('2026-03-31T00:00:00+02:00');
    expect(berlin.calendarDaysDeadline('2026-10-20T10:00:00+02:00', 10)).toBe('2026-10-31T00:00:00+01:00');
  });

  it('is past from the deadline instant on, not a millisecond before', () => {
    const due = shanghai.calendarDaysDeadline('2026-03-03T10:00:00+08:00', 15);
    expect(shanghai.isPastDeadline('2026-03-18T23:59:59.999+08:00', due)).toBe(false);
    expect(shanghai.isPastDeadline('2026-03-18T16:00:00Z', due)).toBe(true);
    expect(shanghai.isPastDeadline('2026-04-01T00:00:00+08:00', due)).toBe(true);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => shanghai.calendarDaysDeadline('2026-03-03T10:00:00+08:00', -1)).toThrow(/days must be a whole number/);
    expect(() => shanghai.calendarDaysDeadline('2026-03-03T10:00:00+08:00', 1.5)).toThrow(RangeError);
  });
});

describe('windows of months (SPEC 4.8)', () => {
  it('has 1 February 2024 and 1 February 2026 within 24 months when both ends count, not otherwise', () => {
    const first = '2024-02-01T09:00:00+08:00';
    const last = '2026-02-01T17:00:00+08:00';
    expect(shanghai.withinMonths(first, last, 24, 'inclusive')).toBe(true);
    expect(shanghai.withinMonths(last, first, 24, 'inclusive')).toBe(true);
    expect(shanghai.withinMonths(first, last, 24, 'exclusive')).toBe(false);
    expect(shanghai.withinMonths(first, '2026-02-02T00:00:00+08:00', 24, 'inclusive')).toBe(false);
    expect(shanghai.withinMonths('2024-02-02T00:00:00+08:00', last, 24, 'exclusive')).toBe(true);
  });

  it('compares local dates: 1 February 01:00 in Beijing is 31 January in UTC', () => {
    expect(shanghai.withinMonths('2024-01-31T17:00:00Z', '2026-02-01T09:00:00+08:00', 24, 'inclusive')).toBe(true);
    expect(calendarIn('UTC').withinMonths('2024-01-31T17:00:00Z', '2026-02-01T09:00:00+08:00', 24, 'inclusive')).toBe(false);
  });

  it('starts the last 24 months at local midnight of the same date two years before', () => {
    expect(shanghai.monthsWindowStart('2026-02-01T17:00:00+08:00', 24, 'inclusive')).toBe('2024-02-01T00:00:00+08:00');
    expect(shanghai.monthsWindowStart('2026-02-01T17:00:00+08:00', 24, 'exclusive')).toBe('2024-02-02T00:00:00+08:00');
    // A month without the day counts back to its last day.
    expect(shanghai.monthsWindowStart('2026-03-31T12:00:00+08:00', 1, 'inclusive')).toBe('2026-02-28T00:00:00+08:00');
  });

  it('refuses bounds other than inclusive or exclusive', () => {
    expect(() => shanghai.withinMonths('2024-02-01T09:00:00+08:00', '2026-02-01T17:00:00+08:00', 24, 'both' as never)).toThrow(/bounds/);
  });
});

describe('working days (SPEC 11)', () => {
  const calendars = { 2026: { holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-09-27'] } };

  it('rated Friday 25 Sep 2026 10:00 +08:00, 1–7 Oct holidays, Sunday 27 Sep worked: 5 working days are due at the end of 8 Oct', () => {
    expect(shanghai.workingDaysDeadline('2026-09-25T10:00:00+08:00', 5, calendars)).toEqual({
      dueAt: '2026-10-09T00:00:00+08:00',
      lastWorkingDay: '2026-10-08',
      yearsWithoutCalendar: [],
    });
  });

  it('uses weekends only for a year with no calendar recorded, and says which years it assumed', () => {
    expect(shanghai.workingDaysDeadline('2026-09-25T10:00:00+08:00', 5, {})).toEqual({
      dueAt: '2026-10-03T00:00:00+08:00',
      lastWorkingDay: '2026-10-02',
      yearsWithoutCalendar: [2026],
    });
    // Across the new year: 2026 is recorded (31 Dec is a Thursday), 2027 is not.
    expect(shanghai.workingDaysDeadline('2026-12-30T10:00:00+08:00', 5, { 2026: { holidays: [], workdays: [] } })).toEqual({
      dueAt: '2027-01-07T00:00:00+08:00',
      lastWorkingDay: '2027-01-06',
      yearsWithoutCalendar: [2027],
    });
  });

  it('does not count the start day even when it is a working day, nor a holiday it starts on', () => {
    expect(shanghai.workingDaysDeadline('2026-09-28T08:00:00+08:00', 1, calendars).lastWorkingDay).toBe('2026-09-29');
    expect(shanghai.workingDaysDeadline('2026-10-03T08:00:00+08:00', 1, calendars).lastWorkingDay).toBe('2026-10-08');
    // The local day decides: 27 Sep 23:30 UTC is already Monday 28 Sep in Beijing.
    expect(shanghai.workingDaysDeadline('2026-09-27T23:30:00Z', 1, calendars).lastWorkingDay).toBe('2026-09-29');
  });

  it('tells a working day from a day off, and whether a calendar said so', () => {
    expect(isWorkingDay('2026-09-27', calendars)).toEqual({ working: true, calendarRecorded: true });
    expect(isWorkingDay('2026-10-05', calendars)).toEqual({ working: false, calendarRecorded: true });
    expect(isWorkingDay('2026-10-10', calendars)).toEqual({ working: false, calendarRecorded: true });
    expect(isWorkingDay('2027-01-04', calendars)).toEqual({ working: true, calendarRecorded: false });
  });

  it('names every problem of a year calendar', () => {
    expect(yearCalendarProblems(2026, calendars[2026])).toEqual([]);
    expect(
      yearCalendarProblems(2026, { holidays: ['2026-10-01', '2026-10-01', '2025-12-31', '2026-02-30', '2026-09-27'], workdays: ['2026-09-27', '2026-09-28'] }),
    ).toEqual([
      'holidays[1]: 2026-10-01 is listed twice',
      'holidays[2]: 2025-12-31 is not in 2026',
      'holidays[3]: "2026-02-30" is not a date YYYY-MM-DD that exists',
      'workdays[0]: 2026-09-27 is both a holiday and an adjusted working day',
      'workdays[1]: 2026-09-28 is a weekday, which is a working day already',
    ]);
  });
});

describe('time zones', () => {
  it('refuses an unknown zone or a bare offset with a clear error naming it', () => {
    expect(() => calendarIn('Asia/Shangai')).toThrow(UnknownTimeZoneError);
    expect(() => calendarIn('Asia/Shangai')).toThrow('unknown time zone "Asia/Shangai": not in the time zone database; expected an IANA time zone name such as Asia/Shanghai');
    expect(timeZoneProblem('+08:00')).toMatch(/a fixed offset is not a time zone/);
    expect(timeZoneProblem('')).toMatch(/expected an IANA time zone name/);
    expect(timeZoneProblem('Europe/Berlin')).toBeUndefined();
  });

  it('spells a zone as the time zone database does', () => {
    expect(assertTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(calendarIn('europe/berlin').latestZone).toBe('Europe/Berlin');
  });

  it('reads instants in every ISO form with an offset, exactly, and refuses dates that do not exist', () => {
    expect(shanghai.format('2026-03-03T10:00+08:00')).toBe('2026-03-03T10:00:00+08:00');
    expect(shanghai.format('2026-03-03T02:00:00.5Z')).toBe('2026-03-03T10:00:00.5+08:00');
    expect(shanghai.format('2026-03-03T02:00:00.123456789Z')).toBe('2026-03-03T10:00:00.123456789+08:00');
    expect(shanghai.format('2026-03-03T10:00:00+08:00[Asia/Shanghai]')).toBe('2026-03-03T10:00:00+08:00');
    expect(shanghai.dateOf('0099-12-31T23:00:00Z')).toBe('0100-01-01');
    for (const bad of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-03T24:00:00Z', '2026-03-03T10:00:00+24:00', '2026-03-03 10:00']) {
      expect(() => shanghai.dateOf(bad), bad).toThrow(InvalidInstantError);
    }
  });

  it('refuses an instant without an offset instead of guessing a zone', () => {
    expect(() => shanghai.yearOf('2026-01-01T07:00:00')).toThrow(InvalidInstantError);
    expect(() => shanghai.yearOf('yesterday')).toThrow(/not an instant/);
    expect(() => shanghai.yearOf(new Date(Number.NaN))).toThrow(InvalidInstantError);
  });
});

describe('a history of zones: the zone in force at each instant', () => {
  // Beijing until 1 July 2026 00:00 +08:00 (30 June 18:00 in Berlin), Berlin from then on.
  const change = '2026-07-01T00:00:00+08:00';
  const moved = calendarOfZones([{ timeZone: 'Asia/Shanghai' }, { timeZone: 'Europe/Berlin', from: change }]);

  it('answers with the zone in force at the instant', () => {
    expect(moved.zoneAt('2026-06-30T15:59:59.999Z')).toBe('Asia/Shanghai');
    expect(moved.zoneAt(change)).toBe('Europe/Berlin');
    expect(moved.latestZone).toBe('Europe/Berlin');
    expect(moved.dateOf('2026-06-30T15:59:59.999Z')).toBe('2026-06-30');
    expect(moved.dateOf(change)).toBe('2026-06-30');
    expect(moved.yearOf('2025-12-31T16:30:00Z')).toBe(2026);
    expect(moved.yearOf('2026-12-31T23:30:00Z')).toBe(2027);
  });

  it('starts each local day where the zone in force then starts it', () => {
    expect(moved.dayPeriod('2026-06-30')).toEqual({ start: '2026-06-30T00:00:00+08:00', end: '2026-07-01T00:00:00+02:00' });
    expect(moved.yearPeriod(2026)).toEqual({ start: '2026-01-01T00:00:00+08:00', end: '2027-01-01T00:00:00+01:00' });
    expect(moved.calendarDaysDeadline('2026-06-20T10:00:00+08:00', 15)).toBe('2026-07-06T00:00:00+02:00');
    expect(moved.format('2026-06-20T02:00:00Z')).toBe('2026-06-20T10:00:00+08:00');
    expect(moved.format('2026-08-01T02:00:00Z')).toBe('2026-08-01T04:00:00+02:00');
  });

  it('refuses a history out of order, or whose first zone has a start', () => {
    expect(() => calendarOfZones([])).toThrow(InvalidZoneHistoryError);
    expect(() => calendarOfZones([{ timeZone: 'Asia/Shanghai', from: change }])).toThrow(/first zone applies from the beginning/);
    expect(() =>
      calendarOfZones([{ timeZone: 'Asia/Shanghai' }, { timeZone: 'Europe/Berlin', from: change }, { timeZone: 'Asia/Tokyo', from: '2026-01-01T00:00:00Z' }]),
    ).toThrow(/must apply after/);
    expect(() => calendarOfZones([{ timeZone: 'Asia/Shanghai' }, { timeZone: 'Mars/Olympus', from: change }])).toThrow(UnknownTimeZoneError);
  });

  it('can be followed: a handed-out calendar answers with the newest history', () => {
    let current = calendarIn('Asia/Shanghai');
    const followed = followingCalendar(() => current);
    expect(followed.zoneAt('2026-08-01T00:00:00Z')).toBe('Asia/Shanghai');
    current = moved;
    expect(followed.zoneAt('2026-08-01T00:00:00Z')).toBe('Europe/Berlin');
    expect(followed.zones).toEqual([{ timeZone: 'Asia/Shanghai' }, { timeZone: 'Europe/Berlin', from: change }]);
  });
});
