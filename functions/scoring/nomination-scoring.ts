import type { ComponentScore } from '../../domain/scoring/composite';
import type { Problem } from '../../domain/problem';
import type { Tier } from '../../domain/tier';
import type { Nomination } from '../shared/repository/nominations';

/**
 * What scoring stores on a nomination (`ROUND#{roundId}` / `NOM#{id}`), for the API and
 * for `rank`:
 *   scoring  — the composite with its components (S-ROUND), or why there is none:
 *              `incomplete` with Problems (a missing entered score is never guessed as 0).
 *   score    — the composite alone (null when incomplete), as the API reads it.
 *   rank, position, proposed — set by `rank` (see NominationPlace).
 * The bureau's entered components are read from `enteredScores` (the API's PUT …/scores).
 */
export type NominationScoring =
  | { status: 'scored'; clause: 'S-ROUND'; score: number; components: ComponentScore[]; tiebreak: number[] }
  | { status: 'incomplete'; clause: 'S-ROUND'; problems: Problem[] };

export type Proposal = 'admit' | 'waitlist' | 'admitted-elsewhere' | 'in-pool' | 'removed' | 'ineligible' | 'incomplete' | 'tier-not-open';

/** The top-level fields `rank` sets on every accepted nomination. */
export interface NominationPlace {
  proposed: Proposal;
  /** Competition rank in the tier (ties share), and place in the total order; null when not ranked. */
  rank: number | null;
  position: number | null;
  /** in-pool: the person already holds a seat in this tier (one tier at a time). */
  inPool?: { clause: 'T-CAP'; tier: Tier };
  /** removed: the person was removed from the pool under this clause (not admitted again). */
  removed?: { clause: string };
}

/** The verdict intake stored: only an eligible form is scored and ranked (E-*). */
export function isEligible(n: Nomination): boolean {
  const v = n.verdict as { eligible?: unknown } | undefined;
  return n.status === 'accepted' && v?.eligible === true;
}

export function scoringOf(n: Nomination): NominationScoring | undefined {
  const s = n.scoring as NominationScoring | undefined;
  return s && (s.status === 'scored' || s.status === 'incomplete') ? s : undefined;
}

export function tierOf(n: Nomination): Tier | undefined {
  return n.tier === 1 || n.tier === 2 || n.tier === 3 ? n.tier : undefined;
}
