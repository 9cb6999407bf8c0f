import { calendarIn } from '@ledger/calendar';
import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../events.ts';
import { currentStep, ratingCaps, sanctionsInForce, validCountInLastMonths, validCountsByYear } from './read.ts';
import { foldLadder, initialLadderState } from './state.ts';

const counted = (complaintId: string, receivedAt: string, outcome: 'valid' | 'invalid' | 'valid-violation' = 'valid'): PersonEvent => ({
  type: 'FindingCounted',
  data: { personId: 'p-1', complaintId, receivedAt, outcome, foundAt: receivedAt, sourceEventId: `e-${complaintId}-${outcome}`, complaintRevision: 1 },
});

const decided = (step: number, year: number | undefined, generation = 1): PersonEvent => ({
  type: 'SanctionDecided',
  data: {
    sanctionId: `s-${year ?? 'dismissal'}-${step}-${generation}`,
    personId: 'p-1',
    step,
    ...(year === undefined ? { windowMonths: 24 } : { year }),
    consequences: ['admonition-talk'],
    complaintIds: ['c-1'],
    triggeredBy: 'c-1',
    policyVersion: 1,
    threshold: step,
    decidedAt: '2026-01-01T00:00:00.000Z',
  },
});

const rescinded = (sanctionId: string): PersonEvent => ({
  type: 'SanctionRescinded',
  data: { sanctionId, personId: 'p-1', reason: 'overturned', at: '2026-06-01T00:00:00.000Z' },
});

/** The UTC calendar keeps these cases about counting; the local-year cases use the ledger's default zone. */
const utc = calendarIn('UTC');
const shanghai = calendarIn('Asia/Shanghai');

describe('person history read helpers', () => {
  const complaints = [
    counted('c-1', '2024-05-01T00:00:00.000Z'),
    counted('c-2', '2025-03-01T00:00:00.000Z'),
    counted('c-3', '2025-12-31T23:00:00.000Z'),
    counted('c-4', '2026-02-01T00:00:00.000Z'),
    counted('c-5', '2026-02-02T00:00:00.000Z', 'valid-violation'),
    counted('c-6', '2026-02-03T00:00:00.000Z', 'invalid'),
  ];

  it('counts valid complaints only, by local year of receipt', () => {
    expect(validCountsByYear(foldLadder(complaints), utc)).toEqual({ '2024': 1, '2025': 2, '2026': 1 });
    // 2025-12-31T23:00Z is 1 January 2026, 07:00 in Beijing.
    expect(validCountsByYear(foldLadder(complaints), shanghai)).toEqual({ '2024': 1, '2025': 1, '2026': 2 });
  });

  it('counts valid complaints received in the 24 months up to an instant', () => {
    const state = foldLadder(complaints);
    expect(validCountInLastMonths(state, '2026-03-01T00:00:00.000Z', utc)).toBe(4);
    // SPEC 4.8: both ends included, so 1 May 2024 is still within 24 months of 1 May 2026.
    expect(validCountInLastMonths(state, '2026-05-01T23:59:59.000Z', utc)).toBe(4);
    expect(validCountInLastMonths(state, '2026-05-02T00:00:00.000Z', utc)).toBe(3);
    expect(validCountInLastMonths(state, '2025-12-31T22:00:00.000Z', utc)).toBe(2);
    expect(validCountInLastMonths(state, '2026-03-01T00:00:00.000Z', utc, 6)).toBe(2);
  });

  it('answers step 0 and no caps for a person without sanctions', () => {
    expect(currentStep(initialLadderState, '2026-03-01T00:00:00.000Z', utc)).toBe(0);
    expect(ratingCaps(initialLadderState)).toEqual({});
  });

  it("takes the highest step in force of the read instant's year", () => {
    const state = foldLadder([decided(1, 2025), decided(2, 2025), decided(3, 2025), decided(1, 2026), decided(2, 2026), rescinded('s-2026-2-1')]);
    expect(currentStep(state, '2026-03-01T00:00:00.000Z', utc)).toBe(1);
    expect(currentStep(state, '2025-12-31T23:59:59.999Z', utc)).toBe(3);
    expect(sanctionsInForce(state).map((sanction) => sanction.sanctionId)).not.toContain('s-2026-2-1');
    expect(ratingCaps(state)).toEqual({ '2025': 'incompetent', '2026': 'not-excellent' });
  });

  it('keeps the latest year\'s step until a new year holds a valid complaint; earlier years only cap their ratings', () => {
    const lastYear = foldLadder([counted('c-1', '2025-02-01T00:00:00.000Z'), counted('c-2', '2025-03-01T00:00:00.000Z'), decided(1, 2025), decided(2, 2025)]);
    expect(currentStep(lastYear, '2026-03-01T00:00:00.000Z', utc)).toBe(2);
    expect(currentStep(lastYear, '2024-12-31T00:00:00.000Z', utc)).toBe(0);
    // A valid complaint of 2026 that reached no step yet (a policy may ask for two) restarts the count at 0.
    const restarted = foldLadder([counted('c-3', '2026-01-05T00:00:00.000Z')], lastYear);
    expect(currentStep(restarted, '2026-03-01T00:00:00.000Z', utc)).toBe(0);
    // A 2026 step rescinded with its complaint: 2025 is the latest year again.
    const withdrawn = foldLadder([decided(1, 2026), rescinded('s-2026-1-1'), counted('c-3', '2026-01-05T00:00:00.000Z', 'invalid')], restarted);
    expect(currentStep(withdrawn, '2027-01-01T00:00:00.000Z', utc)).toBe(2);
    expect(ratingCaps(withdrawn)).toEqual({ '2025': 'incompetent' });
  });

  it('is 5 while a dismissal is in force, in any year, and not after it is rescinded', () => {
    const dismissed = foldLadder([decided(4, 2026), decided(5, undefined)]);
    expect(currentStep(dismissed, '2026-03-01T00:00:00.000Z', utc)).toBe(5);
    expect(currentStep(dismissed, '2028-03-01T00:00:00.000Z', utc)).toBe(5);
    expect(currentStep(foldLadder([rescinded('s-dismissal-5-1')], dismissed), '2026-03-01T00:00:00.000Z', utc)).toBe(4);
  });
});
