import { bottomRanks, rankCompetition } from '../scoring/rank';

/**
 * A tier's members ranked by score for a review: competition rank from the top (1,2,2,4)
 * and from the bottom (ties shared the same way), over the members with a score.
 */
export interface TierRanking {
  n: number;
  rank: Map<string, number>;
  bottom: Map<string, number>;
}

export function rankTier(scores: ReadonlyMap<string, number>): TierRanking {
  const ranked = rankCompetition([...scores].map(([id, score]) => ({ id, score })));
  return {
    n: scores.size,
    rank: new Map(ranked.map((r) => [r.id, r.rank])),
    bottom: bottomRanks(scores),
  };
}
