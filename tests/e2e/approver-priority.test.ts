/**
 * End to end, through HTTP only (issue #11, items 10 and 11): the approver sees what they
 * approve — per ranked candidate a summary of the form (never the ID number or the birth
 * date), the verdict with its reasons and clauses, the score and its components — and reads
 * the ranked round's nominations; an approve-with-edits may name a candidate by name when the
 * name is unique on the list (a shared name lists the ids and units; an unknown one says so).
 * Then the bureau queries the pool for C-PRIORITY: by unit, unit type, age, honour, year of
 * the term and flags, every bad value a QUERY_INVALID with the values allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../support/forms';
import { fixtureForm, jsonBytes, refusal, registerUnits, startE2eSystem, type E2eSystem, type Json, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-APPR';
const XY = 'JT-XYXX';
const JT = 'JT-JTZX';

let sys: E2eSystem;
let bureau: PoolClient;
let approver: PoolClient;

interface Candidate { key: string; name: string; unit: string; unitName: string; unitType: string; birth: string; seq: string; honour?: string }
const CANDIDATES: Candidate[] = [
  { key: 'zhang', name: '张三', unit: XY, unitName: '金坛区西旸小学', unitType: 'primary', birth: '1992-05-01', seq: '412', honour: '常州市教学能手' },
  { key: 'li-xy', name: '李四', unit: XY, unitName: '金坛区西旸小学', unitType: 'primary', birth: '1995-03-03', seq: '422', honour: '金坛区教坛新秀' },
  { key: 'li-jt', name: '李四', unit: JT, unitName: '江苏省金坛中学', unitType: 'middle', birth: '1993-07-07', seq: '432', honour: '常州市骨干教师' },
  { key: 'wang', name: '王五', unit: JT, unitName: '江苏省金坛中学', unitType: 'middle', birth: '1994-01-01', seq: '442' },
];
const ids = new Map<string, string>();
const idNumbers = CANDIDATES.map((c) => idNumberFor(c.birth, c.seq));

function formOf(c: Candidate): Json {
  const form = fixtureForm('tier3-route-a-eligible.json', { roundId: ROUND, unitCode: c.unit, unitName: c.unitName }) as Json & { unit: Json; candidate: Json };
  form.unit.type = c.unitType;
  form.candidate = {
    ...form.candidate, name: c.name, idNumber: idNumberFor(c.birth, c.seq), birthDate: c.birth,
    posts: [{ kind: 'class-teacher', title: '班主任', unit: c.unitName, from: '2015-09-01', to: null }, { kind: 'middle', title: '教务处副主任', unit: c.unitName, from: '2022-09-01', to: null }],
    honours: c.honour ? [{ title: c.honour, awarded: '2020-09-10' }] : [],
  };
  return form;
}

const pool = async (q: Record<string, string>) => (await bureau.pool(q) as { members: Array<{ personId: string; name: string; unit: string }> }).members.map((m) => m.name + '@' + m.unit).sort();

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  approver = await sys.control.client('approver');
  await registerUnits(bureau, [{ code: XY, name: '金坛区西旸小学', type: 'primary' }, { code: JT, name: '江苏省金坛中学', type: 'middle' }]);
  await bureau.openRound({
    roundId: ROUND, title: '审批与优先选用测试批次', referenceDate: '2026-12-01',
    intakeClosesAt: '2026-11-12T17:00:00+08:00', scoringClosesAt: '2026-11-13T17:00:00+08:00', tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
  for (const c of CANDIDATES) await bureau.upload(ROUND, `${c.key}.json`, jsonBytes(formOf(c)), c.unit);
  await sys.control.settle();
  const { nominations } = await bureau.nominations(ROUND) as { nominations: Array<{ nominationId: string; status: string; source: { key: string } }> };
  for (const c of CANDIDATES) {
    const n = nominations.find((x) => x.source.key.endsWith(`-${c.key}.json`));
    if (n?.status !== 'accepted') throw new Error(`${c.key}: ${JSON.stringify(n)}`);
    ids.set(c.key, n.nominationId);
  }
  await sys.control.advance({ to: '2026-11-13T18:00:00+08:00' });
  await sys.control.settle();
}, 120_000);
afterAll(async () => {
  await sys?.close();
});

describe('the approver sees what they approve', () => {
  it('the shortlist carries each candidate\'s form summary, verdict with reasons and clauses, score and components — no ID number, no birth date', async () => {
    const sl = await approver.shortlist(ROUND) as { status: string; tiers: Array<{ tier: number; ranked: Json[] }> };
    expect(sl.status).toBe('awaiting-decision');
    const ranked = sl.tiers.find((t) => t.tier === 3)?.ranked ?? [];
    expect(ranked).toHaveLength(4);
    const zhang = ranked.find((r) => r.nominationId === ids.get('zhang')) as Json;
    expect(zhang.candidate).toEqual({
      name: '张三', gender: 'F', birthYear: 1992, unit: { code: XY, name: '金坛区西旸小学', type: 'primary' }, tier: 3, source: 'selection',
      currentPost: { kind: 'middle', title: '教务处副主任', unit: '金坛区西旸小学', from: '2022-09-01' },
      education: [{ level: 'bachelor', fullTime: true, institution: '南京师范大学', graduated: '2014-06-30' }],
      honours: [{ title: '常州市教学能手', awarded: '2020-09-10', rank: 2 }],
      ageExemption: false,
    });
    expect(zhang.verdict).toMatchObject({ eligible: true, asOf: '2026-12-01' });
    const reasons = (zhang.verdict as { reasons: Json[] }).reasons;
    expect(reasons.length).toBeGreaterThan(2);
    // Every rule checked, with its clause (an alternative route not taken shows as not met).
    for (const r of reasons) expect(r).toMatchObject({ clause: expect.stringMatching(/^[A-Z]-/), rule: expect.any(String), ok: expect.any(Boolean), message: expect.any(String) });
    expect(reasons.find((r) => r.rule === 'age')).toMatchObject({ clause: 'E-T3', ok: true });
    expect(zhang.scoring).toMatchObject({ clause: 'S-ROUND', score: zhang.score, components: [expect.objectContaining({ id: 'honour', source: 'form', value: expect.any(Number), points: expect.any(Number) })] });
    const text = JSON.stringify(sl);
    for (const id of idNumbers) expect(text).not.toContain(id);
    for (const c of CANDIDATES) expect(text).not.toContain(c.birth);
  });

  it('the approver reads the ranked round\'s nominations (it was 403 before ranking), without personal data', async () => {
    const { nominations } = await approver.nominations(ROUND) as { nominations: Json[] };
    expect(nominations.map((n) => n.nominationId).sort()).toEqual([...ids.values()].sort());
    const text = JSON.stringify(nominations);
    for (const id of idNumbers) expect(text).not.toContain(id);
  });

  it('a name shared on the list is EDIT_NAME_AMBIGUOUS listing each id and unit; an unknown name says so; nothing is decided', async () => {
    const ambiguous = await refusal(() => approver.decide(ROUND, { decision: 'approve-with-edits', edits: { remove: ['李四'] } }));
    expect(ambiguous.status).toBe(400);
    const [p] = ambiguous.body?.error.problems ?? [];
    expect(p).toMatchObject({ code: 'EDIT_NAME_AMBIGUOUS', path: 'edits.remove.0' });
    expect(p?.zh).toContain(`${ids.get('li-xy')}（${XY}`);
    expect(p?.zh).toContain(`${ids.get('li-jt')}（${JT}`);
    expect(p?.en).toMatch(/2 candidates are named "李四"/);
    const unknown = await refusal(() => approver.decide(ROUND, { decision: 'approve-with-edits', edits: { remove: ['无名氏'] } }));
    expect(unknown.body?.error.problems?.map((x) => [x.code, x.path, x.zh])).toEqual([['EDIT_NAME_UNKNOWN', 'edits.remove.0', '本批次没有名为“无名氏”的人选']]);
    expect((await approver.getRound(ROUND) as { round: { status: string; decision?: unknown } }).round).toMatchObject({ status: 'awaiting-decision' });
  });

  it('removing someone by a name unique on the list works: resolved to the id, recorded, that person not admitted', async () => {
    const res = await approver.decide(ROUND, { decision: 'approve-with-edits', edits: { remove: ['王五'] }, note: '王五暂缓' }) as { decision: Json };
    expect(res.decision).toMatchObject({
      decision: 'approve-with-edits', state: 'delivered',
      edits: { add: [], remove: [ids.get('wang')] },
      named: [{ list: 'remove', name: '王五', nominationId: ids.get('wang') }],
    });
    await sys.control.settle();
    const { nominations } = await bureau.nominations(ROUND) as { nominations: Array<{ nominationId: string; admission?: { status: string } }> };
    const status = (k: string) => nominations.find((n) => n.nominationId === ids.get(k))?.admission?.status;
    expect(['zhang', 'li-xy', 'li-jt', 'wang'].map(status)).toEqual(['admitted', 'admitted', 'admitted', 'not-admitted']);
  });
});

describe('C-PRIORITY queries over the pool', () => {
  it('by tier, unit and unit type (from the registry)', async () => {
    expect(await pool({ tier: '3' })).toEqual(['张三@JT-XYXX', '李四@JT-JTZX', '李四@JT-XYXX']);
    expect(await pool({ unit: XY })).toEqual(['张三@JT-XYXX', '李四@JT-XYXX']);
    expect(await pool({ unitType: 'middle' })).toEqual(['李四@JT-JTZX']);
    expect(await pool({ unitType: 'kindergarten' })).toEqual([]);
  });

  it('by age on asOf (default today, Beijing) and by honour on the ladder, never showing a birth date', async () => {
    // Today is 2026-11-13: 张三 34, 李四 (西旸) 31, 李四 (金坛中学) 33.
    expect(await pool({ maxAge: '33' })).toEqual(['李四@JT-JTZX', '李四@JT-XYXX']);
    expect(await pool({ maxAge: '31' })).toEqual(['李四@JT-XYXX']);
    expect(await pool({ maxAge: '31', asOf: '2027-03-03' })).toEqual([]); // 李四 (西旸) turns 32
    expect(await pool({ honourAtLeast: '常州市教学能手' })).toEqual(['张三@JT-XYXX', '李四@JT-JTZX']);
    expect(await pool({ honourAtLeast: '金坛区骨干教师' })).toEqual(['张三@JT-XYXX', '李四@JT-JTZX']); // the same rung
    expect(await pool({ honourAtLeast: '常州市骨干教师', unit: JT })).toEqual(['李四@JT-JTZX']);
    const answer = JSON.stringify(await bureau.pool({ maxAge: '40', honourAtLeast: '金坛区教坛新秀' }));
    for (const c of CANDIDATES) expect(answer).not.toContain(c.birth);
    for (const id of idNumbers) expect(answer).not.toContain(id);
  });

  it('by year of the term and by flag (warned, recommended, talk-overdue)', async () => {
    expect(await pool({ termYear: '1' })).toHaveLength(3);
    expect(await pool({ termYear: '2' })).toEqual([]);
    expect(await pool({ flag: 'warned' })).toEqual([]);
    expect(await pool({ flag: 'recommended' })).toEqual([]);
    expect(await pool({ flag: 'talk-overdue' })).toEqual([]);
    // A year on, nobody has had the yearly talk (C-TALK): all three are overdue, in year 2.
    expect(await pool({ flag: 'talk-overdue', asOf: '2028-01-01' })).toHaveLength(3);
    expect(await pool({ termYear: '2', asOf: '2028-01-01' })).toHaveLength(3);
  });

  it('an unknown value is 400 QUERY_INVALID at its field with the values allowed, Chinese and English', async () => {
    const bad = await refusal(() => bureau.pool({ unitType: 'school', flag: 'late', termYear: '4', maxAge: 'old', honourAtLeast: '优秀教师' }));
    expect(bad.status).toBe(400);
    const problems = bad.body?.error.problems ?? [];
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['QUERY_INVALID', 'unitType'], ['QUERY_INVALID', 'maxAge'], ['QUERY_INVALID', 'honourAtLeast'], ['QUERY_INVALID', 'termYear'], ['QUERY_INVALID', 'flag'],
    ]);
    expect(problems[0]?.zh).toContain('primary、middle、kindergarten、bureau-office、institution');
    expect(problems[4]?.en).toContain('warned, recommended, talk-overdue');
    expect(problems[2]?.zh).toContain('常州市骨干教师');
  });
});
