import type { EvaluationPolicy } from '@ledger/events';
import { defaultEvaluationPolicy } from '@ledger/events';

/**
 * The policy a year is assessed under: the latest version in force at the year's last instant (UTC), or
 * the SPEC 6 default (version 0) when none was. A version adopted after the year ended does not reach
 * back into it; the close records the policy it used, so later versions never change a published year.
 */
export function policyForYear(adopted: readonly EvaluationPolicy[], year: number): EvaluationPolicy {
  const endOfYear = Date.UTC(year + 1, 0, 1);
  let inForce = defaultEvaluationPolicy;
  for (const policy of adopted) {
    if (Date.parse(policy.effectiveFrom) < endOfYear && policy.version > inForce.version) inForce = policy;
  }
  return inForce;
}
