import { type AppliedAdjustment, type ComponentResult, type DepartmentCategory, type Grade, type RankingItem, shownExactNumber } from '@ledger/events';

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
    score: shownExactNumber(item.exactScore),
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
