import type { LedgerCalendar } from '@ledger/calendar';
import type { EvaluationPolicy } from '@ledger/events';
import { evaluationPolicyForYear } from '@ledger/evaluation-policy';

/**
 * The policy a year is assessed under: the version in force at the last instant of the local year (the
 * ledger's calendar, SPEC "Local time"), or the SPEC 6 default (version 0) when none was. A version adopted
 * after the year ended does not reach back into it; the close records the policy it used, so later versions
 * never change a published year.
 */
export function policyForYear(adopted: readonly EvaluationPolicy[], year: number, calendar: LedgerCalendar): EvaluationPolicy {
  return evaluationPolicyForYear(adopted, year, calendar);
}
