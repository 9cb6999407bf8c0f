import type { EvaluationPolicy } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { displayScore } from './display.ts';
import { toFraction } from './exact.ts';
import type { DepartmentInputs } from './inputs.ts';
import { adjustment, levels } from './inputs.testkit.ts';
import type { DepartmentScore, ScoredDepartment } from './scoring.ts';
import { scoreDepartment } from './scoring.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const policy = defaultEvaluationPolicy;
const inputs = (overrides: Partial<DepartmentInputs> = {}): DepartmentInputs => ({
  departmentId: 'dept-a',
  ratings: levels({}),
  adjustments: [],
  ...overrides,
});
const serviceFacing = { departmentId: 'dept-a', category: 'service-facing' } as const;

function scored(result: DepartmentScore): ScoredDepartment {
  if (!result.scored) throw new Error('expected a score');
  return result;
}

// 10 ratings: one 2, one 3, four 4s, four 5s. Σ(level − 1) = 1 + 2 + 4·3 + 4·4 = 31;
// rating index = 25 · 31 / 10 = 77.5 (the mean of (level − 1) / 4 × 100).
const ratingsOf77_5 = levels({ 2: 1, 3: 1, 4: 4, 5: 4 });

describe('composite score of a service-facing department (80 / 10 / 10)', () => {
  it('weights ratings, survey and superior evaluation', () => {
    // 0.8 · 77.5 + 0.1 · 90 + 0.1 · 80 = 62 + 9 + 8 = 79 → basically-satisfied (70 ≤ 79 < 85)
    const result = scored(scoreDepartment(serviceFacing, inputs({ ratings: ratingsOf77_5, survey: 90, superior: 80 }), policy));
    expect(toFraction(result.score)).toBe('79');
    expect(result.grade).toBe('basically-satisfied');
    expect(result.components).toEqual([
      { component: 'ratings', value: 77.5, weight: 80, appliedWeight: 80, missing: false, ratingCount: 10 },
      { component: 'survey', value: 90, weight: 10, appliedWeight: 10, missing: false },
      { component: 'superior', value: 80, weight: 10, appliedWeight: 10, missing: false },
    ]);
  });

  it('reaches exactly 85 where floating point falls short, and grades it satisfied', () => {
    // 25 ratings: eleven 5s, fourteen 4s. Σ(level − 1) = 11·4 + 14·3 = 86; index = 25 · 86 / 25 = 86.
    // 0.8 · 86 + 0.1 · 86 + 0.1 · 76 = 68.8 + 8.6 + 7.6 = 85, which floats compute as 84.99999999999999.
    expect(0.8 * 86 + 0.1 * 86 + 0.1 * 76).toBeLessThan(85);
    const result = scored(scoreDepartment(serviceFacing, inputs({ ratings: levels({ 4: 14, 5: 11 }), survey: 86, superior: 76 }), policy));
    expect(toFraction(result.score)).toBe('85');
    expect(result.grade).toBe('satisfied');
  });

  it('gives a missing survey weight to ratings and superior in proportion, and says so', () => {
    // Present weights 80 + 10 = 90: ratings 80/90 = 88.89 %, superior 10/90 = 11.11 %.
    // (77.5 · 80 + 90 · 10) / 90 = (6200 + 900) / 90 = 7100 / 90 = 710/9 = 78.888… → basically-satisfied
    const result = scored(scoreDepartment(serviceFacing, inputs({ ratings: ratingsOf77_5, superior: 90 }), policy));
    expect(toFraction(result.score)).toBe('710/9');
    expect(displayScore(result.score)).toBe(78.89);
    expect(result.components).toEqual([
      { component: 'ratings', value: 77.5, weight: 80, appliedWeight: 8000 / 90, missing: false, ratingCount: 10 },
      { component: 'survey', value: null, weight: 10, appliedWeight: 0, missing: true },
      { component: 'superior', value: 90, weight: 10, appliedWeight: 1000 / 90, missing: false },
    ]);
  });

  it('without ratings, survey and superior share 100 % half and half', () => {
    // (80 · 10 + 90 · 10) / 20 = 85 → satisfied
    const result = scored(scoreDepartment(serviceFacing, inputs({ survey: 80, superior: 90 }), policy));
    expect(toFraction(result.score)).toBe('85');
    expect(result.grade).toBe('satisfied');
    expect(result.components.map((component) => [component.component, component.appliedWeight, component.missing])).toEqual([
      ['ratings', 0, true],
      ['survey', 50, false],
      ['superior', 50, false],
    ]);
  });
});

