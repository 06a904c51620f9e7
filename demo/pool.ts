import type { Demo } from './context';
import { arr, isObj, obj, optArr, optNum, optStr, str, type Obj } from './json';
import { TIER_ZH } from './print';

export interface PoolMember { personId: string; name?: string; unit: string; tier: number; status: string; termStart?: string; warnings: Obj[] }

export async function readPool(demo: Demo): Promise<{ tiers: { tier: number; cap: number; held: number; free: number }[]; members: PoolMember[]; warnings: Obj[] }> {
  const body = obj(await demo.bureau.pool(), 'pool');
  const tiers = arr(body.tiers, 'pool.tiers').filter(isObj).map((t) => ({ tier: optNum(t.tier) ?? 0, cap: optNum(t.cap) ?? 0, held: optNum(t.held) ?? 0, free: optNum(t.free) ?? 0 }));
  const members = arr(body.members, 'pool.members').filter(isObj).map((m) => ({
    personId: str(m.personId, 'personId'),
    ...(optStr(m.name) ? { name: optStr(m.name) } : {}),
    unit: str(m.unit, 'unit'),
    tier: optNum(m.tier) ?? 0,
    status: optStr(m.status) ?? '?',
    ...(optStr(m.termStart) ? { termStart: optStr(m.termStart) } : {}),
    warnings: optArr(m.warnings).filter(isObj),
  }));
  return { tiers, members, warnings: optArr(body.warnings).filter(isObj) };
}

/** The pool against its caps (T-CAP), with the warnings the bureau sees. */
export async function printPool(demo: Demo, heading?: [string, string]): Promise<Awaited<ReturnType<typeof readPool>>> {
  const pool = await readPool(demo);
  if (heading) demo.out.line(...heading);
  for (const t of pool.tiers) {
    const members = pool.members.filter((m) => m.tier === t.tier);
    const pending = members.filter((m) => m.status === 'removal-pending').length;
    demo.out.tier(TIER_ZH[t.tier] ?? `T${t.tier}`, t.held, t.cap, pending ? `待出库 ${pending} · removal pending ${pending}` : '');
    if (t.held > t.cap) throw new Error(`T-CAP broken: tier ${t.tier} holds ${t.held} of ${t.cap}`);
  }
  const byCode = new Map<string, number>();
  for (const w of pool.warnings) byCode.set(String(w.code), (byCode.get(String(w.code)) ?? 0) + 1);
  if (byCode.size > 0) demo.out.line(`提示：${[...byCode.entries()].map(([c, n]) => `${c} ×${n}`).join('，')}`, 'pool warnings');
  const unitName = (code?: string) => demo.data?.units.find((u) => u.code === code)?.name ?? code ?? '';
  for (const w of pool.warnings.slice(0, demo.out.quiet ? 0 : 4)) demo.out.detail(`  ${optStr(w.name) ?? ''}（${unitName(optStr(w.unit))}）：${optStr(w.zh) ?? ''}`, optStr(w.en));
  return pool;
}
