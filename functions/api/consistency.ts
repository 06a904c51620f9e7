import type { Member } from '../../domain/membership';
import { TIERS, TIER_NAMES, type Tier } from '../../domain/tier';
import { answer } from '../shared/answer';
import type { MemberSnapshot } from '../shared/repository';
import type { Seat } from '../shared/repository/seats';
import { requireRole } from './auth';
import type { ApiDeps } from './deps';
import { poolMembers } from './occupancy';
import type { ApiRequest } from './request';

/**
 * The seat bookkeeping checked on a running system (T-CAP): per tier, the seat items held
 * must be exactly the members whose state holds a seat of that tier, one seat each — seats
 * held = active members. What does not agree is listed: a seat held by someone who is not a
 * member of that tier holding a seat (a leaked seat), a member without a seat, a person
 * holding two seats of one tier, a tier over its cap.
 *
 * Candidates are the pool index's members and every seat holder; each is read from their own
 * item (a consistent read), so a lagging index neither hides nor invents a discrepancy. It is
 * a snapshot without transactions: an admission under way holds its seat a moment before its
 * member is written — read again before acting on a single discrepancy.
 */

export interface SeatWithoutMember {
  seat: string;
  personId: string;
  claimedAt?: string;
  /** What the person's member state says: no member, or a status and tier. */
  member: { status: Member['status']; tier: Tier; holdsSeat: boolean } | null;
}

export interface MemberWithoutSeat {
  personId: string;
  name?: string;
  unit: string;
  status: Member['status'];
}

export interface TierConsistency {
  tier: Tier;
  name: { zh: string; en: string };
  cap: number;
  /** Seat items of the tier (created on first use: 0 before any admission to it). */
  seats: number;
  seatsHeld: number;
  /** Members whose state holds a seat of this tier. */
  activeMembers: number;
  /** Active members holding a seat item of this tier. */
  activeMembersWithSeat: number;
  seatsWithoutMember: SeatWithoutMember[];
  membersWithoutSeat: MemberWithoutSeat[];
  /** People holding more than one seat of this tier. */
  extraSeats: { personId: string; seats: string[] }[];
  overCap: boolean;
  ok: boolean;
}

export interface PoolConsistency {
  ok: boolean;
  checkedAt: string;
  tiers: TierConsistency[];
}

const inTier = (m: Member | undefined, tier: Tier): m is Member => m !== undefined && m.holdsSeat && m.tier === tier;

export async function poolConsistency(deps: Pick<ApiDeps, 'repos' | 'policy'>, now: Date): Promise<PoolConsistency> {
  const listed = await poolMembers(deps);
  const seatsOf = new Map<Tier, Seat[]>();
  for (const tier of TIERS) seatsOf.set(tier, await deps.repos.seats.list(tier));
  // Everyone the index lists or a seat names, read once from their own item.
  const people = new Set([...listed.map((m) => m.personId), ...[...seatsOf.values()].flat().flatMap((s) => (s.holder ? [s.holder] : []))]);
  const snaps = new Map<string, MemberSnapshot<Member> | undefined>();
  for (const p of people) snaps.set(p, await deps.repos.members.get<Member>(p));

  const tiers: TierConsistency[] = TIERS.map((tier) => {
    const seats = seatsOf.get(tier) ?? [];
    const held = seats.filter((s): s is Seat & { holder: string } => s.holder !== undefined);
    const seatsHeldBy = new Map<string, string[]>();
    for (const s of held) seatsHeldBy.set(s.holder, [...(seatsHeldBy.get(s.holder) ?? []), s.seat]);
    const members = [...snaps.values()].filter((m): m is MemberSnapshot<Member> => m !== undefined && inTier(m.state, tier));
    const memberIds = new Set(members.map((m) => m.personId));

    const seatsWithoutMember: SeatWithoutMember[] = held.filter((s) => !memberIds.has(s.holder)).map((s) => {
      const m = snaps.get(s.holder)?.state;
      return {
        seat: s.seat, personId: s.holder, ...(s.claimedAt ? { claimedAt: s.claimedAt } : {}),
        member: m ? { status: m.status, tier: m.tier, holdsSeat: m.holdsSeat } : null,
      };
    });
    const membersWithoutSeat: MemberWithoutSeat[] = members
      .filter((m) => !seatsHeldBy.has(m.personId))
      .map((m) => ({ personId: m.personId, ...(m.name ? { name: m.name } : {}), unit: m.unitCode, status: m.state.status }))
      .sort((a, b) => a.personId.localeCompare(b.personId));
    const extraSeats = [...seatsHeldBy.entries()].filter(([, s]) => s.length > 1).map(([personId, s]) => ({ personId, seats: s }));
    const cap = deps.policy.tiers[tier].cap;
    const overCap = members.length > cap || held.length > cap;
    return {
      tier, name: TIER_NAMES[tier], cap, seats: seats.length, seatsHeld: held.length,
      activeMembers: members.length,
      activeMembersWithSeat: members.length - membersWithoutSeat.length,
      seatsWithoutMember, membersWithoutSeat, extraSeats, overCap,
      ok: seatsWithoutMember.length === 0 && membersWithoutSeat.length === 0 && extraSeats.length === 0 && !overCap,
    };
  });
  return { ok: tiers.every((t) => t.ok), checkedAt: now.toISOString(), tiers };
}

/** GET /pool/consistency — the bureau's (and an operator's) check that seats held = active members, per tier. */
export async function getConsistency(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const report = await poolConsistency(deps, req.now);
  return answer('GET /pool/consistency', 200, {
    ...report,
    note: {
      zh: '席位与在库成员逐梯队核对（方案三(一)）；正在办理的入库会短暂显示为“有席位无成员”，如有不符请稍后再查一次',
      en: 'seats checked against active members, tier by tier (T-CAP); an admission under way shows for a moment as a seat without a member — read again before acting on a discrepancy',
    },
  });
}