describe('party-mass and vertical departments (— / 80 / 20)', () => {
  it('party-mass: ratings do not count, survey 80 % and superior 20 %', () => {
    // 0.8 · 75 + 0.2 · 90 = 60 + 18 = 78 → basically-satisfied; four 5s (index 100) carry weight 0.
    const result = scored(
      scoreDepartment({ departmentId: 'dept-a', category: 'party-mass' }, inputs({ ratings: levels({ 5: 4 }), survey: 75, superior: 90 }), policy),
    );
    expect(toFraction(result.score)).toBe('78');
    expect(result.grade).toBe('basically-satisfied');
    expect(result.components[0]).toEqual({ component: 'ratings', value: 100, weight: 0, appliedWeight: 0, missing: false, ratingCount: 4 });
  });

  it('vertical with only a survey: the survey carries 100 %', () => {
    // superior missing: survey 80 / 80 = 100 %; score = 88 → satisfied
    const result = scored(scoreDepartment({ departmentId: 'dept-a', category: 'vertical' }, inputs({ survey: 88 }), policy));
    expect(toFraction(result.score)).toBe('88');
    expect(result.grade).toBe('satisfied');
    expect(result.components.map((component) => component.appliedWeight)).toEqual([0, 100, 0]);
  });

  it('a department with no data in any weighted component is not scored (ratings alone do not count for party-mass)', () => {
    const result = scoreDepartment(
      { departmentId: 'dept-a', category: 'party-mass' },
      inputs({ ratings: levels({ 1: 3 }), adjustments: [adjustment('v1', 'veto')] }),
      policy,
    );
    expect(result).toMatchObject({ scored: false, reason: 'no-component-data', vetoed: true });
    expect(result.components.map((component) => component.missing)).toEqual([false, true, true]);
    expect(scoreDepartment(serviceFacing, undefined, policy)).toMatchObject({ scored: false, reason: 'no-component-data', vetoed: false });
  });
});

describe('adjustments and grades', () => {
  it('adds bonuses and subtracts deductions after weighting', () => {
    // 79 + 2 − (3.5 + 1.5) = 76 → basically-satisfied
    const result = scored(
      scoreDepartment(
        serviceFacing,
        inputs({
          ratings: ratingsOf77_5,
          survey: 90,
          superior: 80,
          adjustments: [adjustment('b1', 'bonus', 2), adjustment('d1', 'deduction', 3.5), adjustment('d2', 'deduction', 1.5)],
        }),
        policy,
      ),
    );
    expect(toFraction(result.weightedScore)).toBe('79');
    expect(toFraction(result.bonusPoints)).toBe('2');
    expect(toFraction(result.deductionPoints)).toBe('5');
    expect(toFraction(result.score)).toBe('76');
    expect(result.adjustments).toEqual([
      { adjustmentId: 'b1', kind: 'bonus', source: 'leading-group', points: 2, reason: 'bonus b1' },
      { adjustmentId: 'd1', kind: 'deduction', source: 'inspection', points: 3.5, reason: 'deduction d1' },
      { adjustmentId: 'd2', kind: 'deduction', source: 'inspection', points: 1.5, reason: 'deduction d2' },
    ]);
  });

  it("counts a year's bonuses up to the policy's cap only (SPEC 6; a ledger recorded before the cap)", () => {
    const result = scored(scoreDepartment(serviceFacing, inputs({ survey: 80, superior: 80, adjustments: [adjustment('b1', 'bonus', 4), adjustment('b2', 'bonus', 3)] }), policy));
    expect(toFraction(result.bonusPoints)).toBe('5');
    expect(toFraction(result.score)).toBe('85');
    const capped = scored(scoreDepartment(serviceFacing, inputs({ survey: 80, superior: 80, adjustments: [adjustment('b1', 'bonus', 4), adjustment('b2', 'bonus', 3)] }), { ...policy, bonusCap: 6.5 }));
    expect(toFraction(capped.bonusPoints)).toBe('13/2');
  });

  it('a bonus can lift a department over a grade threshold, and is not capped at 100', () => {
    // (95 + 100) / 2 = 97.5, + 5 = 102.5 → satisfied
    const result = scored(scoreDepartment(serviceFacing, inputs({ survey: 95, superior: 100, adjustments: [adjustment('b', 'bonus', 5)] }), policy));
    expect(toFraction(result.score)).toBe('205/2');
  });

  it('a veto forces unsatisfied whatever the score, which still counts for the rank', () => {
    // (95 + 95) / 2 = 95 would be satisfied
    const result = scored(scoreDepartment(serviceFacing, inputs({ survey: 95, superior: 95, adjustments: [adjustment('v', 'veto')] }), policy));
    expect(toFraction(result.score)).toBe('95');
    expect(result.vetoed).toBe(true);
    expect(result.grade).toBe('unsatisfied');
    expect(result.adjustments).toEqual([{ adjustmentId: 'v', kind: 'veto', source: 'leading-group', reason: 'veto v' }]);
  });

  it.each([
    [85, 'satisfied'],
    [84.996, 'basically-satisfied'],
    [70, 'basically-satisfied'],
    [69.99, 'unsatisfied'],
  ] as const)('grades a score of %s as %s on the exact value', (value, grade) => {
    const result = scored(scoreDepartment(serviceFacing, inputs({ survey: value, superior: value }), policy));
    expect(result.grade).toBe(grade);
  });

  it('uses the weights and thresholds of the policy it is given', () => {
    const policyV1: EvaluationPolicy = {
      ...policy,
      version: 1,
      weights: { ...policy.weights, 'service-facing': { ratings: 60, survey: 20, superior: 20 } },
      grades: { satisfied: 80, basicallySatisfied: 60 },
    };
    // 0.6 · 77.5 + 0.2 · 90 + 0.2 · 80 = 46.5 + 18 + 16 = 80.5 → satisfied under ≥ 80
    const result = scored(scoreDepartment(serviceFacing, inputs({ ratings: ratingsOf77_5, survey: 90, superior: 80 }), policyV1));
    expect(toFraction(result.score)).toBe('161/2');
    expect(result.grade).toBe('satisfied');
  });
});

