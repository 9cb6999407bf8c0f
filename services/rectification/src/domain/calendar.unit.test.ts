import { given } from '@ledger/decider/testing';
import { describe, it } from 'vitest';
import { type CalendarEvent, calendarDecider } from './calendar.ts';

// SPEC "Local time": a year's working-day calendar, versioned; the same calendar again records nothing.

const now = '2026-09-01T09:00:00+08:00';
const recorded: CalendarEvent = { type: 'WorkingCalendarRecorded', data: { year: 2026, version: 1, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-09-27'], at: now } };

describe('working-day calendar', () => {
  it('records a new version for each change, sorted, and nothing for the same calendar', () => {
    given(calendarDecider).when({ year: 2026, holidays: ['2026-10-02', '2026-10-01'], workdays: ['2026-09-27'], at: now, now }).thenEvents(recorded);
    given(calendarDecider, recorded).when({ year: 2026, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-09-27'], at: now, now }).thenNothing();
    given(calendarDecider, recorded)
      .when({ year: 2026, holidays: ['2026-10-01'], workdays: [], at: now, now })
      .thenEvents({ type: 'WorkingCalendarRecorded', data: { year: 2026, version: 2, holidays: ['2026-10-01'], workdays: [], at: now } });
  });

  it('refuses dates of another year and a weekday as an adjusted working day', () => {
    given(calendarDecider).when({ year: 2026, holidays: ['2025-10-01'], workdays: [], at: now, now }).thenError({ kind: 'rule', code: 'invalid-calendar', field: 'holidays' });
    given(calendarDecider).when({ year: 2026, holidays: [], workdays: ['2026-09-28'], at: now, now }).thenError({ kind: 'rule', code: 'invalid-calendar', field: 'workdays' });
  });
});
