import type { Shortlist, TierShortlist } from '../../domain/round/round';

/**
 * A shortlist as Rank stores it, for tests that put a round in a later state directly: every
 * field the stored-round schema reads (domain/round/round.ts), with the proposed ids given.
 */
export function tierShortlist(admitIds: string[], freeSeats = admitIds.length): TierShortlist {
  return { clause: 'S-ROUND', freeSeats, admitIds, admit: admitIds.length, waitlist: 0, ineligible: 0, incomplete: 0, admittedElsewhere: 0 };
}

export function shortlistOf(admit: Partial<Record<1 | 2 | 3, string[]>>, freeSeats: Record<1 | 2 | 3, number>, rankedAt = '2026-03-25T00:00:00Z'): Shortlist {
  return {
    rankedAt,
    policyRef: 'jintan-2020@1',
    active: { 1: 0, 2: 0, 3: 0 },
    freeSeats,
    tiers: { 1: tierShortlist(admit[1] ?? [], freeSeats[1]), 2: tierShortlist(admit[2] ?? [], freeSeats[2]), 3: tierShortlist(admit[3] ?? [], freeSeats[3]) },
  };
}
