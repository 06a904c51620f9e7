import { TIERS, type Tier } from '../../domain/tier';
import type { Stores } from '../ports';
import { allOf } from '../pages';

export interface PoolSnapshot {
  /** Seat-holding members per tier (T-CAP counts every one, district-wide). */
  active: Record<Tier, number>;
  /** personId → the tier whose seat they hold: a sitting member is not admitted again. */
  members: Map<string, Tier>;
}

/**
 * The pool as a round ranks against it. The seat items are the cap's truth; the POOL index
 * lists the members too, which covers a tier whose seat items are not created yet (no round
 * has admitted into it). The larger count wins: a free seat is never over-reported.
 */
export async function poolSnapshot(repos: Pick<Stores, 'seats' | 'members'>): Promise<PoolSnapshot> {
  const active: Record<Tier, number> = { 1: 0, 2: 0, 3: 0 };
  const members = new Map<string, Tier>();
  for (const tier of TIERS) {
    const { held } = await repos.seats.occupancy(tier);
    const listed = await allOf((page) => repos.members.listPool({ ...page, tier }));
    for (const m of listed) members.set(m.personId, tier);
    active[tier] = Math.max(held, listed.length);
  }
  return { active, members };
}
