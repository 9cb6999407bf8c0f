import { ratingPeriodOf } from '@ledger/rating-statistics';
import type {
  AdjustmentData,
  AnnualScoreData,
  DepartmentCategory,
  EvaluationPolicy,
  EvaluationPolicyAdoptedData,
  RatingGivenData,
} from '@ledger/events';
import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, markApplied } from '@ledger/readstore';

// What closing a year needs, kept from the evaluations service's events (services read each other's
// events, never each other's code). Every write is safe under at-least-once delivery: a rating or a
// policy is a document of its own (a redelivery rewrites the same one), and the documents folded from a
// stream (a department, a department's year) remember the last version of that stream they applied.

export const ratingInputsCollection = 'rankings-input-ratings';
export const annualInputsCollection = 'rankings-input-annual';
export const departmentInputsCollection = 'rankings-input-departments';
export const policyInputsCollection = 'rankings-input-policies';

/** One rating, under its transaction id (one rating per transaction), with the year of `ratedAt` (UTC) it counts in. */
export interface RatingDocument extends Document {
  id: string;
  year: number;
  rating: RatingGivenData;
}

/** A department's survey, superior evaluation (the latest score each, corrections replace) and adjustments for a year. */
export interface AnnualInputsDocument extends Document, AppliedVersions {
  id: string;
  year: number;
  departmentId: string;
  survey?: ScoreInForce;
  superior?: ScoreInForce;
  adjustments: AdjustmentData[];
}

/** A department as the registry now knows it: the category it is ranked in and the leader held to account. */
export interface DepartmentDocument extends Document, AppliedVersions {
  id: string;
  category: DepartmentCategory;
  leaderPersonId?: string;
}

export interface PolicyDocument extends Document {
  id: string;
  version: number;
  policy: EvaluationPolicy;
}

export interface ScoreInForce {
  score: number;
  at: string;
}

export const annualInputsId = (year: number, departmentId: string): string => `${year}|${departmentId}`;

export const periodInputsProjection: Projection = {
  name: 'rankings.period-inputs',
  services: ['evaluations'],
  eventTypes: [
    'RatingGiven',
    'SurveyScored',
    'SuperiorEvaluationScored',
    'AdjustmentRecorded',
    'DepartmentRegistered',
    'DepartmentChanged',
    'EvaluationPolicyAdopted',
  ],
  collections: [ratingInputsCollection, annualInputsCollection, departmentInputsCollection, policyInputsCollection],
  async setup(store: ReadStore) {
    await store.collection(ratingInputsCollection).ensureIndex('year');
    await store.collection(annualInputsCollection).ensureIndex('year');
  },
  async apply(event, store) {
    switch (event.type) {
      case 'RatingGiven': {
        const rating = event.data as RatingGivenData;
        await store.collection<RatingDocument>(ratingInputsCollection).put({ id: rating.transactionId, year: ratingPeriodOf(rating).year, rating });
        return;
      }
      case 'SurveyScored':
      case 'SuperiorEvaluationScored':
      case 'AdjustmentRecorded': {
        const data = event.data as AnnualScoreData | AdjustmentData;
        const scoreInForce = () => ({ score: (data as AnnualScoreData).score, at: data.at });
        const annual = store.collection<AnnualInputsDocument>(annualInputsCollection);
        const id = annualInputsId(data.year, data.departmentId);
        const existing = await annual.get(id);
        if (alreadyApplied(existing, event)) return;
        const current: AnnualInputsDocument = existing ?? { id, year: data.year, departmentId: data.departmentId, adjustments: [] };
        const next =
          event.type === 'SurveyScored'
            ? { ...current, survey: scoreInForce() }
            : event.type === 'SuperiorEvaluationScored'
              ? { ...current, superior: scoreInForce() }
              : { ...current, adjustments: [...current.adjustments, data as AdjustmentData] };
        await annual.put(markApplied(next, event));
        return;
      }
      case 'DepartmentRegistered':
      case 'DepartmentChanged': {
        const { departmentId, category, leaderPersonId } = event.data as { departmentId: string; category: DepartmentCategory; leaderPersonId?: string };
        const departments = store.collection<DepartmentDocument>(departmentInputsCollection);
        const existing = await departments.get(departmentId);
        if (alreadyApplied(existing, event)) return;
        // The whole record each time: a leader removed in a change is gone here too.
        const department: DepartmentDocument = { id: departmentId, category, ...(leaderPersonId === undefined ? {} : { leaderPersonId }) };
        await departments.put(markApplied({ ...department, ...(existing?._applied ? { _applied: existing._applied } : {}) }, event));
        return;
      }
      case 'EvaluationPolicyAdopted': {
        const { at: _at, ...policy } = event.data as EvaluationPolicyAdoptedData;
        await store.collection<PolicyDocument>(policyInputsCollection).put({ id: `v${policy.version}`, version: policy.version, policy });
        return;
      }
    }
  },
};
