import type { PoolClient } from '../cli/api-client';
import { generateDemo } from './forms';

/**
 * A pool of the demo district's people, quickly: the eligible candidates of the demo's forms
 * (seed 2020 by default), `perTier` of each tier, entered as the District Organization
 * Department's filed list (S-ORGLIST, POST /pool/imports) on `on` — one request per tier, no
 * round to run. Their units are registered first, as managed by the Department (the import
 * takes only such units). For the browser tests and the console's benchmark, which need a
 * populated pool without the minute and a half the whole demo takes.
 */
export interface FiledPool {
  units: Array<{ code: string; name: string; type: string }>;
  members: Array<{ personId: string; name: string; tier: number; unit: string }>;
}

export async function seedFiledPool(bureau: PoolClient, opts: { on: string; perTier: Record<1 | 2 | 3, number>; seed?: number }): Promise<FiledPool> {
  const data = generateDemo(opts.seed ?? 2020, { roundId: 'FILED', referenceDate: opts.on, attestationDate: opts.on });
  const chosen = ([1, 2, 3] as const).flatMap((tier) => data.nominations.filter((n) => n.tier === tier && n.label === 'eligible').slice(0, opts.perTier[tier]));
  const units = [...new Map(chosen.map((n) => [n.unit.code, { code: n.unit.code, name: n.unit.name, type: n.unit.type }])).values()];
  for (const u of units) await bureau.putUnit(u.code, { name: u.name, type: u.type, orgDeptManaged: true });
  const members: FiledPool['members'] = [];
  for (const tier of [1, 2, 3] as const) {
    const entries = chosen.filter((n) => n.tier === tier).map((n) => ({ ...n.form, source: 'org-dept-list' }));
    if (!entries.length) continue;
    const res = await bureau.importFiled({ source: 'org-dept-list', on: opts.on, documentNo: `坛组干〔${opts.on.slice(0, 4)}〕${20 + tier}号`, entries }) as unknown as {
      entries: Array<{ personId: string; name: string; tier: number }>;
    };
    for (const [i, e] of res.entries.entries()) members.push({ personId: e.personId, name: e.name, tier: e.tier, unit: (chosen.filter((n) => n.tier === tier)[i] as { unit: { code: string } }).unit.code });
  }
  return { units, members };
}
