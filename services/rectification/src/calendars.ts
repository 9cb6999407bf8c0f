import type { WorkingDayCalendars } from '@ledger/calendar';
import { fold } from '@ledger/decider';
import { type EventStore, type StreamStateCache, loadStream, streamStateCache } from '@ledger/eventstore';
import { type CalendarState, type RectificationDeadlinePolicy, calendarDecider, deadlinePolicyDecider } from './domain/index.ts';
import { deadlinePolicyStream, workingCalendarStream, workingCalendarStreamPrefix } from './streams.ts';

/** Every adopted version of the deadline policy (none: version 1, the SPEC's numbers, is in force). */
export async function loadDeadlinePolicies(store: EventStore): Promise<readonly RectificationDeadlinePolicy[]> {
  return fold(deadlinePolicyDecider, await loadStream(store, deadlinePolicyStream)).adopted;
}

/**
 * The calendars' folded states, one cache a store (streamStateCache): the bad-review processor reads a year's calendar
 * for every low rating, and a calendar changes a few times a year; a change still holds from the next read on.
 */
const calendarsByStore = new WeakMap<EventStore, StreamStateCache<CalendarState>>();
const calendarsOf = (store: EventStore): StreamStateCache<CalendarState> => {
  let calendars = calendarsByStore.get(store);
  if (!calendars) {
    calendars = streamStateCache(store, { streamPrefix: workingCalendarStreamPrefix, fold: (events) => fold(calendarDecider, events) });
    calendarsByStore.set(store, calendars);
  }
  return calendars;
};

/** The recorded calendar of a year (version 0: none recorded). */
export async function loadYearCalendar(store: EventStore, year: number): Promise<CalendarState> {
  return calendarsOf(store).stateOf(workingCalendarStream(year));
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
