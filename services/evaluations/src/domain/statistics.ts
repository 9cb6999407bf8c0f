import type { LevelCounts, RatingGivenData } from '@ledger/events';
import { emptyLevelCounts, ratingIndexFraction, totalOf, utcMonthOf } from '@ledger/events';
import type { DomainError } from '@ledger/decider';

/**
 * Monthly statistics of a department's ratings (SPEC 6), month `YYYY-MM` of `ratedAt` in UTC.
 * A month without ratings has zero counts and `null` rate and index: there is nothing to take a
 * rate or a mean of, and 0 would read as "everyone very dissatisfied".
 */
export interface MonthlyStatistics {
  departmentId: string;
  month: string;
  total: number;
  counts: LevelCounts;
  /** Share of levels 4 and 5 among all ratings, a fraction 0–1. */
  satisfactionRate: number | null;
  /** Mean of (level − 1) / 4 × 100, 0–100. */
  meanIndex: number | null;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Adds one rating to running counts (for a projection that keeps counts per department and month). */
export function countRating(counts: LevelCounts, level: number): LevelCounts {
  const key = String(level) as keyof LevelCounts;
  return { ...counts, [key]: counts[key] + 1 };
}

/** Rate and index from counts: one division each, so each is the correctly rounded value of the exact one. */
export function statisticsFromCounts(counts: LevelCounts): Pick<MonthlyStatistics, 'total' | 'satisfactionRate' | 'meanIndex'> {
  const total = totalOf(counts);
  const index = ratingIndexFraction(counts);
  return {
    total,
    satisfactionRate: total === 0 ? null : (counts['4'] + counts['5']) / total,
    meanIndex: index === null ? null : index.numerator / index.denominator,
  };
}

export function monthlyStatistics(
  ratings: readonly RatingGivenData[],
  departmentId: string,
  month: string,
): { ok: true; statistics: MonthlyStatistics } | { ok: false; error: DomainError } {
  if (!monthPattern.test(month)) {
    return { ok: false, error: { kind: 'rule', code: 'invalid-month', message: `month must be YYYY-MM, got ${month}`, field: 'month' } };
  }
  let counts = emptyLevelCounts();
  for (const rating of ratings) {
    if (rating.departmentId === departmentId && utcMonthOf(rating.ratedAt) === month) counts = countRating(counts, rating.level);
  }
  return { ok: true, statistics: { departmentId, month, counts, ...statisticsFromCounts(counts) } };
}
