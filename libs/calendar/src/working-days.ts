import type { Temporal } from 'temporal-polyfill';
import { type LocalDate, isLocalDate, parseLocalDate } from './local-dates.ts';

/**
 * One year's working-day calendar, as the evaluation office records it (SPEC "Local time", 11): the
 * public holidays, and the adjusted working days [调休上班日], weekend days that are worked instead.
 */
export interface YearCalendar {
  readonly holidays: readonly LocalDate[];
  readonly workdays: readonly LocalDate[];
}

/** The recorded calendars by year (`{ 2026: { holidays, workdays } }`); a missing year has none recorded. */
export type WorkingDayCalendars = Readonly<Partial<Record<number, YearCalendar>>>;

/** Whether a date is worked, and whether a recorded calendar said so or only the weekend rule did. */
export interface WorkingDayAnswer {
  readonly working: boolean;
  /** False when the date's year has no calendar recorded: the answer knows weekends only. */
  readonly calendarRecorded: boolean;
}

const isWeekend = (date: Temporal.PlainDate) => date.dayOfWeek >= 6;

/**
 * Every problem with a year's calendar, so that a policy command can name them all at once: malformed
 * or non-existent dates, dates of another year, a date listed twice, a date both holiday and working day,
 * and an adjusted working day that is not a weekend day (a weekday is worked anyway: likely a typing error).
 */
export function yearCalendarProblems(year: number, calendar: YearCalendar): string[] {
  const problems: string[] = [];
  const lists = { holidays: calendar.holidays, workdays: calendar.workdays };
  const seen = new Map<string, string>();
  for (const [list, dates] of Object.entries(lists)) {
    if (!Array.isArray(dates)) {
      problems.push(`${list}: expected a list of dates YYYY-MM-DD`);
      continue;
    }
    dates.forEach((date: unknown, index) => {
      const at = `${list}[${index}]`;
      if (!isLocalDate(date)) return void problems.push(`${at}: ${JSON.stringify(date)} is not a date YYYY-MM-DD that exists`);
      const parsed = parseLocalDate(date);
      if (parsed.year !== year) return void problems.push(`${at}: ${date} is not in ${year}`);
      const earlier = seen.get(date);
      if (earlier === list) return void problems.push(`${at}: ${date} is listed twice`);
      if (earlier) return void problems.push(`${at}: ${date} is both a holiday and an adjusted working day`);
      seen.set(date, list);
      if (list === 'workdays' && !isWeekend(parsed)) problems.push(`${at}: ${date} is a weekday, which is a working day already`);
    });
  }
  return problems;
}

/** Sets per year, made once per calendars object (they are small, but deadlines are asked often). */
const indexes = new WeakMap<object, Map<number, { holidays: Set<string>; workdays: Set<string> } | undefined>>();

function yearIndex(calendars: WorkingDayCalendars, year: number) {
  let byYear = indexes.get(calendars);
  if (!byYear) indexes.set(calendars, (byYear = new Map()));
  if (!byYear.has(year)) {
    const calendar = calendars[year];
    byYear.set(year, calendar ? { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) } : undefined);
  }
  return byYear.get(year);
}

function workingDayOf(date: Temporal.PlainDate, calendars: WorkingDayCalendars): WorkingDayAnswer {
  const index = yearIndex(calendars, date.year);
  if (!index) return { working: !isWeekend(date), calendarRecorded: false };
  const text = date.toString();
  if (index.workdays.has(text)) return { working: true, calendarRecorded: true };
  if (index.holidays.has(text)) return { working: false, calendarRecorded: true };
  return { working: !isWeekend(date), calendarRecorded: true };
}

/** Whether a local date is a working day: a weekday that is no holiday, or an adjusted working day. */
export function isWorkingDay(date: LocalDate, calendars: WorkingDayCalendars): WorkingDayAnswer {
  return workingDayOf(parseLocalDate(date), calendars);
}

/**
 * The N-th working day after `start` (the start day itself not counted, whatever it is), and the years
 * whose calendar was missing on the way, where weekends were the only days off.
 */
export function nthWorkingDayAfter(
  start: Temporal.PlainDate,
  workingDays: number,
  calendars: WorkingDayCalendars,
): { date: Temporal.PlainDate; yearsWithoutCalendar: number[] } {
  const assumed = new Set<number>();
  let date = start;
  // Ten years of days off in a row would be a broken calendar; stop instead of looping forever.
  const limit = start.add({ years: 10 + Math.ceil(workingDays / 200) });
  for (let counted = 0; counted < workingDays; ) {
    date = date.add({ days: 1 });
    if (date.year > limit.year) throw new RangeError(`no working day found from ${start.toString()} to ${date.toString()}: check the recorded calendars`);
    const answer = workingDayOf(date, calendars);
    if (!answer.calendarRecorded) assumed.add(date.year);
    if (answer.working) counted += 1;
  }
  return { date, yearsWithoutCalendar: [...assumed].toSorted((a, b) => a - b) };
}
