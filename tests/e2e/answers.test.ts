/**
 * The answer schemas (contracts/views) against what the whole local system really says. One
 * district lives through a round with every selection step on (民主推荐, 考察, 公示), the pool's
 * records, a filed list, an annual review with its calibration, an appointment, a veto and an
 * export; every success answer the API gives on the way is parsed with its route's schema made
 * strict all the way down (tests/contracts/strict.ts): a key the schema does not name fails, so
 * the schemas document everything the API says.
 *
 * Left out, with the reason:
 * - POST /pool/members/{personId}/renewals: a renewal needs a passed summative (third-year)
 *   review, three simulated years of reviews; tests/e2e/reviews.test.ts, term-end.test.ts and
 *   tests/functions/api-renewals.test.ts drive the route, and the compiler holds its answer to the
 *   schema (functions/api/renewals.ts answers through answer()).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, type AnswerKey } from '../../contracts/views';
import { strict } from '../contracts/strict';
import { validForm } from '../support/forms';
import { fixtureForm, jsonBytes, PoolClient, registerUnits, startE2eSystem, type E2eSystem } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-ANS';
const UNIT = 'JT-XYXX';
const INTAKE_CLOSES = '2026-11-04T17:00:00+08:00';
const BALLOT_CLOSES = '2026-11-05T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-06T09:00:00+08:00';
const NAMES = ['周敏', '钱立', '孙悦'];

interface Seen { key: AnswerKey; status: number; body: unknown; contentType: string }
const seen: Seen[] = [];

/** Route templates as patterns: `GET /rounds/{roundId}` matches `GET /rounds/2026-ANS`. */
const PATTERNS = (Object.keys(ANSWERS) as AnswerKey[]).map((key) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, method, re: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) };
});

function routeKeyOf(method: string, path: string): AnswerKey | undefined {
  return PATTERNS.find((p) => p.method === method && p.re.test(path))?.key;
}

let sys: E2eSystem;

/** fetch, recording every success answer of the API (the presigned S3 calls pass by). */
const recording: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (sys && url.origin === new URL(sys.apiUrl).origin && res.ok) {
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = routeKeyOf(method, url.pathname);
    if (!key) throw new Error(`an answer to ${method} ${url.pathname} matches no route key of ANSWERS`);
    const contentType = res.headers.get('content-type') ?? '';
    const body = contentType.startsWith('application/json') ? await res.clone().json() as unknown : undefined;
    seen.push({ key, status: res.status, body, contentType });
  }
  return res;
};

