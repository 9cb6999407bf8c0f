import { calendarIn } from '@ledger/calendar';
import { addDays, isMidnight, nearMonthEnds, wallClock } from '@ledger/calendar/testing';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { type ComplaintState, evolve, isOverdueAt } from './state.ts';

/**
 * SPEC "Local time", 3.2: properties of a complaint's year, month and deadline over instants near local
 * midnight on 31 December and at month ends, in China Standard Time and in a zone with daylight saving,
 * checked against the oracle of `@ledger/calendar/testing`, which shares none of the ledger's arithmetic.
 */

const hour = 3_600_000;

const zones = [
  { timeZone: 'Asia/Shanghai', offsets: [8] },
  { timeZone: 'America/New_York', offsets: [-5, -4] },
] as const;

function fileAt(receivedMs: number, handlingDays: number, timeZone: string): ComplaintState {
  const decision = decide(
    {
      type: 'FileComplaint',
      now: new Date(receivedMs + 48 * hour).toISOString(),
      complaintId: 'c-p',
      trackingCodeDigest: 'hmac-sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      channel: 'hotline-12345',
      departmentId: 'dept-permits',
      category: 'delay',
      summary: 'Received near local midnight.',
      // Any offset: the calendar, not the text, decides the local day.
      receivedAt: new Date(receivedMs).toISOString(),
      handlingDays,
      calendar: calendarIn(timeZone),
    },
    undefined,
  );
  if (!decision.ok) throw new Error(decision.error.message);
  return decision.events.reduce<ComplaintState | undefined>(evolve, undefined)!;
}

describe.each(zones)('a complaint received near a local month end in $timeZone', ({ timeZone, offsets }) => {
  const calendar = calendarIn(timeZone);
  const instants = nearMonthEnds(offsets, { min: 2000, max: 2060 });
  const days = fc.integer({ min: 1, max: 40 });

  it('counts in the local year and month of its receipt', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const local = wallClock(ms, timeZone).date;
        const receivedAt = fileAt(ms, 15, timeZone).receivedAt;
        expect(calendar.yearOf(receivedAt)).toBe(Number(local.slice(0, 4)));
        expect(calendar.monthOf(receivedAt)).toBe(local.slice(0, 7));
      }),
      { numRuns: 150 },
    );
  });

  it('is due at local midnight after the N-th local day from receipt, the day of receipt not counted, and overdue from then on', () => {
    fc.assert(
      fc.property(instants, days, (ms, handlingDays) => {
        const state = fileAt(ms, handlingDays, timeZone);
        const dueMs = Date.parse(state.dueAt!);
        const due = wallClock(dueMs, timeZone);
        expect(isMidnight(due)).toBe(true);
        expect(due.date).toBe(addDays(wallClock(ms, timeZone).date, handlingDays + 1));
        expect(isOverdueAt(state, new Date(dueMs - 1).toISOString())).toBe(false);
        expect(isOverdueAt(state, state.dueAt!)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('when extended by K days, is due at local midnight after the (N + K)-th local day from receipt', () => {
    fc.assert(
      fc.property(instants, days, days, (ms, handlingDays, extra) => {
        const state = fileAt(ms, handlingDays, timeZone);
        const decision = decide(
          {
            type: 'ExtendDeadline',
            now: new Date(ms + 48 * hour).toISOString(),
            days: Math.min(extra, handlingDays),
            reason: 'Needs a site visit.',
            maxDays: handlingDays,
            calendar,
            at: state.receivedAt,
          },
          state,
        );
        if (!decision.ok) throw new Error(decision.error.message);
        const extended = decision.events.reduce<ComplaintState | undefined>(evolve, state)!;
        const due = wallClock(Date.parse(extended.extendedDueAt!), timeZone);
        expect(isMidnight(due)).toBe(true);
        expect(due.date).toBe(addDays(wallClock(ms, timeZone).date, handlingDays + Math.min(extra, handlingDays) + 1));
      }),
      { numRuns: 150 },
    );
  });
});
