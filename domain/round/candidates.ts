import type { Candidate } from '../scoring/propose';
import type { Tier } from '../tier';
import { isEligible, type Nomination } from './nomination';

export interface RoundCandidates {
  /** Eligible and scored (ranked), plus the ineligible (so proposals and checks can name them). */
  candidates: Candidate[];
  /** Eligible but not scored: incomplete, never ranked. */
  incomplete: { id: string; tier: Tier }[];
}

/**
 * The round's accepted nominations as the domain's admission candidates. `pool` (personId →
 * the tier whose seat they hold) marks sitting members; without it (after ranking) a
 * nomination `rank` placed as `in-pool` keeps that mark, so an edit cannot add it back.
 */
export function roundCandidates(nominations: readonly Nomination[], pool?: ReadonlyMap<string, Tier>, removed?: ReadonlyMap<string, string>): RoundCandidates {
  const candidates: Candidate[] = [];
  const incomplete: { id: string; tier: Tier }[] = [];
  for (const n of nominations) {
    const tier = n.tier;
    if (n.status !== 'accepted' || tier === undefined) continue;
    const seatTier = n.personId === undefined ? undefined : pool?.get(n.personId) ?? inPoolWhenRanked(n);
    const removedUnder = n.personId === undefined ? undefined : removed?.get(n.personId) ?? removedWhenRanked(n);
    const person = {
      ...(n.personId ? { personId: n.personId } : {}), ...(seatTier !== undefined ? { inPool: seatTier } : {}),
      ...(removedUnder !== undefined ? { removedUnder } : {}),
    };
    if (!isEligible(n)) {
      candidates.push({ id: n.nominationId, tier, eligible: false, score: 0, ...person });
      continue;
    }
    const s = n.scoring;
    if (s?.status !== 'scored') {
      incomplete.push({ id: n.nominationId, tier });
      continue;
    }
    candidates.push({
      id: n.nominationId, tier, eligible: true, score: s.score, tiebreak: s.tiebreak, submittedAt: n.receivedAt, ...person,
    });
  }
  return { candidates, incomplete };
}

function inPoolWhenRanked(n: Nomination): Tier | undefined {
  return n.proposed === 'in-pool' ? n.inPool?.tier : undefined;
}

function removedWhenRanked(n: Nomination): string | undefined {
  return n.proposed === 'removed' ? n.removed?.clause : undefined;
}