const client = async (role: 'bureau' | 'approver' | 'school', unit?: string) => new PoolClient(sys.apiUrl, await sys.control.token(role, unit), recording);
const post = (path: string, body: unknown) => recording(`${sys.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let bureau: PoolClient;
let approver: PoolClient;
let school: PoolClient;
/** The members admitted by the round, for the later steps. */
const people: string[] = [];

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await client('bureau');
  approver = await client('approver');
  school = await client('school', UNIT);
}, 60_000);

afterAll(async () => {
  await sys?.close();
}, 60_000);

const nominations = async () => ((await bureau.nominations(ROUND)) as { nominations: Array<{ nominationId: string; candidateName?: string; status: string }> }).nominations;
const status = async () => ((await bureau.getRound(ROUND)) as { round: { status: string } }).round.status;

describe('every answer the API gives parses with its route\'s schema, strictly', () => {
  it('a round with 民主推荐, 考察 and 公示, from the notice to admission', async () => {
    await registerUnits(bureau, [{ code: UNIT, name: '金坛区西旸小学', type: 'primary' }, { code: 'JT-HLGZX', name: '江苏省华罗庚中学', type: 'middle', orgDeptManaged: true }]);
    await bureau.putUnit(UNIT, { name: '金坛区西旸小学', type: 'primary', orgDeptManaged: false });
    await bureau.units();
    await school.units();
    await bureau.openRound({
      roundId: ROUND, title: '2026 年度后备人才遴选（全部程序）', referenceDate: '2026-12-01', intakeClosesAt: INTAKE_CLOSES, scoringClosesAt: SCORING_CLOSES,
      tiers: [3], orgDeptApproval: { ref: '坛组干〔2026〕15 号', date: '2026-10-28' },
      scoringModel: {
        components: [
          { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.5, min: 0, max: 100, source: 'entered' },
          { id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 0.5, min: 0, max: 8, source: 'form', derive: 'honour' },
        ],
      },
      selection: { recommendation: { closesAt: BALLOT_CLOSES, threshold: 0 }, inspection: { ratio: 1, gate: true }, publicity: { workingDays: 5 } },
    });
    await bureau.listRounds();
    await school.listRounds();
    await school.getRound(ROUND);
    await school.template();
    for (const [i, name] of NAMES.entries()) await school.upload(ROUND, `${name}.json`, jsonBytes(validForm({ roundId: ROUND, unitCode: UNIT, name, seq: String(462 + 10 * i) })));
    await sys.control.settle();
    await school.nominations(ROUND);
    const noms = (await nominations()).filter((n) => n.status === 'accepted');
    expect(noms).toHaveLength(3);

    // Intake closes: the ballots open (民主推荐); scores are entered meanwhile.
    await sys.control.advance({ to: new Date(Date.parse(INTAKE_CLOSES) + 60_000).toISOString() });
    await sys.control.settle();
    expect(await status()).toBe('recommending');
    const codes = await bureau.request('POST', `/rounds/${ROUND}/ballots/${UNIT}/codes`, { count: 2 }) as { codes: string[] };
    await bureau.request('GET', `/rounds/${ROUND}/ballots`);
    const session = await (await post('/ballot/session', { code: codes.codes[0] })).json() as { candidates: Array<{ nominationId: string }> };
    expect((await post('/ballot/votes', { code: codes.codes[0], submissionId: randomUUID(), marks: Object.fromEntries(session.candidates.map((c) => [c.nominationId, 'for'])) })).status).toBe(201);
    for (const [i, n] of noms.entries()) await bureau.setScores(ROUND, n.nominationId, { interview: 90 - 10 * i });
    await sys.control.advance({ to: new Date(Date.parse(BALLOT_CLOSES) + 60_000).toISOString() });
    await sys.control.settle();
    await bureau.request('GET', `/rounds/${ROUND}/ballots`);

    // Scoring closes: the preliminary ranking chooses the 考察对象.
    await sys.control.advance({ to: new Date(Date.parse(SCORING_CLOSES) + 60_000).toISOString() });
    await sys.control.settle();
    expect(await status()).toBe('inspecting');
    // The team is out on the 9th and 10th; the records are entered after.
    await sys.control.advance({ to: '2026-11-11T09:00:00+08:00' });
    await bureau.inspections(ROUND);
    const record = { team: ['区教育局组织人事科 王建国', '李芳'], from: '2026-11-09', to: '2026-11-10', talks: 16, conclusion: '该同志政治素质好，工作实绩较好。', result: '合格' };
    for (const n of noms) await bureau.recordInspection(ROUND, n.nominationId, record);
    await bureau.recordInspection(ROUND, noms[0]!.nominationId, { ...record, talks: 12 });
    await approver.inspections(ROUND);
    await bureau.closeInspection(ROUND);
    await sys.control.settle();
    expect(await status()).toBe('awaiting-decision');
    await approver.shortlist(ROUND);
    await bureau.shortlist(ROUND);
    await approver.nominations(ROUND);
    await approver.decide(ROUND, { decision: 'approve' });
    await sys.control.settle();
    expect(await status()).toBe('publicising');

    // 公示 from the next working day: the public page, an objection recorded and dismissed with its reason.
    await sys.control.advance({ to: '2026-11-12T10:00:00+08:00' });
    expect((await recording(`${sys.apiUrl}/publicity/${ROUND}`)).status).toBe(200);
    const objection = await bureau.request('POST', `/rounds/${ROUND}/objections`, { against: noms[1]!.nominationId, from: { name: '王老师' }, matter: '反映该同志工作作风问题' }) as { objection: { objectionId: string } };
    await bureau.request('GET', `/rounds/${ROUND}/objections`);
    await bureau.request('PUT', `/rounds/${ROUND}/objections/${objection.objection.objectionId}`, { status: 'dismissed', reason: '经核查，反映的问题不属实' });
    await sys.control.advance({ to: '2026-11-25T09:00:00+08:00' });
    await sys.control.settle();
    expect(await status()).toBe('completed');
    await bureau.getRound(ROUND);
    await bureau.nominations(ROUND);
    await bureau.shortlist(ROUND);
    await bureau.request('GET', `/rounds/${ROUND}/objections`);
  }, 180_000);

  it('the pool: members, records, the audit, talks due, a filed list, notices', async () => {
    const pool = await bureau.pool() as { members: Array<{ personId: string }> };
    expect(pool.members).toHaveLength(3);
    const [a, b, c] = pool.members.map((m) => m.personId) as [string, string, string];
    await bureau.pool({ tier: 3, flag: 'talk-overdue' });
    await bureau.consistency();
    await bureau.record(a, 'talks', { on: '2026-11-25', by: '区教育局组织人事科', triggers: ['promotion'], notes: '入库谈话' });
    await bureau.record(a, 'training', { kind: 'course', title: '后备干部培训班', provider: '常州市教育局', hours: 16, from: '2026-11-25', to: '2026-11-25' });
    await school.record(b, 'training', { kind: 'training-class', title: '校级培训', provider: '金坛区西旸小学', hours: 4, from: '2026-11-25', to: '2026-11-25' });
    await bureau.record(a, 'rotations', { kind: 'shadowing', hostUnit: { code: 'JT-HLGZX', name: '江苏省华罗庚中学' }, postArea: 'teaching', from: '2026-11-25', to: null });
    await bureau.member(a);
    await bureau.memberAudit(a);
    await bureau.audit(`round/${ROUND}`);
    await bureau.talksDue();
    await bureau.request('GET', '/notices');
    await school.request('GET', '/notices');
    await bureau.importFiled({ source: 'org-dept-list', on: '2026-11-25', documentNo: '坛组干〔2026〕15号', entries: [fixtureForm('tier1-org-dept-list.json', { roundId: 'FILED' })] });
    await bureau.importFiled({ source: 'org-dept-list', on: '2026-11-25', documentNo: '坛组干〔2026〕15号', entries: [fixtureForm('tier1-org-dept-list.json', { roundId: 'FILED' })] });
    await bureau.exportLink({ kind: 'roster' });
    people.push(a, b, c);
  }, 120_000);

  it('an annual review, assessed by the school, calibrated and confirmed by the bureau', async () => {
    await sys.control.advance({ to: '2026-12-01T10:00:00+08:00' });
    const started = await bureau.startReview() as { reviewId: string };
    await sys.control.settle();
    await bureau.reviews();
    await school.reviews();
    await bureau.review(started.reviewId);
    const roster = await school.reviewAssessments(started.reviewId) as { members: Array<{ personId: string }> };
    await bureau.reviewAssessments(started.reviewId);
    for (const m of roster.members) await school.assess(started.reviewId, m.personId, { grade: '合格', score: 85, assessedBy: '西旸小学党支部' });
    if (roster.members[0]) await school.assess(started.reviewId, roster.members[0].personId, { grade: '优秀', score: 93, assessedBy: '西旸小学党支部' });
    await sys.control.advance({ days: 31 });
    await sys.control.settle();
    await bureau.proposals(started.reviewId);
    await bureau.confirmReview(started.reviewId, []);
    await sys.control.settle();
    await bureau.review(started.reviewId);
    await bureau.member(people[0]!);
  }, 120_000);

  it('an appointment, the X-USE report and a veto', async () => {
    const on = '2027-01-05';
    await sys.control.advance({ to: '2027-01-06T10:00:00+08:00' });
    await bureau.appoint({ personId: people[0], post: { kind: 'middle', title: '教务处主任', unitCode: UNIT }, on, documentNo: '坛教任〔2027〕1号' });
    await bureau.appoint({ personId: people[0], post: { kind: 'middle', title: '教务处主任', unitCode: UNIT }, on });
    await bureau.xUse('2027-01-01', '2027-12-31');
    await bureau.veto(people[1]!, { on, matter: '师德', reportedBy: '区纪委' });
    await bureau.veto(people[1]!, { on, matter: '师德', reportedBy: '区纪委' });
    await bureau.member(people[1]!);
    await bureau.pool();
  }, 120_000);

  it('parses every answer with its schema (strict), at a status its entry names', () => {
    if (process.env.ANSWERS_DUMP) writeFileSync(process.env.ANSWERS_DUMP, JSON.stringify(seen, null, 1));
    const faults: string[] = [];
    for (const s of seen) {
      const answer = ANSWERS[s.key];
      if (!(answer.status as readonly number[]).includes(s.status)) faults.push(`${s.key}: status ${s.status}, not one of ${answer.status.join(', ')}`);
      if (answer.media !== 'application/json') {
        if (!s.contentType.startsWith(answer.media)) faults.push(`${s.key}: ${s.contentType}, not ${answer.media}`);
        continue;
      }
      const parsed = strict(answer.schema).safeParse(s.body);
      if (!parsed.success) faults.push(`${s.key} (${s.status}): ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}${'keys' in i ? ` ${String(i.keys)}` : ''}`).join('; ')}`);
    }
    expect(faults).toEqual([]);
  });

  it('exercised every GET route and the main POST/PUT ones', () => {
    const exercised = new Set(seen.map((s) => s.key));
    const left = (Object.keys(ANSWERS) as AnswerKey[]).filter((k) => !exercised.has(k));
    // Named in the file's comment, with the reason.
    expect(left).toEqual(['POST /pool/members/{personId}/renewals']);
    // Both answers of the routes that have two (first time, and the same again).
    const statuses = (key: AnswerKey) => [...new Set(seen.filter((s) => s.key === key).map((s) => s.status))].sort();
    expect(statuses('PUT /rounds/{roundId}/inspections/{nominationId}')).toEqual([200, 201]);
    expect(statuses('POST /pool/imports')).toEqual([200, 201]);
    expect(statuses('POST /appointments')).toEqual([200, 201]);
    expect(statuses('POST /pool/members/{personId}/vetoes')).toEqual([200, 201]);
  });
});

