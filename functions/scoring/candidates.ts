import type { Candidate } from '../../domain/scoring/propose';
import type { Tier } from '../../domain/tier';
import type { Nomination } from '../shared/repository/nominations';
import { isEligible, scoringOf, tierOf } from './nomination-scoring';

export interface RoundCandidates {
  /** Eligible and scored (ranked), plus the ineligible (so proposals and checks can name them). */
  candidates: Candidate[];
  /** Eligible but not scored: incomplete, never ranked. */
  incomplete: { id: string; tier: Tier }[];
}

/** The round's accepted nominations as the domain's admission candidates. */
export function roundCandidates(nominations: readonly Nomination[]): RoundCandidates {
  const candidates: Candidate[] = [];
  const incomplete: { id: string; tier: Tier }[] = [];
  for (const n of nominations) {
    const tier = tierOf(n);
    if (n.status !== 'accepted' || tier === undefined) continue;
    const person = n.personId ? { personId: n.personId } : {};
    if (!isEligible(n)) {
      candidates.push({ id: n.nominationId, tier, eligible: false, score: 0, ...person });
      continue;
    }
    const s = scoringOf(n);
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
