/**
 * 民主推荐's tally in batches on the round machine AS SYNTHESIZED (issue #12.8 at province
 * scale, #14 S-RECOMMEND): with more units than one TallyBallot batch holds, the machine loops
 * TallyBallot over pages of ballots with a cursor, carrying the totals. Every unit is counted
 * once — the pages neither overlap nor leave one out, each tally is stored once — and a batch
 * that fails after storing its tallies is retried by the machine without changing a result;
 * the same batch run once more after the round moved on leaves every item as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { TransientError } from '../../app/errors';
import type { Nomination } from '../../domain/round/nomination';
import { BallotRepository, NominationRepository } from '../../functions/shared/repository';
import { localLambdas } from '../../local/asl';
import type { TallyBallotOutput } from '../../contracts/tasks/round';
import { validForm } from '../support/forms';
import { BUREAU, api, callApi, parkedAt, retriedStates, settle, startMachineStack, uploadForm, type Identity, type MachineStack } from './support/machines';

const START = '2026-11-02T01:00:00Z';
const HOUR = 3_600_000;
const ROUND = '2026-SEL-TALLY';
/** Seven units, one nominee each, three ballots a batch: pages of 3, 3 and 1. */
const UNITS = Array.from({ length: 7 }, (_, i) => `JT-T${String(i + 1).padStart(2, '0')}`);
const TALLY_BATCH = 3;
const VOTER: Identity = { sub: '', username: '', groups: '' };
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

let m: MachineStack;
let arn = '';
/** Every setTally that reached the store, by unit. */
const setTallyCalls: string[] = [];
/** How many votes each unit's ballot got: unit i gets i % 3 votes of 推荐. */
const votesFor = (i: number) => i % 3;

