import type { AppliedAdjustment, ComponentResult, DepartmentCategory, EvaluationPolicy, Grade, ScoreComponentName } from '@ledger/events';
import { scoreComponents } from '@ledger/events';
import type { Exact } from './exact.ts';
import { add, compare, divide, exact, multiply, ratio, subtract, sum, toNumber, zero } from './exact.ts';
import type { DepartmentInputs } from './inputs.ts';
import { ratingIndexFraction, totalOf } from '@ledger/rating-statistics';
import { bonusCapOf } from '@ledger/evaluation-policy';

/**
 * SPEC 6 composite score of one department for one year:
 *   weighted = Σ value_c × w_c / Σ w_c over the components c that have data (w = the category's weights),
 *   score    = weighted + bonuses − deductions   (not clamped: adjustments may take it outside 0–100),
 *   grade    = satisfied ≥ 85, basically-satisfied ≥ 70, else unsatisfied; any veto → unsatisfied.
 * Dividing by the weights of the components present is "a missing component gives its weight to the
 * others in proportion". A department with NO data in any component of positive weight is not scored
 * at all (`scored: false`): it is listed apart, unranked and ungraded, and no accountability follows,
 * because ranking it last would hold its leader to account on no evidence.
 */
export type DepartmentScore = ScoredDepartment | UnscoredDepartment;

export interface ScoredDepartment {
  scored: true;
  departmentId: string;
  category: DepartmentCategory;
  score: Exact;
  weightedScore: Exact;
  bonusPoints: Exact;
  deductionPoints: Exact;
  vetoed: boolean;
  grade: Grade;
  components: ComponentResult[];
  adjustments: AppliedAdjustment[];
}

export interface UnscoredDepartment {
  scored: false;
  departmentId: string;
  category: DepartmentCategory;
  reason: 'no-component-data';
  vetoed: boolean;
  components: ComponentResult[];
  adjustments: AppliedAdjustment[];
}

export interface DepartmentToScore {
  departmentId: string;
  category: DepartmentCategory;
}

export function scoreDepartment(
  department: DepartmentToScore,
  inputs: DepartmentInputs | undefined,
  policy: EvaluationPolicy,
): DepartmentScore {
  const weights = policy.weights[department.category];
  const values = componentValues(inputs);
  const configured = (component: ScoreComponentName) => exact(weights[component]);
  const present = scoreComponents.filter((component) => values[component] !== undefined);
  const presentWeight = sum(present.map(configured));
  const adjustments = (inputs?.adjustments ?? []).map(applied);
  const vetoed = adjustments.some((adjustment) => adjustment.kind === 'veto');
  const components = scoreComponents.map((component): ComponentResult => {
    const value = values[component];
    const appliedWeight = value === undefined || compare(presentWeight, zero) === 0 ? zero : divide(multiply(configured(component), ratio(100, 1)), presentWeight);
    return {
      component,
      value: value === undefined ? null : toNumber(value),
      weight: weights[component],
      appliedWeight: toNumber(appliedWeight),
      missing: value === undefined,
      ...(component === 'ratings' ? { ratingCount: inputs ? totalOf(inputs.ratings) : 0 } : {}),
    };
  });
  if (compare(presentWeight, zero) === 0) {
    return { scored: false, ...department, reason: 'no-component-data', vetoed, components, adjustments };
  }
  const weightedScore = divide(sum(present.map((component) => multiply(values[component]!, configured(component)))), presentWeight);
  const pointsOf = (kind: 'bonus' | 'deduction') =>
    sum(adjustments.flatMap((adjustment) => (adjustment.kind === kind ? [exact(adjustment.points!)] : [])));
  // SPEC 6: a department's bonuses of a year add up to at most the policy's cap (the evaluations service refuses
  // more; a ledger recorded before the cap is held to it here).
  const cap = exact(bonusCapOf(policy));
  const bonusSum = pointsOf('bonus');
  const bonusPoints = compare(bonusSum, cap) > 0 ? cap : bonusSum;
  const deductionPoints = pointsOf('deduction');
  const score = subtract(add(weightedScore, bonusPoints), deductionPoints);
  return {
    scored: true,
    ...department,
    score,
    weightedScore,
    bonusPoints,
    deductionPoints,
    vetoed,
    grade: gradeOf(score, vetoed, policy),
    components,
    adjustments,
  };
}

export function gradeOf(score: Exact, vetoed: boolean, policy: EvaluationPolicy): Grade {
  if (vetoed) return 'unsatisfied';
  if (compare(score, exact(policy.grades.satisfied)) >= 0) return 'satisfied';
  if (compare(score, exact(policy.grades.basicallySatisfied)) >= 0) return 'basically-satisfied';
  return 'unsatisfied';
}

/** The rating index is exact: 25 · Σ(level − 1) / n. */
function componentValues(inputs: DepartmentInputs | undefined): Partial<Record<ScoreComponentName, Exact>> {
  if (!inputs) return {};
  const index = ratingIndexFraction(inputs.ratings);
  return {
    ...(index ? { ratings: ratio(index.numerator, index.denominator) } : {}),
    ...(inputs.survey === undefined ? {} : { survey: exact(inputs.survey) }),
    ...(inputs.superior === undefined ? {} : { superior: exact(inputs.superior) }),
  };
}

function applied(adjustment: DepartmentInputs['adjustments'][number]): AppliedAdjustment {
  return {
    adjustmentId: adjustment.adjustmentId,
    kind: adjustment.kind,
    source: adjustment.source,
    ...(adjustment.kind === 'veto' ? {} : { points: adjustment.points }),
    reason: adjustment.reason,
  };
}
