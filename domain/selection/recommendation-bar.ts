import type { Candidate } from '../scoring/propose';
import type { CandidateTally } from './ballot';
import { meetsThreshold } from './ballot';

/**
 * 民主推荐's threshold in Rank (S-RECOMMEND): an eligible candidate whose share of 推荐 is below
 * the notice's threshold is not ranked (proposed 'below-threshold', counted per tier on the
 * shortlist). Ineligible candidates and sitting members keep their own reasons; without a
 * threshold nobody is held back. Returns the ids held back.
 */
export function belowRecommendationThreshold(
  candidates: readonly Candidate[],
  results: ReadonlyMap<string, CandidateTally | undefined>,
  threshold: number | undefined,
): Set<string> {
  const out = new Set<string>();
  if (threshold === undefined) return out;
  for (const c of candidates) {
    if (!c.eligible || c.inPool !== undefined || c.removedUnder !== undefined) continue;
    if (!meetsThreshold(results.get(c.id), threshold)) out.add(c.id);
  }
  return out;
}
