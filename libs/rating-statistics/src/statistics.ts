import { type RatingLevel, ratingLevels } from '@ledger/events';
import { type LevelCounts, emptyLevelCounts, ratingIndexFraction, totalOf } from './rating-index.ts';

/**
 * SPEC 6 monthly statistics of a department's ratings. Without ratings the rate and the index are
 * `null`: there is nothing to take a rate or a mean of, and 0 would read as "everyone very dissatisfied".
 */
export interface RatingStatistics {
  total: number;
  /** Share of levels 4 and 5 among all ratings, a fraction 0–1. */
  satisfactionRate: number | null;
  /** Mean of (level − 1) / 4 × 100, 0–100. */
  meanIndex: number | null;
}

/** One month of a department (the local `YYYY-MM` a rating counts in, SPEC "Local time"): its counts per level and what follows from them. */
export interface MonthStatistics extends RatingStatistics {
  month: string;
  counts: LevelCounts;
}

/** Adds one rating to running counts. */
export function countRating(counts: LevelCounts, level: number): LevelCounts {
  const key = String(level) as keyof LevelCounts;
  return { ...counts, [key]: counts[key] + 1 };
}

/** Rate and index from counts: one division each, so each is the correctly rounded value of the exact one. */
export function statisticsFromCounts(counts: LevelCounts): RatingStatistics {
  const total = totalOf(counts);
  const index = ratingIndexFraction(counts);
  return {
    total,
    satisfactionRate: total === 0 ? null : (counts['4'] + counts['5']) / total,
    meanIndex: index === null ? null : index.numerator / index.denominator,
  };
}

export function monthStatistics(month: string, counts: LevelCounts): MonthStatistics {
  return { month, counts, ...statisticsFromCounts(counts) };
}

/**
 * The five counts of one month, each asked of `countOf` (a read model's indexed count), all at once.
 * Counting stored ratings at read time, rather than keeping a counter, is what makes a redelivered
 * rating harmless: it only writes its own document again.
 */
export async function countLevels(countOf: (level: RatingLevel) => Promise<number>): Promise<LevelCounts> {
  const counts = emptyLevelCounts();
  const found = await Promise.all(ratingLevels.map((level) => countOf(level)));
  ratingLevels.forEach((level, index) => {
    counts[String(level) as keyof LevelCounts] = found[index]!;
  });
  return counts;
}