beforeAll(async () => {
  m = await startMachineStack(START, { approvalTimeoutSeconds: 30 * 86_400, tallyBatchSize: TALLY_BATCH });
  const res = await callApi<{ round: { executionArn: string } }>(m, 'POST /rounds', BUREAU, {
    body: {
      roundId: ROUND, title: '2026年 分批计票', referenceDate: '2026-12-01', tiers: [3],
      intakeClosesAt: at(2 * HOUR), scoringClosesAt: at(6 * HOUR),
      scoringModel: { components: [
        { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.7, min: 0, max: 20, source: 'form', derive: 'experience' },
        { id: 'ballot', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 0.3, min: 0, max: 100, source: 'recommendation' },
      ] },
      orgDeptApproval: { ref: '坛组干〔2026〕22 号', date: '2026-10-20' },
      selection: { recommendation: { closesAt: at(4 * HOUR), threshold: 0.1 } },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  arn = res.body.round.executionArn;
  for (const [i, unit] of UNITS.entries()) {
    const form = validForm({ roundId: ROUND, unitCode: unit, name: `分批${i}`, seq: String(300 + 2 * i) });
    await uploadForm(m, ROUND, unit, form, `f${i}.json`);
  }
  await settle(m);
  m.clock.advanceTo(new Date(Date.parse(at(2 * HOUR)) + 1000));
  await settle(m);
  expect(parkedAt(m.stack.sfn.describeExecution(arn))).toBe('WaitForBallotDeadline');
  for (const [i, unit] of UNITS.entries()) {
    const { codes } = await api<{ codes: string[] }>(m, 'POST /rounds/{roundId}/ballots/{unitCode}/codes', BUREAU, { path: { roundId: ROUND, unitCode: unit }, body: { count: 3 } }, 201);
    const ballot = await m.repos.ballots.getBallot(ROUND, unit);
    const id = ballot!.candidates[0]!.nominationId;
    for (let v = 0; v < votesFor(i); v++) {
      await api(m, 'POST /ballot/votes', VOTER, { body: { code: codes[v], submissionId: randomUUID(), marks: { [id]: 'for' } } }, 201);
    }
  }

  // The second batch fails on its last candidate write — after its three tallies are stored —
  // once, as a throttle would: the machine's Retry runs the batch again.
  const realSetTally = BallotRepository.prototype.setTally;
  vi.spyOn(BallotRepository.prototype, 'setTally').mockImplementation(async function (this: BallotRepository, ...args) {
    setTallyCalls.push(args[1]);
    return realSetTally.apply(this, args);
  });
  const realUpdate = NominationRepository.prototype.update;
  let recommendationWrites = 0;
  vi.spyOn(NominationRepository.prototype, 'update').mockImplementation(async function (this: NominationRepository, ...args) {
    const set = args[2] as Partial<Nomination>;
    if (set.recommendation !== undefined && ++recommendationWrites === 2 * TALLY_BATCH) {
      throw new TransientError(new Error('ProvisionedThroughputExceededException'));
    }
    return realUpdate.apply(this, args);
  });
  m.clock.advanceTo(new Date(Date.parse(at(4 * HOUR)) + 1000));
  await settle(m);
  vi.restoreAllMocks();
}, 180_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await m?.stop();
});

type Exited = { type: string; state: { name: string; input?: { tally?: TallyBallotOutput }; output?: { tally?: TallyBallotOutput } } };
const tallyBatches = () => (m.stack.sfn.describeExecution(arn).events as unknown as Exited[])
  .filter((e) => e.type === 'StateExited' && e.state.name === 'TallyBallot');

async function itemsOfRound(): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await m.doc.send(new ScanCommand({ TableName: m.poolTable, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []).filter((i) => i.pk === `ROUND#${ROUND}`));
    start = page.LastEvaluatedKey;
  } while (start);
  return out.sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}

describe('民主推荐 tallied in batches', () => {
  it('three batches of at most three ballots, the second retried once; then the round waits for scoring', () => {
    const d = m.stack.sfn.describeExecution(arn);
    expect(parkedAt(d)).toBe('WaitForScoringDeadline');
    expect(retriedStates(d)).toEqual([{ state: 'TallyBallot', attempt: 1 }]);
    // The totals the machine carried, batch after batch: the pages are disjoint and cover the round.
    expect(tallyBatches().map((e) => e.state.output?.tally?.totals.ballots)).toEqual([3, 6, 7]);
    expect(tallyBatches().at(-1)?.state.output?.tally).toEqual({
      cursor: null,
      totals: { ballots: 7, issued: 21, used: UNITS.reduce((n, _u, i) => n + votesFor(i), 0), cast: UNITS.reduce((n, _u, i) => n + votesFor(i), 0) },
    });
  });

  it('every unit\'s tally was stored exactly once, the retry reusing the second batch\'s stored tallies', async () => {
    expect([...setTallyCalls].sort()).toEqual(UNITS);
    const round = await m.repos.rounds.require(ROUND);
    expect(round.status).toBe('recommended');
    for (const [i, unit] of UNITS.entries()) {
      const b = await m.repos.ballots.getBallot(ROUND, unit);
      expect(b?.talliedAt, unit).toBe(round.recommendation?.talliedAt);
      expect(b?.tally, unit).toMatchObject({ issued: 3, used: votesFor(i), cast: votesFor(i) });
      const id = b!.candidates[0]!.nominationId;
      expect((await m.repos.nominations.get(ROUND, id))?.recommendation, unit).toEqual(b?.tally?.candidates[id]);
    }
  });

  it('the second batch run once more answers what it did and changes no item', async () => {
    const second = tallyBatches()[1]!;
    const input = second.state.input?.tally;
    expect(input?.cursor).toEqual(expect.any(String));
    const before = await itemsOfRound();
    const roundSteps = localLambdas(m.template).find((l) => l.handlerModule === 'functions/round-steps/handler.ts')!;
    const answer = await m.stack.lambdas.invoke(roundSteps.arn, { action: 'tally-ballot', roundId: ROUND, cursor: input?.cursor, totals: input?.totals, batchSize: TALLY_BATCH });
    expect(answer).toEqual(second.state.output?.tally);
    expect(await itemsOfRound()).toEqual(before);
  });
});