describe('more cases worked by hand from SPEC 6', () => {
  it('takes the rating index as the mean of (level − 1) / 4 × 100: level 1 counts 0, level 5 counts 100', () => {
    // One rating of each level: (0 + 25 + 50 + 75 + 100) / 5 = 50; ratings alone carry 100 % of the weight.
    const result = scored(scoreDepartment(serviceFacing, inputs({ ratings: levels({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }) }), policy));
    expect(toFraction(result.score)).toBe('50');
    expect(result.grade).toBe('unsatisfied');
    expect(result.components.map((component) => [component.component, component.value, component.appliedWeight])).toEqual([
      ['ratings', 50, 100],
      ['survey', null, 0],
      ['superior', null, 0],
    ]);
  });

  it('vertical with every component: survey 80 %, superior 20 %, and its ratings weigh nothing', () => {
    // 0.8 · 85 + 0.2 · 70 = 68 + 14 = 82 → basically-satisfied; the ten ratings of 1 (index 0) change nothing.
    const result = scored(
      scoreDepartment({ departmentId: 'dept-a', category: 'vertical' }, inputs({ ratings: levels({ 1: 10 }), survey: 85, superior: 70 }), policy),
    );
    expect(toFraction(result.score)).toBe('82');
    expect(result.grade).toBe('basically-satisfied');
    expect(result.components.map((component) => [component.component, component.value, component.weight, component.appliedWeight])).toEqual([
      ['ratings', 0, 0, 0],
      ['survey', 85, 80, 80],
      ['superior', 70, 20, 20],
    ]);
  });

  it('party-mass without a survey: the superior evaluation carries 100 %', () => {
    const result = scored(scoreDepartment({ departmentId: 'dept-a', category: 'party-mass' }, inputs({ superior: 71 }), policy));
    expect(toFraction(result.score)).toBe('71');
    expect(result.components.map((component) => [component.component, component.appliedWeight, component.missing])).toEqual([
      ['ratings', 0, true],
      ['survey', 0, true],
      ['superior', 100, false],
    ]);
  });

  it('a deduction can take a department below a grade threshold', () => {
    // (86 + 86) / 2 = 86 satisfied; − 1.5 (administrative fault) = 84.5 → basically-satisfied
    const result = scored(scoreDepartment(serviceFacing, inputs({ survey: 86, superior: 86, adjustments: [adjustment('d', 'deduction', 1.5)] }), policy));
    expect(toFraction(result.score)).toBe('169/2');
    expect(result.grade).toBe('basically-satisfied');
  });

  it('a veto keeps the deductions and bonuses in the score it is ranked by', () => {
    // 79 + 2 − 4 = 77, vetoed → unsatisfied
    const result = scored(
      scoreDepartment(
        serviceFacing,
        inputs({ ratings: ratingsOf77_5, survey: 90, superior: 80, adjustments: [adjustment('v', 'veto'), adjustment('b', 'bonus', 2), adjustment('d', 'deduction', 4)] }),
        policy,
      ),
    );
    expect(toFraction(result.score)).toBe('77');
    expect(result.grade).toBe('unsatisfied');
  });

  it('rounds only for display, half away from zero on the exact value', () => {
    // Three ratings 4, 4, 5: index 25 · 10 / 3 = 250/3. 0.8 · 250/3 + 0.1 · 80 + 0.1 · 85 = 200/3 + 16.5 = 499/6 = 83.1666…
    const repeating = scored(scoreDepartment(serviceFacing, inputs({ ratings: levels({ 4: 2, 5: 1 }), survey: 80, superior: 85 }), policy));
    expect(toFraction(repeating.score)).toBe('499/6');
    expect(displayScore(repeating.score)).toBe(83.17);
    // (70.085 + 70.085) / 2 = 70.085 exactly: shown 70.09, where rounding the float (70.08499…) shows 70.08.
    const halfway = scored(scoreDepartment(serviceFacing, inputs({ survey: 70.085, superior: 70.085 }), policy));
    expect([Math.round(70.085 * 100) / 100, (70.085).toFixed(2)]).toEqual([70.08, '70.08']);
    expect(displayScore(halfway.score)).toBe(70.09);
    // 84.996 is shown as 85 yet stays basically-satisfied: grades use the exact value, not the one shown.
    const justUnder = scored(scoreDepartment(serviceFacing, inputs({ survey: 84.996, superior: 84.996 }), policy));
    expect([displayScore(justUnder.score), justUnder.grade]).toEqual([85, 'basically-satisfied']);
  });
});
