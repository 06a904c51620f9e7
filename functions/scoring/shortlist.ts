import { z } from 'zod';
import type { CutoffTie } from '../../domain/scoring/propose';
import type { Tier } from '../../domain/tier';

/**
 * The shortlist summary `rank` stores on the round (`ROUND#{roundId}` / `META`, field
 * `shortlist`): per tier the free seats, the proposed admissions (ids, at most the free
 * seats), counts, and the cutoff-tie note. Each nomination carries its own place
 * (`shortlist` on the nomination: rank, position, proposed).
 */
export interface TierShortlist {
  clause: 'S-ROUND';
  freeSeats: number;
  /** Proposed admissions in ranking order (≤ freeSeats, T-CAP). */
  admitIds: string[];
  admit: number;
  waitlist: number;
  ineligible: number;
  incomplete: number;
  admittedElsewhere: number;
  /** Nominations of sitting members (any tier): not ranked, not proposed. */
  inPool?: number;
  /** Nominations of persons removed from the pool earlier (M-WARN, M-VETO, M-FAIL). */
  removed?: number;
  /** Set on a tier the round did not open (S-ROUND): its nominations, none ranked or proposed. */
  tierNotOpen?: number;
  cutoffTie?: CutoffTie;
}

export interface Shortlist {
  rankedAt: string;
  policyRef: string;
  /** Active members per tier when ranked, and the free seats they leave (T-CAP). */
  active: Record<Tier, number>;
  freeSeats: Record<Tier, number>;
  tiers: Record<Tier, TierShortlist>;
}

const Counts = z.object({ 1: z.number(), 2: z.number(), 3: z.number() });

/** Reading it back (admit-batch): only what admission needs, checked. */
export const StoredShortlist = z.object({
  rankedAt: z.string(),
  freeSeats: Counts,
  tiers: z.object({
    1: z.object({ admitIds: z.array(z.string()) }).loose(),
    2: z.object({ admitIds: z.array(z.string()) }).loose(),
    3: z.object({ admitIds: z.array(z.string()) }).loose(),
  }),
}).loose();
