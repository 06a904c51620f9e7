/**
 * A round whose notice turns on 民主推荐, 考察 and 公示 (DESIGN §7), run by the round machine AS
 * SYNTHESIZED with the real handlers on dynalite and s3rver and a simulated clock: the ballots
 * open at intake's close and are counted at their deadline, the round waits for the bureau's
 * inspection after a preliminary ranking and ranks again, and after the approval it is
 * publicised for five working days — counted on the State Council's calendar — before admission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOf } from '../../app/pages';
import { validForm } from '../support/forms';
import { APPROVER, BUREAU, api, callApi, enteredStates, parkedAt, settle, startMachineStack, uploadForm, type MachineStack } from './support/machines';
import { SELECTION_STATES } from './support/selection';

// Thursday 24 September 2026, 09:00 in Beijing: the approval falls just before 中秋 (25–27 September) and 国庆 (1–7 October).
const START = '2026-09-24T01:00:00Z';
const HOUR = 3_600_000;
const MODEL = {
  components: [
    { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.7, min: 0, max: 20, source: 'form', derive: 'experience' },
    { id: 'ballot', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 0.3, min: 0, max: 100, source: 'recommendation' },
  ],
};

let m: MachineStack;
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

beforeAll(async () => {
  m = await startMachineStack(START, { approvalTimeoutSeconds: 30 * 86_400, batchSize: 10 });
});
afterAll(async () => {
  await m?.stop();
});

async function open(roundId: string, selection: Record<string, unknown>, model: unknown = MODEL) {
  return callApi<{ round: { executionArn: string; status: string; selection?: unknown }; error: { problems: Array<{ code: string; path: string }> } }>(m, 'POST /rounds', BUREAU, {
    body: {
      roundId, title: `${roundId} 选任程序`, referenceDate: '2026-12-01', tiers: [3],
      intakeClosesAt: at(2 * HOUR), scoringClosesAt: at(6 * HOUR), scoringModel: model,
      orgDeptApproval: { ref: '坛组干〔2026〕20 号', date: '2026-09-20' }, selection,
    },
  });
}

describe('the notice is checked before a round with selection steps is opened', () => {
  it('a component of a step that is off, a step that counts for nothing, a ballot out of order: each a coded problem', async () => {
    const res = await open('2026-SEL-BAD', { inspection: { gate: false }, recommendation: { closesAt: at(7 * HOUR) } }, {
      components: [...MODEL.components, { id: 'insp', name: { zh: '考察', en: 'inspection' }, weight: 0.0001, min: 0, max: 10, source: 'inspection' }]
        .map((c, i) => (i === 0 ? { ...c, weight: 0.6999 } : c)),
    });
    expect(res.status).toBe(400);
    const codes = res.body.error.problems.map((p) => [p.code, p.path]);
    expect(codes).toEqual(expect.arrayContaining([['RECOMMENDATION_CLOSES_ORDER', 'selection.recommendation.closesAt']]));
    const bad = await open('2026-SEL-BAD', { publicity: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems)
      .toEqual([expect.objectContaining({ code: 'SELECTION_COMPONENT_WITHOUT_STEP', path: 'scoringModel.components.1.source' })]);
    const unused = await open('2026-SEL-BAD', { recommendation: { closesAt: at(4 * HOUR) }, inspection: { gate: false } }, {
      components: [{ ...MODEL.components[0], weight: 1 }],
    });
    expect(unused.body.error.problems.map((p) => p.code).sort())
      .toEqual(['INSPECTION_UNUSED', 'RECOMMENDATION_UNUSED']);
  });
});

describe('a round with 民主推荐, 考察 and 公示', () => {
  const ROUND = '2026-SEL-ALL';
  let arn = '';
  const describeRound = () => m.stack.sfn.describeExecution(arn);

  it('opens with its steps stored and the machine told which run', async () => {
    const res = await open(ROUND, { recommendation: { closesAt: at(4 * HOUR), threshold: 0 }, inspection: {}, publicity: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    arn = res.body.round.executionArn;
    expect(res.body.round.selection).toEqual({
      recommendation: { closesAt: at(4 * HOUR), threshold: 0 }, inspection: { ratio: 1, gate: true }, publicity: { workingDays: 5 },
    });
    await settle(m);
    expect(JSON.parse(describeRound().input)).toMatchObject({
      steps: { recommendation: true, inspection: true, publicity: true }, ballotClosesAt: at(4 * HOUR),
    });
    for (let i = 0; i < 3; i++) await uploadForm(m, ROUND, 'JT-XYXX', validForm({ roundId: ROUND, name: `推荐${i}`, seq: String(500 + 2 * i) }), `f${i}.json`);
    await settle(m);
  });

  it('at intake\'s close the ballots open, and at their deadline they are counted', async () => {
    m.clock.advanceTo(new Date(Date.parse(at(2 * HOUR)) + 1000));
    await settle(m);
    expect(parkedAt(describeRound())).toBe('WaitForBallotDeadline');
    expect(await m.repos.rounds.require(ROUND)).toMatchObject({ status: 'recommending', recommendation: { closesAt: at(4 * HOUR) } });
    m.clock.advanceTo(new Date(Date.parse(at(4 * HOUR)) + 1000));
    await settle(m);
    expect(parkedAt(describeRound())).toBe('WaitForScoringDeadline');
    expect((await m.repos.rounds.require(ROUND)).recommendation?.talliedAt).toBeDefined();
  });

  it('after the preliminary ranking the round waits for the inspection; closing it ranks again, then the approver decides', async () => {
    m.clock.advanceTo(new Date(Date.parse(at(6 * HOUR)) + 1000));
    await settle(m);
    expect(parkedAt(describeRound())).toBe('AwaitInspection');
    const round = await m.repos.rounds.require(ROUND);
    expect(round.status).toBe('inspecting');
    const [pending] = m.stack.sfn.tokens.list(arn);
    expect(pending?.stateName).toBe('AwaitInspection');
    expect(round.taskToken).toBe(pending?.token);
    // The bureau records each 考察对象's inspection and closes it (app/selection/inspection), which answers the token.
    // Every ranked candidate of the tier (50 free seats × ratio 1); the e2e test (tests/e2e/inspection.test.ts) checks the cut.
    const shortlisted = round.inspection?.shortlisted[3] ?? [];
    expect(shortlisted).toEqual(round.shortlist?.tiers[3].admitIds);
    for (const nominationId of shortlisted) {
      await api(m, 'PUT /rounds/{roundId}/inspections/{nominationId}', BUREAU, {
        path: { roundId: ROUND, nominationId },
        body: { team: ['王建国', '李芳'], from: '2026-09-24', to: '2026-09-24', talks: 12, conclusion: '政治素质好，工作实绩突出。', result: '合格' },
      }, 201);
    }
    await api(m, 'POST /rounds/{roundId}/inspections/close', BUREAU, { path: { roundId: ROUND }, body: {} }, 202);
    await settle(m);
    const states = enteredStates(describeRound());
    expect(states.slice(states.indexOf('AwaitInspection'))).toEqual([
      'AwaitInspection', 'Inspected', 'StartScoring', 'ScoreBatch', 'MoreToScore?', 'Rank', 'Inspection?', 'AwaitDecision',
    ]);
  });

  it('after the approval the list is publicised for five working days, over 中秋 and 国庆, then admitted', async () => {
    await api(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'approve' } }, 200);
    await settle(m);
    expect(parkedAt(describeRound())).toBe('WaitForPublicityEnd');
    // Approved Thu 24 Sep; 25–27 Sep is 中秋: posted Mon 28 Sep (1), Tue 29 (2), Wed 30 (3); 1–7 Oct is
    // 国庆: Thu 8 Oct (4), Fri 9 Oct (5) — the period ends with 9 October, 24:00 in Beijing.
    const round = await m.repos.rounds.require(ROUND);
    expect(round).toMatchObject({
      status: 'publicising',
      publicity: { startsOn: '2026-09-28', endsOn: '2026-10-09', endsAt: '2026-10-10T00:00:00+08:00', workingDays: 5 },
    });
    m.clock.advanceTo(new Date(Date.parse('2026-10-09T23:00:00+08:00')));
    await settle(m);
    expect(parkedAt(describeRound())).toBe('WaitForPublicityEnd');
    m.clock.advanceTo(new Date(Date.parse('2026-10-10T00:00:00+08:00') + 1000));
    await settle(m);
    const d = describeRound();
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(enteredStates(d).slice(-9)).toEqual([
      'WaitForPublicityEnd', 'ClosePublicity', 'ObjectionsPending?', 'StartAdmission', 'AdmitBatch', 'MoreToAdmit?', 'Admitted', 'RecordOutcome', 'Done',
    ]);
    expect((await m.repos.rounds.require(ROUND)).status).toBe('completed');
    // M-TERM: the term runs from admission — the day the 公示 closed (10 Oct), not the approval (24 Sep).
    const admitted = (await allOf((page) => m.repos.nominations.listByRound(ROUND, page)))
      .filter((n) => (n.admission as { status?: string } | undefined)?.status === 'admitted');
    expect(admitted.length).toBeGreaterThan(0);
    for (const n of admitted) {
      expect((n.admission as { on?: string }).on).toBe('2026-10-10');
      const member = await m.repos.members.get<{ termStart: string }>(n.personId as string);
      expect(member?.state.termStart).toBe('2026-10-10');
    }
  });
});

describe('what ran is the synthesized definition', () => {
  it('the selection steps\' states were entered (round.test.ts covers the rest)', () => {
    const entered = new Set(m.stack.sfn.listExecutions({ stateMachineArn: m.round.arn }).flatMap((d) => enteredStates(d)));
    const states = Object.keys(m.round.definition.States as Record<string, unknown>);
    for (const s of SELECTION_STATES) expect(states, s).toContain(s);
    // AwaitObjections is entered only with an objection pending: the 公示 objections' own test.
    expect(SELECTION_STATES.filter((s) => !entered.has(s))).toEqual(['AwaitObjections']);
  });
});
