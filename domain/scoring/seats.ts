import type { Policy } from '../policy/schema';
import { TIERS, type Tier } from '../tier';

/**
 * Free seats per tier (T-CAP, 三(一)): cap − active members, district-wide, never below 0.
 * An over-full tier (possible only from bad imported data) has 0 free seats, not a negative
 * number that would silently cancel seats elsewhere.
 */
export function freeSeats(policy: Pick<Policy, 'tiers'>, activeCounts: Readonly<Record<Tier, number>>): Record<Tier, number> {
  const out = { 1: 0, 2: 0, 3: 0 } as Record<Tier, number>;
  for (const t of TIERS) out[t] = Math.max(0, policy.tiers[t].cap - Math.max(0, Math.trunc(activeCounts[t])));
  return out;
}
