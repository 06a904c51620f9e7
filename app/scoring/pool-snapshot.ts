import { TIERS, type Tier } from '../../domain/tier';
import type { Stores } from '../ports';

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
    let listed = 0;
    let cursor: string | undefined;
    do {
      const page = await repos.members.listPool({ tier, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const m of page.items) members.set(m.personId, tier);
      listed += page.items.length;
      cursor = page.cursor;
    } while (cursor);
    active[tier] = Math.max(held, listed);
  }
  return { active, members };
}
