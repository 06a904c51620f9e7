import type { Demo, IntakeResult } from './context';
import type { Tier } from './forms';
import { arr, isObj, obj, optNum, optStr, str, type Obj } from './json';

/** Every nomination of the round as the bureau sees it (all pages). */
export async function allNominations(demo: Demo, roundId: string): Promise<Obj[]> {
  const out: Obj[] = [];
  let cursor: string | undefined;
  do {
    const page = obj(await demo.bureau.nominations(roundId, cursor ? { cursor } : {}), 'nominations');
    out.push(...arr(page.nominations, 'nominations').filter(isObj));
    cursor = optStr(page.cursor);
  } while (cursor);
  return out;
}

/**
 * Ties each stored nomination back to the demo's reference through its upload: the object
 * key (a JSON file holds one form) and, for a workbook, the row (row 2 is the first form).
 */
export function matchIntake(demo: Demo, noms: readonly Obj[]): { results: IntakeResult[]; unmatched: Obj[] } {
  const results: IntakeResult[] = [];
  const unmatched: Obj[] = [];
  for (const n of noms) {
    const source = obj(n.source, 'nomination.source');
    const key = str(source.key, 'source.key');
    const file = demo.files.get(key);
    const row = optNum(source.row);
    const ref = file ? (file.kind === 'json' ? file.refs[0] : row !== undefined ? file.refs[row - 2] : undefined) : undefined;
    if (!file || !ref) {
      unmatched.push(n);
      continue;
    }
    const verdict = isObj(n.verdict) ? n.verdict : undefined;
    const tier = optNum(n.tier) ?? optNum(verdict?.tier);
    results.push({
      ref,
      nominationId: str(n.nominationId, 'nominationId'),
      status: str(n.status, 'status'),
      ...(typeof verdict?.eligible === 'boolean' ? { eligible: verdict.eligible } : {}),
      ...(tier === 1 || tier === 2 || tier === 3 ? { tier: tier as Tier } : {}),
      ...(optStr(n.candidateName) ? { name: optStr(n.candidateName) } : {}),
      unit: str(n.unit, 'unit'),
    });
  }
  return { results, unmatched };
}
