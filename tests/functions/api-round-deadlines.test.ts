import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler } from '../../functions/api/handler';
import { RoundRepository } from '../../functions/shared/repository';
import { captureLogs } from '../support/emulators';
import { lambdaContext } from '../support/s3-events';
import { resetApiWiring } from '../../functions/api/deps';
import { APPROVAL_TIMEOUT_SECONDS, BUREAU, ROUND_MACHINE, apiEvent, daysAhead, invoke, roundBody, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/**
 * QA: POST /rounds refuses deadlines that are already past at the request's time (the
 * gateway's requestContext.timeEpoch), a problem per field, and opens nothing.
 */

let h: Harness;
let rounds: RoundRepository;

beforeAll(async () => {
  h = await startHarness();
  rounds = new RoundRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
});
afterAll(async () => {
  await h?.stop();
});

/** POST /rounds as the bureau with the gateway's time stamp set to `at`. */
async function openAt(at: string, body: unknown): Promise<{ status: number; body: ErrorAnswer & { round?: Record<string, unknown> } }> {
  const event = apiEvent('POST /rounds', BUREAU, { body });
  const epoch = Date.parse(at);
  event.requestContext.timeEpoch = epoch;
  event.requestContext.time = new Date(epoch).toISOString();
  const { result, output } = await captureLogs(() => handler(event, lambdaContext('Api')) as Promise<APIGatewayProxyStructuredResultV2>);
  h.logs.push(output);
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? '{}') as ErrorAnswer };
}

async function nothingOpened(roundId: string) {
  expect(await rounds.get(roundId)).toBeUndefined();
  expect(h.sfn.listExecutions({ stateMachineArn: ROUND_MACHINE }).map((e) => e.name)).not.toContain(`round-${roundId}`);
}

describe('POST /rounds: deadlines must lie ahead (S-ROUND)', () => {
  it('intakeClosesAt 2020-01-01 → 400, a problem for each past deadline, nothing opened', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, {
      body: roundBody('2026-P1', { intakeClosesAt: '2020-01-01T00:00:00+08:00', scoringClosesAt: '2020-01-15T00:00:00+08:00' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.problems).toEqual([
      { code: 'ROUND_DEADLINE_PAST', path: 'intakeClosesAt', zh: expect.stringMatching(/^收表截止时间「intakeClosesAt」已过，须晚于当前时间/), en: expect.stringMatching(/^intakeClosesAt is in the past: it must be after the current time/) },
      { code: 'ROUND_DEADLINE_PAST', path: 'scoringClosesAt', zh: expect.stringMatching(/^评分截止时间「scoringClosesAt」已过，须晚于当前时间/), en: expect.stringMatching(/^scoringClosesAt is in the past: it must be after the current time/) },
    ]);
    await nothingOpened('2026-P1');
  });

  it('only the deadline that is past is named', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, {
      body: roundBody('2026-P2', { intakeClosesAt: '2020-01-01T00:00:00Z', scoringClosesAt: daysAhead(10) }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems?.map((p) => [p.code, p.path])).toEqual([['ROUND_DEADLINE_PAST', 'intakeClosesAt']]);
    await nothingOpened('2026-P2');
  });

  it('judged at the request\'s time (timeEpoch), not the server\'s clock; a deadline at that very instant is past', async () => {
    const at = '2099-04-01T00:00:00.000Z';
    // Intake 2099-04-01T00:00+08:00 (before `at`), scoring 2099-04-15 (after).
    const late = await openAt(at, roundBody('2026-P3', { intakeClosesAt: '2099-04-01T00:00:00+08:00', scoringClosesAt: '2099-04-15T00:00:00+08:00' }));
    expect(late.status).toBe(400);
    expect(late.body.error.problems).toEqual([expect.objectContaining({ code: 'ROUND_DEADLINE_PAST', path: 'intakeClosesAt' })]);
    expect(late.body.error.problems?.[0]?.zh).toContain(at);
    expect(late.body.error.problems?.[0]?.en).toContain(at);

    const exactly = await openAt('2099-04-14T16:00:00.000Z', roundBody('2026-P4', { intakeClosesAt: '2099-04-14T16:00:00Z', scoringClosesAt: '2099-04-15T00:00:00+08:00' }));
    expect(exactly.body.error.problems?.map((p) => p.path)).toEqual(['intakeClosesAt', 'scoringClosesAt']);
    await nothingOpened('2026-P3');
    await nothingOpened('2026-P4');

    // On a simulated clock in the past, deadlines ahead of it are fine.
    const early = await openAt('2026-03-01T09:00:00+08:00', roundBody('2026-P5', { intakeClosesAt: '2026-03-15T17:00:00+08:00', scoringClosesAt: '2026-03-20T17:00:00+08:00' }));
    expect(early.status).toBe(201);
    expect(early.body.round).toMatchObject({ roundId: '2026-P5', status: 'open', openedAt: '2026-03-01T01:00:00.000Z' });
  });

  it('deadlines ahead are accepted as before', async () => {
    const res = await invoke(h, 'POST /rounds', BUREAU, { body: roundBody('2026-P6') });
    expect(res.status).toBe(201);
  });

  it('a malformed body is answered by the contract first (the deadline check needs real timestamps)', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, { body: roundBody('2026-P7', { intakeClosesAt: 'yesterday' }) });
    expect(res.status).toBe(400);
    expect(res.body.error.problems?.map((p) => [p.code, p.path])).toEqual([['BODY_INVALID', 'intakeClosesAt']]);
    const order = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, { body: roundBody('2026-P7', { scoringClosesAt: daysAhead(10) }) });
    expect(order.body.error.problems?.map((p) => [p.code, p.path])).toEqual([['BODY_INVALID', 'scoringClosesAt']]);
    await nothingOpened('2026-P7');
  });
});

