import { describe, expect, it } from 'vitest';
import type { EvaluationInputEvent } from './inputs.ts';
import { collectPeriodInputs } from './inputs.ts';
import { adjustment, levels } from './inputs.testkit.ts';

const rated = (transactionId: string, departmentId: string, level: number, ratedAt: string, personId?: string): EvaluationInputEvent => ({
  type: 'RatingGiven',
  data: { transactionId, departmentId, platform: 'hotline-12345', level, ratedAt, ...(personId ? { personId } : {}) },
});

describe('collecting the inputs of a year', () => {
  it('counts ratings in the UTC year of ratedAt, keeps the latest survey, and gathers the year’s adjustments', () => {
    const events: EvaluationInputEvent[] = [
      rated('t1', 'd-1', 5, '2026-03-01T10:00:00Z', 'p-1'),
      // 07:00 on 1 January 2027 at +08:00 is 23:00 on 31 December 2026 UTC: counts in 2026.
      rated('t2', 'd-1', 4, '2027-01-01T07:00:00+08:00', 'p-1'),
      // 23:30 on 31 December 2025 at −01:00 is 00:30 on 1 January 2026 UTC: counts in 2026.
      rated('t3', 'd-1', 1, '2025-12-31T23:30:00-01:00'),
      // 2025 and 2027 in UTC: not counted.
      rated('t4', 'd-1', 1, '2025-12-31T23:59:59Z', 'p-1'),
      rated('t5', 'd-1', 1, '2027-01-01T08:00:00+08:00'),
      // The person moved: ratings in d-2 count for d-2.
      rated('t6', 'd-2', 3, '2026-09-01T10:00:00Z', 'p-1'),
      { type: 'SurveyScored', data: { departmentId: 'd-1', year: 2026, score: 80, at: '2027-01-10T00:00:00Z' } },
      { type: 'SurveyScored', data: { departmentId: 'd-1', year: 2026, score: 77, at: '2027-01-12T00:00:00Z', replaces: { score: 80, at: '2027-01-10T00:00:00Z' } } },
      { type: 'SuperiorEvaluationScored', data: { departmentId: 'd-1', year: 2025, score: 90, at: '2026-01-10T00:00:00Z' } },
      { type: 'AdjustmentRecorded', data: adjustment('a-1', 'deduction', 2, 'd-2') },
      { type: 'AdjustmentRecorded', data: { ...adjustment('a-2', 'bonus', 1, 'd-2'), year: 2025 } },
    ];
    expect(collectPeriodInputs(2026, events)).toEqual({
      year: 2026,
      departments: [
        { departmentId: 'd-1', ratings: levels({ 1: 1, 4: 1, 5: 1 }), survey: 77, adjustments: [] },
        { departmentId: 'd-2', ratings: levels({ 3: 1 }), adjustments: [adjustment('a-1', 'deduction', 2, 'd-2')] },
      ],
      people: [
        { personId: 'p-1', departmentId: 'd-1', ratings: levels({ 4: 1, 5: 1 }) },
        { personId: 'p-1', departmentId: 'd-2', ratings: levels({ 3: 1 }) },
      ],
    });
  });
});
