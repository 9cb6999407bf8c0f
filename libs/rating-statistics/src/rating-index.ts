/** How many ratings of each level: the shape of monthly statistics and of the rating component of a score. */
export type LevelCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

export function emptyLevelCounts(): LevelCounts {
  return { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
}

export function totalOf(counts: LevelCounts): number {
  return counts['1'] + counts['2'] + counts['3'] + counts['4'] + counts['5'];
}

/**
 * The rating index (SPEC 6: mean of (level − 1) / 4 × 100) as the fraction 25·Σ(level − 1) / n of two
 * integers, so that callers can divide once (a correctly rounded float) or keep it exact.
 * Undefined (null) without ratings: no ratings is no data, not an index of 0.
 */
export function ratingIndexFraction(counts: LevelCounts): { numerator: number; denominator: number } | null {
  const denominator = totalOf(counts);
  if (denominator === 0) return null;
  const levelsAboveOne = counts['2'] + 2 * counts['3'] + 3 * counts['4'] + 4 * counts['5'];
  return { numerator: 25 * levelsAboveOne, denominator };
}
