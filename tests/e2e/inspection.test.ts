/**
 * End to end, through HTTP only: a round whose notice turns 考察 on (S-INSPECT) as a gate and a
 * component. Three tier-3 candidates are scored on an entered interview; the preliminary
 * ranking chooses the 考察对象 and the round waits (inspecting); the bureau records each
 * inspection — refused before, refused for the rules, refused for a non-考察对象 — and closes it;
 * the final pass drops the one found 不合格 and ranks the others with the inspection score;
 * the approver sees each record on the shortlist and cannot add the 不合格 back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validForm } from '../support/forms';
import { jsonBytes, refusal, registerUnits, startE2eSystem, type E2eSystem, type Json, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-INSP';
const INTAKE_CLOSES = '2026-11-05T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-06T09:00:00+08:00';
const UNIT = 'JT-XYXX';

const CANDIDATES = [
  { name: '周敏', seq: '462', interview: 90, inspection: { result: '合格', score: 60 } },
  { name: '钱立', seq: '472', interview: 80, inspection: { result: '不合格', score: 95 } },
  { name: '孙悦', seq: '482', interview: 70, inspection: { result: '合格', score: 100 } },
] as const;

interface Nom { nominationId: string; candidateName?: string; status: string; proposed?: string; rank?: number; score?: number }
interface InspectionView {
  status: string;
  inspection: { ratio: number; gate: boolean; quota: Record<string, number>; closedAt?: string } | null;
  rules: { gate: boolean; component?: { id: string } } | null;
  tiers: Array<{ tier: number; quota: number; candidates: Array<{ nominationId: string; name?: string; rank: number | null; record?: Json }> }>;
  counts: { shortlisted: number; recorded: number; missing: number };
}
interface ShortlistView {
  status: string;
  tiers: Array<{
    tier: number;
    ranked: Array<{ nominationId: string; name: string; rank: number; score: number; proposed: string; inspection?: { result?: string; score?: number; conclusion: string } }>;
    counts: Record<string, number>;
    inspectionFailed?: Array<{ nominationId: string; name?: string; inspection?: { result?: string; conclusion: string } }>;
  }>;
}

let sys: E2eSystem;
let bureau: PoolClient;
let approver: PoolClient;
const ids = new Map<string, string>();
const idOf = (name: string) => ids.get(name) as string;

const record = (name: string, over: Record<string, unknown> = {}) => {
  const c = CANDIDATES.find((x) => x.name === name);
  return {
    team: ['区教育局组织人事科 王建国', '李芳'], from: '2026-11-09', to: '2026-11-10', talks: 16,
    conclusion: `${name}同志政治素质好，工作实绩较好。`, ...(c ? c.inspection : {}), ...over,
  };
};

async function inspections(): Promise<InspectionView> {
  return await bureau.inspections(ROUND) as unknown as InspectionView;
}

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  approver = await sys.control.client('approver');
  await bureau.openRound({
    roundId: ROUND, title: '2026 年度后备人才遴选（含考察）', referenceDate: '2026-12-01', intakeClosesAt: INTAKE_CLOSES, scoringClosesAt: SCORING_CLOSES,
    tiers: [3], orgDeptApproval: { ref: '坛组干〔2026〕15 号', date: '2026-10-28' },
    scoringModel: {
      components: [
        { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.5, min: 0, max: 100, source: 'entered' },
        { id: 'inspection', name: { zh: '考察', en: 'inspection' }, weight: 0.5, min: 0, max: 100, source: 'inspection' },
      ],
    },
    selection: { inspection: { ratio: 1, gate: true } },
  });
  await registerUnits(bureau, [{ code: UNIT, name: '金坛区西旸小学', type: 'primary' }]);
  const school = await sys.control.client('school', UNIT);
  for (const c of CANDIDATES) await school.upload(ROUND, `${c.seq}.json`, jsonBytes(validForm({ roundId: ROUND, unitCode: UNIT, name: c.name, seq: c.seq })));
  await sys.control.settle();
  const noms = await bureau.allNominations(ROUND) as unknown as Nom[];
  for (const n of noms) if (n.status === 'accepted' && n.candidateName) ids.set(n.candidateName, n.nominationId);
  if (ids.size !== 3) throw new Error(`expected three accepted: ${JSON.stringify(noms)}`);
  await sys.control.advance({ to: new Date(Date.parse(INTAKE_CLOSES) + 60_000).toISOString() });
  await sys.control.settle();
  for (const c of CANDIDATES) await bureau.setScores(ROUND, idOf(c.name), { interview: c.interview });
}, 90_000);

afterAll(async () => {
  await sys?.close();
});

describe('a round with 考察 on (S-INSPECT)', () => {
  it('takes no record before the preliminary ranking', async () => {
    const early = await refusal(() => bureau.recordInspection(ROUND, idOf('周敏'), record('周敏')));
    expect([early.status, early.body?.error.code]).toEqual([409, 'ROUND_NOT_INSPECTING']);
  });

  it('ranks without the inspection first, chooses the 考察对象, and waits (inspecting)', async () => {
    await sys.control.advance({ to: new Date(Date.parse(SCORING_CLOSES) + 60_000).toISOString() });
    await sys.control.settle();
    // The round waits without cost while the team is out (9–10 November).
    await sys.control.advance({ to: '2026-11-11T09:00:00+08:00' });
    await sys.control.settle();
    const v = await inspections();
    expect(v.status).toBe('inspecting');
    expect(v.inspection).toMatchObject({ ratio: 1, gate: true });
    expect(v.rules).toEqual({ gate: true, component: { id: 'inspection', min: 0, max: 100, name: { zh: '考察', en: 'inspection' } } });
    const t3 = v.tiers.find((t) => t.tier === 3);
    // 50 free seats × 1: all three ranked candidates, in the preliminary order (by the interview alone).
    expect(t3?.candidates.map((c) => [c.name, c.rank])).toEqual([['周敏', 1], ['钱立', 2], ['孙悦', 3]]);
    expect(v.counts).toEqual({ shortlisted: 3, recorded: 0, missing: 3 });
    // The preliminary composite is on the interview alone (0.5 × 90), and the nomination says the inspection was left out.
    const zhou = (await bureau.allNominations(ROUND) as unknown as Array<Nom & { scoringLeftOut?: Array<{ id: string; zh: string }> }>).find((n) => n.candidateName === '周敏');
    expect(zhou?.score).toBe(45);
    expect(zhou?.scoringLeftOut?.map((x) => x.id)).toEqual(['inspection']);
    expect(zhou?.scoringLeftOut?.[0]?.zh).toContain('初步排名');
  });

  it('refuses a record that breaks the rules, each problem at its field', async () => {
    const bad = await refusal(() => bureau.recordInspection(ROUND, idOf('周敏'), record('周敏', { team: ['王建国'], from: '2026-11-11', to: '2026-11-10', conclusion: ' ', score: 101, result: undefined })));
    expect(bad.status).toBe(400);
    expect(bad.body?.error.problems?.map((p) => `${p.code}@${p.path}`)).toEqual([
      'INSPECTION_TEAM_TOO_SMALL@team', 'INSPECTION_DATES_INVERTED@to', 'INSPECTION_CONCLUSION_REQUIRED@conclusion',
      'INSPECTION_RESULT_REQUIRED@result', 'INSPECTION_SCORE_OUT_OF_RANGE@score',
    ]);
    expect(bad.body?.error.problems?.[0]?.zh).toContain('两名以上');
  });

  it('will not close while anyone lacks a record, and names who', async () => {
    await bureau.recordInspection(ROUND, idOf('周敏'), record('周敏'));
    const e = await refusal(() => bureau.closeInspection(ROUND));
    expect([e.status, e.body?.error.code]).toEqual([409, 'INSPECTION_INCOMPLETE']);
    expect(e.body?.error.problems?.map((p) => p.zh).join('；')).toMatch(/钱立.*孙悦/);
  });

  it('records the others (a replace answers 200), the approver reads them, a school may not', async () => {
    await bureau.recordInspection(ROUND, idOf('钱立'), record('钱立'));
    const first = await bureau.recordInspection(ROUND, idOf('孙悦'), record('孙悦', { talks: 10 })) as { inspection: { talks: number } };
    expect(first.inspection.talks).toBe(10);
    await bureau.recordInspection(ROUND, idOf('孙悦'), record('孙悦'));
    expect((await approver.inspections(ROUND) as unknown as InspectionView).counts).toEqual({ shortlisted: 3, recorded: 3, missing: 0 });
    const school = await sys.control.client('school', UNIT);
    expect((await refusal(() => school.inspections(ROUND))).status).toBe(403);
    expect((await refusal(() => approver.closeInspection(ROUND))).status).toBe(403);
  });

  it('closes once; the final pass drops the 不合格 and ranks the rest with the inspection score', async () => {
    const closed = await bureau.closeInspection(ROUND) as { closedAt: string; shortlisted: number };
    expect(closed.shortlisted).toBe(3);
    expect((await refusal(() => bureau.closeInspection(ROUND))).status).toBe(409);
    await sys.control.settle();
    const s = await approver.shortlist(ROUND) as unknown as ShortlistView;
    expect(s.status).toBe('awaiting-decision');
    const t3 = s.tiers.find((t) => t.tier === 3);
    // 孙悦: 0.5 × 70 + 0.5 × 100 = 85 over 周敏: 0.5 × 90 + 0.5 × 60 = 75.
    expect(t3?.ranked.map((r) => [r.name, r.rank, r.score, r.proposed])).toEqual([['孙悦', 1, 85, 'admit'], ['周敏', 2, 75, 'admit']]);
    expect(t3?.ranked[0]?.inspection).toMatchObject({ result: '合格', score: 100, conclusion: '孙悦同志政治素质好，工作实绩较好。' });
    expect(t3?.counts.inspectionFailed).toBe(1);
    expect(t3?.inspectionFailed?.map((f) => [f.name, f.inspection?.result])).toEqual([['钱立', '不合格']]);
    const qian = (await bureau.allNominations(ROUND) as unknown as Array<Nom & { inspectionNote?: { clause: string; zh: string } }>).find((n) => n.candidateName === '钱立');
    expect([qian?.proposed, qian?.inspectionNote?.clause]).toEqual(['inspection-failed', 'S-INSPECT']);
    expect(qian?.inspectionNote?.zh).toContain('不合格');
    const recordAfter = await refusal(() => bureau.recordInspection(ROUND, idOf('周敏'), record('周敏')));
    expect(recordAfter.status).toBe(409);
  });

  it('the approver cannot add the 不合格 back; approving admits the two', async () => {
    const e = await refusal(() => approver.decide(ROUND, { decision: 'approve-with-edits', edits: { add: [idOf('钱立')], remove: [] } }));
    expect(e.body?.error.problems?.map((p) => `${p.code}@${p.path}`)).toContain('EDIT_INSPECTION_FAILED@edits.add.0');
    await approver.decide(ROUND, { decision: 'approve' });
    await sys.control.settle();
    const pool = await bureau.pool() as unknown as { members: Array<{ name: string }> };
    expect(pool.members.map((m) => m.name).sort()).toEqual(['周敏', '孙悦'].sort());
    const trail = await bureau.audit(`round/${ROUND}`) as unknown as { entries: Array<{ action: string; clause?: string }> };
    expect(trail.entries.map((x) => x.action)).toEqual(expect.arrayContaining(['round.inspecting', 'round.inspection-closed']));
  });
});
