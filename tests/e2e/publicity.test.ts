/**
 * 公示 end to end on the embedded system (issue #14 part 3, S-PUBLICITY): a round whose notice
 * turns 公示 on is approved on Tuesday 29 September 2026; the 公示 runs five working days across
 * the 国庆 holiday and its 调休 Saturday (30 September – Monday 12 October) on the public page,
 * read without signing in; the bureau records two objections, upholds one with a reason; the
 * period ends with the other pending and the round waits in the state machine; resolving it
 * sends the round on, and admission leaves the upheld candidate out with the reason on the
 * nomination, their seat free. A round whose 公示 could only run into 2027 (no calendar data)
 * is refused when it is opened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as bureauCli, type BureauIo } from '../../cli/bureau';
import { validForm } from '../support/forms';
import { jsonBytes, refusal, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-09-21T09:00:00+08:00';
const ROUND = '2026-GS1';
const UNIT = 'JT-XYXX';
const NAMES = ['赵一', '钱二', '孙三'];

let sys: E2eSystem;
let bureau: PoolClient;
let approver: PoolClient;
let schoolClient: PoolClient;

interface NominationView { nominationId: string; candidateName?: string; status: string; admission?: { status: string; reason?: string; zh?: string; clause?: string } }
interface RoundView { status: string; publicity?: { startsOn: string; endsOn: string; workingDays: number; endsAt: string; closedAt?: string } }

const round = async () => ((await bureau.getRound(ROUND)) as { round: RoundView }).round;
const nominations = async () => ((await bureau.nominations(ROUND)) as { nominations: NominationView[] }).nominations;
const byName = async (name: string) => (await nominations()).find((n) => n.candidateName === name) as NominationView;
/** The bureau CLI (`npm run bureau -- …`) against this system, as the bureau's scripts use it. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: BureauIo = {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; },
    readFile: () => Promise.reject(new Error('no files')), writeFile: () => Promise.reject(new Error('no files')),
    env: {}, fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
  const code = await bureauCli([...argv, '--endpoint', sys.apiUrl, '--token', await sys.control.token('bureau')], io);
  return { code, out, err };
}

const publicPage = (roundId: string) => fetch(`${sys.apiUrl}/publicity/${roundId}`);

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  approver = await sys.control.client('approver');
  await registerUnits(bureau, [UNIT]);
  schoolClient = await sys.control.client('school', UNIT);
}, 120_000);

afterAll(async () => {
  await sys?.close();
}, 60_000);

describe('公示 with objections, through HTTP and the state machine', () => {
  it('the bureau opens a round with 公示 on; three candidates are nominated, scored and ranked; the approver approves on 29 September', async () => {
    await bureau.openRound({
      roundId: ROUND, title: '2026 年度后备人才遴选（公示）', referenceDate: '2026-09-01',
      intakeClosesAt: '2026-09-23T17:00:00+08:00', scoringClosesAt: '2026-09-24T17:00:00+08:00', tiers: [3],
      orgDeptApproval: { ref: '坛组干〔2026〕30 号', date: '2026-09-15' },
      scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
      selection: { publicity: { workingDays: 5 } },
    });
    for (const [i, name] of NAMES.entries()) {
      await schoolClient.upload(ROUND, `${name}.json`, jsonBytes(validForm({ roundId: ROUND, name, seq: String(300 + 2 * i) })));
    }
    await expect.poll(async () => (await nominations()).filter((n) => n.status === 'accepted').length, { timeout: 20_000 }).toBe(3);
    await sys.control.advance({ to: '2026-09-24T18:00:00+08:00' });
    await sys.control.settle();
    expect((await round()).status).toBe('awaiting-decision');
    // The public page has nothing before the 公示.
    expect((await publicPage(ROUND)).status).toBe(404);
    await sys.control.advance({ to: '2026-09-29T10:00:00+08:00' });
    await approver.decide(ROUND, { decision: 'approve' });
    await sys.control.settle();
    const r = await round();
    expect(r.status).toBe('publicising');
    // Five working days from the first working day after the approval: 30 Sep, 8 Oct, 9 Oct, Saturday 10 Oct (调休), Monday 12 Oct.
    expect(r.publicity).toMatchObject({ startsOn: '2026-09-30', endsOn: '2026-10-12', workingDays: 5, endsAt: '2026-10-13T00:00:00+08:00' });
  }, 120_000);

  it('the public page needs no sign-in and shows the list with §7\'s fields only', async () => {
    const res = await publicPage(ROUND);
    expect(res.status).toBe(200);
    const body = await res.json() as { publicity: { entries: Array<Record<string, unknown>>; period: { from: string; to: string } } };
    expect(body.publicity.period).toMatchObject({ from: '2026-09-30', to: '2026-10-12' });
    expect(body.publicity.entries.map((e) => e.name)).toEqual(expect.arrayContaining(NAMES));
    expect(Object.keys(body.publicity.entries[0]!).sort()).toEqual(['birthMonth', 'gender', 'name', 'no', 'tier', 'tierName', 'unitAndPost']);
    expect(JSON.stringify(body)).not.toMatch(/320482\d{8}|1992-05-01/);
    // The bureau's routes stay behind the authorizer.
    expect((await fetch(`${sys.apiUrl}/rounds/${ROUND}/objections`)).status).toBe(401);
  });

  it('the bureau records two objections (one through the CLI) and upholds one with a reason', async () => {
    await sys.control.advance({ to: '2026-10-08T10:00:00+08:00' });
    const zhao = await byName('赵一');
    const qian = await byName('钱二');
    const a = await bureau.request('POST', `/rounds/${ROUND}/objections`, { against: zhao.nominationId, from: { name: '王老师', contact: '0519-8000000' }, matter: '反映该同志师德方面的问题' }) as { objection: { objectionId: string } };
    const run = await cli('publicity', 'objection', 'add', ROUND, qian.nominationId, '--matter', '匿名反映工作作风问题');
    expect(run.code, run.err).toBe(0);
    const b = JSON.parse(run.out) as { objection: { objectionId: string; anonymous: boolean } };
    expect(b.objection.anonymous).toBe(true);
    const noReason = await refusal(() => bureau.request('PUT', `/rounds/${ROUND}/objections/${a.objection.objectionId}`, { status: 'upheld', reason: '' }));
    expect(noReason.status).toBe(400);
    const upheld = await bureau.request('PUT', `/rounds/${ROUND}/objections/${a.objection.objectionId}`, { status: 'upheld', reason: '经核查，反映的师德问题属实' }) as { pending: number };
    expect(upheld.pending).toBe(1);
    expect(b.objection.objectionId).toBe('OBJ-002');
  });

  it('the period ends with one objection pending: the round waits, nobody is admitted; a late objection is refused', async () => {
    await sys.control.advance({ to: '2026-10-13T09:00:00+08:00' });
    await sys.control.settle();
    expect((await round()).status).toBe('publicising');
    const view = await bureau.request('GET', `/rounds/${ROUND}/objections`) as { pending: number; awaitingObjections: boolean };
    expect(view).toMatchObject({ pending: 1, awaitingObjections: true });
    // The wait's task token stays on the round, never in an answer.
    expect(JSON.stringify(await bureau.getRound(ROUND))).not.toContain('taskToken');
    expect(JSON.stringify(view)).not.toContain('taskToken');
    expect((await nominations()).some((n) => n.admission !== undefined)).toBe(false);
    const sun = await byName('孙三');
    const late = await refusal(() => bureau.request('POST', `/rounds/${ROUND}/objections`, { against: sun.nominationId, matter: '迟到的反映' }));
    expect([late.status, late.body?.error.code]).toEqual([422, 'OBJECTION_AFTER_PERIOD']);
    // Two days on, still waiting (the wait is no time limit of the plan's).
    await sys.control.advance({ days: 2 });
    await sys.control.settle();
    expect((await round()).status).toBe('publicising');
  }, 60_000);

  it('resolving the last objection sends the round on: admitted without the upheld candidate, the reason on the nomination', async () => {
    const noReason = await cli('publicity', 'objection', 'resolve', ROUND, 'OBJ-002', '--status', 'dismissed');
    expect(noReason.code).toBe(1);
    expect(noReason.err).toContain('reason');
    const run = await cli('publicity', 'objection', 'resolve', ROUND, 'OBJ-002', '--status', 'dismissed', '--reason', '经核查，反映不实');
    expect(run.code, run.err).toBe(0);
    const resolved = JSON.parse(run.out) as { pending: number; resumed: boolean };
    expect(resolved).toMatchObject({ pending: 0, resumed: true });
    await sys.control.settle();
    expect((await round()).status).toBe('completed');
    const zhao = await byName('赵一');
    expect(zhao.admission).toMatchObject({ status: 'objection-upheld', clause: 'S-PUBLICITY', reason: '经核查，反映的师德问题属实' });
    expect((await byName('钱二')).admission?.status).toBe('admitted');
    expect((await byName('孙三')).admission?.status).toBe('admitted');
    const pool = await bureau.pool({ tier: 3 }) as { members: Array<{ name: string }> };
    expect(pool.members.map((m) => m.name).sort()).toEqual(['孙三', '钱二']);
    // The .docx notice from the stored period, no period given.
    const doc = await bureau.exportLink({ kind: 'publicity-notice', roundId: ROUND }) as { fileName: string };
    expect(doc.fileName).toMatch(/公示.*\.docx$/);
  }, 60_000);
});

describe('a 公示 that can only run into a year without calendar data', () => {
  it('is refused when the round is opened (CALENDAR_YEAR_UNKNOWN, with the year)', async () => {
    const e = await refusal(() => bureau.openRound({
      roundId: '2026-GS2', title: '年末遴选', referenceDate: '2026-12-01',
      intakeClosesAt: '2026-12-20T17:00:00+08:00', scoringClosesAt: '2026-12-28T17:00:00+08:00', tiers: [3],
      orgDeptApproval: { ref: '坛组干〔2026〕40 号', date: '2026-10-15' },
      scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
      selection: { publicity: { workingDays: 5 } },
    }));
    expect(e.status).toBe(400);
    expect(e.body?.error.problems).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', year: 2027 })]);
  });
});
