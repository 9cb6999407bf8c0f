import { z } from 'zod';
import { defineEvent, safeText, identifier, isoInstant } from './define.ts';
import { adjustmentKinds, adjustmentSources, evaluationPolicy } from './evaluations.ts';
import { departmentCategory } from './registry.ts';

// Events owned by the rankings service: what closing an assessment period decided, with the numbers
// that explain it (SPEC 6), so that an auditor can redo every rank and every consequence.

export const grades = ['satisfied', 'basically-satisfied', 'unsatisfied'] as const;
export const grade = z.enum(grades);
export type Grade = z.infer<typeof grade>;

export const scoreComponents = ['ratings', 'survey', 'superior'] as const;
export const scoreComponent = z.enum(scoreComponents);
export type ScoreComponentName = z.infer<typeof scoreComponent>;

/**
 * The exact value behind a score, a reduced fraction `n/d` or an integer `n` (e.g. `1531/18`):
 * ranks and rules use it; the float `score` beside it is for reading only.
 */
export const exactNumber = safeText().regex(/^-?\d+(\/[1-9]\d*)?$/, 'an integer or a reduced fraction n/d');

/**
 * An exact number (`n/d` or `n`) as shown: `decimals` places, half away from zero, computed on the fraction
 * itself. Rounding the float instead would differ where the exact value ends in a 5 binary cannot hold (70.005).
 */
export function shownExactNumber(text: string, decimals = 2): number {
  const [numerator = '0', denominator = '1'] = text.split('/');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const scale = 10n ** BigInt(decimals);
  const scaled = (n < 0n ? -n : n) * scale;
  const rounded = Number(scaled / d + ((scaled % d) * 2n >= d ? 1n : 0n)) / Number(scale);
  return n < 0n && rounded !== 0 ? -rounded : rounded;
}

const year = z.int().min(2000).max(9999);

export const componentResult = z.object({
  component: scoreComponent,
  /** 0–100; null when the component had no data in the year. */
  value: z.number().nullable(),
  /** The policy's weight in percent. */
  weight: z.number().min(0).max(100),
  /** The weight used, in percent, after missing components gave theirs to the others in proportion. */
  appliedWeight: z.number().min(0).max(100),
  missing: z.boolean(),
  /** Ratings only: how many ratings the index is the mean of. */
  ratingCount: z.int().nonnegative().optional(),
});
export type ComponentResult = z.infer<typeof componentResult>;

export const appliedAdjustment = z.object({
  adjustmentId: identifier,
  kind: z.enum(adjustmentKinds),
  source: z.enum(adjustmentSources),
  points: z.number().positive().optional(),
  reason: safeText(),
});
export type AppliedAdjustment = z.infer<typeof appliedAdjustment>;

export const rankingItem = z.object({
  departmentId: identifier,
  category: departmentCategory,
  /** Final score (weighted sum + bonuses − deductions), not clamped; round only to show it. */
  score: z.number(),
  exactScore: exactNumber,
  grade,
  /** 1 = highest score in the category; equal scores by department id. */
  rank: z.int().positive(),
  /** Among the policy's `bottomCount` last places of the category. */
  bottom: z.boolean(),
  /** The weighted sum of the components, before adjustments. */
  weightedScore: z.number(),
  bonusPoints: z.number().nonnegative(),
  deductionPoints: z.number().nonnegative(),
  vetoed: z.boolean(),
  components: z.array(componentResult),
  adjustments: z.array(appliedAdjustment),
});
export type RankingItem = z.infer<typeof rankingItem>;

/** A department without data in any weighted component: not scored, ranked, graded or held accountable. */
export const unscoredItem = z.object({
  departmentId: identifier,
  category: departmentCategory,
  reason: z.literal('no-component-data'),
  vetoed: z.boolean(),
  components: z.array(componentResult),
  adjustments: z.array(appliedAdjustment),
});
export type UnscoredItem = z.infer<typeof unscoredItem>;

export const PeriodClosed = defineEvent({
  type: 'PeriodClosed',
  version: 1,
  service: 'rankings',
  description:
    'An assessment year was closed with the policy snapshot it used; its rankings, people rankings and bottom-rank consequences follow in the same append.',
  schema: z.object({
    year,
    policy: evaluationPolicy,
    categories: z.array(
      z.object({ category: departmentCategory, ranked: z.int().nonnegative(), unscored: z.int().nonnegative() }),
    ),
    at: isoInstant,
  }),
});

