import type { Demo } from './context';
import { DemoError, arr, isObj, obj, optNum, optObj, optStr } from './json';

/** A unit's 民主推荐 ballot as the bureau reads it (GET /rounds/{roundId}/ballots). */
export interface BallotRow {
  unitCode: string;
  issued: number;
  used: number;
  candidates: {
    nominationId: string;
    name: string;
    tier: number;
    result?: { for: number; against: number; abstain: number; cast: number; share: number | null };
  }[];
  tally?: { issued: number; used: number; turnout: number | null; cast: number };
}

const MAX_PAGES = 100;

/** Every unit's ballot, all pages (bounded). */
export async function listBallots(demo: Demo, roundId: string): Promise<BallotRow[]> {
  const out: BallotRow[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = obj(await demo.bureau.request('GET', `/rounds/${encodeURIComponent(roundId)}/ballots${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`), 'ballots');
    for (const b of arr(body.ballots, 'ballots').filter(isObj)) {
      const tally = isObj(b.tally) ? b.tally : undefined;
      out.push({
        unitCode: String(b.unitCode),
        issued: optNum(b.issued) ?? 0,
        used: optNum(b.used) ?? 0,
        candidates: arr(b.candidates, 'ballot.candidates').filter(isObj).map((c) => {
          const r = isObj(c.result) ? optObj(c.result) : undefined;
          return {
            nominationId: String(c.nominationId), name: String(c.name), tier: optNum(c.tier) ?? 0,
            ...(r ? { result: { for: optNum(r.for) ?? 0, against: optNum(r.against) ?? 0, abstain: optNum(r.abstain) ?? 0, cast: optNum(r.cast) ?? 0, share: optNum(r.share) ?? null } } : {}),
          };
        }),
        ...(tally ? { tally: { issued: optNum(tally.issued) ?? 0, used: optNum(tally.used) ?? 0, turnout: optNum(tally.turnout) ?? null, cast: optNum(tally.cast) ?? 0 } } : {}),
      });
    }
    cursor = optStr(body.cursor);
    if (!cursor) return out;
  }
  throw new DemoError(`选票列表超过 ${MAX_PAGES} 页`, `the ballot list runs past ${MAX_PAGES} pages`);
}

/** 66.7% */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
