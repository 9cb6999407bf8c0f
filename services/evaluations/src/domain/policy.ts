import type { ComponentWeights, EvaluationPolicy, EvaluationPolicyAdopted, EventOf } from '@ledger/events';
import { departmentCategories } from '@ledger/events';
import type { Decision } from '@ledger/decider';
import { accept, refuse } from '@ledger/decider';
import { bonusCapOf, defaultEvaluationPolicy } from '@ledger/evaluation-policy';
import { checkInstant, checkNotFuture, instantMs, latestPolicy, nextPolicyVersion } from '@ledger/rules-kit';

/**
 * Adopt a new version of the evaluation policy (stream `evaluation-policy`). Versions count from 1;
 * version 0 is the built-in SPEC 6 default (`defaultEvaluationPolicy`), in force until the first adoption.
 * A version applies from `effectiveFrom`; a year is assessed under the version in force at its last instant
 * (`evaluationPolicyInForce`, @ledger/evaluation-policy).
 */
export type AdoptEvaluationPolicy = Omit<EvaluationPolicy, 'version' | CarriedOver> &
  Partial<Pick<EvaluationPolicy, CarriedOver>> & { at: string; now: string };

/**
 * Rules of the rankings that an adoption may leave out: they are carried over from the latest version (or
 * the default), so that changing the weights does not oblige the office to restate every other rule.
 */
type CarriedOver = 'minimumRatingsForPeopleRanking' | 'leaderReplacementIncreaseThreshold' | 'bonusCap';

export const evaluationPolicyStream = 'evaluation-policy';

export type EvaluationPolicyEvent = EventOf<typeof EvaluationPolicyAdopted>;

export interface EvaluationPolicyState {
  /** In adoption order; the last is the latest version. */
  adopted: readonly EvaluationPolicy[];
}

export const initialEvaluationPolicyState: EvaluationPolicyState = { adopted: [] };

export function evolveEvaluationPolicy(state: EvaluationPolicyState, event: EvaluationPolicyEvent): EvaluationPolicyState {
  switch (event.type) {
    case 'EvaluationPolicyAdopted': {
      const { at: _at, ...policy } = event.data;
      return { adopted: [...state.adopted, policy] };
    }
  }
}

export function decideAdoptEvaluationPolicy(
  adoption: AdoptEvaluationPolicy,
  state: EvaluationPolicyState,
): Decision<EvaluationPolicyEvent> {
  const latest = latestPolicy(defaultEvaluationPolicy, state.adopted);
  const command = {
    ...adoption,
    minimumRatingsForPeopleRanking: adoption.minimumRatingsForPeopleRanking ?? latest.minimumRatingsForPeopleRanking,
    leaderReplacementIncreaseThreshold: adoption.leaderReplacementIncreaseThreshold ?? latest.leaderReplacementIncreaseThreshold,
    bonusCap: adoption.bonusCap ?? bonusCapOf(latest),
  };
  for (const category of departmentCategories) {
    const problem = weightsProblem(command.weights[category]);
    if (problem) return refuse('rule', 'invalid-weights', `${category} weights: ${problem}`, `weights.${category}`);
  }
  const { satisfied, basicallySatisfied } = command.grades;
  if (!(Number.isFinite(basicallySatisfied) && Number.isFinite(satisfied) && 0 <= basicallySatisfied && basicallySatisfied < satisfied && satisfied <= 100)) {
    return refuse('rule', 'invalid-grade-thresholds', 'grade thresholds need 0 <= basicallySatisfied < satisfied <= 100', 'grades');
  }
  if (!Number.isInteger(command.bottomCount) || command.bottomCount < 1) {
    return refuse('rule', 'invalid-bottom-count', 'bottomCount must be a whole number of places, at least 1', 'bottomCount');
  }
  if (!Number.isInteger(command.minimumRatingsForPeopleRanking) || command.minimumRatingsForPeopleRanking < 1) {
    return refuse('rule', 'invalid-minimum-ratings', 'minimumRatingsForPeopleRanking must be a whole number, at least 1', 'minimumRatingsForPeopleRanking');
  }
  const threshold = command.leaderReplacementIncreaseThreshold;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 10) {
    return refuse('rule', 'invalid-increase-threshold', 'leaderReplacementIncreaseThreshold is a fraction from 0 to 10 (0.05 = 5%)', 'leaderReplacementIncreaseThreshold');
  }
  if (!Number.isFinite(command.bonusCap) || command.bonusCap < 0 || command.bonusCap > 100) {
    return refuse('rule', 'invalid-bonus-cap', 'bonusCap is a number of points from 0 to 100', 'bonusCap');
  }
  const time = checkInstant(command.effectiveFrom, 'effectiveFrom') ?? checkNotFuture(command.at, 'at', command.now);
  if (time) return refuse(time);
  if (state.adopted.length > 0 && instantMs(command.effectiveFrom) < instantMs(latest.effectiveFrom)) {
    return refuse(
      'rule',
      'effective-before-latest',
      `effectiveFrom ${command.effectiveFrom} is before version ${latest.version}'s ${latest.effectiveFrom}; versions take effect in order`,
      'effectiveFrom',
    );
  }
  return accept({
    type: 'EvaluationPolicyAdopted',
    data: {
      version: nextPolicyVersion(defaultEvaluationPolicy, state.adopted),
      effectiveFrom: command.effectiveFrom,
      weights: command.weights,
      grades: command.grades,
      bottomCount: command.bottomCount,
      minimumRatingsForPeopleRanking: command.minimumRatingsForPeopleRanking,
      leaderReplacementIncreaseThreshold: threshold,
      bonusCap: command.bonusCap,
      at: command.at,
    },
  });
}

function weightsProblem(weights: ComponentWeights | undefined): string | undefined {
  if (!weights) return 'missing';
  const values = [weights.ratings, weights.survey, weights.superior];
  if (values.some((value) => !Number.isFinite(value) || value < 0 || value > 100)) return 'each weight is a percentage from 0 to 100';
  // Percentages with a few decimals: a float sum may miss 100 by an ulp or two.
  if (Math.abs(values[0]! + values[1]! + values[2]! - 100) > 1e-9) return 'the three weights must add up to 100';
  return undefined;
}

export const evaluationPolicyDecider = {
  initialState: initialEvaluationPolicyState,
  evolve: evolveEvaluationPolicy,
  decide: decideAdoptEvaluationPolicy,
};
