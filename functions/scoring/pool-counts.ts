import { TIERS, type Tier } from '../../domain/tier';
import type { Repositories } from '../shared/repository';

/**
 * Active members per tier (T-CAP counts every active member, district-wide). The seat items
 * are the cap's truth; the POOL index counts members too, which covers a tier whose seat
 * items are not created yet (no round has admitted into it). The larger count wins: a
 * free seat is never over-reported.
 */
export async function activeCounts(repos: Pick<Repositories, 'seats' | 'members'>): Promise<Record<Tier, number>> {
  const out: Record<Tier, number> = { 1: 0, 2: 0, 3: 0 };
  for (const tier of TIERS) {
    const { held } = await repos.seats.occupancy(tier);
    let members = 0;
    let cursor: string | undefined;
    do {
      const page = await repos.members.listPool({ tier, limit: 200, ...(cursor ? { cursor } : {}) });
      members += page.items.length;
      cursor = page.cursor;
    } while (cursor);
    out[tier] = Math.max(held, members);
  }
  return out;
}
