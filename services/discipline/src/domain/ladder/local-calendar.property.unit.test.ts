import { calendarIn } from '@ledger/calendar';
import { wallClock } from '@ledger/calendar/testing';
import { ratingFactOf, ratingPeriodIn } from '@ledger/rating-statistics';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../events.ts';
import { type CountFinding, decideCountFinding } from './count-finding.ts';
import { validCountsByYear } from './read.ts';
import { foldLadder, initialLadderState } from './state.ts';

/*
 * SPEC "Local time": the year a complaint counts in on the ladder and the month (and year) of a rating follow
 * the ledger's zone, never UTC. Instants are drawn within a few hours of local midnight on 31 December and at
 * month ends, in Asia/Shanghai (the default) and in America/New_York (behind UTC, with daylight saving time);
 * the oracle (`@ledger/calendar/testing`) reads the local date with Intl.DateTimeFormat, independently of the calendar under test.
 */

const zones = ['Asia/Shanghai', 'America/New_York'] as const;

/** The local `YYYY-MM-DD` of an instant in a zone, by the calendar's test oracle (Intl, not the code under test). */
const localDate = (ms: number, timeZone: string): string => wallClock(ms, timeZone).date;

const midnights = new Map<string, number>();

/**
 * Local midnight starting the 1st of the month after `year-month` in `timeZone`: the first quarter hour (every
 * zone's offset is a multiple of 15 minutes) near UTC midnight ± 15 h whose local date is that 1st.
 */
function nextLocalMidnight(year: number, month: number, timeZone: string): number {
  const key = `${timeZone} ${year}-${month}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  let ms = Date.UTC(year, month, 1) - 15 * 3_600_000;
  while (localDate(ms, timeZone) !== next) ms += 15 * 60_000;
  midnights.set(key, ms);
  return ms;
}

/** Instants within six hours either side of a local month boundary (December's being the year's). */
const nearBoundary = (timeZone: string) =>
  fc
    .record({
      year: fc.integer({ min: 2023, max: 2027 }),
      month: fc.oneof(fc.constant(12), fc.integer({ min: 1, max: 12 })),
      offsetSeconds: fc.integer({ min: -6 * 3_600, max: 6 * 3_600 - 1 }),
    })
    .map(({ year, month, offsetSeconds }) => new Date(nextLocalMidnight(year, month, timeZone) + offsetSeconds * 1_000).toISOString());

describe.each(zones)('the local calendar in %s', (timeZone) => {
  const calendar = calendarIn(timeZone);

  it('counts a valid complaint on the ladder in the local year of its receipt', () => {
    fc.assert(
      fc.property(nearBoundary(timeZone), (receivedAt) => {
        const finding: CountFinding = {
          personId: 'p',
          complaintId: 'c',
          receivedAt,
          outcome: 'valid',
          foundAt: new Date(Date.parse(receivedAt) + 86_400_000).toISOString(),
          sourceEventId: 'e',
          complaintRevision: 1,
          policies: [],
          calendar,
        };
        const decision = decideCountFinding(finding, initialLadderState);
        if (!decision.ok) throw new Error(decision.error.message);
        const year = Number(localDate(Date.parse(receivedAt), timeZone).split('-')[0]);
        const decided = decision.events.filter((event): event is Extract<PersonEvent, { type: 'SanctionDecided' }> => event.type === 'SanctionDecided');
        expect(decided.map((event) => [event.data.step, event.data.year])).toEqual([[1, year]]);
        expect(validCountsByYear(foldLadder(decision.events), calendar)).toEqual({ [String(year)]: 1 });
      }),
      { numRuns: 150 },
    );
  });

  it('files a rating under the local month and year of ratedAt', () => {
    fc.assert(
      fc.property(nearBoundary(timeZone), (ratedAt) => {
        const [year, month] = localDate(Date.parse(ratedAt), timeZone).split('-');
        const period = ratingPeriodIn(calendar, ratedAt);
        expect(period).toEqual({ year: Number(year), month: `${year}-${month}` });
        const fact = ratingFactOf({ transactionId: 't', departmentId: 'd', platform: 'qr-code', level: 5, ratedAt, ...period });
        expect([fact.year, fact.month, fact.departmentMonth]).toEqual([Number(year), `${year}-${month}`, `d ${year}-${month}`]);
      }),
      { numRuns: 150 },
    );
  });
});
