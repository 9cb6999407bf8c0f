import type { Grade, LeaderReplacementRequiredData, RankingPublishedData } from '@ledger/events';
import type { Exact } from './exact.ts';
import { absolute, compare, divide, exact, parseFraction, sign, subtract, toNumber } from './exact.ts';
import type { RankedDepartment } from './ranking.ts';

/** How a department placed in the previous closed year, as its RankingPublished item says. */
export interface PreviousPlacing {
  departmentId: string;
  score: number;
  exactScore: string;
  grade: Grade;
  rank: number;
  bottom: boolean;
}

export interface PreviousResults {
  year: number;
  items: readonly PreviousPlacing[];
}

/** The previous year's results from its RankingPublished events (all categories). */
export function previousResultsFrom(year: number, published: readonly RankingPublishedData[]): PreviousResults {
  return { year, items: published.filter((ranking) => ranking.year === year).flatMap((ranking) => ranking.items) };
}

/** Bottom-rank accountability [末位问责]: basically-satisfied or worse AND among the last places of the category. */
export function isBottomRankAccountable(placing: { grade: Grade; bottom: boolean }): boolean {
  return placing.bottom && placing.grade !== 'satisfied';
}

/**
 * The leader is to be replaced when the department is bottom-rank accountable this year and was last
 * year, and its score rose by less than the threshold: (this − last) / |last| < 0.05.
 * - Last year's score 0: the ratio is undefined; any rise (this > 0) is more than any threshold, no rise
 *   (this ≤ 0) is under it. The event says `basis: 'last-score-zero'` with `relative: null`.
 * - Last year's score negative (deductions): dividing by |last| keeps a rise positive.
 * - No placing last year (no previous close, department new or unscored, or not accountable then):
 *   not "the same again", so no replacement; this year's admonition still applies.
 * Exact values throughout; the numbers in the event are for reading.
 */
export function leaderReplacementIncrease(
  thisYear: RankedDepartment,
  lastYear: PreviousPlacing | undefined,
  threshold: number,
): LeaderReplacementRequiredData['increase'] | undefined {
  if (!isBottomRankAccountable(thisYear) || !lastYear || !isBottomRankAccountable(lastYear)) return undefined;
  const last = parseFraction(lastYear.exactScore);
  const rise = subtract(thisYear.score, last);
  const limit = exact(threshold);
  let relative: Exact | null = null;
  let underThreshold: boolean;
  if (sign(last) === 0) {
    underThreshold = sign(thisYear.score) <= 0;
  } else {
    relative = divide(rise, absolute(last));
    underThreshold = compare(relative, limit) < 0;
  }
  if (!underThreshold) return undefined;
  return {
    absolute: toNumber(rise),
    relative: relative === null ? null : toNumber(relative),
    threshold,
    basis: relative === null ? 'last-score-zero' : 'relative',
  };
}
