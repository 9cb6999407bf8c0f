import { type Decider, accept, refuse } from '@ledger/decider';
import { yearCalendarProblems } from '@ledger/calendar';
import type { EventOf, WorkingCalendarRecorded } from '@ledger/events';
import { checkInstant, checkNotFuture } from '@ledger/rules-kit';

// SPEC "Local time", 11: one year's working-day calendar, policy data the evaluation office records; each
// recording is a new version of the year (stream `working-calendar-<year>`) and the latest is in force.

export type CalendarEvent = EventOf<typeof WorkingCalendarRecorded>;
export interface CalendarState {
  year?: number;
  version: number;
  holidays: string[];
  workdays: string[];
  recordedAt?: string;
}
export interface RecordCalendar {
  year: number;
  holidays: string[];
  workdays: string[];
  at: string;
  now: string;
}

const sorted = (dates: readonly string[]) => [...dates].toSorted();

export const calendarDecider: Decider<RecordCalendar, CalendarState, CalendarEvent> = {
  initialState: { version: 0, holidays: [], workdays: [] },
  evolve: (_state, event) => ({ ...event.data, recordedAt: event.data.at }),
  decide(command, state) {
    const timeProblem = checkInstant(command.at, 'at') ?? checkNotFuture(command.at, 'at', command.now);
    if (timeProblem) return refuse(timeProblem);
    const problems = yearCalendarProblems(command.year, command);
    if (problems.length > 0) return refuse('rule', 'invalid-calendar', problems.join('; '), problems[0]!.split(/[[:]/)[0]);
    const holidays = sorted(command.holidays);
    const workdays = sorted(command.workdays);
    // The same calendar again records nothing (a repeated PUT).
    if (state.version > 0 && holidays.join() === state.holidays.join() && workdays.join() === state.workdays.join()) return accept<CalendarEvent>();
    return accept<CalendarEvent>({ type: 'WorkingCalendarRecorded', data: { year: command.year, version: state.version + 1, holidays, workdays, at: command.at } });
  },
};
