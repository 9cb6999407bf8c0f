import { AdjustmentRecorded, RatingGiven, SurveyScored, departmentCategory, evaluationPolicyFields, identifier } from '@ledger/events';
import { answer, type SameType } from '@ledger/platform';
import type { Department, Person } from '@ledger/registry';
import { z } from 'zod';

// The answers of the evaluations routes (API.md "Registry", "Evaluations and rankings"), every field described;
// the compile-time checks at the end hold them to the values the routes give.

const instant = z.string().describe('ISO 8601 instant');
const at = '2026-02-03T09:00:00+08:00';

export const departmentAnswer = answer(
  z.object({ departmentId: identifier, name: z.string(), category: departmentCategory, leaderPersonId: identifier.optional(), registeredAt: instant, changedAt: instant }),
  'The department as registered now',
  { departmentId: 'housing-bureau', name: '住房保障局', category: 'service-facing', leaderPersonId: 'li-lei', registeredAt: at, changedAt: at },
);

export const personAnswer = answer(
  z.object({
    personId: identifier,
    name: z.string(),
    departmentId: identifier,
    post: z.string().optional(),
    departmentHistory: z.array(z.object({ departmentId: identifier, from: instant })).describe('Every department the person belonged to, oldest first'),
    registeredAt: instant,
    changedAt: instant,
  }),
  'The person as registered now',
  { personId: 'wang-fang', name: '王芳', departmentId: 'housing-bureau', post: '窗口受理员', departmentHistory: [{ departmentId: 'housing-bureau', from: at }], registeredAt: at, changedAt: at },
);

export const ratingAnswer = answer(RatingGiven.schema, 'The rating as recorded', {
  transactionId: 'tx-20260203-0001',
  departmentId: 'housing-bureau',
  platform: 'service-center',
  level: 5,
  ratedAt: at,
});

export const scoreRecordedAnswer = answer(SurveyScored.schema, 'The score as recorded (with `replaces` when it corrects an earlier one)', {
  departmentId: 'housing-bureau',
  year: 2026,
  score: 92.5,
  at,
});

export const scoreInForceAnswer = answer(
  z.object({ departmentId: identifier, year: z.int(), score: z.number().optional(), at: instant.optional() }),
  'The same score is already in force: nothing was recorded',
  { departmentId: 'housing-bureau', year: 2026, score: 92.5, at },
);

export const adjustmentAnswer = answer(
  AdjustmentRecorded.schema,
  'The adjustment as recorded',
  { adjustmentId: 'b1d4', departmentId: 'housing-bureau', year: 2026, kind: 'deduction', source: 'e-supervision', points: 2, reason: '电子监察发现超期办理', at },
);

const policyFields = {
  version: evaluationPolicyFields.version,
  effectiveFrom: instant,
  weights: evaluationPolicyFields.weights,
  grades: evaluationPolicyFields.grades,
  bottomCount: evaluationPolicyFields.bottomCount,
  minimumRatingsForPeopleRanking: evaluationPolicyFields.minimumRatingsForPeopleRanking,
  leaderReplacementIncreaseThreshold: evaluationPolicyFields.leaderReplacementIncreaseThreshold,
  bonusCap: evaluationPolicyFields.bonusCap.unwrap().describe('The most bonus points of a department and year'),
};
const weights = { ratings: 60, survey: 20, superior: 20 };
const policyExample = {
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  weights: { 'service-facing': weights, 'party-mass': weights, vertical: weights },
  grades: { satisfied: 90, basicallySatisfied: 70 },
  bottomCount: 1,
  minimumRatingsForPeopleRanking: 10,
  leaderReplacementIncreaseThreshold: 0.1,
  bonusCap: 5,
};

export const evaluationPolicyInForceAnswer = answer(
  z.object({ ...policyFields, inForceAt: instant }),
  'The evaluation policy in force at `inForceAt`',
  { ...policyExample, inForceAt: at },
);

export const evaluationPolicyAdoptedAnswer = answer(z.object({ ...policyFields, adoptedAt: instant }), 'The adopted version', { ...policyExample, adoptedAt: at });

export const statisticsAnswer = answer(
  z.object({
    departmentId: identifier,
    month: z.string(),
    counts: z.object({ '1': z.int(), '2': z.int(), '3': z.int(), '4': z.int(), '5': z.int() }),
    total: z.int(),
    satisfactionRate: z.number().nullable().describe('Levels 4-5 over all, 0-1; null without ratings'),
    meanIndex: z.number().nullable().describe('Mean rating index 0-100; null without ratings'),
  }),
  "A department's ratings in a month",
  { departmentId: 'housing-bureau', month: '2026-02', counts: { '1': 0, '2': 1, '3': 2, '4': 10, '5': 37 }, total: 50, satisfactionRate: 0.94, meanIndex: 91.5 },
);

// The answers are the values the routes build, field for field (the keys, and each type both ways).
const described: [SameType<z.output<typeof departmentAnswer>, Department>, SameType<z.output<typeof personAnswer>, Person>] = [true, true];
void described;
