/**
 * 民主推荐 end to end on the round machine AS SYNTHESIZED, with the real handlers on dynalite
 * (issue #14 part 1, S-RECOMMEND): at intake's close OpenBallot makes one ballot per unit of its
 * accepted nominees; the bureau issues codes and voters cast ballots through the API's public
 * routes; at the deadline TallyBallot counts (turnout, each share of 推荐) and closes the ballot
 * (BALLOT_CLOSED); ScoreBatch scores the share × 100 as a component and Rank holds back the
 * candidates below the notice's threshold, counted on the shortlist.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validForm } from '../support/forms';
import { APPROVER, BUREAU, api, callApi, parkedAt, settle, startMachineStack, type Identity, type MachineStack } from './support/machines';
import { uploadForm } from './support/machines';

const START = '2026-11-02T01:00:00Z';
const HOUR = 3_600_000;
const ROUND = '2026-SEL-VOTE';
const UNIT = 'JT-XYXX';
// The public routes carry no token: the handler ignores whatever claims an event has there.
const VOTER: Identity = { sub: '', username: '', groups: '' };
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

let m: MachineStack;
let arn = '';
type Ballots = { ballots: Array<{ unitCode: string; issued: number; used: number; candidates: Array<{ nominationId: string; name: string; result?: { for: number; share: number | null } }>; tally?: { issued: number; used: number; turnout: number; cast: number } }> };

beforeAll(async () => {
  m = await startMachineStack(START, { approvalTimeoutSeconds: 30 * 86_400, batchSize: 10 });
  const res = await callApi<{ round: { executionArn: string } }>(m, 'POST /rounds', BUREAU, {
    body: {
      roundId: ROUND, title: '2026年 民主推荐', referenceDate: '2026-12-01', tiers: [3],
      intakeClosesAt: at(2 * HOUR), scoringClosesAt: at(6 * HOUR),
      scoringModel: { components: [
        { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.7, min: 0, max: 20, source: 'form', derive: 'experience' },
        { id: 'ballot', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 0.3, min: 0, max: 100, source: 'recommendation' },
      ] },
      orgDeptApproval: { ref: '坛组干〔2026〕21 号', date: '2026-10-20' },
      selection: { recommendation: { closesAt: at(4 * HOUR), threshold: 0.5 } },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  arn = res.body.round.executionArn;
  for (let i = 0; i < 3; i++) await uploadForm(m, ROUND, UNIT, validForm({ roundId: ROUND, name: `推荐${i}`, seq: String(700 + 2 * i) }), `f${i}.json`);
  await settle(m);
}, 120_000);
afterAll(async () => {
  await m?.stop();
});

const ballots = () => api<Ballots>(m, 'GET /rounds/{roundId}/ballots', BUREAU, { path: { roundId: ROUND } });
let ids: string[] = [];
let codes: string[] = [];

describe('民主推荐 through the round machine', () => {
  it('at intake\'s close the unit\'s ballot opens with its three nominees; the bureau issues codes', async () => {
    m.clock.advanceTo(new Date(Date.parse(at(2 * HOUR)) + 1000));
    await settle(m);
    expect(parkedAt(m.stack.sfn.describeExecution(arn))).toBe('WaitForBallotDeadline');
    const list = await ballots();
    expect(list.ballots.map((b) => [b.unitCode, b.candidates.length])).toEqual([[UNIT, 3]]);
    ids = list.ballots[0]!.candidates.map((c) => c.nominationId);
    // The unit hears its ballot is open (issue #14.4), once.
    const notices = await api<{ notices: Array<{ kind: string; unit: string; clause: string; subject: { zh: string } }> }>(m, 'GET /notices', BUREAU, {});
    expect(notices.notices.filter((n) => n.kind === 'ballot-opened').map((n) => [n.unit, n.subject.zh, n.clause])).toEqual([[UNIT, '【民主推荐】2026年 民主推荐：投票已开始', 'S-RECOMMEND']]);
    codes = (await api<{ codes: string[] }>(m, 'POST /rounds/{roundId}/ballots/{unitCode}/codes', BUREAU, { path: { roundId: ROUND, unitCode: UNIT }, body: { count: 4 } }, 201)).codes;
    expect(codes).toHaveLength(4);
  });

  it('three voters cast their ballots; a code votes once', async () => {
    const [a, b, c] = ids as [string, string, string];
    const ballotsCast = [
      { [a]: 'for', [b]: 'for', [c]: 'against' },
      { [a]: 'for', [b]: 'against', [c]: 'against' },
      { [a]: 'for', [b]: 'abstain', [c]: 'against' },
    ];
    for (const [i, marks] of ballotsCast.entries()) {
      const s = await callApi<{ candidates: unknown[] }>(m, 'POST /ballot/session', VOTER, { body: { code: codes[i] } });
      expect(s.status).toBe(200);
      expect(s.body.candidates).toHaveLength(3);
      await api(m, 'POST /ballot/votes', VOTER, { body: { code: codes[i], submissionId: randomUUID(), marks } }, 201);
    }
    const again = await callApi<{ error: { code: string } }>(m, 'POST /ballot/votes', VOTER, { body: { code: codes[0], submissionId: randomUUID(), marks: ballotsCast[0] } });
    expect([again.status, again.body.error.code]).toEqual([409, 'BALLOT_CODE_USED']);
  });

  it('at the deadline the ballot is counted and closed: turnout 3 of 4, shares 1, 1/3, 0', async () => {
    m.clock.advanceTo(new Date(Date.parse(at(4 * HOUR)) + 1000));
    await settle(m);
    expect(parkedAt(m.stack.sfn.describeExecution(arn))).toBe('WaitForScoringDeadline');
    const [b] = (await ballots()).ballots;
    expect(b?.tally).toMatchObject({ issued: 4, used: 3, cast: 3, turnout: 0.75 });
    expect(b?.candidates.map((c) => c.result?.share)).toEqual([1, 1 / 3, 0]);
    const late = await callApi<{ error: { code: string } }>(m, 'POST /ballot/votes', VOTER, { body: { code: codes[3], submissionId: randomUUID(), marks: Object.fromEntries(ids.map((id) => [id, 'for'])) } });
    expect([late.status, late.body.error.code]).toEqual([409, 'BALLOT_CLOSED']);
    const issue = await callApi<{ error: { code: string } }>(m, 'POST /rounds/{roundId}/ballots/{unitCode}/codes', BUREAU, { path: { roundId: ROUND, unitCode: UNIT }, body: { count: 1 } });
    expect(issue.body.error.code).toBe('BALLOT_CLOSED');
  });

  it('the share × 100 is a scoring component; below the threshold a candidate is not ranked, and counted', async () => {
    m.clock.advanceTo(new Date(Date.parse(at(6 * HOUR)) + 1000));
    await settle(m);
    expect(parkedAt(m.stack.sfn.describeExecution(arn))).toBe('AwaitDecision');
    const [a, b, c] = await Promise.all(ids.map((id) => m.repos.nominations.get(ROUND, id)));
    expect(a?.scoring?.status).toBe('scored');
    const ballotPart = a?.scoring?.status === 'scored' ? a.scoring.components.find((x) => x.id === 'ballot') : undefined;
    expect(ballotPart).toMatchObject({ source: 'recommendation', value: 100, points: 30 });
    expect(a?.proposed).toBe('admit');
    expect([b?.proposed, c?.proposed]).toEqual(['below-threshold', 'below-threshold']);
    expect([b?.rank, c?.rank]).toEqual([null, null]);
    const round = await m.repos.rounds.require(ROUND);
    expect(round.shortlist?.tiers[3]).toMatchObject({ admit: 1, belowThreshold: 2 });
    // The approver's view names them with their share, and counts them apart from the incomplete.
    const view = await api<{ tiers: Array<{ tier: number; counts: { belowThreshold: number; incomplete: number }; belowThreshold: Array<{ nominationId: string; share: number }> }> }>(m, 'GET /rounds/{roundId}/shortlist', BUREAU, { path: { roundId: ROUND } });
    const t3 = view.tiers.find((t) => t.tier === 3)!;
    expect(t3.counts).toMatchObject({ belowThreshold: 2, incomplete: 0 });
    expect(new Map(t3.belowThreshold.map((x) => [x.nominationId, x.share]))).toEqual(new Map([[b!.nominationId, 1 / 3], [c!.nominationId, 0]]));
  });

  it('the approver cannot add a candidate the threshold held back', async () => {
    const res = await callApi<{ error: { problems?: Array<{ code: string; path: string }> } }>(m, 'POST /rounds/{roundId}/decision', APPROVER, {
      path: { roundId: ROUND }, body: { decision: 'approve-with-edits', edits: { add: [ids[2]] } },
    });
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
    expect(res.body.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'EDIT_BELOW_RECOMMENDATION_THRESHOLD', path: 'edits.add.0' })]));
  });
});
