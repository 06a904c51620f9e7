/**
 * The bureau CLI as an operator runs it: `main(argv)` with real files and real HTTP against
 * the whole local system (what `npm start` runs), reached through a session file as the
 * README's walkthrough does. Exit codes: 0 done, 1 refused by the API, 2 usage, 3 an upload
 * still being processed when --wait ran out.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type BureauIo } from '../../cli/bureau';
import { COMMANDS, GLOBAL_HELP } from '../../cli/bureau-help';
import { NOMINATION_SHEET, templateHeaders } from '../../formats/xlsx/columns';
import { SimulatedClock } from '../../local/clock';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { idNumberFor } from '../support/forms';
import { rowFor } from '../support/xlsx';

interface Run { code: number; out: string; err: string }
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dir = mkdtempSync(join(tmpdir(), 'bureau-cli-'));
const sessionFile = join(dir, 'local.json');

async function bureau(...argv: string[]): Promise<Run> {
  return bureauWith({}, ...argv);
}

/** The CLI with some of its I/O replaced (a fetch that sees the API differently, a sleep that does not wait). */
async function bureauWith(over: Partial<BureauIo>, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: BureauIo = {
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
    readFile: async (p) => new Uint8Array(await readFile(p)),
    writeFile: (p, d) => writeFile(p, d),
    env: { POOL_LOCAL_SESSION: sessionFile },
    fetch,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ...over,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const json = (r: Run): Json => JSON.parse(r.out) as Json;
const refusal = (r: Run): Json => JSON.parse(r.err) as Json;

describe('bureau CLI: help and usage (no server)', () => {
  it('--help lists every command; each command has its own --help', async () => {
    const all = await bureau('--help');
    expect(all.code).toBe(0);
    for (const c of COMMANDS) {
      expect(all.out).toContain(c.name);
      const one = await bureau(...c.name.split(' '), '--help');
      expect(one.code, c.name).toBe(0);
      expect(one.out, c.name).toContain(`npm run --silent bureau -- ${c.usage}`);
      expect(one.out).not.toContain('命令 Commands');
    }
    const group = await bureau('review', '--help');
    expect(group.out).toContain('review roster');
    expect(group.out).toContain('review start');
  });

  it('usage errors exit 2 with a bilingual message, before any request', async () => {
    writeFileSync(sessionFile, '{}'); // no local stack: nothing to reach
    const cases: Array<[string[], RegExp]> = [
      [[], /用法 Usage/],
      [['nonsense', '--help'], /未知命令 \/ unknown command: nonsense/],
      [['pool', '--bogus'], /参数错误 \/ bad arguments/],
      [['pool', '--as', 'bureau'], /--as 仅用于本地环境/],
      [['pool', '--as', 'janitor'], /--as 应为 bureau \| approver \| school:单位代码/],
      [['pool'], /缺少 --endpoint/],
      [['pool', '--endpoint', 'http://127.0.0.1:9'], /缺少 --token 或 --as/],
      [['upload', '2026-R1', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /缺少参数 \/ missing arguments: upload ROUND FILE/],
      [['pool', '--tier', '4', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--tier 应为 1、2 或 3/],
      [['assess', 'R', 'P', '--score', 'high', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--score 应为数字/],
      [['training', 'P', '--hours', 'many', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--hours 应为数字/],
      [['frobnicate', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /未知命令 \/ unknown command: frobnicate/],
      [['upload', 'R', 'f.xlsx', '--wait', 'soon', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--wait 应为数字/],
      [['upload', 'R', 'f.xlsx', '--wait=-1', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--wait 应为不小于 0 的秒数/],
      // An empty --add / --remove would otherwise send a plain, irreversible approval.
      [['approve', 'R', '--add', '', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--add 未给出任何推荐编号 \/ --add names no ids/],
      [['approve', 'R', '--remove', '', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--remove 未给出任何推荐编号 \/ --remove names no ids/],
      [['approve', 'R', '--add', ' , ', '--remove', 'N1', '--endpoint', 'http://127.0.0.1:9', '--token', 't'], /--add 未给出任何推荐编号/],
      [['approve', 'R', '--add', '', '--as', 'approver'], /--add 未给出任何推荐编号/], // before --as asks for a token
    ];
    for (const [argv, message] of cases) {
      const r = await bureau(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
    expect(GLOBAL_HELP).toContain('退出码 Exit codes');
    expect(GLOBAL_HELP).toMatch(/3 upload 在 --wait 内未处理完.*incomplete/);
    const upload = await bureau('upload', '--help');
    expect(upload.out).toMatch(/"pending".*退出码 3/);
    expect(upload.out).toMatch(/status "pending".*exit code 3/);
    expect((await bureau('approve', '--help')).out).toMatch(/空值为用法错误.*no ids is a usage error/s);
  });
});

describe('bureau CLI against the local system: the README walkthrough and the records', () => {
  let sys: LocalSystem;
  const control = async (path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${sys.controlUrl}${path}`, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) });
    expect(res.ok).toBe(true);
    return (await res.json()) as Json;
  };

  beforeAll(async () => {
    sys = await startLocalSystem({ port: 0, controlPort: 0, clock: new SimulatedClock({ start: new Date('2026-11-27T09:00:00+08:00') }), retryIntervalMs: 0 });
    writeFileSync(sessionFile, JSON.stringify({ apiUrl: sys.apiUrl, controlUrl: sys.controlUrl, startedAt: new Date().toISOString() }));
  }, 60_000);
  afterAll(async () => {
    await sys?.close();
  });

  let personId = '';

  it('opens a round with deadlines from the simulated clock; a school uploads, is refused another unit, reads its reasons', async () => {
    const opened = await bureau('round', 'open', 'docs/examples/round.json', '--as', 'bureau');
    expect(opened.code, opened.err).toBe(0);
    expect(json(opened).round).toMatchObject({ roundId: '2026-R1', status: 'open', intakeClosesAt: '2026-12-04T01:00:00.000Z' });

    // Upload links go to registered units only: the bureau registers the school first.
    const unknown = await bureau('upload', '2026-R1', 'tests/fixtures/forms/tier3-route-a-eligible.json', '--as', 'school:JT-XYXX');
    expect([unknown.code, refusal(unknown).error.code]).toEqual([1, 'UNIT_UNKNOWN']);
    expect((await bureau('unit', 'put', 'JT-XYXX', '--name', '金坛区西旸小学', '--type', 'primary', '--as', 'school:JT-XYXX')).code).toBe(1);
    const badType = await bureau('unit', 'put', 'JT-XYXX', '--name', '金坛区西旸小学', '--type', 'school', '--as', 'bureau');
    expect(refusal(badType).error.problems.map((p: Json) => p.path)).toEqual(['type']);
    const put = await bureau('unit', 'put', 'JT-XYXX', '--name', '金坛区西旸小学', '--type', 'primary', '--group', '西城教育集团', '--as', 'bureau');
    expect(put.code, put.err).toBe(0);
    expect(json(put)).toMatchObject({ created: true, unit: { code: 'JT-XYXX', type: 'primary', orgDeptManaged: false, group: '西城教育集团' } });
    expect(json(await bureau('units', '--as', 'school:JT-XYXX')).units.map((u: Json) => u.code)).toEqual(['JT-XYXX']);

    const up = await bureau('upload', '2026-R1', 'tests/fixtures/forms/tier3-route-a-eligible.json', '--as', 'school:JT-XYXX');
    expect(up.code, up.err).toBe(0);
    expect(json(up).nominations).toEqual([expect.objectContaining({ status: 'accepted', tier: 3, verdict: expect.objectContaining({ eligible: true }) })]);

    const other = await bureau('upload', '2026-R1', 'tests/fixtures/forms/tier3-route-a-eligible.json', '--unit', 'JT-ZDXX', '--as', 'school:JT-XYXX');
    expect(other.code).toBe(1);
    expect(refusal(other).error.code).toBe('FORBIDDEN');
    const otherStatus = await bureau('status', '2026-R1', '--unit', 'JT-ZDXX', '--as', 'school:JT-XYXX');
    expect([otherStatus.code, refusal(otherStatus).error.code]).toEqual([1, 'FORBIDDEN']);

    const bad = await bureau('upload', '2026-R1', 'tests/fixtures/forms/malformed.json', '--as', 'school:JT-XYXX');
    expect(bad.code).toBe(0);
    const [rejected] = json(bad).nominations as Json[];
    expect(rejected?.status).toBe('rejected');
    expect(rejected?.problems.map((p: Json) => p.code)).toContain('FORM_ID_CHECKSUM');

    const status = await bureau('status', '2026-R1', '--as', 'school:JT-XYXX');
    expect(json(status).nominations.map((n: Json) => n.status).sort()).toEqual(['accepted', 'rejected']);
  });

  it('after the deadlines the approver sees the shortlist and approves; the pool holds the member within the cap', async () => {
    await control('/clock/advance', { days: 11 });
    await control('/settle');
    const sl = await bureau('shortlist', '2026-R1', '--as', 'approver');
    expect(sl.code, sl.err).toBe(0);
    expect(json(sl).tiers[2].ranked).toHaveLength(1);
    // What the approver approves: the form's summary, the verdict and the score, never the ID number.
    expect(json(sl).tiers[2].ranked[0]).toMatchObject({ candidate: { name: '张三', birthYear: 1992, unit: { code: 'JT-XYXX' } }, verdict: { eligible: true } });
    expect(sl.out).not.toContain('320482199205014521');
    const seen = await bureau('status', '2026-R1', '--as', 'approver');
    expect(seen.code, seen.err).toBe(0);
    expect(json(seen).nominations.map((n: Json) => n.candidateName)).toContain('张三');
    // A name nobody on the list bears is refused, and nothing is decided.
    const nobody = await bureau('approve', '2026-R1', '--remove', '无名氏', '--as', 'approver');
    expect([nobody.code, refusal(nobody).error.problems.map((p: Json) => p.code)]).toEqual([1, ['EDIT_NAME_UNKNOWN']]);
    expect((await bureau('approve', '2026-R1', '--as', 'bureau')).code).toBe(1); // the bureau cannot decide
    for (const edit of ['--add', '--remove']) {
      const empty = await bureau('approve', '2026-R1', edit, '', '--as', 'approver');
      expect([empty.code, empty.out], edit).toEqual([2, '']);
      expect(empty.err).toMatch(/未给出任何推荐编号.*names no ids/);
    }
    // Nothing was sent: the round still awaits its decision.
    const ok = await bureau('approve', '2026-R1', '--as', 'approver');
    expect(json(ok).decision).toMatchObject({ decision: 'approve', state: 'delivered' });
    await control('/settle');
    const pool = json(await bureau('pool', '--tier', '3', '--as', 'bureau'));
    expect(pool.members).toHaveLength(1);
    personId = pool.members[0].personId as string;
    expect(pool.tiers.find((t: Json) => t.tier === 3)).toMatchObject({ cap: 50, held: 1 });
    // C-PRIORITY: the pool's filters from the command line; a bad value is the API's QUERY_INVALID.
    expect(json(await bureau('pool', '--unit-type', 'primary', '--max-age', '35', '--honour-at-least', '常州市教学能手', '--term-year', '1', '--as', 'bureau')).members).toHaveLength(1);
    expect(json(await bureau('pool', '--unit-type', 'middle', '--as', 'bureau')).members).toHaveLength(0);
    const badFlag = await bureau('pool', '--flag', 'late', '--as', 'bureau');
    expect([badFlag.code, refusal(badFlag).error.problems[0].code, refusal(badFlag).error.problems[0].path]).toEqual([1, 'QUERY_INVALID', 'flag']);
    // Seats held = active members, per tier (T-CAP); the bureau's check, not a school's.
    const check = await bureau('consistency', '--as', 'bureau');
    expect(check.code, check.err).toBe(0);
    expect(json(check).ok).toBe(true);
    expect(json(check).tiers.find((t: Json) => t.tier === 3)).toMatchObject({ cap: 50, seatsHeld: 1, activeMembers: 1, seatsWithoutMember: [], membersWithoutSeat: [] });
    const schoolCheck = await bureau('consistency', '--as', 'school:JT-XYXX');
    expect(schoolCheck.code).toBe(1);
    expect(refusal(schoolCheck).error.code).toBe('FORBIDDEN');
  });

  it('records a talk, training and a rotation with the API\'s field names; the member shows them', async () => {
    const talk = await bureau('talk', personId, '--date', '2026-12-08', '--by', '区教育局组织人事科', '--trigger', 'promotion', '--summary', '入库谈话', '--as', 'bureau');
    expect(talk.code, talk.err).toBe(0);
    expect(json(talk).record).toMatchObject({ on: '2026-12-08', kind: 'regular', triggers: ['promotion'], notes: '入库谈话' });

    // No --date: the district's today on the local stack's simulated clock (2026-12-08 09:00 in Jintan).
    const today = await bureau('talk', personId, '--by', '西旸小学党支部', '--as', 'bureau');
    expect(json(today).record).toMatchObject({ on: '2026-12-08', triggers: [] });

    const badTalk = await bureau('talk', personId, '--date', '2026-02-30', '--by', 'x', '--trigger', 'gossip', '--as', 'bureau');
    expect(badTalk.code).toBe(1);
    expect(refusal(badTalk).error.problems.map((p: Json) => p.path).sort()).toEqual(['on', 'triggers.0']);

    const training = await bureau('training', personId, '--kind', 'course', '--title', '中层干部能力提升', '--provider', '常州市教师发展学院',
      '--hours', '24', '--from', '2026-12-08', '--to', '2026-12-12', '--as', 'school:JT-XYXX');
    expect(training.code, training.err).toBe(0);
    expect(json(training).record).toMatchObject({ kind: 'course', hours: 24 });

    const rotation = await bureau('rotation', personId, '--kind', 'shadowing', '--host-unit', '华罗庚实验学校', '--post-area', 'moral-education', '--from', '2026-12-08', '--as', 'bureau');
    expect(rotation.code, rotation.err).toBe(0);
    expect(json(rotation).record).toMatchObject({ hostUnit: { name: '华罗庚实验学校' }, to: null });
    expect((await bureau('rotation', personId, '--kind', 'shadowing', '--host-unit', 'x', '--post-area', 'teaching', '--from', '2026-12-08', '--as', 'school:JT-XYXX')).code).toBe(1);

    const member = json(await bureau('member', personId, '--as', 'bureau'));
    expect(JSON.stringify(member)).toContain('中层干部能力提升');
  });

  it('a month into the term the review runs; the school sees its roster and assesses its member', async () => {
    await control('/clock/advance', { days: 30 });
    const started = await bureau('review', 'start', '--as', 'bureau');
    expect(started.code, started.err).toBe(0);
    await control('/settle');
    const reviews = json(await bureau('review', 'list', '--as', 'school:JT-XYXX')).reviews as Json[];
    const open = reviews.find((r) => r.status === 'open') as Json;
    const roster = json(await bureau('review', 'roster', open.reviewId, '--as', 'school:JT-XYXX'));
    expect(roster.members).toEqual([expect.objectContaining({ personId, termYear: 1, kind: 'annual', submitted: null })]);
    const assessed = await bureau('assess', open.reviewId, personId, '--grade', '合格', '--score', '85', '--by', '西旸小学党支部', '--as', 'school:JT-XYXX');
    expect(assessed.code, assessed.err).toBe(0);
    expect(json(assessed).assessment).toMatchObject({ grade: '合格', score: 85 });
  });

  it('after the window the outcomes are proposals: review proposals shows them, review confirm (with --change) confirms once', async () => {
    const reviewId = (json(await bureau('review', 'list', '--as', 'bureau')).reviews as Json[]).find((r) => r.status === 'open')?.reviewId as string;
    await control('/clock/advance', { days: 31 });
    await control('/settle');
    const proposals = await bureau('review', 'proposals', reviewId, '--as', 'bureau');
    expect(proposals.code, proposals.err).toBe(0);
    const mine = (json(proposals).cohorts as Json[]).flatMap((c) => c.members as Json[]).find((m) => m.personId === personId) as Json;
    expect(mine).toMatchObject({ proposal: { kind: 'satisfactory' }, assessment: { grade: '合格', score: 85 }, applied: false });
    expect(json(proposals).status).toBe('awaiting-confirmation');
    // A malformed --change is a usage error (nothing sent); a change the plan refuses is the API's coded problem.
    expect((await bureau('review', 'confirm', reviewId, '--change', `${personId}=warned`, '--as', 'bureau')).code).toBe(2);
    const refused = await bureau('review', 'confirm', reviewId, '--change', `${personId}=recommended:表现突出`, '--as', 'bureau');
    expect(refused.code).toBe(1);
    expect(refusal(refused).error.problems[0]).toMatchObject({ code: 'CALIBRATION_OUTCOME_NOT_ALLOWED', path: 'changes.0.outcome' });
    const confirmed = await bureau('review', 'confirm', reviewId, '--change', `${personId}=warned:课堂教学评价靠后，予以提醒`, '--as', 'bureau');
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(json(confirmed).confirmation).toMatchObject({ state: 'delivered', changes: [{ personId, outcome: 'warned', reason: '课堂教学评价靠后，予以提醒' }] });
    const again = await bureau('review', 'confirm', reviewId, '--as', 'bureau');
    expect([again.code, refusal(again).error.code]).toEqual([1, 'CONFIRMATION_EXISTS']);
    await control('/settle');
    const shown = json(await bureau('review', 'show', reviewId, '--as', 'bureau'));
    expect(shown.review.status).toBe('completed');
    expect((shown.outcomes as Json[]).find((o) => o.personId === personId)).toMatchObject({ applied: true, outcome: { kind: 'warned' }, proposed: { kind: 'satisfactory' } });
  });

  it('talks-due, veto and audit: the veto removes the member and frees the seat; the organisational talk is due until recorded', async () => {
    const due = await bureau('talks-due', '--as', 'bureau');
    expect(due.code, due.err).toBe(0);
    // The review just confirmed (a warning, with its reason) owes the talks after an assessment and a setback.
    expect(json(due)).toMatchObject({ asOf: expect.any(String), talks: expect.any(Array) });
    expect(json(due).talks.filter((t: Json) => t.member.personId === personId).map((t: Json) => t.trigger)).not.toContain('removal');
    expect((await bureau('talks-due', '--as-of', '2026-13-01', '--as', 'bureau')).code).toBe(1);

    const missing = await bureau('veto', personId, '--as', 'bureau');
    expect(missing.code).toBe(1);
    expect(refusal(missing).error.problems.map((p: Json) => p.path).sort()).toEqual(['matter', 'reportedBy']);
    const veto = await bureau('veto', personId, '--matter', '违反师德师风', '--reported-by', '区纪委', '--document-no', '坛纪〔2027〕1号', '--as', 'bureau');
    expect(veto.code, veto.err).toBe(0);
    expect(json(veto)).toMatchObject({ status: 'removed', removal: { clause: 'M-VETO', seatReleased: true }, talkDue: { trigger: 'removal', clause: 'M-VETO' } });
    const pool = json(await bureau('pool', '--tier', '3', '--as', 'bureau'));
    expect(pool.tiers.find((t: Json) => t.tier === 3)).toMatchObject({ held: 0 });
    const owed = json(await bureau('talks-due', '--as', 'bureau')).talks.filter((t: Json) => t.member.personId === personId);
    expect(owed.map((t: Json) => t.trigger)).toContain('removal');

    const trail = await bureau('audit', personId, '--as', 'bureau');
    expect(trail.code, trail.err).toBe(0);
    expect(json(trail).entries.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['member.admitted', 'member.talk-recorded', 'member.vetoed']));
    const page = json(await bureau('audit', '--entity', `member/${personId}`, '--limit', '1', '--as', 'bureau'));
    expect(page.entries).toHaveLength(1);
    expect(page.cursor).toEqual(expect.any(String));
    expect((await bureau('audit', '--as', 'bureau')).code).toBe(2);
  });

  it('import: an org-dept list of a managed unit enters tier 1 as filed, with its verdict; a bad file is refused', async () => {
    expect((await bureau('unit', 'put', 'JT-HLGZX', '--name', '江苏省华罗庚中学', '--type', 'middle', '--org-dept-managed', '--as', 'bureau')).code).toBe(0);
    const entry = JSON.parse(readFileSync('tests/fixtures/forms/tier1-org-dept-list.json', 'utf8')) as Json;
    const file = join(dir, 'filed-list.json');
    writeFileSync(file, JSON.stringify({ source: 'org-dept-list', on: '2026-12-01', documentNo: '坛组干〔2026〕15号', entries: [entry] }));
    const filed = await bureau('import', file, '--as', 'bureau');
    expect(filed.code, filed.err).toBe(0);
    expect(json(filed)).toMatchObject({ clause: 'S-ORGLIST', counts: { filed: 1 }, entries: [{ name: '黄海', tier: 1, status: 'filed', verdict: { eligible: expect.any(Boolean) } }] });
    const legacy = join(dir, 'legacy-tier1.json');
    writeFileSync(legacy, JSON.stringify({ source: 'legacy-young-cadre', on: '2026-12-01', documentNo: '坛教干〔2026〕8号', entries: [{ ...entry, source: 'legacy-young-cadre' }] }));
    const refused = await bureau('import', legacy, '--as', 'bureau');
    expect(refused.code).toBe(1);
    expect(refusal(refused).error.problems.map((p: Json) => p.code)).toContain('IMPORT_LEGACY_TIER');
    expect((await bureau('import', '--as', 'bureau')).code).toBe(2);
  });

  it('appoint and x-use: an appointment outside the pool counts in the report', async () => {
    const refused = await bureau('appoint', '--kind', 'deputy', '--title', '副校长', '--unit', 'JT-XYXX', '--as', 'bureau');
    expect([refused.code, refusal(refused).error.problems[0].path]).toEqual([1, 'personId']);
    const first17 = '32048219800101001';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const id = `${first17}${'10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0) % 11] as string}`;
    const done = await bureau('appoint', '--name', '王五', '--id-number', id, '--kind', 'deputy', '--title', '副校长', '--unit', 'JT-XYXX', '--document-no', '坛教任〔2027〕1号', '--as', 'bureau');
    expect(done.code, done.err).toBe(0);
    const on = json(done).appointment.on as string;
    expect(json(done).appointment).toMatchObject({ fromPool: false, post: { kind: 'deputy', unitCode: 'JT-XYXX' } });
    const report = await bureau('x-use', '--from', on, '--to', on, '--as', 'bureau');
    expect(report.code, report.err).toBe(0);
    expect(json(report)).toMatchObject({ clause: 'X-USE', total: 1, fromPool: 0, share: 0, greaterPart: false, byKind: [{ kind: 'deputy', total: 1 }] });
    expect((await bureau('x-use', '--from', on, '--as', 'bureau')).code).toBe(2);
  });

  it('downloads the Excel template', async () => {
    const out = join(dir, 'template.xlsx');
    const r = await bureau('template', out, '--as', 'school:JT-XYXX');
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('export: the review results under their Chinese name, a roster to --out with chosen columns; a school another unit is refused', async () => {
    const reviewId = (json(await bureau('review', 'list', '--as', 'bureau')).reviews as Json[])[0]?.reviewId as string;
    const cwd = process.cwd();
    process.chdir(dir);
    let r: Run;
    try {
      r = await bureau('export', 'review', '--review', reviewId, '--as', 'bureau');
    } finally {
      process.chdir(cwd);
    }
    expect(r.code, r.err).toBe(0);
    expect(json(r)).toMatchObject({ kind: 'review', fullIds: false });
    expect(json(r).written).toBe(json(r).fileName);
    expect(json(r).fileName).toMatch(new RegExp(`^${reviewId}_考核结果_\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const review = new ExcelJS.Workbook();
    await review.xlsx.readFile(join(dir, json(r).written as string));
    expect(review.worksheets[0]!.getRow(1).values).toContain('考核等次');

    const out = join(dir, 'roster.xlsx');
    const roster = await bureau('export', 'roster', '--columns', 'tier,name,idNumber', '--out', out, '--as', 'bureau');
    expect(roster.code, roster.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '梯队', '姓名', '身份证号']);
    for (let i = 2; i <= wb.worksheets[0]!.rowCount; i++) expect(String(wb.worksheets[0]!.getRow(i).getCell(3).value ?? "")).toMatch(/^(\d{6}\*{8}\d{3}[\dX])?$/);

    const other = await bureau('export', 'intake', '--round', '2026-R1', '--unit', 'JT-JTZX', '--as', 'school:JT-XYXX');
    expect([other.code, refusal(other).error.code]).toEqual([1, 'EXPORT_OTHER_UNIT']);
    expect((await bureau('export', 'roster', '--columns', ',', '--as', 'bureau')).code).toBe(2);
  });

  it('export appointment-form --member NAME: the pool resolves a unique name; an unknown or shared name is a coded refusal', async () => {
    const out = join(dir, '任免审批表.docx');
    const r = await bureau('export', 'appointment-form', '--member', '黄海', '--proposed-post', '江苏省华罗庚中学副校长', '--out', out, '--as', 'bureau');
    expect(r.code, r.err).toBe(0);
    const pool = json(await bureau('pool', '--as', 'bureau')).members as Json[];
    const huang = pool.find((m) => m.name === '黄海')!;
    expect(json(r)).toMatchObject({ kind: 'appointment-form', written: out, fileName: `干部任免审批表-${huang.name}-${huang.personId}.docx`, fullIds: false });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const doc = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    expect(doc).toContain('黄海');
    expect(doc).toContain('江苏省华罗庚中学副校长');
    expect(doc).not.toMatch(/\d{17}[\dX]/);

    const school = await bureau('export', 'appointment-form', '--member', '黄海', '--as', 'school:JT-HLGZX');
    expect([school.code, refusal(school).error.code]).toEqual([1, 'MEMBER_NAME_BUREAU_ONLY']);
    const own = await bureau('export', 'appointment-form', '--member', huang.personId as string, '--out', join(dir, 'own.docx'), '--as', 'school:JT-HLGZX');
    expect(own.code, own.err).toBe(0);
    const unknown = await bureau('export', 'appointment-form', '--member', '无此人', '--as', 'bureau');
    expect([unknown.code, refusal(unknown).error.code]).toEqual([1, 'MEMBER_NAME_UNKNOWN']);
    // Two members sharing the name: the pool as the CLI sees it holds a second 黄海 (no fixture
    // has two people of one name); the CLI lists both and sends nothing.
    const twin = { ...huang, personId: 'P0123456789abcdef0123', unit: 'JT-XYXX' };
    const shared: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!new URL(String(input instanceof Request ? input.url : input)).pathname.endsWith('/pool')) return res;
      const body = await res.json() as Json;
      return new Response(JSON.stringify({ ...body, members: [...(body.members as Json[]), twin] }), { status: res.status, headers: res.headers });
    };
    const ambiguous = await bureauWith({ fetch: shared }, 'export', 'appointment-form', '--member', '黄海', '--as', 'bureau');
    expect([ambiguous.code, refusal(ambiguous).error.code]).toEqual([1, 'MEMBER_NAME_AMBIGUOUS']);
    expect(refusal(ambiguous).error.matches.map((m: Json) => m.personId).sort()).toEqual([huang.personId, twin.personId].sort());
    // A member imported as filed has no nomination form to write an .lrmx from.
    const lrmx = await bureau('export', 'lrmx', '--member', '黄海', '--as', 'bureau');
    expect([lrmx.code, refusal(lrmx).error.code]).toEqual([1, 'MEMBER_FORM_NOT_FOUND']);
    expect((await bureau('export', 'lrmx', '--as', 'bureau')).code).toBe(2);
  });

  describe('an Excel workbook upload waits for the whole file', () => {
    const ROWS = 8;
    const ROUND = '2026-R2';
    let workbook = '';

    /** The template as `bureau template` hands it out, filled in ExcelJS as a school office would. */
    async function fillTemplate(rows: Array<Record<string, unknown>>, out: string): Promise<void> {
      const template = join(dir, 'workbook-template.xlsx');
      const got = await bureau('template', template, '--as', 'school:JT-XYXX');
      expect(got.code, got.err).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(template) as unknown as ExcelJS.Buffer);
      const sheet = wb.getWorksheet(NOMINATION_SHEET)!;
      const short = templateHeaders().map((h) => h.replace(/[（(].*$/, ''));
      rows.forEach((values, r) => {
        const row = sheet.getRow(r + 2);
        short.forEach((h, i) => {
          const v = values[h];
          if (v !== undefined && v !== null) row.getCell(i + 1).value = v as ExcelJS.CellValue;
        });
        row.commit();
      });
      writeFileSync(out, new Uint8Array(await wb.xlsx.writeBuffer()));
    }

    /**
     * The API as it looks while intake is part-way through the file the CLI uploads: of its
     * nominations, the first `shown(poll)` rows (waiting, in real time, until intake has
     * really stored that many, so what is shown never depends on how fast intake runs).
     */
    function slowIntake(shown: (poll: number) => number): { fetch: typeof fetch; polls: () => number } {
      let polls = 0;
      let key = '';
      const slow: typeof fetch = async (input, init) => {
        const url = String(input);
        const method = init?.method ?? 'GET';
        if (method === 'POST' && /\/rounds\/[^/]+\/uploads$/.test(url)) {
          const res = await fetch(input, init);
          key = ((await res.clone().json()) as Json).key as string;
          return res;
        }
        if (method !== 'GET' || !/\/rounds\/[^/]+\/nominations(\?|$)/.test(url)) return fetch(input, init);
        polls++;
        const want = Math.min(shown(polls), ROWS);
        for (;;) {
          const page = (await (await fetch(input, init)).json()) as Json;
          const all = page.nominations as Json[];
          const mine = all.filter((n) => n.source.key === key).sort((a, b) => a.source.row - b.source.row);
          if (mine.length >= want) {
            const nominations = [...all.filter((n) => n.source.key !== key), ...mine.slice(0, want)];
            return new Response(JSON.stringify({ ...page, nominations }), { status: 200, headers: { 'content-type': 'application/json' } });
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      return { fetch: slow, polls: () => polls };
    }

    beforeAll(async () => {
      // A second round, opened now that the first is decided: the same example, renamed.
      const roundFile = join(dir, 'round-r2.json');
      writeFileSync(roundFile, JSON.stringify({ ...(JSON.parse(readFileSync('docs/examples/round.json', 'utf8')) as Json), roundId: ROUND }));
      const opened = await bureau('round', 'open', roundFile, '--as', 'bureau');
      expect(opened.code, opened.err).toBe(0);
      // Eight rows: six candidates, one of them twice (the later row is refused), one with a bad ID number.
      const rows = Array.from({ length: ROWS - 2 }, (_, i) => rowFor(idNumberFor('1992-05-01', `5${i}2`), { 序号: i + 1, 遴选批次: ROUND, 姓名: `候选人${i + 1}` }));
      rows.push(rowFor(idNumberFor('1992-05-01', '502'), { 序号: ROWS - 1, 遴选批次: ROUND, 姓名: '候选人1' }));
      const good = idNumberFor('1992-05-01', '582');
      rows.push(rowFor(`${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`, { 序号: ROWS, 遴选批次: ROUND, 姓名: '号码错' }));
      workbook = join(dir, 'eight-candidates.xlsx');
      await fillTemplate(rows, workbook);
    });

    it('reports every row of the workbook, not the first nominations to appear; status agrees', async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const up = await bureau('upload', ROUND, workbook, '--as', 'school:JT-XYXX');
        expect(up.code, up.err).toBe(0);
        const result = json(up);
        expect(result).toMatchObject({ status: 'processed', forms: ROWS });
        const noms = result.nominations as Json[];
        expect(noms.map((n) => n.source.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
        expect(noms.every((n) => n.source.key === result.key)).toBe(true);
        // The repeated 候选人1 row is refused, naming the row it repeats; the bad ID number likewise.
        const count = (status: string) => noms.filter((n) => n.status === status).length;
        // Live or superseded by this file's earlier uploads (same instant on the frozen clock: the id decides).
        expect([count('rejected'), count('accepted') + count('superseded')]).toEqual([2, ROWS - 2]);
        expect(noms.find((n) => n.source.row === ROWS)?.problems?.map((p: Json) => p.code)).toEqual(['INTAKE_DUPLICATE_ROW']);
        expect(noms.find((n) => n.source.row === ROWS + 1)?.problems?.map((p: Json) => p.code)).toContain('FORM_ID_CHECKSUM');

        const status = json(await bureau('status', ROUND, '--as', 'school:JT-XYXX'));
        expect((status.nominations as Json[]).filter((n) => n.source.key === result.key)).toHaveLength(ROWS);
      }
    });

    it('keeps polling while intake is part-way through the file (rows appear a few at a time)', async () => {
      const slow = slowIntake((poll) => poll); // one more row per poll
      const up = await bureauWith({ fetch: slow.fetch, sleep: async () => {} }, 'upload', ROUND, workbook, '--as', 'school:JT-XYXX');
      expect(up.code, up.err).toBe(0);
      expect(json(up)).toMatchObject({ status: 'processed', forms: ROWS });
      expect(json(up).nominations).toHaveLength(ROWS);
      expect(slow.polls()).toBeGreaterThanOrEqual(ROWS);
    });

    it('when --wait runs out first, says the result is incomplete (pending, exit 3) with what it saw so far', async () => {
      const slow = slowIntake(() => 3); // intake never gets past the third row
      let slept = 0;
      // A fake clock that moves only by the sleeps: polls that take real time on a loaded
      // machine must not eat into the --wait the test counts.
      const up = await bureauWith({ fetch: slow.fetch, sleep: async (ms) => { slept += ms; }, now: () => slept }, 'upload', ROUND, workbook, '--wait', '2', '--as', 'school:JT-XYXX');
      expect(up.code, up.err).toBe(3);
      const result = json(up);
      expect(result).toMatchObject({ status: 'pending', complete: false, forms: ROWS, received: 3 });
      expect(result.nominations).toHaveLength(3);
      expect(result.zh).toMatch(/结果不完整/);
      expect(result.en).toMatch(/incomplete/);
      expect(up.err).toMatch(/未处理完.*incomplete/s);
      expect(slept).toBeGreaterThanOrEqual(2000);
      expect(slept).toBeLessThan(2000 + 1000);

      // Nothing seen at all within --wait 0: still pending, never an empty "done".
      const none = await bureauWith({ fetch: slowIntake(() => 0).fetch, sleep: async () => {} }, 'upload', ROUND, workbook, '--wait', '0', '--as', 'school:JT-XYXX');
      expect(none.code).toBe(3);
      expect(json(none)).toMatchObject({ status: 'pending', received: 0, nominations: [] });
      expect(json(none).forms).toBeUndefined(); // no nomination seen: the file's size is not known yet
    });

    it('a workbook intake refuses whole (not a workbook) is done with its one rejection', async () => {
      const fake = join(dir, 'not-a-workbook.xlsx');
      writeFileSync(fake, 'this is not a zip');
      const up = await bureau('upload', ROUND, fake, '--as', 'school:JT-XYXX');
      expect(up.code, up.err).toBe(0);
      expect(json(up)).toMatchObject({ status: 'processed', forms: 1 });
      expect(json(up).nominations).toEqual([expect.objectContaining({ status: 'rejected', problems: [expect.objectContaining({ code: 'XLSX_NOT_ZIP' })] })]);
    });
  });
});
