import type { Member } from '../../domain/membership/member';
import type { Tier } from '../../domain/tier';
import { CapReached, TransientError } from '../errors';
import type { MemberStore, Seat, SeatStore } from '../ports';

const ATTEMPTS = 3;

/** The member state holds a seat of this very tier (active or removal pending, T-CAP). */
export function holdsSeatIn(m: Member | undefined, tier: Tier): boolean {
  return m !== undefined && m.holdsSeat && m.tier === tier;
}

/**
 * Makes one person's seats in one tier agree with their member state, after an admission
 * has been written or refused (T-CAP: seats held = members holding a seat, per tier). Seats
 * of other tiers are never touched: a tier-1 member keeps their tier-1 seat when a tier-2
 * admission of theirs is refused.
 *
 * - The state does not hold a seat of `tier` (refused: the person was admitted to another
 *   tier, or removed; or the admission succeeded once and the member has left since): every
 *   seat of `tier` the person holds is released (`holder = :me`, so nobody else's).
 * - The state holds a seat of `tier`: `admitted` makes sure one seat is held (the claim is
 *   idempotent: the person's own seat comes back); `refused` leaves the seat alone — it is
 *   the member's, e.g. a sitting member nominated again, or a concurrent admission to the
 *   same tier that won.
 *
 * Without transactions the member can change between the read and the seat write, so the
 * member is read again after it: unchanged, done; changed, once more (bounded). With the
 * admission side always checking its seat after writing the member, either side sees the
 * other's last write: a release never leaves a member without a seat, a claim never leaves
 * a seat without a member.
 */
export async function reconcileSeat(
  repos: { members: MemberStore; seats: SeatStore },
  tier: Tier,
  personId: string,
  outcome: 'admitted' | 'refused',
): Promise<Seat | undefined> {
  let released = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await repos.members.get<Member>(personId);
    let seat: Seat | undefined;
    if (holdsSeatIn(before?.state, tier)) {
      // A refusal claims only to give back a seat its own release may have taken.
      if (outcome === 'admitted' || released) seat = await claim(repos.seats, tier, personId);
    } else if ((await repos.seats.releaseSeat(tier, personId)) > 0) {
      released = true;
    }
    const after = await repos.members.get<Member>(personId);
    if ((after?.version ?? 0) === (before?.version ?? 0)) return seat;
  }
  throw new TransientError(undefined,
    `成员 ${personId} 正被同时修改，席位未能核对，稍后重试`,
    `member ${personId} is being changed concurrently; their tier ${tier} seat could not be checked; retry`);
}

/** The person's seat of `tier`; claimed only when they hold none (usually they do: a check, not a claim). */
async function claim(seats: SeatStore, tier: Tier, personId: string): Promise<Seat> {
  const mine = (await seats.list(tier)).find((s) => s.holder === personId);
  if (mine) return mine;
  try {
    return await seats.claimSeat(tier, personId);
  } catch (e) {
    // The member holds a seat by their state, yet every seat item is held: only a concurrent
    // change can bring this about. Retry the step rather than record an admission without a seat.
    if (e instanceof CapReached) {
      throw new TransientError(e, `成员 ${personId} 的第${tier}梯队席位被占用，稍后重试`, `member ${personId} has lost their tier ${tier} seat and none is free; retry`);
    }
    throw e;
  }
}
