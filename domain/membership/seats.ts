import type { Tier } from '../tier';
import type { Member } from './member';

export interface SeatChange {
  /** Release the seat this member held in this tier (holder = the member). */
  release?: Tier;
  /** Claim a free seat in this tier (T-CAP; the claim may fail when the tier is full). */
  claim?: Tier;
}

/**
 * What an event did to seats (T-CAP): admission claims, leaving (removed, term-ended,
 * appointed out) releases, a tier move releases the old tier's seat and claims one in the
 * new tier. The adapter claims before it commits the new snapshot, so a full tier refuses
 * the admission or move instead of overfilling.
 */
export function seatChanges(before: Member | undefined, after: Member): SeatChange {
  const held = before?.holdsSeat === true ? before.tier : undefined;
  const holds = after.holdsSeat ? after.tier : undefined;
  if (held === holds) return {};
  return { ...(held !== undefined ? { release: held } : {}), ...(holds !== undefined ? { claim: holds } : {}) };
}
