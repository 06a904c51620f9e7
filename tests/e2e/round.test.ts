/**
 * End to end, through HTTP only: a fresh system; the bureau opens a selection round whose
 * scoring model mixes form components with an entered interview; schools upload JSON forms
 * and a filled Excel template through presigned POSTs and read their verdicts and rejection
 * reasons; the deadlines pass on the simulated clock; the bureau enters interview scores;
 * the round ranks; the approver approves with an edit; members are admitted within the
 * caps; the bureau records a talk and a training course.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../support/forms';
import { fillNominationWorkbook, rowFor } from '../support/xlsx';
import { registerUnits,
  fixtureBytes, fixtureForm, jsonBytes, refusal, startE2eSystem, workbookHeaders, type E2eSystem, type Json, type PoolClient,
} from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-E2E';
const INTAKE_CLOSES = '2026-11-12T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-13T17:00:00+08:00';
const CAPS = { 1: 20, 2: 35, 3: 50 } as const;

const ROUND_BODY = {
  roundId: ROUND,
  title: '2026 年度金坛区教育系统后备人才遴选（端到端）',
  referenceDate: '2026-12-01',
  intakeClosesAt: INTAKE_CLOSES,
  scoringClosesAt: SCORING_CLOSES,
  tiers: [1, 2, 3],
  orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
  scoringModel: {
    components: [
      { id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 0.3, min: 0, max: 8, source: 'form', derive: 'honour' },
      { id: 'education', name: { zh: '学历', en: 'education' }, weight: 0.1, min: 0, max: 3, source: 'form', derive: 'education' },
      { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.2, min: 0, max: 10, source: 'form', derive: 'experience' },
      { id: 'lessons', name: { zh: '优质课获奖', en: 'quality-lesson prizes' }, weight: 0.1, min: 0, max: 12, source: 'form', derive: 'lesson-awards' },
      { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
    ],
  },
};

/** Each school's own form (the fixtures are written for their units), and whether it is eligible. */
const SCHOOL_FORMS: Array<{ unit: string; fixture: string; tier: 1 | 2 | 3; eligible: boolean }> = [
  { unit: 'JT-JTZX', fixture: 'tier1-eligible.json', tier: 1, eligible: true },
  { unit: 'JT-HLGZX', fixture: 'tier1-org-dept-list.json', tier: 1, eligible: true },
  { unit: 'JT-JTSX', fixture: 'tier1-age-exemption.json', tier: 1, eligible: true },
  { unit: 'JT-DCXX', fixture: 'tier1-district-honour.json', tier: 1, eligible: false },
  { unit: 'JT-JYJ-RSK', fixture: 'tier2-bureau-office.json', tier: 2, eligible: true },
  { unit: 'JT-YEY1', fixture: 'tier2-kindergarten.json', tier: 2, eligible: true },
  { unit: 'JT-XXZX', fixture: 'tier2-legacy-young-cadre.json', tier: 2, eligible: true },
  { unit: 'JT-ZJZX', fixture: 'tier3-imported-talent.json', tier: 3, eligible: true },
  { unit: 'JT-ZQXX', fixture: 'tier3-over-age.json', tier: 3, eligible: false },
  { unit: 'JT-HLGSY', fixture: 'tier3-route-b-eligible.json', tier: 3, eligible: true },
  { unit: 'JT-XYXX', fixture: 'tier3-route-a-eligible.json', tier: 3, eligible: true },
];

const XYXX = 'JT-XYXX';
const XYXX_NAME = '金坛区西旸小学';

/** The workbook JT-XYXX fills in: three good rows and one whose birth date contradicts the ID number. */
const WORKBOOK_ROWS = [
  { name: '周小燕', gender: '女', birth: '1993-03-12', seq: '462' },
  { name: '钱浩', gender: '男', birth: '1994-07-08', seq: '471' },
  { name: '孙丽', gender: '女', birth: '1992-10-20', seq: '482' },
  { name: '吴刚', gender: '男', birth: '1995-01-05', seq: '493', badBirth: '1995-01-06' },
];

