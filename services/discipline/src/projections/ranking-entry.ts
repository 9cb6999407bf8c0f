import type { AppliedAdjustment, ComponentResult, DepartmentCategory, Grade, RankingItem } from '@ledger/events';

/** A department's place in a published ranking (SPEC 6), as its accountability view lists it. */
export interface RankingEntry {
  year: number;
  category: DepartmentCategory;
  /** Shown to 2 decimals, half away from zero, from `exactScore`. */
  score: number;
  /** The exact value the rankings service ranked on, `n/d` or `n`. */
  exactScore: string;
  grade: Grade;
  rank: number;
  /** How many departments the category ranked: rank 5 of 5 reads differently from 5 of 40. */
  rankedInCategory: number;
  bottom: boolean;
  vetoed: boolean;
  components: ComponentResult[];
  adjustments: AppliedAdjustment[];
}

export function rankingEntryOf(year: number, item: RankingItem, rankedInCategory: number): RankingEntry {
  return {
    year,
    category: item.category,
    score: displayedScore(item.exactScore),
    exactScore: item.exactScore,
    grade: item.grade,
    rank: item.rank,
    rankedInCategory,
    bottom: item.bottom,
    vetoed: item.vetoed,
    components: item.components,
    adjustments: item.adjustments,
  };
}

/**
 * 2 decimals, half away from zero, of the exact fraction: the score the rankings API shows. Rounding the
 * float `score` instead would differ where the exact value ends in a 5 that binary cannot hold (70.005).
 */
export function displayedScore(exactScore: string): number {
  const [numerator = '0', denominator = '1'] = exactScore.split('/');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const hundredths = (n < 0n ? -n : n) * 100n;
  const rounded = Number(hundredths / d + ((hundredths % d) * 2n >= d ? 1n : 0n)) / 100;
  return n < 0n && rounded !== 0 ? -rounded : rounded;
}