describe('POST /rounds: a round must be able to finish within one execution\'s year (S-ROUND)', () => {
  // Opened 2026-03-01 09:00 Beijing; the harness's approval wait is the stack's default, 30 days;
  // a day for scoring and admission: the scoring deadline may lie at most 365 − 30 − 1 = 334 days ahead.
  const OPENED = '2026-03-01T09:00:00+08:00';
  const INTAKE = '2026-06-01T17:00:00+08:00';

  it('scoring 340 days ahead + 30 days\' approval + 1 day → 400 ROUND_TOO_LONG, 6 days over, the latest scoring deadline named; nothing opened', async () => {
    expect(APPROVAL_TIMEOUT_SECONDS).toBe(30 * 86_400);
    const res = await openAt(OPENED, roundBody('2026-L1', { intakeClosesAt: INTAKE, scoringClosesAt: '2027-02-04T09:00:00+08:00' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.problems).toEqual([{
      code: 'ROUND_TOO_LONG', path: 'scoringClosesAt',
      zh: '遴选批次无法在一年内办结：从现在（2026-03-01T01:00:00.000Z）到评分截止时间「scoringClosesAt」340 天，加审批等待 30 天、评分和入库步骤预留 1 天，' +
        '共 371 天，超过流程执行上限 365 天 6 天；评分截止时间最晚为 2027-01-29T01:00:00.000Z（S-ROUND）',
      en: 'the round cannot finish within a year: 340 days from now (2026-03-01T01:00:00.000Z) to scoringClosesAt, plus the approval wait of 30 days and 1 day ' +
        'for scoring and admission, is 371 days — 6 days over the 365 days an execution may last; scoringClosesAt must be no later than 2027-01-29T01:00:00.000Z (S-ROUND)',
    }]);
    await nothingOpened('2026-L1');
  });

  it('exactly a year is accepted; a second more is refused, 1 day over', async () => {
    const over = await openAt(OPENED, roundBody('2026-L2', { intakeClosesAt: INTAKE, scoringClosesAt: '2027-01-29T01:00:01Z' }));
    expect(over.status).toBe(400);
    expect(over.body.error.problems?.map((p) => [p.code, p.path])).toEqual([['ROUND_TOO_LONG', 'scoringClosesAt']]);
    expect(over.body.error.problems?.[0]?.zh).toContain('超过流程执行上限 365 天 1 天');
    expect(over.body.error.problems?.[0]?.en).toContain('1 day over the 365 days');
    await nothingOpened('2026-L2');
    const exactly = await openAt(OPENED, roundBody('2026-L3', { intakeClosesAt: INTAKE, scoringClosesAt: '2027-01-29T09:00:00+08:00' }));
    expect(exactly.status).toBe(201);
  });

  it('the approval wait is the one the stack passes (APPROVAL_TIMEOUT_SECONDS): with 300 days, scoring 70 days ahead is 6 days over', async () => {
    const saved = process.env.APPROVAL_TIMEOUT_SECONDS;
    process.env.APPROVAL_TIMEOUT_SECONDS = String(300 * 86_400);
    resetApiWiring();
    try {
      const res = await openAt(OPENED, roundBody('2026-L4', { intakeClosesAt: '2026-04-01T17:00:00+08:00', scoringClosesAt: '2026-05-10T09:00:00+08:00' }));
      expect(res.status).toBe(400);
      expect(res.body.error.problems?.[0]).toMatchObject({ code: 'ROUND_TOO_LONG', path: 'scoringClosesAt' });
      expect(res.body.error.problems?.[0]?.zh).toContain('加审批等待 300 天');
      expect(res.body.error.problems?.[0]?.zh).toContain('超过流程执行上限 365 天 6 天');
      await nothingOpened('2026-L4');
      // 64 days ahead fits: 64 + 300 + 1 = 365.
      const fits = await openAt(OPENED, roundBody('2026-L5', { intakeClosesAt: '2026-04-01T17:00:00+08:00', scoringClosesAt: '2026-05-04T09:00:00+08:00' }));
      expect(fits.status).toBe(201);
    } finally {
      process.env.APPROVAL_TIMEOUT_SECONDS = saved;
      resetApiWiring();
    }
  });
});
