import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { apiDeps } from '../../functions/api/deps';
import { openBallots } from '../../app/selection/recommendation/open-ballots';
import { tallyBallotPage } from '../../app/selection/recommendation/tally';
import { castVote } from '../../app/selection/recommendation/vote';
import { ballotSecrets } from '../../functions/shared/ballot-secrets';
import { parseNominationForm } from '../../domain/form/parse';
import { CODE_ALPHABET, CODE_ALPHABET_SIZE, CODE_LENGTH, normalizeCode } from '../../domain/selection/ballot-code';
import type { Nomination } from '../../functions/shared/repository';
import type { BallotStore } from '../../app/ports/ballots';
import { validForm } from '../support/forms';
import { BUREAU, invoke, invokeConcurrently, registerUnits, school, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/**
 * 民主推荐 (issue #14 part 1, S-RECOMMEND) through the API handler on real dynalite: codes
 * issued once and stored as HMACs only; one vote per code under 20 concurrent submissions; no
 * stored item links a vote to its code; the tally and the deadline.
 */
let h: Harness;
const XY = 'JT-XYXX';
const HP = 'JT-HPZX';
const ROUND = '2026-RB';
const CLOSES = new Date(Date.now() + 7 * 86_400_000).toISOString();
type Issued = { codes: string[]; issued: number; unitCode: string; roundTitle: string };
type Session = { candidates: Array<{ nominationId: string; name: string; tier: number; post?: string }>; unitCode: string; unitName?: string; closesAt: string };

function nomination(i: number, unitCode: string): Nomination {
  const parsed = parseNominationForm(validForm({ roundId: ROUND, unitCode, name: `候选人${i}`, seq: String(100 + 2 * i) }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return {
    nominationId: `N${String(i).padStart(20, '0')}`, roundId: ROUND, unitCode, status: 'accepted',
    source: { bucket: 'uploads', key: `rounds/${ROUND}/units/${unitCode}/${i}.json`, versionId: 'null' },
    receivedAt: '2026-03-01T08:00:00.000Z', personId: `P${String(i).padStart(20, '0')}`, tier: 3, candidateName: `候选人${i}`, form: parsed.value,
    verdict: { tier: 3, eligible: true, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [] } as unknown as Nomination['verdict'],
  };
}

async function issue(unitCode: string, count: number) {
  return invoke<Issued>(h, 'POST /rounds/{roundId}/ballots/{unitCode}/codes', BUREAU, { path: { roundId: ROUND, unitCode }, body: { count } });
}
const session = (code: string) => invoke<Session & ErrorAnswer>(h, 'POST /ballot/session', null, { body: { code } });
const vote = (code: string, marks: Record<string, string>, submissionId: string = randomUUID()) =>
  invoke<ErrorAnswer>(h, 'POST /ballot/votes', null, { body: { code, submissionId, marks } });
const allFor = (s: Session, mark = 'for') => Object.fromEntries(s.candidates.map((c) => [c.nominationId, mark]));

async function scan(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  for (let i = 0; i < 100; i++) {
    const res = await h.emu.doc.send(new ScanCommand({ TableName: h.emu.tables.pool, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
    if (!start) break;
  }
  return out;
}

beforeAll(async () => {
  h = await startHarness();
  await registerUnits(h, XY, HP);
  const deps = apiDeps();
  await deps.repos.rounds.create({
    roundId: ROUND, title: '2026年 民主推荐测试', status: 'recommending', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00.000Z',
    intakeClosesAt: '2026-03-20T00:00:00+08:00', tiers: [3],
  });
  for (const [i, unit] of [[1, XY], [2, XY], [3, XY], [4, HP]] as const) await deps.repos.nominations.putIfAbsent(nomination(i, unit));
  // A rejected nomination, and an ineligible one, are on no ballot.
  await deps.repos.nominations.putIfAbsent({ ...nomination(5, XY), status: 'rejected' });
  await deps.repos.nominations.putIfAbsent({ ...nomination(6, XY), verdict: { tier: 3, eligible: false, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [] } as unknown as Nomination['verdict'] });
  await openBallots({ ballots: deps.repos.ballots, nominations: deps.repos.nominations, policy: deps.policy }, { roundId: ROUND, closesAt: CLOSES, now: new Date() });
}, 60_000);
afterAll(async () => h?.stop());

describe('issuing codes', () => {
  it('the code space: 12 characters of 31 (no 0/O/1/I/L), ≈ 2^59', () => {
    expect(CODE_ALPHABET_SIZE).toBe(31);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(Math.log2(CODE_ALPHABET_SIZE ** CODE_LENGTH)).toBeGreaterThan(59);
  });

  it('the bureau gets new codes once, grouped ABCD-EFGH-JKMN; re-issuing adds codes', async () => {
    const first = await issue(XY, 30);
    expect(first.status).toBe(201);
    expect(first.body.codes).toHaveLength(30);
    expect(new Set(first.body.codes).size).toBe(30);
    for (const c of first.body.codes) expect(c).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(first.body.issued).toBe(30);
    expect(first.headers['cache-control']).toBe('no-store');
    const more = await issue(XY, 5);
    expect(more.body.issued).toBe(35);
    expect(more.body.codes.some((c) => first.body.codes.includes(c))).toBe(false);
    const list = await invoke<{ ballots: Array<{ unitCode: string; issued: number; candidates: unknown[] }> }>(h, 'GET /rounds/{roundId}/ballots', BUREAU, { path: { roundId: ROUND } });
    expect(list.body.ballots.map((b) => [b.unitCode, b.issued, b.candidates.length])).toEqual([[HP, 0, 1], [XY, 35, 3]]);
  });

  it('only the bureau issues codes; a unit without a ballot has none to issue', async () => {
    expect((await invoke(h, 'POST /rounds/{roundId}/ballots/{unitCode}/codes', school(XY), { path: { roundId: ROUND, unitCode: XY }, body: { count: 1 } })).status).toBe(403);
    const none = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/ballots/{unitCode}/codes', BUREAU, { path: { roundId: ROUND, unitCode: 'JT-NONE' }, body: { count: 1 } });
    expect([none.status, none.body.error.code]).toEqual([409, 'BALLOT_NOT_OPEN']);
    const tooMany = await issue(XY, 501);
    expect(tooMany.status).toBe(400);
  });

  it('no stored item holds a code: only its HMAC, keyed', async () => {
    const { body } = await issue(HP, 3);
    const items = JSON.stringify(await scan());
    for (const c of body.codes) {
      expect(items).not.toContain(c);
      expect(items).not.toContain(normalizeCode(c));
    }
  });
});

describe('the public ballot', () => {
  it('a code opens its unit\'s ballot: names, tier, post — never an ID number or a birth date', async () => {
    const { body } = await issue(XY, 1);
    const s = await session(body.codes[0]!);
    expect(s.status).toBe(200);
    expect(s.body.unitCode).toBe(XY);
    expect(s.body.unitName).toBe(`单位 ${XY}`);
    expect(s.body.candidates.map((c) => c.name)).toEqual(['候选人1', '候选人2', '候选人3']);
    const text = JSON.stringify(s.body);
    for (const i of [1, 2, 3]) {
      const f = nomination(i, XY).form!;
      expect(text).not.toContain(f.candidate.idNumber);
      expect(text).not.toContain(f.candidate.birthDate);
    }
    expect(text).not.toMatch(/birth|idNumber/i);
    // Lower case and spaces are what people type.
    expect((await session(body.codes[0]!.toLowerCase().replace(/-/g, ' '))).status).toBe(200);
  });

  it('an unknown or malformed code reveals nothing: one answer for both', async () => {
    const unknown = await session('ABCD-EFGH-JKMN');
    const malformed = await session('hello');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(malformed.body);
    expect(unknown.body.error.code).toBe('BALLOT_CODE_INVALID');
    expect(JSON.stringify(unknown.body)).not.toMatch(/候选人|JT-/);
  });

  it('20 concurrent submissions of one code: exactly one vote, the rest 409 BALLOT_CODE_USED', async () => {
    const { body } = await issue(XY, 1);
    const code = body.codes[0]!;
    const s = (await session(code)).body;
    const answers = await invokeConcurrently<ErrorAnswer>(h, Array.from({ length: 20 }, () => ({
      routeKey: 'POST /ballot/votes', who: null, call: { body: { code, submissionId: randomUUID(), marks: allFor(s) } },
    })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(19);
    for (const a of refused) expect([a.status, a.body.error.code]).toEqual([409, 'BALLOT_CODE_USED']);
    const votes = (await scan()).filter((i) => String(i.sk).startsWith(`VOTE#${XY}#`));
    expect(votes).toHaveLength(1);
    // The used code is told it has voted; it opens nothing any more.
    const again = await session(code);
    expect([again.status, again.body.error.code]).toEqual([409, 'BALLOT_CODE_USED']);
  });

  it('the same submission sent again (a lost answer) is one vote, not two, and not refused', async () => {
    const { body } = await issue(XY, 1);
    const code = body.codes[0]!;
    const s = (await session(code)).body;
    const before = (await scan()).filter((i) => String(i.sk).startsWith('VOTE#')).length;
    const id = randomUUID();
    const answers = await invokeConcurrently<ErrorAnswer>(h, Array.from({ length: 5 }, () => ({
      routeKey: 'POST /ballot/votes', who: null, call: { body: { code, submissionId: id, marks: allFor(s, 'against') } },
    })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect((await vote(code, allFor(s, 'against'), id)).status).toBe(201);
    expect((await scan()).filter((i) => String(i.sk).startsWith('VOTE#')).length).toBe(before + 1);
  });

  it('a ballot with a candidate left unmarked is refused on its field, and does not spend the code', async () => {
    const { body } = await issue(XY, 1);
    const code = body.codes[0]!;
    const s = (await session(code)).body;
    const [first, ...rest] = s.candidates;
    const partial = Object.fromEntries(rest.map((c) => [c.nominationId, 'for']));
    const res = await vote(code, partial);
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ code: 'BALLOT_MARK_MISSING', path: `marks.${first!.nominationId}` })]);
    const stranger = await vote(code, { ...allFor(s), N99999999999999999999: 'for' });
    expect(stranger.body.error.problems?.[0]?.code).toBe('BALLOT_MARK_UNKNOWN');
    expect((await session(code)).status).toBe(200);
    expect((await vote(code, { ...partial, [first!.nominationId]: 'abstain' })).status).toBe(201);
  });

  it('no stored item links a vote to its code: nothing equal between a code item and a vote item but the round and unit', async () => {
    const items = await scan();
    const codes = items.filter((i) => String(i.pk).startsWith('BCODE#') && i.usedOn !== undefined);
    const votes = items.filter((i) => String(i.sk).startsWith('VOTE#'));
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(votes.length).toBe(codes.length);
    const values = (item: Record<string, unknown>): Set<string> => {
      const out = new Set<string>();
      const walk = (v: unknown) => {
        if (v !== null && typeof v === 'object') Object.values(v as object).forEach(walk);
        else out.add(String(v));
      };
      walk(item);
      // Key parts too: a hash inside a key is a value.
      for (const k of ['pk', 'sk', 'gsi1pk', 'gsi1sk']) if (typeof item[k] === 'string') (item[k] as string).split('#').forEach((p) => out.add(p));
      return out;
    };
    for (const v of votes) {
      // A vote is its key and its marks: no time, no code, no hash, no claim.
      expect(Object.keys(v).sort()).toEqual(['marks', 'pk', 'sk']);
      const vv = values(v);
      for (const c of codes) {
        const shared = [...values(c)].filter((x) => vv.has(x));
        expect(shared.filter((x) => ![ROUND, XY, 'ROUND', 'VOTE', 'BALLOT', 'BCODE'].includes(x))).toEqual([]);
        expect(JSON.stringify(v)).not.toContain(String(c.claim));
        expect(JSON.stringify(v)).not.toContain(String(c.pk).slice('BCODE#'.length));
      }
    }
    // And the code keeps the day it was used, nothing finer.
    for (const c of codes) expect(c.usedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a vote whose write fails after its code was claimed completes on resubmission, once', async () => {
    const deps = apiDeps();
    const secrets = ballotSecrets('test-person-id-key-0123456789');
    const { body } = await issue(HP, 1);
    const code = body.codes[0]!;
    const real = deps.repos.ballots;
    let failures = 1;
    // A fault we cannot cause otherwise: the table refusing the vote's put right after the claim.
    const flaky: BallotStore = Object.assign(Object.create(Object.getPrototypeOf(real) as object) as BallotStore, real, {
      putVote: async (...args: Parameters<BallotStore['putVote']>) => {
        if (failures-- > 0) throw Object.assign(new Error('throttled'), { name: 'TransientError' });
        return real.putVote(...args);
      },
    });
    const d = { ballots: flaky, rounds: deps.repos.rounds, units: deps.repos.units, secrets, logger: deps.logger };
    const s = await real.getBallot(ROUND, HP);
    const marks = Object.fromEntries(s!.candidates.map((c) => [c.nominationId, 'for']));
    const submissionId = randomUUID();
    failures = 3; // every try of the first request
    await expect(castVote(d, { code, submissionId, marks, now: new Date() })).rejects.toThrow('throttled');
    // Another submission with the spent code is refused; the same one finishes the vote.
    await expect(castVote(d, { code, submissionId: randomUUID(), marks, now: new Date() })).rejects.toMatchObject({ code: 'BALLOT_CODE_USED' });
    await expect(castVote(d, { code, submissionId, marks, now: new Date() })).resolves.toEqual({ accepted: true });
    const votes = (await scan()).filter((i) => String(i.sk).startsWith(`VOTE#${HP}#`));
    expect(votes).toHaveLength(1);
  });
});

describe('the tally, and the ballot closed', () => {
  it('turnout and each candidate\'s share of 推荐 among ballots cast, on the ballot and the nominations', async () => {
    const deps = apiDeps();
    const { cursor, totals } = await tallyBallotPage({ ballots: deps.repos.ballots, nominations: deps.repos.nominations }, { roundId: ROUND, batchSize: 100, now: new Date() });
    expect([totals.ballots, cursor]).toEqual([2, null]);
    const xy = await deps.repos.ballots.getBallot(ROUND, XY);
    // XY: 35 + 1 + 1 + 1 + 1 codes issued; 3 votes: all for; all against; two for, one abstain.
    expect(xy?.tally).toMatchObject({ clause: 'S-RECOMMEND', issued: 39, used: 3, cast: 3 });
    expect(xy?.tally?.turnout).toBeCloseTo(3 / 39, 12);
    const first = xy!.candidates[0]!.nominationId;
    const second = xy!.candidates[1]!.nominationId;
    expect(xy?.tally?.candidates[first]).toEqual({ clause: 'S-RECOMMEND', for: 1, against: 1, abstain: 1, cast: 3, share: 1 / 3 });
    expect(xy?.tally?.candidates[second]).toEqual({ clause: 'S-RECOMMEND', for: 2, against: 1, abstain: 0, cast: 3, share: 2 / 3 });
    const nom = await deps.repos.nominations.get(ROUND, second);
    expect(nom?.recommendation?.share).toBeCloseTo(2 / 3, 12);
    // A second tally (a retried step) keeps the first.
    await tallyBallotPage({ ballots: deps.repos.ballots, nominations: deps.repos.nominations }, { roundId: ROUND, batchSize: 100, now: new Date() });
    expect((await deps.repos.ballots.getBallot(ROUND, XY))?.tally).toEqual(xy?.tally);
  });

  it('after the tally the ballot takes no vote and issues no code: BALLOT_CLOSED', async () => {
    const items = await scan();
    const unused = items.find((i) => String(i.pk).startsWith('BCODE#') && i.unitCode === XY && i.usedOn === undefined);
    expect(unused).toBeDefined();
    const res = await issue(XY, 1);
    expect([res.status, (res.body as unknown as ErrorAnswer).error.code]).toEqual([409, 'BALLOT_CLOSED']);
    const list = await invoke<{ ballots: Array<{ unitCode: string; tally?: { cast: number }; candidates: Array<{ result?: { share: number } }> }> }>(h, 'GET /rounds/{roundId}/ballots', BUREAU, { path: { roundId: ROUND } });
    const xy = list.body.ballots.find((b) => b.unitCode === XY)!;
    expect(xy.tally?.cast).toBe(3);
    expect(xy.candidates[1]?.result?.share).toBeCloseTo(2 / 3, 12);
  });
});
