import type { Grade } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { PreviousPlacing } from './accountability.ts';
import { isBottomRankAccountable, leaderReplacementIncrease, previousResultsFrom } from './accountability.ts';
import { adjustment, levels } from './inputs.testkit.ts';
import type { RankedDepartment } from './ranking.ts';
import { rankCategory } from './ranking.ts';
import { scoreDepartment } from './scoring.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

/** This year's placing of dept-a, bottom of a one-department category: survey = superior = `value`, minus `deduction`. */
function thisYear(value: number, deduction?: number): RankedDepartment {
  const result = scoreDepartment(
    { departmentId: 'dept-a', category: 'service-facing' },
    { departmentId: 'dept-a', ratings: levels({}), survey: value, superior: value, adjustments: deduction ? [adjustment('d', 'deduction', deduction)] : [] },
    defaultEvaluationPolicy,
  );
  if (!result.scored) throw new Error('expected a score');
  return rankCategory([result], 3)[0]!;
}
const lastYear = (exactScore: string, grade: Grade = 'basically-satisfied', bottom = true): PreviousPlacing => ({
  departmentId: 'dept-a',
  score: Number(exactScore),
  exactScore,
  grade,
  rank: 5,
  bottom,
});

describe('bottom-rank accountability', () => {
  it('applies to basically-satisfied or unsatisfied among the last places, not to satisfied ones', () => {
    expect(isBottomRankAccountable({ grade: 'basically-satisfied', bottom: true })).toBe(true);
    expect(isBottomRankAccountable({ grade: 'unsatisfied', bottom: true })).toBe(true);
    expect(isBottomRankAccountable({ grade: 'satisfied', bottom: true })).toBe(false);
    expect(isBottomRankAccountable({ grade: 'unsatisfied', bottom: false })).toBe(false);
  });
});

describe('leader replacement: accountable again the next year with an increase under 5 %', () => {
  it('replaces when the score rose by less than 5 %: (75 − 72) / 72 = 1/24 = 4.17 %', () => {
    expect(leaderReplacementIncrease(thisYear(75), lastYear('72'), 0.05)).toEqual({
      absolute: 3,
      relative: 1 / 24,
      threshold: 0.05,
      basis: 'relative',
    });
  });

  it('does not replace at exactly 5 %: (63 − 60) / 60 = 0.05 is not under 0.05', () => {
    expect(leaderReplacementIncrease(thisYear(63), lastYear('60', 'unsatisfied'), 0.05)).toBeUndefined();
  });

  it('replaces just under 5 % and when the score fell: (62.9 − 60) / 60 = 4.83 %; (58 − 60) / 60 = −3.33 %', () => {
    expect(leaderReplacementIncrease(thisYear(62.9), lastYear('60'), 0.05)?.relative).toBeCloseTo(2.9 / 60, 12);
    expect(leaderReplacementIncrease(thisYear(58), lastYear('60'), 0.05)?.relative).toBeCloseTo(-2 / 60, 12);
  });

  it('with last year at 0: no rise replaces, any rise does not (the ratio is undefined)', () => {
    expect(leaderReplacementIncrease(thisYear(0), lastYear('0', 'unsatisfied'), 0.05)).toEqual({
      absolute: 0,
      relative: null,
      threshold: 0.05,
      basis: 'last-score-zero',
    });
    expect(leaderReplacementIncrease(thisYear(10), lastYear('0', 'unsatisfied'), 0.05)).toBeUndefined();
  });

  it('with a negative last score divides by its magnitude: (−9.6 − −10) / 10 = 4 % replaces, (−9 − −10) / 10 = 10 % does not', () => {
    // this year: survey = superior = 0.4, minus 10 points = −9.6; and 1 − 10 = −9
    expect(leaderReplacementIncrease(thisYear(0.4, 10), lastYear('-10', 'unsatisfied'), 0.05)?.relative).toBeCloseTo(0.04, 12);
    expect(leaderReplacementIncrease(thisYear(1, 10), lastYear('-10', 'unsatisfied'), 0.05)).toBeUndefined();
  });

  it('does not replace without a placing last year, or when last year was not accountable', () => {
    expect(leaderReplacementIncrease(thisYear(75), undefined, 0.05)).toBeUndefined();
    expect(leaderReplacementIncrease(thisYear(75), lastYear('72', 'basically-satisfied', false), 0.05)).toBeUndefined();
    expect(leaderReplacementIncrease(thisYear(75), lastYear('72', 'satisfied'), 0.05)).toBeUndefined();
  });

  it('does not replace when this year is not accountable (satisfied)', () => {
    expect(leaderReplacementIncrease(thisYear(86), lastYear('85.5'), 0.05)).toBeUndefined();
  });

  it('uses the threshold the policy gives', () => {
    // 3 / 60 = 5 % is under a 10 % threshold
    expect(leaderReplacementIncrease(thisYear(63), lastYear('60'), 0.1)?.basis).toBe('relative');
  });
});

describe('previous results', () => {
  it('gathers every category of the previous year from its RankingPublished events', () => {
    const item = { ...lastYear('72'), category: 'vertical' as const, weightedScore: 72, bonusPoints: 0, deductionPoints: 0, vetoed: false, components: [], adjustments: [] };
    const published = (year: number, departmentId: string) => ({
      year,
      category: 'vertical' as const,
      policyVersion: 0,
      bottomCount: 3,
      items: [{ ...item, departmentId }],
      unscored: [],
      at: '2026-01-05T00:00:00Z',
    });
    expect(previousResultsFrom(2025, [published(2025, 'd-1'), published(2024, 'd-2'), published(2025, 'd-3')]).items.map((placing) => placing.departmentId)).toEqual([
      'd-1',
      'd-3',
    ]);
  });
});
