import { calendarIn } from '@ledger/calendar';
import { ratingPeriodIn } from '@ledger/rating-statistics';
import { describe, expect, it } from 'vitest';
import type { EvaluationInputEvent } from './inputs.ts';
import { collectPeriodInputs } from './inputs.ts';
import { adjustment, levels } from './inputs.testkit.ts';

const rated = (transactionId: string, departmentId: string, level: number, ratedAt: string, personId?: string): EvaluationInputEvent => ({
  type: 'RatingGiven',
  data: { transactionId, departmentId, platform: 'hotline-12345', level, ratedAt, ...(personId ? { personId } : {}), ...ratingPeriodIn(calendarIn('Asia/Shanghai'), ratedAt) },
});

describe('collecting the inputs of a year', () => {
  it('counts ratings in the local year they record (the ledger\'s zone), keeps the latest survey, and gathers the year’s adjustments', () => {
    const events: EvaluationInputEvent[] = [
      rated('t1', 'd-1', 5, '2026-03-01T10:00:00Z', 'p-1'),
      // 23:59:59 on 31 December 2026 in Beijing: 2026.
      rated('t2', 'd-1', 4, '2026-12-31T15:59:59Z', 'p-1'),
      // 23:30 on 31 December 2025 at −01:00 is 08:30 on 1 January 2026 in Beijing: 2026.
      rated('t3', 'd-1', 1, '2025-12-31T23:30:00-01:00'),
      // 16:00 UTC on 31 December 2025 is 00:00 on 1 January 2026 in Beijing: 2026.
      rated('t4', 'd-1', 1, '2025-12-31T16:00:00Z', 'p-1'),
      // 00:00 on 1 January 2027 in Beijing (still 2026 in UTC): not counted.
      rated('t5', 'd-1', 1, '2026-12-31T16:00:00Z'),
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
        { departmentId: 'd-1', ratings: levels({ 1: 2, 4: 1, 5: 1 }), survey: 77, adjustments: [] },
        { departmentId: 'd-2', ratings: levels({ 3: 1 }), adjustments: [adjustment('a-1', 'deduction', 2, 'd-2')] },
      ],
      people: [
        { personId: 'p-1', departmentId: 'd-1', ratings: levels({ 1: 1, 4: 1, 5: 1 }) },
        { personId: 'p-1', departmentId: 'd-2', ratings: levels({ 3: 1 }) },
      ],
    });
  });
});
