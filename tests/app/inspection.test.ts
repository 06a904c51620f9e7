import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError, type AppError } from '../../app/errors';
import type { Answered, Workflows } from '../../app/ports/workflows';
import { awaitInspection } from '../../app/selection/inspection/steps';
import { recordInspection } from '../../app/selection/inspection/record';
import { listInspections } from '../../app/selection/inspection/list';
import { closeInspection } from '../../app/selection/inspection/close';
import type { Round } from '../../domain/round/round';
import type { InspectionState } from '../../domain/selection/inspection';
import { startEmulators, type Emulators } from '../support/emulators';
import { newWorld, type World } from '../support/admissions';
import { shortlistOf } from '../support/rounds';

/**
 * The 考察 use cases (S-INSPECT) over the real adapters on dynalite: AwaitInspection keeps the
 * token; a record only while inspecting and only for a 考察对象, checked by the domain, stored
 * on the nomination and audited without its words; the close refuses while anyone lacks a
 * record, is claimed once, and writes closedAt before it answers. Workflows here answers as a
 * state machine would; it is faked only for the faults a live execution cannot be made to
 * show on cue (an answer too late, a transient failure).
 */

let emu: Emulators;
let w: World;
const AT = '2026-06-10T02:30:00.000Z';
const CLOSE_AT = '2026-06-10T03:00:00.000Z';
const BODY = { team: ['王建国', '李芳'], from: '2026-06-01', to: '2026-06-03', talks: 15, conclusion: '德才兼备，群众公认。', result: '合格' as const };

