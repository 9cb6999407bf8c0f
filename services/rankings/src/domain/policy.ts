import type { EvaluationPolicy } from '@ledger/events';
import { evaluationPolicyInForce } from '@ledger/evaluation-policy';

/**
 * The policy a year is assessed under: the version in force at the year's last instant (UTC), or the SPEC 6
 * default (version 0) when none was. A version adopted after the year ended does not reach back into it; the
 * close records the policy it used, so later versions never change a published year.
 */
export function policyForYear(adopted: readonly EvaluationPolicy[], year: number): EvaluationPolicy {
  const lastInstantOfYear = new Date(Date.UTC(year + 1, 0, 1) - 1).toISOString();
  return evaluationPolicyInForce(adopted, lastInstantOfYear);
}
