import {
  BottomRankAdmonitionRequired,
  LeaderReplacementRequired,
  PeopleRanked,
  appliedAdjustment,
  componentResult,
  departmentCategory,
  grade,
  identifier,
  unscoredItem,
} from '@ledger/events';
import { answer, type SameType } from '@ledger/platform';
import { z } from 'zod';
import type { BottomRankOutcomeView, categoryRankingView, rankingItemView } from './ranking-view.ts';

// The answers of the rankings routes (API.md "Evaluations and rankings"), every field described: components and
// adjustments carry every input of the score, with the events' own schemas. The compile-time checks at the end
// hold them to the views the routes build.

const item = z.object({
  departmentId: identifier,
  category: departmentCategory,
  score: z.number().describe('Shown to 2 decimals'),
  exactScore: z.string().describe('The exact value ranked on, `n/d` or `n`'),
  grade,
  rank: z.int(),
  bottom: z.boolean(),
  weightedScore: z.number().describe('The weighted sum of the components before adjustments, shown to 2 decimals'),
  bonusPoints: z.number(),
  deductionPoints: z.number(),
  vetoed: z.boolean().describe('A veto forced the lowest grade and the last places'),
  components: z.array(componentResult),
  adjustments: z.array(appliedAdjustment),
});
const itemExample: z.output<typeof item> = {
  departmentId: 'housing-bureau',
  category: 'service-facing',
  score: 91.25,
  exactScore: '365/4',
  grade: 'satisfied',
  rank: 1,
  bottom: false,
  weightedScore: 91.25,
  bonusPoints: 0,
  deductionPoints: 0,
  vetoed: false,
  components: [{ component: 'ratings', value: 91.25, weight: 100, appliedWeight: 100, missing: false, ratingCount: 12 }],
  adjustments: [],
};

const { at: _admonitionAt, ...admonition } = BottomRankAdmonitionRequired.schema.shape;
const { at: _replacementAt, ...replacement } = LeaderReplacementRequired.schema.shape;
const bottomRankOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('admonition-talk'), ...admonition, at: z.string() }),
  z.object({ outcome: z.literal('leader-replacement'), ...replacement, at: z.string() }),
]);

const categoryRanking = z.object({ category: departmentCategory, policyVersion: z.int(), bottomCount: z.int(), items: z.array(item), unscored: z.array(unscoredItem) });

export const closeAnswer = answer(
  z.object({ year: z.int(), closedAt: z.string(), policyVersion: z.int(), rankings: z.array(categoryRanking), bottomRank: z.array(bottomRankOutcome) }),
  'The published ranking of every category and the bottom-rank accountability it decided',
  { year: 2026, closedAt: '2027-01-05T10:00:00+08:00', policyVersion: 1, rankings: [{ category: 'service-facing', policyVersion: 1, bottomCount: 1, items: [itemExample], unscored: [] }], bottomRank: [] },
);

export const rankingAnswer = answer(
  z.object({ year: z.int(), items: z.array(item), unscored: z.array(unscoredItem).describe('Departments without a score this year') }),
  'The published ranking of a closed year',
  { year: 2026, items: [itemExample], unscored: [] },
);

/** The public ranking shows what the administration reads, item by item (SPEC 12), without the unscored list. */
export const publicRankingAnswer = answer(z.object({ year: z.int(), items: z.array(item) }), 'The ranking of a closed year, as published', { year: 2025, items: [itemExample] });

const { items: rankedPeople, unranked: unrankedPeople } = PeopleRanked.schema.shape;
export const peopleRankingAnswer = answer(
  z.object({
    year: z.int(),
    items: z.array(rankedPeople.element.extend({ departmentId: identifier })),
    unranked: z.array(unrankedPeople.element.extend({ departmentId: identifier })).describe('People with fewer ratings than the policy minimum'),
  }),
  'People ranked by rating index within their department',
  { year: 2026, items: [{ departmentId: 'housing-bureau', personId: 'wang-fang', rank: 1, ratingCount: 12, ratingIndex: 95, exactRatingIndex: '95' }], unranked: [] },
);

// Each answer is the view its route builds, field for field (the keys, and each type both ways).
const described: [
  SameType<z.output<typeof item>, ReturnType<typeof rankingItemView>>,
  SameType<z.output<typeof categoryRanking>, ReturnType<typeof categoryRankingView>>,
  SameType<z.output<typeof bottomRankOutcome>, BottomRankOutcomeView>,
] = [true, true, true];
void described;