interface NominationView {
  nominationId: string;
  unit: string;
  status: 'accepted' | 'rejected' | 'superseded';
  tier?: number;
  candidateName?: string;
  verdict?: { eligible: boolean; reasons: Array<{ clause: string; rule: string; ok: boolean; message: string }> };
  problems?: Array<{ code: string; path: string; zh: string; en: string; cell?: string }>;
  source: { key: string; row?: number };
  score?: number;
  rank?: number;
  proposed?: string;
  scoringProblems?: unknown[];
  inPool?: { clause: string; tier: number };
  supersededBy?: string;
  note?: { zh: string; en: string };
  admission?: { status: string; tier?: number; on?: string; zh?: string; en?: string };
}

interface ShortlistTier {
  tier: 1 | 2 | 3;
  cap: number;
  freeSeats: number;
  ranked: Array<{ nominationId: string; rank: number; position: number; name: string; unit: string; score: number; proposed: string }>;
  counts: { accepted: number; ranked: number; proposed: number; waitlisted: number; ineligible: number; incomplete: number; admittedElsewhere: number };
}

interface PoolView {
  asOf: string;
  tiers: Array<{ tier: 1 | 2 | 3; cap: number; held: number; seatsHeld: number; activeMembers: number; free: number }>;
  members: Array<{ personId: string; name: string; unit: string; tier: number; status: string; holdsSeat: boolean; roundId?: string; talks: number; trainings: number; trainingHours: number; termStart: string; termEnd: string }>;
}

let sys: E2eSystem;
let bureau: PoolClient;
let approver: PoolClient;
const schools = new Map<string, PoolClient>();
const school = (unit: string) => schools.get(unit) as PoolClient;
/** Upload → status latencies (ms), measured through the API. */
const latencies: number[] = [];

async function nominationsOf(client: PoolClient, unit?: string): Promise<NominationView[]> {
  const out: NominationView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await client.nominations(ROUND, { ...(unit ? { unit } : {}), ...(cursor ? { cursor } : {}) }) as { nominations: NominationView[]; cursor?: string };
    out.push(...res.nominations);
    cursor = res.cursor;
    if (!cursor) return out;
  }
  throw new Error('more than 20 pages of nominations');
}

/**
 * Uploads through a presigned POST, then polls the school's nominations until the file's
 * `expected` nominations are visible (bounded): the school's view of "what became of my file".
 */
