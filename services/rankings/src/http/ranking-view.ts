import { type BottomRankAdmonitionRequiredData, type LeaderReplacementRequiredData, type RankingItem, type RankingPublishedData, shownExactNumber } from '@ledger/events';
import { displayScore } from '../domain/index.ts';

/**
 * A ranked department as the API shows it: scores rounded to 2 decimals for reading, `exactScore` (n/d)
 * beside them for anyone who redoes the ranking, which was decided on the exact value.
 */
export function rankingItemView(item: RankingItem) {
  return {
    departmentId: item.departmentId,
    category: item.category,
    score: shownExactNumber(item.exactScore),
    exactScore: item.exactScore,
    grade: item.grade,
    rank: item.rank,
    bottom: item.bottom,
    weightedScore: displayScore(item.weightedScore),
    bonusPoints: item.bonusPoints,
    deductionPoints: item.deductionPoints,
    vetoed: item.vetoed,
    components: item.components,
    adjustments: item.adjustments,
  };
}

export function categoryRankingView(ranking: RankingPublishedData) {
  return {
    category: ranking.category,
    policyVersion: ranking.policyVersion,
    bottomCount: ranking.bottomCount,
    items: ranking.items.map(rankingItemView),
    unscored: ranking.unscored,
  };
}

export type BottomRankOutcomeView =
  | ({ outcome: 'admonition-talk' } & BottomRankAdmonitionRequiredData)
  | ({ outcome: 'leader-replacement' } & LeaderReplacementRequiredData);
