import type { ScoredDepartment } from './scoring.ts';
import { compare } from './exact.ts';
import { byId } from './inputs.ts';

export interface RankedDepartment extends ScoredDepartment {
  /**
   * 1 = highest exact score; equal scores in department id order (code units), so ranks never tie. A vetoed
   * department ranks after every department without a veto, vetoed ones among themselves by score (SPEC 6).
   */
  rank: number;
  /**
   * Among the `bottomCount` last places. A category with no more departments than that has all of
   * them in its last places, so all are `bottom`.
   */
  bottom: boolean;
}

/**
 * Ranks the scored departments of ONE category: first every department without a veto, then the vetoed ones
 * [一票否决], each group by exact score, then by id. So a veto always takes the last places and, with them,
 * bottom-rank accountability (SPEC 6).
 */
export function rankCategory(scored: readonly ScoredDepartment[], bottomCount: number): RankedDepartment[] {
  const ordered = scored.toSorted(
    (a, b) => Number(a.vetoed) - Number(b.vetoed) || compare(b.score, a.score) || byId(a.departmentId, b.departmentId),
  );
  return ordered.map((department, index) => ({
    ...department,
    rank: index + 1,
    bottom: index >= ordered.length - bottomCount,
  }));
}
