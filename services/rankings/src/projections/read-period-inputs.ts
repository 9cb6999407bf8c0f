import type { LedgerCalendar } from '@ledger/calendar';
import type { EvaluationPolicy } from '@ledger/events';
import type { ReadStore } from '@ledger/readstore';
import { type DepartmentOfPeriod, type EvaluationInputEvent, type PeriodInputs, collectPeriodInputs, policyForYear } from '../domain/index.ts';
import {
  type AnnualInputsDocument,
  type DepartmentDocument,
  type PolicyDocument,
  type RatingDocument,
  annualInputsCollection,
  departmentInputsCollection,
  policyInputsCollection,
  ratingInputsCollection,
} from './period-inputs.ts';
import { everyDocument } from './every-document.ts';

/** What the period-inputs projection holds for closing `year`: the registry, the year's inputs and its policy. */
export interface StoredPeriodInputs {
  departments: DepartmentOfPeriod[];
  inputs: PeriodInputs;
  policy: EvaluationPolicy;
}

export async function readPeriodInputs(readStore: ReadStore, year: number, calendar: LedgerCalendar): Promise<StoredPeriodInputs> {
  const departments = await everyDocument(readStore.collection<DepartmentDocument>(departmentInputsCollection));
  const policies = await everyDocument(readStore.collection<PolicyDocument>(policyInputsCollection));
  return {
    departments: departments.map(({ id, category, leaderPersonId }) => ({ departmentId: id, category, ...(leaderPersonId === undefined ? {} : { leaderPersonId }) })),
    // The domain's own fold decides what counts; the read model only saves reading the whole ledger.
    inputs: collectPeriodInputs(year, await inputEventsOf(readStore, year)),
    policy: policyForYear(
      policies.map((document) => document.policy),
      year,
      calendar,
    ),
  };
}

async function inputEventsOf(readStore: ReadStore, year: number): Promise<EvaluationInputEvent[]> {
  const events: EvaluationInputEvent[] = [];
  for (const { rating } of await everyDocument(readStore.collection<RatingDocument>(ratingInputsCollection), { year })) {
    events.push({ type: 'RatingGiven', data: rating });
  }
  for (const annual of await everyDocument(readStore.collection<AnnualInputsDocument>(annualInputsCollection), { year })) {
    const { departmentId, survey, superior } = annual;
    if (survey) events.push({ type: 'SurveyScored', data: { departmentId, year, ...survey } });
    if (superior) events.push({ type: 'SuperiorEvaluationScored', data: { departmentId, year, ...superior } });
    for (const adjustment of annual.adjustments) events.push({ type: 'AdjustmentRecorded', data: adjustment });
  }
  return events;
}
