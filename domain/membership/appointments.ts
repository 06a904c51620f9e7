import type { PostKind } from '../policy/schema';
import type { Tier } from '../tier';

/**
 * X-USE (六(三)): leaders are chosen mainly from the pool. The share of appointments drawn
 * from it, over appointments the caller lists (from the pool or not), in a period the caller
 * chooses. null when there were none (0 of 0 is not 0%).
 */
export function appointmentShare(appointments: readonly { fromPool: boolean }[]): { total: number; fromPool: number; share: number | null } {
  const fromPool = appointments.filter((a) => a.fromPool).length;
  const total = appointments.length;
  return { total, fromPool, share: total === 0 ? null : fromPool / total };
}

/** 以后备人才为主: the greater part (more than half) of the period's appointments; null when there were none. */
export function isGreaterPart(share: number | null): boolean | null {
  return share === null ? null : share > 0.5;
}

/** The leadership rungs a post kind stands on: 党政正职 > 党政副职 > 中层管理; the other kinds are on none. */
const POST_RANK: Readonly<Record<PostKind, number>> = {
  principal: 3, deputy: 2, middle: 1, 'class-teacher': 0, team: 0, teacher: 0, other: 0,
};

/** The post each tier prepares its reserves for (tier 1 → 党政正职, tier 2 → 党政副职, tier 3 → 中层管理). */
export const TIER_POST: Readonly<Record<Tier, PostKind>> = { 1: 'principal', 2: 'deputy', 3: 'middle' };

/**
 * X-USE: an appointment to the post the member's tier prepares for, or higher, uses the
 * reserve (已使用: the member leaves the pool, the seat is freed, the promotion talk falls
 * due); any other post change keeps them in (the post-change talk falls due).
 */
export function fulfilsTier(tier: Tier, kind: PostKind): boolean {
  return POST_RANK[kind] > 0 && POST_RANK[kind] >= POST_RANK[TIER_POST[tier]];
}

/** What an appointment does to a member of `tier`: used (leaves as 已使用) or a post change (stays). */
export function appointmentOutcome(tier: Tier, kind: PostKind): 'used' | 'post-change' {
  return fulfilsTier(tier, kind) ? 'used' : 'post-change';
}

/** The event's `level` for a post kind (the form's kinds; party secretary is a principal post, 党政正职). */
export function levelOfPostKind(kind: PostKind): 'principal' | 'deputy' | 'middle' | 'other' {
  return kind === 'principal' || kind === 'deputy' || kind === 'middle' ? kind : 'other';
}