async function uploadAndWait(client: PoolClient, fileName: string, bytes: Uint8Array, expected = 1): Promise<{ key: string; noms: NominationView[] }> {
  const t0 = performance.now();
  const link = await client.upload(ROUND, fileName, bytes);
  for (let i = 0; i < 500; i++) {
    const noms = (await nominationsOf(client)).filter((n) => n.source.key === link.key);
    // All the file's rows, or the whole file refused (one nomination without a row).
    if (noms.length >= expected || noms.some((n) => n.status === 'rejected' && n.source.row === undefined)) {
      latencies.push(performance.now() - t0);
      return { key: link.key, noms: noms.sort((a, b) => (a.source.row ?? 0) - (b.source.row ?? 0)) };
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${fileName}: no status after 500 polls`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  approver = await sys.control.client('approver');
  for (const u of new Set([...SCHOOL_FORMS.map((f) => f.unit), XYXX])) schools.set(u, await sys.control.client('school', u));
  // The registry knows every unit that uploads (as its own form names it).
  await registerUnits(bureau, [...SCHOOL_FORMS.map((f) => {
    const { unit } = fixtureForm(f.fixture, { roundId: ROUND }) as { unit: { code: string; name: string; type: string } };
    return { ...unit, code: f.unit };
  }), { code: XYXX, name: XYXX_NAME, type: 'primary' }]);
});

afterAll(async () => {
  if (latencies.length > 0) {
    console.info(`upload → status latency over ${latencies.length} uploads: median ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`);
  }
  await sys?.close();
});

describe('a selection round, end to end', () => {
  const ids = { byUnit: new Map<string, NominationView>(), workbook: [] as NominationView[], twice: [] as NominationView[] };

  it('the bureau opens a round; the round execution starts; a school sees only the public fields', async () => {
    expect(await sys.control.now()).toBe(new Date(START).toISOString());
    const res = await bureau.openRound(ROUND_BODY) as { round: Json };
    expect(res.round).toMatchObject({ roundId: ROUND, status: 'open', tiers: [1, 2, 3], openedAt: new Date(START).toISOString() });
    expect(res.round.taskToken).toBeUndefined();

    const execs = await sys.control.executions();
    expect(execs.filter((e) => e.machine === 'round')).toEqual([expect.objectContaining({ status: 'RUNNING', executionArn: expect.stringContaining(`round-${ROUND}`) })]);

    const seen = await school(XYXX).getRound(ROUND) as { round: Json };
    expect(seen.round).toMatchObject({ roundId: ROUND, status: 'open', intakeClosesAt: INTAKE_CLOSES });
    expect(seen.round.scoringModel).toBeUndefined();
    expect(seen.round.orgDeptApproval).toBeUndefined();

    // A second open of the same round is a conflict, not a second execution.
    const again = await refusal(() => bureau.openRound(ROUND_BODY));
    expect(again.status).toBe(409);
  });

  it('each school uploads its own JSON form and reads its verdict', async () => {
    for (const f of SCHOOL_FORMS) {
      const form = fixtureForm(f.fixture, { roundId: ROUND });
      const { noms } = await uploadAndWait(school(f.unit), f.fixture, jsonBytes(form));
      expect(noms, f.fixture).toHaveLength(1);
      const n = noms[0] as NominationView;
      expect(n, `${f.fixture}: ${JSON.stringify(n.problems)}`).toMatchObject({ unit: f.unit, status: 'accepted', tier: f.tier, candidateName: (form.candidate as { name: string }).name });
      expect(n.verdict?.eligible, f.fixture).toBe(f.eligible);
      // Every verdict cites its clauses; an ineligible one says which rule failed.
      expect(n.verdict?.reasons.length).toBeGreaterThan(0);
      for (const r of n.verdict?.reasons ?? []) expect(r.clause).toMatch(/^[A-Z]+(-[A-Z0-9]+)*$/);
      if (!f.eligible) expect(n.verdict?.reasons.some((r) => !r.ok)).toBe(true);
      // Never the form's personal data.
      expect(JSON.stringify(n)).not.toContain((form.candidate as { idNumber: string }).idNumber);
      ids.byUnit.set(f.unit, n);
    }
  });

  it('a school fills the downloaded Excel template with several rows; each row gets its own verdict or reasons', async () => {
    const template = await school(XYXX).template();
    const { sheets, headers } = workbookHeaders(template);
    expect(sheets).toEqual(['填写说明', '推荐表']);
    expect(headers.slice(0, 3)).toEqual(['序号', '遴选批次', '单位代码']);
    expect(headers.some((h) => h.startsWith('身份证号'))).toBe(true);

    const rows = WORKBOOK_ROWS.map((r, i) => rowFor(idNumberFor(r.birth, r.seq), {
      序号: i + 1, 遴选批次: ROUND, 单位代码: XYXX, 单位名称: XYXX_NAME, 姓名: r.name, 性别: r.gender, 出生日期: r.badBirth ?? r.birth,
    }));
    const bytes = fillNominationWorkbook(rows, { headers });
    const { noms } = await uploadAndWait(school(XYXX), '西旸小学后备人才推荐表.xlsx', bytes, WORKBOOK_ROWS.length);
    expect(noms.map((n) => n.source.row)).toEqual([2, 3, 4, 5]);
    expect(noms.slice(0, 3).map((n) => [n.status, n.candidateName, n.tier, n.verdict?.eligible])).toEqual([
      ['accepted', '周小燕', 3, true], ['accepted', '钱浩', 3, true], ['accepted', '孙丽', 3, true],
    ]);
    const bad = noms[3] as NominationView;
    expect(bad.status).toBe('rejected');
    expect(bad.problems?.length).toBeGreaterThan(0);
    // The reason points at the cell the school has to fix.
    const birth = bad.problems?.find((p) => p.path.includes('birthDate') || p.path.includes('idNumber'));
    expect(birth, JSON.stringify(bad.problems)).toBeDefined();
    expect(birth?.cell).toMatch(/^推荐表!/);
    expect(birth?.zh).toContain(birth?.cell as string);
    ids.workbook = noms;
  });

  it('malformed files are rejected with reasons the school can read (code, path, zh, en)', async () => {
    const malformed = await uploadAndWait(school(XYXX), 'malformed.json', jsonBytes(fixtureForm('malformed.json', { roundId: ROUND })));
    const m = malformed.noms[0] as NominationView;
    expect(m.status).toBe('rejected');
    expect(m.verdict).toBeUndefined();
    expect(m.problems?.map((p) => [p.code, p.path])).toEqual(expect.arrayContaining([
      ['FORM_ENUM', 'tier'],
      ['FORM_ID_CHECKSUM', 'candidate.idNumber'],
      ['FORM_UNKNOWN_FIELD', 'candidate.posts[0].form'],
      ['FORM_UNKNOWN_FIELD', 'remarks'],
    ]));
    for (const p of m.problems ?? []) {
      expect(p.zh.length).toBeGreaterThan(0);
      expect(p.en.length).toBeGreaterThan(0);
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
    }

    const notJson = await uploadAndWait(school(XYXX), 'not-json.json', fixtureBytes('not-json.json'));
    expect(notJson.noms[0]).toMatchObject({ status: 'rejected', problems: [expect.objectContaining({ code: 'FORM_JSON_INVALID', path: '' })] });
    expect(notJson.noms[0]?.problems?.[0]?.en).toMatch(/not valid JSON/);
  });

  it('a form naming another unit, uploaded under the school\'s own prefix, is rejected with INTAKE_UNIT_MISMATCH', async () => {
    const theirs = fixtureForm('tier1-eligible.json', { roundId: ROUND }); // JT-JTZX's candidate
    const { noms } = await uploadAndWait(school(XYXX), 'borrowed.json', jsonBytes(theirs));
    expect(noms).toHaveLength(1);
    expect(noms[0]).toMatchObject({ unit: XYXX, status: 'rejected' });
    expect(noms[0]?.problems).toEqual([expect.objectContaining({ code: 'INTAKE_UNIT_MISMATCH', path: 'unit.code' })]);
    expect(noms[0]?.problems?.[0]?.zh).toContain('JT-JTZX');
    // The other unit's own (accepted) nomination is untouched and still the only one there.
    const jtzx = await nominationsOf(school('JT-JTZX'));
    expect(jtzx.map((n) => n.status)).toEqual(['accepted']);
  });

  it('a school is refused (403) an upload link or the nominations of another unit', async () => {
    const link = await refusal(() => school(XYXX).uploadLink(ROUND, 'x.json', 'JT-JTZX'));
    expect(link.status).toBe(403);
    expect(link.body?.error).toMatchObject({ code: expect.any(String), zh: expect.any(String), en: expect.any(String) });
    const read = await refusal(() => school(XYXX).nominations(ROUND, { unit: 'JT-JTZX' }));
    expect(read.status).toBe(403);
    // Its own list holds its own unit's nominations only.
    const own = await nominationsOf(school(XYXX));
    expect(new Set(own.map((n) => n.unit))).toEqual(new Set([XYXX]));
    // The bureau sees every unit.
    const all = await nominationsOf(bureau);
    expect(new Set(all.map((n) => n.unit)).size).toBe(new Set([...SCHOOL_FORMS.map((f) => f.unit), XYXX]).size);
  });

  it('the same person uploaded again by the same unit: two uploads, the later nomination supersedes the earlier ones', async () => {
    const unit = 'JT-HLGSY';
    const bytes = jsonBytes(fixtureForm('tier3-route-b-eligible.json', { roundId: ROUND }));
    await sys.control.advance({ hours: 1 });
    const first = await uploadAndWait(school(unit), 'same.json', bytes);
    // The clock is frozen in this test: a re-upload an hour later, as a school office would.
    await sys.control.advance({ hours: 1 });
    const second = await uploadAndWait(school(unit), 'same.json', bytes);
    expect(first.key).not.toBe(second.key);
    const twice = [...first.noms, ...second.noms];
    expect(new Set(twice.map((n) => n.nominationId)).size).toBe(2);
    // With the earlier upload of the same form, the unit has three nominations of one person:
    // one live (the latest), the others kept and visible as superseded (S-ROUND: one per person).
    const own = (await nominationsOf(school(unit))).filter((n) => n.candidateName === '李明');
    expect(own).toHaveLength(3);
    expect(own.filter((n) => n.status === 'accepted').map((n) => n.nominationId)).toEqual([second.noms[0]?.nominationId]);
    expect(own.filter((n) => n.status === 'superseded')).toHaveLength(2);
    // Each says what replaced it.
    for (const n of own.filter((x) => x.status === 'superseded')) {
      expect(n).toMatchObject({ supersededBy: expect.stringMatching(/^N/), note: { zh: expect.stringContaining('替代') } });
    }
    ids.twice = twice;
    // Settling changes nothing more: every upload was delivered once, none failed.
    const settled = await sys.control.settle();
    expect(settled.deliveryFailures).toBe(0);
    expect(await nominationsOf(school(unit))).toHaveLength(3);
  });

  it('intake closes on the simulated clock: the round closes and no more links are issued', async () => {
    await sys.control.advance({ to: new Date(Date.parse(INTAKE_CLOSES) + 3_600_000).toISOString() });
    await sys.control.settle();
    const { round } = await bureau.getRound(ROUND) as { round: Json };
    expect(round.status).toBe('closed');
    const late = await refusal(() => school(XYXX).uploadLink(ROUND, 'late.json'));
    expect(late.status).toBe(409);
    expect(late.body?.error.code).toBe('ROUND_CLOSED');
  });

  it('the bureau enters interview scores (entered components only, within range)', async () => {
    const all = await nominationsOf(bureau);
    const eligible = all.filter((n) => n.status === 'accepted' && n.verdict?.eligible);
    // 9 schools' eligible forms + 3 workbook rows (the two re-uploads superseded the first 李明)
    expect(eligible).toHaveLength(SCHOOL_FORMS.filter((f) => f.eligible).length + 3);

    const first = eligible[0] as NominationView;
    const derived = await refusal(() => bureau.setScores(ROUND, first.nominationId, { honour: 5 }));
    expect(derived.status).toBe(400);
    expect(derived.body?.error.problems).toEqual([expect.objectContaining({ code: 'SCORE_NOT_ENTERED', path: 'components.honour' })]);
    const outOfRange = await refusal(() => bureau.setScores(ROUND, first.nominationId, { interview: 101 }));
    expect(outOfRange.body?.error.problems?.[0]?.code).toBe('SCORE_OUT_OF_RANGE');
    const rejected = all.find((n) => n.status === 'rejected') as NominationView;
    expect((await refusal(() => bureau.setScores(ROUND, rejected.nominationId, { interview: 80 }))).body?.error.code).toBe('NOMINATION_REJECTED');

    // Everyone is interviewed except 孙丽 (workbook row 4), who stays incomplete.
    const skipped = ids.workbook[2] as NominationView;
    let score = 95;
    for (const n of eligible) {
      if (n.nominationId === skipped.nominationId) continue;
      const res = await bureau.setScores(ROUND, n.nominationId, { interview: score }) as { nomination: { enteredScores: Json } };
      expect(res.nomination.enteredScores).toEqual({ interview: score });
      score -= 3;
    }
  });

  it('scoring closes: the round scores, ranks and waits for the approver with a shortlist within the free seats', async () => {
    const { now: rankingTime } = await sys.control.advance({ to: new Date(Date.parse(SCORING_CLOSES) + 3_600_000).toISOString() });
    const settled = await sys.control.settle();
    expect(settled.executions.find((e) => e.machine === 'round')?.status).toBe('RUNNING');
    const { round } = await approver.getRound(ROUND) as { round: Json };
    expect(round.status).toBe('awaiting-decision');

    const sl = await approver.shortlist(ROUND) as { status: string; rankedAt: string; tiers: ShortlistTier[]; rejected: number };
    expect(sl.status).toBe('awaiting-decision');
    // Stamped by the scoring Lambda on the simulated clock (frozen here), not the machine's.
    expect(sl.rankedAt).toBe(rankingTime);
    expect(round.awaitingSince).toBe(rankingTime);
    expect(sl.tiers.map((t) => [t.tier, t.cap, t.freeSeats])).toEqual([[1, 20, 20], [2, 35, 35], [3, 50, 50]]);
    for (const t of sl.tiers) {
      // best first; ranks never decrease; scores never increase; nobody beyond the free seats
      const scores = t.ranked.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(t.ranked.map((r) => r.position)).toEqual(t.ranked.map((_, i) => i + 1));
      expect(t.counts.proposed).toBeLessThanOrEqual(t.freeSeats);
    }
    const [t1, t2, t3] = sl.tiers as [ShortlistTier, ShortlistTier, ShortlistTier];
    expect(t1.counts).toMatchObject({ ranked: 3, proposed: 3, ineligible: 1 });
    expect(t2.counts).toMatchObject({ ranked: 3, proposed: 3, ineligible: 0 });
    // tier 3: imported talent, route b (李明, his latest upload only), route a, two workbook rows; 孙丽 incomplete; over-age ineligible
    expect(t3.counts).toMatchObject({ ranked: 5, proposed: 5, ineligible: 1, incomplete: 1, admittedElsewhere: 0 });
    expect(t3.ranked.filter((r) => r.name === '李明')).toHaveLength(1);
    expect(t3.ranked.some((r) => r.name === '孙丽')).toBe(false);

    // The bureau sees why 孙丽 could not be scored.
    const sunli = (await nominationsOf(bureau, XYXX)).find((n) => n.candidateName === '孙丽') as NominationView;
    expect(sunli.proposed).toBe('incomplete');
    expect(sunli.scoringProblems?.length).toBeGreaterThan(0);
    expect(sl.rejected).toBe(4); // unit mismatch, malformed, not JSON, the bad workbook row
  });

  it('the approver approves with an edit (one proposed candidate removed); members are admitted within the caps', async () => {
    const sl = await approver.shortlist(ROUND) as { tiers: ShortlistTier[] };
    const t3 = sl.tiers[2] as ShortlistTier;
    const removed = t3.ranked.filter((r) => r.proposed === 'admit').at(-1) as ShortlistTier['ranked'][number];
    const ineligible = (await nominationsOf(bureau)).find((n) => n.status === 'accepted' && n.verdict?.eligible === false) as NominationView;

    // Adding an ineligible candidate is refused with a reason at the edit's path; nothing is sent.
    const bad = await refusal(() => approver.decide(ROUND, { decision: 'approve-with-edits', edits: { add: [ineligible.nominationId], remove: [] } }));
    expect(bad.status).toBe(400);
    expect(bad.body?.error.problems?.[0]?.path).toMatch(/^edits\.add\.0/);
    // The bureau cannot decide.
    expect((await refusal(() => bureau.decide(ROUND, { decision: 'approve' }))).status).toBe(403);

    const res = await approver.decide(ROUND, { decision: 'approve-with-edits', edits: { remove: [removed.nominationId] }, note: '经研究，暂缓一名' }) as { decision: Json };
    expect(res.decision).toMatchObject({ decision: 'approve-with-edits', state: 'delivered' });
    expect((await refusal(() => approver.decide(ROUND, { decision: 'approve' }))).body?.error.code).toBe('DECISION_EXISTS');

    const settled = await sys.control.settle();
    const exec = settled.executions.find((e) => e.machine === 'round');
    expect(exec?.status).toBe('SUCCEEDED');
    const { round } = await bureau.getRound(ROUND) as { round: { status: string; outcome?: { outcome: string; counts: Json; at: string } } };
    expect(round.status).toBe('completed');
    expect(round.outcome?.outcome).toBe('admitted');
    expect(round.outcome?.at).toBe(await sys.control.now());

    const pool = await bureau.request<PoolView>('GET', '/pool');
    expect(pool.tiers.map((t) => t.cap)).toEqual([CAPS[1], CAPS[2], CAPS[3]]);
    const expected = sl.tiers.map((t) => t.ranked.filter((r) => r.proposed === 'admit' && r.nominationId !== removed.nominationId));
    for (const t of pool.tiers) {
      const want = expected[t.tier - 1] ?? [];
      expect(t.held, `tier ${t.tier}`).toBe(want.length);
      expect(t.seatsHeld).toBe(want.length);
      expect(t.held).toBeLessThanOrEqual(t.cap);
      expect(t.free).toBe(t.cap - t.held);
      expect(pool.members.filter((m) => m.tier === t.tier).map((m) => m.name).sort()).toEqual(want.map((r) => r.name).sort());
    }
    expect(pool.members.some((m) => m.name === removed.name)).toBe(false);
    for (const m of pool.members) {
      expect(m).toMatchObject({ status: 'active', holdsSeat: true, roundId: ROUND, termStart: '2026-11-13', termEnd: '2029-11-13' });
    }
    // The nominations say what became of them.
    const mine = await nominationsOf(school(XYXX));
    expect(mine.find((n) => n.candidateName === '周小燕')).toMatchObject({ proposed: 'admit', admission: { status: 'admitted', tier: 3, on: '2026-11-13' } });
    const edited = (await nominationsOf(bureau)).find((n) => n.nominationId === removed.nominationId);
    expect(edited?.admission).toMatchObject({ status: 'not-admitted', zh: '未列入批准的入库名单' });
  });

  it('the bureau records a talk and a training course on a member; a school may record training only for its own', async () => {
    await sys.control.advance({ days: 7 });
    const pool = await bureau.request<PoolView>('GET', '/pool');
    const member = pool.members.find((m) => m.unit === XYXX) as PoolView['members'][number];
    const other = pool.members.find((m) => m.unit !== XYXX) as PoolView['members'][number];

    const talk = await bureau.record(member.personId, 'talks', { on: '2026-11-18', by: '区教育局组织人事科', kind: 'regular', triggers: [], notes: '入库谈话' }) as { record: Json };
    expect(talk.record).toMatchObject({ recordType: 'talk', kind: 'regular', personId: member.personId, unitCode: XYXX, date: '2026-11-18' });
    const training = await school(XYXX).record(member.personId, 'training', {
      kind: 'training-class', title: '金坛区中青年后备干部培训班', provider: '金坛区教师发展中心', hours: 24, from: '2026-11-16', to: '2026-11-18',
    }) as { record: Json };
    expect(training.record).toMatchObject({ recordType: 'training', kind: 'training-class', unitCode: XYXX });
    expect((await refusal(() => school(XYXX).record(other.personId, 'training', {
      kind: 'course', title: 'x', provider: 'y', hours: 2, from: '2026-11-16', to: '2026-11-16',
    }))).status).toBe(403);
    expect((await refusal(() => school(XYXX).record(member.personId, 'talks', { on: '2026-11-18', by: 'x' }))).status).toBe(403);

    const { member: seen, dueTalks } = await bureau.member(member.personId) as { member: { talks: number; trainings: number; trainingHours: number }; dueTalks: { years: Array<{ held: number }> } };
    expect(seen).toMatchObject({ talks: 1, trainings: 1, trainingHours: 24 });
    expect(dueTalks.years[0]?.held).toBe(1);
    const after = await bureau.request<PoolView>('GET', '/pool');
    expect(after.members.find((m) => m.personId === member.personId)).toMatchObject({ talks: 1, trainings: 1 });
  });

  it('the round is completed and its outcome counts what happened', async () => {
    const { round } = await bureau.getRound(ROUND) as { round: { status: string; outcome: { counts: Record<string, number> } } };
    expect(round.status).toBe('completed');
    const pool = await bureau.request<PoolView>('GET', '/pool');
    expect(round.outcome.counts.admitted).toBe(pool.members.length);
    const { rounds } = await school(XYXX).listRounds() as { rounds: Json[] };
    expect(rounds).toEqual([expect.objectContaining({ roundId: ROUND, status: 'completed' })]);
  });

  it('a second round: a sitting member nominated again is not ranked (in-pool, T-CAP), cannot be added by an edit; the shortlist is rejected and the school reads that', async () => {
    const ROUND2 = '2026-E2E2';
    const now = Date.parse(await sys.control.now());
    const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const model = { components: ROUND_BODY.scoringModel.components.filter((c) => c.source === 'form').map((c) => ({ ...c, weight: c.id === 'honour' ? 0.4 : 0.2 })) };
    await bureau.openRound({ ...ROUND_BODY, roundId: ROUND2, intakeClosesAt: at(1), scoringClosesAt: at(2), scoringModel: model });

    // JT-JTZX's tier-1 candidate was admitted in the first round.
    const sitting = ids.byUnit.get('JT-JTZX') as NominationView;
    const pool = await bureau.request<PoolView>('GET', '/pool');
    expect(pool.members.some((m) => m.name === sitting.candidateName && m.tier === 1)).toBe(true);
    const jtzx = school('JT-JTZX');
    const link = await jtzx.upload(ROUND2, 'again.json', jsonBytes(fixtureForm('tier1-eligible.json', { roundId: ROUND2 })));
    let again: NominationView | undefined;
    for (let i = 0; i < 500 && !again; i++) {
      const res = await jtzx.nominations(ROUND2) as { nominations: NominationView[] };
      again = res.nominations.find((n) => n.source.key === link.key);
      if (!again) await new Promise((r) => setTimeout(r, 10));
    }
    expect(again).toMatchObject({ status: 'accepted', verdict: { eligible: true } });

    await sys.control.advance({ days: 3 });
    await sys.control.settle();
    const sl = await approver.shortlist(ROUND2) as { tiers: Array<ShortlistTier & { counts: { inPool: number }; inPool: Array<{ nominationId: string }> }> };
    const t1 = sl.tiers[0] as (typeof sl.tiers)[number];
    expect(t1.ranked).toEqual([]);
    expect(t1.counts).toMatchObject({ ranked: 0, proposed: 0, inPool: 1 });
    expect(t1.inPool.map((x) => x.nominationId)).toEqual([again?.nominationId]);
    const seen = (await jtzx.nominations(ROUND2) as { nominations: NominationView[] }).nominations[0];
    expect(seen).toMatchObject({ proposed: 'in-pool', inPool: { clause: 'T-CAP', tier: 1 } });

    const add = await refusal(() => approver.decide(ROUND2, { decision: 'approve-with-edits', edits: { add: [again?.nominationId as string] } }));
    expect(add.status).toBe(400);
    expect(add.body?.error.problems?.map((p) => p.code)).toContain('ADMIT_IN_POOL');

    await approver.decide(ROUND2, { decision: 'reject', note: '重新组织推荐' });
    await sys.control.settle();
    const after = (await jtzx.nominations(ROUND2) as { nominations: NominationView[] }).nominations[0];
    expect(after?.admission).toMatchObject({ status: 'not-admitted', clause: 'S-ROUND' });
    expect(after?.admission?.zh).toContain('退回');
  });
});