export const RankingPublished = defineEvent({
  type: 'RankingPublished',
  version: 1,
  service: 'rankings',
  description:
    'The ranking of one category for a closed year: every department with its components, applied weights, adjustments, score, grade, rank and bottom mark.',
  schema: z.object({
    year,
    category: departmentCategory,
    policyVersion: z.int().nonnegative(),
    bottomCount: z.int().positive(),
    items: z.array(rankingItem),
    unscored: z.array(unscoredItem),
    at: isoInstant,
  }),
});

const placing = z.object({ score: z.number(), exactScore: exactNumber, grade, rank: z.int().positive() });

export const BottomRankAdmonitionRequired = defineEvent({
  type: 'BottomRankAdmonitionRequired',
  version: 1,
  service: 'rankings',
  description:
    'Bottom-rank accountability [末位问责]: graded basically-satisfied or worse AND among the last places of its category, so the leader and the leadership team get an admonition talk.',
  schema: z.object({
    year,
    departmentId: identifier,
    category: departmentCategory,
    /** Absent when the registry names no leader; the leadership team is admonished all the same. */
    leaderPersonId: identifier.optional(),
    subjects: z.tuple([z.literal('leader'), z.literal('leadership-team')]),
    ...placing.shape,
    rankedInCategory: z.int().positive(),
    bottomCount: z.int().positive(),
    policyVersion: z.int().nonnegative(),
    at: isoInstant,
  }),
});

export const LeaderReplacementRequired = defineEvent({
  type: 'LeaderReplacementRequired',
  version: 1,
  service: 'rankings',
  description:
    'Bottom-rank accountability a second year running with a score increase under the threshold ((this − last) / |last|): the leader is to be replaced [调整主要领导].',
  schema: z.object({
    year,
    departmentId: identifier,
    category: departmentCategory,
    leaderPersonId: identifier.optional(),
    thisYear: placing,
    lastYear: placing.extend({ year }),
    increase: z.object({
      absolute: z.number(),
      /** (this − last) / |last|; null when last year's score was 0, where only the sign of the change counts. */
      relative: z.number().nullable(),
      threshold: z.number(),
      basis: z.enum(['relative', 'last-score-zero']),
    }),
    policyVersion: z.int().nonnegative(),
    at: isoInstant,
  }),
});

export const PeopleRanked = defineEvent({
  type: 'PeopleRanked',
  version: 1,
  service: 'rankings',
  description:
    'People of one department ranked by their rating index for a closed year (ratings given in that department); people under the minimum number of ratings are listed unranked.',
  schema: z.object({
    year,
    departmentId: identifier,
    minimumRatings: z.int().positive(),
    items: z.array(
      z.object({
        personId: identifier,
        rank: z.int().positive(),
        ratingCount: z.int().positive(),
        ratingIndex: z.number().min(0).max(100),
        exactRatingIndex: exactNumber,
      }),
    ),
    unranked: z.array(z.object({ personId: identifier, ratingCount: z.int().positive() })),
    at: isoInstant,
  }),
});

export const PersonBottomRankTalkRequired = defineEvent({
  type: 'PersonBottomRankTalkRequired',
  version: 1,
  service: 'rankings',
  description:
    "The person ranked last of a department with at least 5 ranked people, whose rating index is below the department's own for the year, gets a bottom-rank talk [末位问责] (SPEC 6); it shows in their history and is no ladder step.",
  schema: z.object({
    year,
    departmentId: identifier,
    personId: identifier,
    rank: z.int().positive(),
    rankedPeople: z.int().positive(),
    ratingIndex: z.number().min(0).max(100),
    exactRatingIndex: exactNumber,
    departmentRatingIndex: z.number().min(0).max(100),
    exactDepartmentRatingIndex: exactNumber,
    at: isoInstant,
  }),
});

export type PeriodClosedData = z.infer<typeof PeriodClosed.schema>;
export type RankingPublishedData = z.infer<typeof RankingPublished.schema>;
export type BottomRankAdmonitionRequiredData = z.infer<typeof BottomRankAdmonitionRequired.schema>;
export type LeaderReplacementRequiredData = z.infer<typeof LeaderReplacementRequired.schema>;
export type PeopleRankedData = z.infer<typeof PeopleRanked.schema>;

export const rankingsEvents = [
  PeriodClosed,
  RankingPublished,
  BottomRankAdmonitionRequired,
  LeaderReplacementRequired,
  PeopleRanked,
  PersonBottomRankTalkRequired,
] as const;
