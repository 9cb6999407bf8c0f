import type { RatingGivenData } from '@ledger/events';
import type { DomainError } from '@ledger/decider';
import { type MonthStatistics, countRating, monthStatistics, ratingPeriodOf } from '@ledger/rating-statistics';
import { emptyLevelCounts } from '@ledger/rating-statistics';

// The counting and the rate and index are @ledger/rating-statistics' (discipline shows the same numbers).
export { countRating, statisticsFromCounts } from '@ledger/rating-statistics';

/** Monthly statistics of a department's ratings (SPEC 6), the local month `YYYY-MM` each rating counts in (SPEC "Local time"). */
export interface MonthlyStatistics extends MonthStatistics {
  departmentId: string;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

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
    if (rating.departmentId === departmentId && ratingPeriodOf(rating).month === month) counts = countRating(counts, rating.level);
  }
  return { ok: true, statistics: { departmentId, ...monthStatistics(month, counts) } };
}
