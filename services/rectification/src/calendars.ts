import type { WorkingDayCalendars } from '@ledger/calendar';
import { fold } from '@ledger/decider';
import { type EventStore, loadStream } from '@ledger/eventstore';
import { type CalendarState, type RectificationDeadlinePolicy, calendarDecider, deadlinePolicyDecider } from './domain/index.ts';
import { deadlinePolicyStream, workingCalendarStream } from './streams.ts';

/** Every adopted version of the deadline policy (none: version 1, the SPEC's numbers, is in force). */
export async function loadDeadlinePolicies(store: EventStore): Promise<readonly RectificationDeadlinePolicy[]> {
  return fold(deadlinePolicyDecider, await loadStream(store, deadlinePolicyStream)).adopted;
}

/** The recorded calendar of a year (version 0: none recorded). */
export async function loadYearCalendar(store: EventStore, year: number): Promise<CalendarState> {
  return fold(calendarDecider, await loadStream(store, workingCalendarStream(year)));
}

/** The calendars of `years` as the working-day arithmetic takes them; a year without one is left out (weekends only). */
export async function loadWorkingDayCalendars(store: EventStore, years: readonly number[]): Promise<WorkingDayCalendars> {
  const calendars: Record<number, { holidays: string[]; workdays: string[] }> = {};
  for (const year of new Set(years)) {
    const state = await loadYearCalendar(store, year);
    if (state.version > 0) calendars[year] = { holidays: state.holidays, workdays: state.workdays };
  }
  return calendars;
}
