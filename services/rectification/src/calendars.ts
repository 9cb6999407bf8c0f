import type { WorkingDayCalendars } from '@ledger/calendar';
import { fold } from '@ledger/decider';
import type { RecordedEvent } from '@ledger/events';
import { type EventStore, type StreamStateCache, streamStateCache } from '@ledger/eventstore';
import { type CalendarState, type RectificationDeadlinePolicy, calendarDecider, deadlinePolicyDecider } from './domain/index.ts';
import { deadlinePolicyStream, workingCalendarStream, workingCalendarStreamPrefix } from './streams.ts';

/**
 * One cache a store of the folded states of one kind of stream (streamStateCache): the bad-review processor reads the
 * deadline policy and a year's calendar for every low rating, and either changes a few times a year; a change still
 * holds from the next read on.
 */
function cachedPerStore<State>(streamPrefix: string, foldEvents: (events: RecordedEvent[]) => State): (store: EventStore) => StreamStateCache<State> {
  const byStore = new WeakMap<EventStore, StreamStateCache<State>>();
  return (store) => {
    let cache = byStore.get(store);
    if (!cache) {
      cache = streamStateCache(store, { streamPrefix, fold: foldEvents });
      byStore.set(store, cache);
    }
    return cache;
  };
}

const calendarsOf = cachedPerStore(workingCalendarStreamPrefix, (events) => fold(calendarDecider, events));
const deadlinePoliciesOf = cachedPerStore(deadlinePolicyStream, (events) => fold(deadlinePolicyDecider, events).adopted);

/** Every adopted version of the deadline policy (none: version 1, the SPEC's numbers, is in force). */
export async function loadDeadlinePolicies(store: EventStore): Promise<readonly RectificationDeadlinePolicy[]> {
  return deadlinePoliciesOf(store).stateOf(deadlinePolicyStream);
}

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
