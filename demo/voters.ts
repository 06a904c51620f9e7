import { randomUUID } from 'node:crypto';
import { BALLOT_THROTTLE } from '../contracts/ballot';
import { DemoError, arr, isObj, obj, optStr, type Obj } from './json';
import { Pacer } from './pacer';
import { hashUnit, type Rng } from './prng';

/**
 * 民主推荐's voters (S-RECOMMEND), as a staff meeting votes: each holds a slip with a one-time
 * code, opens the public ballot page on a phone — no account, no token — and marks 推荐 / 不推荐 /
 * 弃权 for every candidate of the unit. Only the two public routes are called, each paced just
 * under its throttle (demo/pacer.ts).
 */

export type Mark = 'for' | 'against' | 'abstain';
export const MARK_ZH: Record<Mark, string> = { for: '推荐', against: '不推荐', abstain: '弃权' };

export interface BallotCandidate { nominationId: string; name: string; tier: number }

/**
 * How well a candidate's colleagues think of them: the chance a voter marks 推荐. Most are
 * well regarded (0.62–0.95); about one in fifteen is not (0.15–0.40), and a few ballots of a
 * small meeting can put anyone under the threshold. Keyed by the candidate's demo reference,
 * so a seed gives the same meeting every run.
 */
export function popularity(seed: number, ref: string): number {
  const u = hashUnit(seed, `popularity:${ref}`);
  const v = hashUnit(seed, `regard:${ref}`);
  return u < 1 / 15 ? 0.15 + 0.25 * v : 0.62 + 0.33 * v;
}

/** One voter's marks: 推荐 with the candidate's popularity, else 不推荐 or 弃权 (about 55 : 45). */
export function voterMarks(rng: Rng, candidates: readonly BallotCandidate[], popularityOf: (nominationId: string) => number): Record<string, Mark> {
  const marks: Record<string, Mark> = {};
  for (const c of candidates) {
    const p = popularityOf(c.nominationId);
    const r = rng.next();
    marks[c.nominationId] = r < p ? 'for' : r < p + (1 - p) * 0.55 ? 'against' : 'abstain';
  }
  return marks;
}

export interface PublicAnswer { status: number; body: Obj }

/** The two public routes, with no Authorization header, as the voter's phone calls them. */
export class PublicBallot {
  private readonly pacers = {
    session: new Pacer(BALLOT_THROTTLE.rateLimit * 0.9),
    votes: new Pacer(BALLOT_THROTTLE.rateLimit * 0.9),
  };
  /** 429s met (the pacing should keep this at 0; a retry follows each). */
  throttled = 0;

  constructor(private readonly apiUrl: string) {}

  /** One call, retried after a 429 (at most 5 tries, a second apart) as the page would. */
  async call(route: 'session' | 'votes', body: Obj): Promise<PublicAnswer> {
    for (let tries = 1; ; tries += 1) {
      await this.pacers[route].turn();
      const res = await fetch(`${this.apiUrl.replace(/\/$/, '')}/ballot/${route}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 429 && tries < 5) {
        this.throttled += 1;
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      let parsed: unknown = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { raw: text.slice(0, 200) };
      }
      return { status: res.status, body: isObj(parsed) ? parsed : {} };
    }
  }

  /** A voter with a live code: open the ballot, mark it, cast it. */
  async vote(code: string, mark: (candidates: BallotCandidate[]) => Record<string, Mark>): Promise<{ unitCode: string; marks: Record<string, Mark> }> {
    const session = await this.call('session', { code });
    if (session.status !== 200) throw new DemoError(`投票码打开选票失败（HTTP ${session.status}）`, `a code did not open its ballot (HTTP ${session.status})`, session.body);
    const candidates = arr(session.body.candidates, 'ballot.candidates').filter(isObj).map((c) => ({
      nominationId: String(c.nominationId), name: String(c.name), tier: Number(c.tier),
    }));
    const marks = mark(candidates);
    const cast = await this.call('votes', { code, submissionId: randomUUID(), marks });
    if (cast.status !== 201) throw new DemoError(`投票提交失败（HTTP ${cast.status}）`, `a vote was not accepted (HTTP ${cast.status})`, cast.body);
    return { unitCode: String(optStr(session.body.unitCode) ?? ''), marks };
  }
}

/** The refusal's code of a public answer (BALLOT_CODE_USED, BALLOT_CODE_INVALID, …). */
export function refusalCode(a: PublicAnswer): string | undefined {
  return isObj(a.body.error) ? optStr(obj(a.body.error, 'error').code) : undefined;
}
