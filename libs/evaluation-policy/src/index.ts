import type { EvaluationPolicy } from '@ledger/events';
import type { LedgerCalendar } from '@ledger/calendar';
import { instantMs, policyInForce } from '@ledger/rules-kit';

/**
 * SPEC 6's evaluation policy (pure; domain code may import it). Two services use it and neither may import the
 * other: the evaluations service adopts its versions, the rankings service scores a year under one.
 */

/**
 * SPEC 6's rules, built in: version 0, in force from the beginning of time until a version is adopted (the first
 * adopted is version 1). Closed periods record the policy they used, so these numbers never change a published year.
 */
export const defaultEvaluationPolicy: EvaluationPolicy = {
  version: 0,
  effectiveFrom: '1970-01-01T00:00:00.000Z',
  weights: {
    'service-facing': { ratings: 80, survey: 10, superior: 10 },
    'party-mass': { ratings: 0, survey: 80, superior: 20 },
    vertical: { ratings: 0, survey: 80, superior: 20 },
  },
  grades: { satisfied: 85, basicallySatisfied: 70 },
  bottomCount: 3,
  minimumRatingsForPeopleRanking: 10,
  leaderReplacementIncreaseThreshold: 0.05,
  bonusCap: 5,
};

/** SPEC 6's cap on a department's bonuses of a year, when a version says none (adopted before the cap existed). */
export const defaultBonusCap = 5;

/** The most bonus points of a department and year under a policy (SPEC 6). */
export const bonusCapOf = (policy: Pick<EvaluationPolicy, 'bonusCap'>): number => policy.bonusCap ?? defaultBonusCap;

/** The version in force at `instant` (@ledger/rules-kit's one rule for every policy), or SPEC 6's before any. */
export const evaluationPolicyInForce = (adopted: readonly EvaluationPolicy[], instant: string): EvaluationPolicy =>
  policyInForce(defaultEvaluationPolicy, adopted, instant);

/**
 * The version a year is assessed under: the one in force at the last instant of the LOCAL year (SPEC "Local
 * time"), so a version effective from 1 January 00:00 in the ledger's zone applies to that whole year.
 */
export function evaluationPolicyForYear(adopted: readonly EvaluationPolicy[], year: number, calendar: LedgerCalendar): EvaluationPolicy {
  const lastInstantOfYear = new Date(instantMs(calendar.yearPeriod(year).end) - 1).toISOString();
  return evaluationPolicyInForce(adopted, lastInstantOfYear);
}
