import type { AdjustmentData } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { displayScore } from './display.ts';
import { toFraction } from './exact.ts';
import { adjustment, levels } from './inputs.testkit.ts';
import { rankCategory } from './ranking.ts';
import type { ScoredDepartment } from './scoring.ts';
import { scoreDepartment } from './scoring.ts';
import type { LevelCounts } from '@ledger/rating-statistics';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

function serviceFacing(
  departmentId: string,
  inputs: { ratings?: LevelCounts; survey?: number; superior?: number; adjustments?: AdjustmentData[] },
): ScoredDepartment {
  const result = scoreDepartment(
    { departmentId, category: 'service-facing' },
    { departmentId, ratings: inputs.ratings ?? levels({}), adjustments: inputs.adjustments ?? [], ...inputs },
    defaultEvaluationPolicy,
  );
  if (!result.scored) throw new Error('expected a score');
  return result;
}
/** Without ratings, survey and superior weigh 50/50: equal values give that value. */
const scoring = (departmentId: string, value: number) => serviceFacing(departmentId, { survey: value, superior: value });
const placings = (ranked: ReturnType<typeof rankCategory>) => ranked.map(({ departmentId, rank, bottom }) => [departmentId, rank, bottom]);

describe('ranking a category', () => {
  it('ranks by score, highest first, and marks the last 3 places bottom', () => {
    const ranked = rankCategory([scoring('d-e', 60), scoring('d-a', 92), scoring('d-c', 86), scoring('d-b', 88), scoring('d-d', 75)], 3);
    expect(placings(ranked)).toEqual([
      ['d-a', 1, false],
      ['d-b', 2, false],
      ['d-c', 3, true],
      ['d-d', 4, true],
      ['d-e', 5, true],
    ]);
  });

  it('ranks equal scores by department id, however the scores were reached', () => {
    // dept-b: (80 + 80) / 2 = 80. dept-a: 0.8 · 77.5 + 0.1 · 90 + 0.1 · 80 = 79, + 1 bonus = 80.
    const deptA = serviceFacing('dept-a', { ratings: levels({ 2: 1, 3: 1, 4: 4, 5: 4 }), survey: 90, superior: 80, adjustments: [adjustment('b', 'bonus', 1)] });
    const ranked = rankCategory([scoring('dept-b', 80), deptA], 3);
    expect(ranked.map((department) => [department.departmentId, toFraction(department.score), department.rank])).toEqual([
      ['dept-a', '80', 1],
      ['dept-b', '80', 2],
    ]);
  });

  it('ranks on the exact score, not the rounded one shown', () => {
    // dept-a: (77.5 · 80 + 90 · 10) / 90 = 710/9 = 78.888…; dept-z: 78.89. Both show 78.89; dept-z is higher.
    const deptA = serviceFacing('dept-a', { ratings: levels({ 2: 1, 3: 1, 4: 4, 5: 4 }), superior: 90 });
    const deptZ = scoring('dept-z', 78.89);
    expect([displayScore(deptA.score), displayScore(deptZ.score)]).toEqual([78.89, 78.89]);
    expect(placings(rankCategory([deptA, deptZ], 3))).toEqual([
      ['dept-z', 1, true],
      ['dept-a', 2, true],
    ]);
  });

  it('marks every department bottom in a category of no more than the bottom count', () => {
    expect(placings(rankCategory([scoring('d-a', 90), scoring('d-b', 95)], 3))).toEqual([
      ['d-b', 1, true],
      ['d-a', 2, true],
    ]);
  });

  it('takes the bottom count from the policy', () => {
    const ranked = rankCategory([scoring('d-a', 90), scoring('d-b', 80), scoring('d-c', 70), scoring('d-d', 60)], 1);
    expect(ranked.map((department) => department.bottom)).toEqual([false, false, false, true]);
  });

  it('ranks a vetoed department after every department without a veto, even with the highest score (SPEC 6)', () => {
    const veto: AdjustmentData = adjustment('veto-1', 'veto', undefined, 'd-top');
    const vetoedTop = serviceFacing('d-top', { survey: 99, superior: 99, adjustments: [veto] });
    const vetoedLow = serviceFacing('d-low', { survey: 40, superior: 40, adjustments: [{ ...veto, adjustmentId: 'veto-2', departmentId: 'd-low' }] });
    const ranked = rankCategory([vetoedTop, scoring('d-a', 60), vetoedLow, scoring('d-b', 90), scoring('d-c', 70), scoring('d-d', 80)], 3);
    expect(placings(ranked)).toEqual([
      ['d-b', 1, false],
      ['d-d', 2, false],
      ['d-c', 3, false],
      ['d-a', 4, true],
      // Vetoed ones last, among themselves by score.
      ['d-top', 5, true],
      ['d-low', 6, true],
    ]);
    expect(ranked.find((department) => department.departmentId === 'd-top')?.grade).toBe('unsatisfied');
  });
});
