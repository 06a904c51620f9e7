import type { ScoringModel } from '../../../domain/scoring/model';
import type { Nomination } from '../../../domain/round/nomination';
import { recommendationValue } from '../../../domain/selection/ballot';

/**
 * What ScoreBatch gives a component of source 'recommendation' (S-RECOMMEND): the candidate's
 * share of 推荐 × 100, as TallyBallot put it on the nomination. A tallied ballot on which
 * nobody voted gives 0 (no ballot recommended them); a nomination without a result at all (not
 * on any ballot) gives nothing, and the composite says SCORE_STEP_MISSING — never a guess.
 */
export function recommendationSteps(model: ScoringModel, n: Pick<Nomination, 'recommendation'>): Record<string, number> {
  const out: Record<string, number> = {};
  if (n.recommendation === undefined) return out;
  for (const c of model.components) if (c.source === 'recommendation') out[c.id] = recommendationValue(n.recommendation);
  return out;
}
