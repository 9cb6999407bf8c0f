import { departmentCategory, identifier } from '@ledger/events';
import { answer, openObject } from '@ledger/platform';
import { z } from 'zod';

// The answers of the rankings routes (API.md "Evaluations and rankings"). Items are open objects with their
// main fields named (components and adjustments carry every input of the score).

const item = openObject({
  departmentId: identifier,
  category: departmentCategory,
  score: z.number().describe('Shown to 2 decimals'),
  exactScore: z.string().describe('The exact value ranked on, `n/d` or `n`'),
  grade: z.string(),
  rank: z.int(),
  bottom: z.boolean(),
  vetoed: z.boolean().describe('A veto forced the lowest grade and the last places'),
});
const itemExample = { departmentId: 'housing-bureau', category: 'service-facing' as const, score: 91.25, exactScore: '365/4', grade: 'satisfied', rank: 1, bottom: false, vetoed: false };

export const closeAnswer = answer(
  openObject({
    year: z.int(),
    closedAt: z.string(),
    policyVersion: z.int(),
    rankings: z.array(openObject({ category: departmentCategory, policyVersion: z.int(), bottomCount: z.int(), items: z.array(item), unscored: z.array(z.unknown()) })),
    bottomRank: z.array(openObject({ outcome: z.enum(['admonition-talk', 'leader-replacement']), departmentId: identifier, year: z.int() })),
  }),
  'The published ranking of every category and the bottom-rank accountability it decided',
  { year: 2026, closedAt: '2027-01-05T10:00:00+08:00', policyVersion: 1, rankings: [{ category: 'service-facing', policyVersion: 1, bottomCount: 1, items: [itemExample], unscored: [] }], bottomRank: [] },
);

export const rankingAnswer = answer(
  openObject({ year: z.int(), items: z.array(item), unscored: z.array(z.unknown()).describe('Departments without a score this year') }),
  'The published ranking of a closed year',
  { year: 2026, items: [itemExample], unscored: [] },
);

/** The public ranking shows what the administration reads, item by item (SPEC 12), without the unscored list. */
export const publicRankingAnswer = answer(openObject({ year: z.int(), items: z.array(item) }), 'The ranking of a closed year, as published', { year: 2025, items: [itemExample] });

export const peopleRankingAnswer = answer(
  openObject({
    year: z.int(),
    items: z.array(openObject({ departmentId: identifier, personId: identifier })),
    unranked: z.array(openObject({ departmentId: identifier, personId: identifier })).describe('People with fewer ratings than the policy minimum'),
  }),
  'People ranked by rating index within their department',
  { year: 2026, items: [{ departmentId: 'housing-bureau', personId: 'wang-fang' }], unranked: [] },
);