class AnsweringWorkflows implements Workflows {
  answers: Array<{ token: string; output: unknown }> = [];
  constructor(private readonly answer_: () => Answered = () => 'delivered') {}
  startRound(): never { throw new Error('not used'); }
  startReview(): never { throw new Error('not used'); }
  async answer(token: string, output: unknown): Promise<Answered> {
    this.answers.push({ token, output });
    return this.answer_();
  }
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

async function rankedRound(roundId: string, shortlisted: Record<1 | 2 | 3, string[]>): Promise<void> {
  for (const i of [1, 2, 3, 4]) await w.nominate(roundId, i);
  const state: InspectionState = {
    clause: 'S-INSPECT', ratio: 1.5, gate: true, shortlisted, quota: { 1: 0, 2: 0, 3: 2 }, shortlistedAt: '2026-06-01T00:00:00.000Z',
  };
  const round: Round = {
    roundId, status: 'ranked', referenceDate: '2026-06-01', openedAt: '2026-05-01T00:00:00.000Z', intakeClosesAt: '2026-05-10T00:00:00.000Z',
    tiers: [3], shortlist: shortlistOf({ 3: ['N001'] }, { 1: 0, 2: 0, 3: 1 }), inspection: state,
    scoringModel: { components: [{ id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 1, min: 0, max: 100, source: 'entered' }] },
  };
  await w.repos.rounds.create(round);
}

beforeAll(async () => {
  emu = await startEmulators();
  w = await newWorld(emu, { seats: 3 });
});
afterAll(async () => {
  await emu?.stop();
});

describe('考察 over the real adapters (S-INSPECT)', () => {
  const ROUND = '2026-INS1';
  const cmd = (nominationId: string, body: object = BODY) => ({ roundId: ROUND, nominationId, body: body as typeof BODY, by: 'bureau.li', actor: 'user:bureau.li', at: AT });

  it('records nothing before the round waits for its inspection', async () => {
    await rankedRound(ROUND, { 1: [], 2: [], 3: ['N001', 'N002'] });
    expect((await refused(recordInspection(w.deps, cmd('N001')))).code).toBe('ROUND_NOT_INSPECTING');
  });

  it('AwaitInspection keeps the token and shows the round inspecting; a retry keeps the start', async () => {
    await awaitInspection(w.deps, { action: 'await-inspection', roundId: ROUND, taskToken: 'token-1' });
    const first = await w.repos.rounds.require(ROUND);
    await awaitInspection(w.deps, { action: 'await-inspection', roundId: ROUND, taskToken: 'token-2' });
    const round = await w.repos.rounds.require(ROUND);
    expect(round.status).toBe('inspecting');
    expect(round.taskToken).toBe('token-2');
    expect(round.inspection?.awaitingSince).toBe(first.inspection?.awaitingSince);
    expect((await w.deps.audit.list(`round/${ROUND}`)).map((e) => e.action)).toEqual(['round.inspecting']);
  });

  it('refuses a candidate who is not a 考察对象, and a record that breaks the rules, each with its code and field', async () => {
    const other = await refused(recordInspection(w.deps, cmd('N003')));
    expect([other.status, other.code]).toEqual([409, 'INSPECTION_NOT_SHORTLISTED']);
    const bad = await refused(recordInspection(w.deps, cmd('N001', { ...BODY, team: ['王建国'], to: '2026-06-11', result: undefined })));
    expect(bad.status).toBe(400);
    expect(bad.problems?.map((p) => `${p.code}@${p.path}`)).toEqual(['INSPECTION_TEAM_TOO_SMALL@team', 'INSPECTION_DATE_FUTURE@to', 'INSPECTION_RESULT_REQUIRED@result']);
    expect((await w.repos.nominations.get(ROUND, 'N001'))?.inspection).toBeUndefined();
  });

  it('stores a record on the nomination, replaces it, and audits what was decided, not what was said', async () => {
    expect((await recordInspection(w.deps, cmd('N001'))).replaced).toBe(false);
    // A minute later: the trail is ordered by time (entries of the same instant by their random id).
    const again = await recordInspection(w.deps, { ...cmd('N001', { ...BODY, talks: 16 }), at: new Date(Date.parse(AT) + 60_000).toISOString() });
    expect(again.replaced).toBe(true);
    const n = await w.repos.nominations.get(ROUND, 'N001');
    expect(n?.inspection).toMatchObject({ clause: 'S-INSPECT', talks: 16, result: '合格', recordedBy: 'bureau.li' });
    const trail = await w.deps.audit.list(`nomination/${ROUND}/N001`);
    expect(trail.map((e) => e.action)).toEqual(['inspection.recorded', 'inspection.replaced']);
    expect(JSON.stringify(trail)).not.toContain('德才兼备');
    expect(JSON.stringify(trail)).not.toContain('王建国');
  });

  it('lists the 考察对象 by tier with their records', async () => {
    const view = await listInspections(w.deps, ROUND);
    expect(view.counts).toEqual({ shortlisted: 2, recorded: 1, missing: 1 });
    expect(view.tiers.map((t) => [t.tier, t.candidates.map((c) => [c.nominationId, c.record?.result ?? null])])).toEqual([[3, [['N001', '合格'], ['N002', null]]]]);
    expect(view.rules).toEqual({ gate: true });
  });

  it('will not close while a 考察对象 lacks a record, naming who', async () => {
    const wf = new AnsweringWorkflows();
    const e = await refused(closeInspection({ ...w.deps, workflows: wf }, { roundId: ROUND, by: 'bureau.li', actor: 'user:bureau.li', at: AT }));
    expect([e.status, e.code]).toEqual([409, 'INSPECTION_INCOMPLETE']);
    expect(e.problems?.map((p) => `${p.code}@${p.path}`)).toEqual(['INSPECTION_RECORD_MISSING@missing.0']);
    expect(e.problems?.[0]?.zh).toContain('N002');
    expect(wf.answers).toEqual([]);
  });

  it('a transient failure gives the close back; the close then answers the token once, closedAt written first', async () => {
    await recordInspection(w.deps, cmd('N002', { ...BODY, result: '不合格' }));
    const failing: Workflows = { ...new AnsweringWorkflows(), startRound: () => { throw new Error(); }, startReview: () => { throw new Error(); }, answer: async () => { throw new TransientError(); } };
    const close = (wf: Workflows, at = CLOSE_AT) => closeInspection({ ...w.deps, workflows: wf }, { roundId: ROUND, by: 'bureau.li', actor: 'user:bureau.li', at });
    expect((await refused(close(failing))).code).toBe('TRANSIENT');
    expect((await w.repos.rounds.require(ROUND)).inspection?.closedAt).toBeUndefined();

    let seenAtAnswer: string | undefined;
    const wf = new AnsweringWorkflows(() => 'delivered');
    const spy: Workflows = Object.assign(Object.create(wf) as Workflows, {
      answer: async (token: string, output: unknown) => {
        seenAtAnswer = (await w.repos.rounds.require(ROUND)).inspection?.closedAt;
        return wf.answer(token, output);
      },
    });
    expect(await close(spy)).toEqual({ closedAt: CLOSE_AT, shortlisted: 2 });
    expect(seenAtAnswer).toBe(CLOSE_AT);
    expect(wf.answers).toEqual([{ token: 'token-2', output: { inspected: true, closedAt: CLOSE_AT, by: 'bureau.li' } }]);
    const round = await w.repos.rounds.require(ROUND);
    expect(round.inspection).toMatchObject({ closedAt: CLOSE_AT, closedBy: 'bureau.li', closeState: 'delivered' });
    expect((await refused(close(new AnsweringWorkflows()))).code).toBe('INSPECTION_CLOSED');
    expect((await refused(recordInspection(w.deps, cmd('N001')))).code).toBe('INSPECTION_CLOSED');
    expect((await w.deps.audit.list(`round/${ROUND}`)).map((e) => e.action)).toEqual(['round.inspecting', 'round.inspection-closed']);
  });

  it('a wait that ended meanwhile is INSPECTION_TOO_LATE, recorded', async () => {
    const R2 = '2026-INS2';
    await rankedRound(R2, { 1: [], 2: [], 3: ['N001'] });
    await awaitInspection(w.deps, { action: 'await-inspection', roundId: R2, taskToken: 'token-x' });
    await recordInspection(w.deps, { ...cmd('N001'), roundId: R2 });
    const e = await refused(closeInspection({ ...w.deps, workflows: new AnsweringWorkflows(() => 'too-late') }, { roundId: R2, by: 'bureau.li', actor: 'user:bureau.li', at: AT }));
    expect([e.status, e.code]).toEqual([409, 'INSPECTION_TOO_LATE']);
    expect((await w.repos.rounds.require(R2)).inspection?.closeState).toBe('too-late');
  });
});
