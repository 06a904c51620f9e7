import { seatHolding, type Member } from '../../domain/membership';
import { freeSeats } from '../../domain/scoring/seats';
import { TIERS, type Tier } from '../../domain/tier';
import type { MemberSnapshot } from '../shared/repository';
import type { ApiDeps } from './deps';
import { allOf } from '../../app/pages';

/**
 * Tiers against caps (T-CAP): the cap, the seats held, the free seats. Held is the larger of
 * the seat items held and the members holding a seat by their state — so a tier whose seat
 * items were never created still counts its members, and the answer never shows more free
 * seats than either count allows.
 */
export interface TierOccupancy {
  tier: Tier;
  cap: number;
  held: number;
  seatsHeld: number;
  activeMembers: number;
  free: number;
}

/** `lean`: the states only (no outbox, write keys or term log), for a listing that reads no history. */
export async function poolMembers(deps: Pick<ApiDeps, 'repos'>, tier?: Tier, opts: { lean?: boolean } = {}): Promise<MemberSnapshot<Member>[]> {
  return allOf((page) => deps.repos.members.listPool<Member>({ ...page, ...(tier ? { tier } : {}), ...(opts.lean ? { lean: true } : {}) }));
}

export function holdsSeat(m: MemberSnapshot<Member>): boolean {
  return m.tier !== null && m.state?.status !== undefined && seatHolding(m.state.status);
}

export async function occupancy(deps: ApiDeps, members?: readonly MemberSnapshot<Member>[]): Promise<Record<Tier, TierOccupancy>> {
  const all = members ?? (await poolMembers(deps));
  const held = { 1: 0, 2: 0, 3: 0 } as Record<Tier, number>;
  const out = {} as Record<Tier, TierOccupancy>;
  const active = { 1: 0, 2: 0, 3: 0 } as Record<Tier, number>;
  for (const m of all) if (holdsSeat(m) && m.tier !== null) active[m.tier] += 1;
  for (const t of TIERS) {
    const seats = await deps.repos.seats.occupancy(t);
    held[t] = Math.max(seats.held, active[t]);
    out[t] = { tier: t, cap: deps.policy.tiers[t].cap, held: held[t], seatsHeld: seats.held, activeMembers: active[t], free: 0 };
  }
  const free = freeSeats(deps.policy, held);
  for (const t of TIERS) out[t].free = free[t];
  return out;
}
