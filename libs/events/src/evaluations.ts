import { z } from 'zod';
import { complaintPlatforms } from './complaints.ts';
import { defineEvent, safeText, identifier, isoInstant } from './define.ts';

// Events owned by the evaluations service: the inputs of SPEC 6 and the evaluation policy.

/** The six complaint platforms plus on-site QR codes: where a service transaction is rated [好差评]. */
export const ratingPlatforms = [...complaintPlatforms, 'qr-code'] as const;
export const ratingPlatform = z.enum(ratingPlatforms);

/** 1 = very dissatisfied … 5 = very satisfied. */
export const ratingLevels = [1, 2, 3, 4, 5] as const;
export type RatingLevel = (typeof ratingLevels)[number];
export const ratingLevel = z.int().min(1).max(5);

export const RatingGiven = defineEvent({
  type: 'RatingGiven',
  version: 1,
  service: 'evaluations',
  description:
    'One service transaction was rated [一次一评]; one rating per transaction id (stream `rating-<transactionId>`).',
  schema: z.object({
    transactionId: identifier,
    departmentId: identifier,
    personId: identifier.optional(),
    platform: ratingPlatform,
    level: ratingLevel,
    ratedAt: isoInstant,
    /**
     * The local calendar year and month `YYYY-MM` of `ratedAt` in the ledger's zone (SPEC "Local time"), as
     * decided: the rating counts in them. Absent only on ratings recorded before they were carried.
     */
    year: z.int().min(1900).max(9999).optional(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  }),
});

/** Score 0–100 of a department for a calendar year. */
const annualScoreFields = {
  departmentId: identifier,
  year: z.int().min(2000).max(9999),
  score: z.number().min(0).max(100),
  at: isoInstant,
  /**
   * Present when this score corrects an earlier one for the same department and year: the earlier
   * score stops counting, and this records what it was, so the correction is visible in the ledger.
   */
  replaces: z.object({ score: z.number().min(0).max(100), at: isoInstant }).optional(),
};

export const SurveyScored = defineEvent({
  type: 'SurveyScored',
  version: 1,
  service: 'evaluations',
  description:
    "Service recipients' survey score of a department for a year [服务对象评议]. A later one for the same department and year is a correction that replaces it (`replaces`).",
  schema: z.object(annualScoreFields),
});

export const SuperiorEvaluationScored = defineEvent({
  type: 'SuperiorEvaluationScored',
  version: 1,
  service: 'evaluations',
  description:
    "A superior's evaluation score of a department for a year [上级对口评议]. A later one for the same department and year is a correction that replaces it (`replaces`).",
  schema: z.object(annualScoreFields),
});

export const deductionSources = ['e-supervision', 'inspection', 'administrative-fault'] as const;
export const bonusSources = ['leading-group'] as const;
/** A veto [一票否决] is decided by the assessment leading group, whatever uncovered the facts (the reason says what). */
export const vetoSources = ['leading-group'] as const;
/** Every source any adjustment may name. */
export const adjustmentSources = ['e-supervision', 'inspection', 'administrative-fault', 'leading-group'] as const;
export const adjustmentKinds = ['deduction', 'bonus', 'veto'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];
export const adjustmentSourcesByKind = {
  deduction: deductionSources,
  bonus: bonusSources,
  veto: vetoSources,
} as const satisfies Record<AdjustmentKind, readonly string[]>;

/** Points are added (bonus) or subtracted (deduction) after weighting; always positive here. */
export const adjustmentPoints = z.number().positive().max(100);

const adjustmentBase = {
  adjustmentId: identifier,
  departmentId: identifier,
  year: z.int().min(2000).max(9999),
  reason: safeText().min(1).max(2_000),
  at: isoInstant,
};

export const adjustmentData = z.discriminatedUnion('kind', [
  z.object({ ...adjustmentBase, kind: z.literal('deduction'), source: z.enum(deductionSources), points: adjustmentPoints }),
  z.object({ ...adjustmentBase, kind: z.literal('bonus'), source: z.enum(bonusSources), points: adjustmentPoints }),
  z.object({ ...adjustmentBase, kind: z.literal('veto'), source: z.enum(vetoSources) }),
]);

export const AdjustmentRecorded = defineEvent({
  type: 'AdjustmentRecorded',
  version: 1,
  service: 'evaluations',
  description:
    'A deduction (e-supervision, inspection, administrative fault), a bonus (leading group) or a veto [一票否决] (leading group; forces the lowest grade) for a department and year.',
  schema: adjustmentData,
});

const percent = z.number().min(0).max(100);
const componentWeights = z.object({ ratings: percent, survey: percent, superior: percent });

/** The rules of SPEC 6 as data; a later version replaces an earlier one from its `effectiveFrom`. */
export const evaluationPolicyFields = {
  /** 0 is the built-in default (SPEC 6); adopted policies count from 1. */
  version: z.int().nonnegative(),
  effectiveFrom: isoInstant,
  /** Percentages per category; each category's three weights add up to 100. */
  weights: z.object({ 'service-facing': componentWeights, 'party-mass': componentWeights, vertical: componentWeights }),
  /** Lowest score of each grade; below `basicallySatisfied` is `unsatisfied`. */
  grades: z.object({ satisfied: z.number().min(0).max(100), basicallySatisfied: z.number().min(0).max(100) }),
  /** How many last places of a category are `bottom`. */
  bottomCount: z.int().min(1).max(1000),
  minimumRatingsForPeopleRanking: z.int().min(1),
  /** A second bottom-rank year with a relative increase below this fraction replaces the leader. */
  leaderReplacementIncreaseThreshold: z.number().min(0).max(10),
  /**
   * The most bonus points a department may get for one year, all bonuses together (SPEC 6); absent in
   * versions adopted before it existed, which keep SPEC 6's 5.
   */
  bonusCap: z.number().min(0).max(100).optional(),
};
export const evaluationPolicy = z.object(evaluationPolicyFields);
export type EvaluationPolicy = z.infer<typeof evaluationPolicy>;
export type ComponentWeights = z.infer<typeof componentWeights>;

export const EvaluationPolicyAdopted = defineEvent({
  type: 'EvaluationPolicyAdopted',
  version: 1,
  service: 'evaluations',
  description:
    'A new version of the evaluation policy (weights, grade thresholds, bottom count, people-ranking minimum, leader-replacement threshold) taking effect from `effectiveFrom`.',
  schema: z.object({ ...evaluationPolicyFields, version: z.int().positive(), at: isoInstant }),
});

export const bulletinKinds = ['notice', 'criticism', 'praise'] as const;
export const bulletinSubject = z
  .object({ departmentId: identifier.optional(), personId: identifier.optional() })
  .refine((subject) => subject.departmentId !== undefined || subject.personId !== undefined, 'a subject names a department or a person');

export const BulletinPublished = defineEvent({
  type: 'BulletinPublished',
  version: 1,
  service: 'evaluations',
  description:
    'The evaluation office published a bulletin [通报] (a notice, named criticism or praise; SPEC 12). It is never changed: a correction is a new bulletin that names the one it corrects.',
  schema: z.object({
    bulletinId: identifier,
    kind: z.enum(bulletinKinds),
    title: z.string().min(1).max(500),
    body: z.string().min(1).max(50_000),
    subjects: z.array(bulletinSubject).max(200),
    corrects: identifier.optional(),
    publishedAt: isoInstant,
  }),
});

export type BulletinPublishedData = z.infer<typeof BulletinPublished.schema>;
export type RatingGivenData = z.infer<typeof RatingGiven.schema>;
export type AnnualScoreData = z.infer<typeof SurveyScored.schema>;
export type AdjustmentData = z.infer<typeof adjustmentData>;
export type EvaluationPolicyAdoptedData = z.infer<typeof EvaluationPolicyAdopted.schema>;

export const evaluationsEvents = [
  RatingGiven,
  SurveyScored,
  SuperiorEvaluationScored,
  AdjustmentRecorded,
  EvaluationPolicyAdopted,
  BulletinPublished,
] as const;
