import { calendarIn } from '@ledger/calendar';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { type ComplaintState, evolve, isOverdueAt } from './state.ts';

/**
 * SPEC "Local time", 3.2: properties of a complaint's year, month and deadline over instants near local
 * midnight on 31 December and at month ends, in China Standard Time and in a zone with daylight saving,
 * checked against an oracle that shares none of the ledger's arithmetic: Intl.DateTimeFormat reads the local
 * wall clock, and day counting is done on UTC dates read back the same way.
 */

const hour = 3_600_000;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wall(ms: number, timeZone: string): Wall {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The local date `days` after the one of `ms` in `timeZone`, by Date.UTC on the date's numbers. */
function localDatePlus(ms: number, timeZone: string, days: number): Pick<Wall, 'year' | 'month' | 'day'> {
  const { year, month, day } = wall(ms, timeZone);
  const { year: y, month: m, day: d } = wall(Date.UTC(year, month - 1, day + days, 12), 'UTC');
  return { year: y, month: m, day: d };
}

/** Instants within seconds of local midnight after a month's last day (a third after 31 December), or within a day and a half of it. */
function nearMonthEnds(offsetsHours: readonly number[]): fc.Arbitrary<number> {
  const firstOfMonth = fc
    .record({ year: fc.integer({ min: 2000, max: 2060 }), month: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 })) })
    .map(({ year, month }) => Date.UTC(year, month - 1, 1));
  const nearMidnight = fc
    .record({ offset: fc.constantFrom(...offsetsHours), jitter: fc.integer({ min: -5_000, max: 5_000 }) })
    .map(({ offset, jitter }) => -offset * hour + jitter);
  const withinADay = fc.integer({ min: -36 * hour, max: 36 * hour });
  return fc.tuple(firstOfMonth, fc.oneof(nearMidnight, withinADay)).map(([first, shift]) => first + shift);
}

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
  const instants = nearMonthEnds(offsets);
  const days = fc.integer({ min: 1, max: 40 });

  it('counts in the local year and month of its receipt', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const local = wall(ms, timeZone);
        const receivedAt = fileAt(ms, 15, timeZone).receivedAt;
        expect(calendar.yearOf(receivedAt)).toBe(local.year);
        expect(calendar.monthOf(receivedAt)).toBe(`${local.year}-${String(local.month).padStart(2, '0')}`);
      }),
      { numRuns: 150 },
    );
  });

  it('is due at local midnight after the N-th local day from receipt, the day of receipt not counted, and overdue from then on', () => {
    fc.assert(
      fc.property(instants, days, (ms, handlingDays) => {
        const state = fileAt(ms, handlingDays, timeZone);
        const dueMs = Date.parse(state.dueAt!);
        const due = wall(dueMs, timeZone);
        expect({ hour: due.hour, minute: due.minute, second: due.second }).toEqual({ hour: 0, minute: 0, second: 0 });
        expect({ year: due.year, month: due.month, day: due.day }).toEqual(localDatePlus(ms, timeZone, handlingDays + 1));
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
        const due = wall(Date.parse(extended.extendedDueAt!), timeZone);
        expect(due.hour).toBe(0);
        expect({ year: due.year, month: due.month, day: due.day }).toEqual(localDatePlus(ms, timeZone, handlingDays + Math.min(extra, handlingDays) + 1));
      }),
      { numRuns: 150 },
    );
  });
});
