import type { Demo } from './context';
import { arr, isObj, obj, optNum, optObj, optStr, type Obj } from './json';
import { TIER_ZH } from './print';

export interface ShortlistEntry { nominationId: string; rank: number; position: number; name?: string; unit?: string; score?: number; proposed: string }
/** Named outside the ranking: under 民主推荐's threshold (S-RECOMMEND), or 考察 不合格 (S-INSPECT). */
export interface HeldBack { nominationId: string; name?: string; unit?: string; share?: number | null; conclusion?: string }
export interface TierShortlist {
  tier: number; cap: number; freeSeats: number; ranked: ShortlistEntry[]; counts: Obj; cutoffTie?: Obj;
  belowThreshold: HeldBack[]; inspectionFailed: HeldBack[];
}

function heldBack(list: unknown): HeldBack[] {
  return (Array.isArray(list) ? list : []).filter(isObj).map((h) => ({
    nominationId: String(h.nominationId),
    ...(optStr(h.name) ? { name: optStr(h.name) } : {}),
    ...(optStr(h.unit) ? { unit: optStr(h.unit) } : {}),
    ...(h.share === null || typeof h.share === 'number' ? { share: h.share } : {}),
    ...(isObj(h.inspection) && optStr(h.inspection.conclusion) ? { conclusion: optStr(h.inspection.conclusion) } : {}),
  }));
}

export function readShortlist(body: unknown): { status?: string; tiers: TierShortlist[] } {
  const b = obj(body, 'shortlist');
  const tiers = arr(b.tiers, 'shortlist.tiers').filter(isObj).map((t): TierShortlist => ({
    tier: optNum(t.tier) ?? 0,
    cap: optNum(t.cap) ?? 0,
    freeSeats: optNum(t.freeSeats) ?? 0,
    ranked: arr(t.ranked, 'shortlist.tiers[].ranked').filter(isObj).map((r) => ({
      nominationId: String(r.nominationId),
      rank: optNum(r.rank) ?? 0,
      position: optNum(r.position) ?? 0,
      ...(optStr(r.name) ? { name: optStr(r.name) } : {}),
      ...(optStr(r.unit) ? { unit: optStr(r.unit) } : {}),
      ...(optNum(r.score) !== undefined ? { score: optNum(r.score) } : {}),
      proposed: optStr(r.proposed) ?? 'waitlist',
    })),
    counts: optObj(t.counts),
    ...(isObj(t.cutoffTie) ? { cutoffTie: t.cutoffTie } : {}),
    belowThreshold: heldBack(t.belowThreshold),
    inspectionFailed: heldBack(t.inspectionFailed),
  }));
  return { ...(optStr(b.status) ? { status: optStr(b.status) } : {}), tiers };
}

/** Per tier: seats, proposed admits, the top of the list and the cut-off line. */
export function printShortlist(demo: Demo, list: { tiers: TierShortlist[] }): void {
  const { out } = demo;
  const unitName = (code?: string) => demo.data?.units.find((u) => u.code === code)?.name ?? code ?? '';
  for (const t of list.tiers) {
    const admits = t.ranked.filter((r) => r.proposed === 'admit');
    out.tier(TIER_ZH[t.tier] ?? `T${t.tier}`, admits.length, t.cap, `拟入库 ${admits.length}，候补 ${t.ranked.length - admits.length}，空余名额 ${t.freeSeats} · proposed ${admits.length}, waitlist ${t.ranked.length - admits.length}`);
    const show = (r: ShortlistEntry) => out.detail(`     ${String(r.position).padStart(3)}. ${r.name ?? '?'}（${unitName(r.unit)}）${r.score !== undefined ? r.score.toFixed(2) : '—'} ${r.proposed === 'admit' ? '拟入库' : '候补'}`);
    t.ranked.slice(0, 3).forEach(show);
    const last = admits[admits.length - 1];
    const firstOut = t.ranked.find((r) => r.proposed !== 'admit');
    if (last && last.position > 3) { out.detail('     …'); show(last); }
    if (firstOut) { out.detail('     ---- 分数线 · cut-off ----'); show(firstOut); }
    if (t.cutoffTie) out.line(`   并列跨线：${optStr(t.cutoffTie.zh) ?? ''}`, optStr(t.cutoffTie.en));
  }
}
