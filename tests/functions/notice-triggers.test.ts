import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import type { Notice } from '../../domain/notices/notice';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { writeMemberEvents } from '../../app/members/write-events';
import { noticeBallotOpened } from '../../app/notices/triggers';
import { handler as reviewSteps } from '../../functions/review-steps/handler';
import { handler as roundSteps } from '../../functions/round-steps/handler';
import { parseNominationForm } from '../../domain/form/parse';
import type { Nomination } from '../../functions/shared/repository';
import { validForm } from '../support/forms';
import { NoticeRepository } from '../../functions/shared/repository/notices';
import { SqsNoticeQueue } from '../../functions/shared/notice-queue';
import { repositories, type Repositories } from '../../functions/shared/repository';
import { rewire } from '../../functions/shared/wiring';
import { LocalLambdas } from '../../local/lambdas';
import { LocalSqs, type LocalQueue } from '../../local/sqs';
import { applyEnv, startEmulators, type Emulators } from '../support/emulators';
import { lambdaContext } from '../support/s3-events';

/**
 * The triggers that run inside the review steps (issue #14.4), with the machines' payloads,
 * through the real SQS adapter onto a local queue nothing drains (so what was queued can be
 * read): a review's window tells each unit with members to assess, once; the daily run
 * reminds of deadlines one to three days ahead and of overdue talks, once; a ballot (for the
 * ballot engineer) tells the units it names; the round steps' OpenBallot tells each unit whose
 * ballot opened.
 */

let emu: Emulators;
let restore: () => void;
let repos: Repositories;
let sqs: LocalSqs;
let queue: LocalQueue;

const COHORT = '2026-R1';
const person = (i: number) => `P${String(i).padStart(20, '0')}`;
const MEMBERS: [string, string][] = [[person(1), 'JT-XYXX'], [person(2), 'JT-XYXX'], [person(3), 'JT-JTZX']];

type Invocable = (event: never, context: Context) => Promise<unknown>;
const step = async <T = Record<string, unknown>>(event: Record<string, unknown>): Promise<T> =>
  JSON.parse(JSON.stringify(await (reviewSteps as unknown as Invocable)(JSON.parse(JSON.stringify(event)) as never, lambdaContext('ReviewSteps')) ?? null)) as T;
const roundStep = async (event: Record<string, unknown>): Promise<unknown> =>
  (roundSteps as unknown as Invocable)(JSON.parse(JSON.stringify(event)) as never, lambdaContext('RoundSteps'));

/** What was queued since the last call. */
const drained = (): Notice[] => queue.messages.splice(0).map((m) => JSON.parse(m.body) as Notice);

beforeAll(async () => {
  emu = await startEmulators();
  sqs = new LocalSqs({ Resources: { NoticesQueue: { Type: 'AWS::SQS::Queue', Properties: {} } } }, { lambdas: new LocalLambdas([]) });
  await sqs.start();
  queue = sqs.queues.get('NoticesQueue')!;
  restore = applyEnv({ ...emu.env, LOG_LEVEL: 'ERROR', REVIEW_WINDOW_DAYS: '30', AWS_ENDPOINT_URL_SQS: sqs.endpoint, NOTICE_QUEUE_URL: queue.url });
  rewire();
  repos = repositories(emu.doc, emu.tables.pool);
  const at = '2026-08-01T00:00:00Z';
  for (const [code, name] of [['JT-XYXX', '金坛区西旸小学'], ['JT-JTZX', '江苏省金坛中学'], ['JT-EMPTY', '金坛区某幼儿园']] as const) {
    await repos.units.put({ code, name, type: 'primary', orgDeptManaged: false, contacts: [{ name: '人事干部', email: `renshi@${code.toLowerCase()}.example.cn` }], registeredAt: at, updatedAt: at, updatedBy: 'test' });
  }
  await repos.seats.ensureSeats(3, 50);
  for (const [personId, unit] of MEMBERS) {
    const w = await writeMemberEvents({ members: repos.members, policy: PLAN_2020, now: () => new Date('2026-09-01T00:00:00Z') }, personId, [{
      type: 'admitted', on: '2026-09-01', personId, tier: 3, unit, cohortId: COHORT, termStart: '2026-09-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: COHORT,
    }], { applied: (m) => m !== undefined, name: `成员${personId.slice(-1)}` });
    if (!w.ok) throw new Error(JSON.stringify(w.problems));
    await repos.seats.claimSeat(3, personId);
  }
}, 30_000);

afterAll(async () => {
  restore?.();
  rewire();
  await sqs?.stop();
  await emu?.stop();
});

describe('notices from the review steps', () => {
  let reviewId = '';
  let windowClosesAt = '';

  it('open-window tells each unit with members to assess (how many, until when), once however often it runs', async () => {
    const plan = await step<{ reviewId: string; windowClosesAt: string }>({ action: 'plan', at: '2027-09-01T01:00:00Z' });
    ({ reviewId, windowClosesAt } = plan);
    await step({ action: 'open-window', reviewId });
    const sent = drained();
    expect(sent.map((n) => [n.kind, n.unit]).sort()).toEqual([['assessment-opened', 'JT-JTZX'], ['assessment-opened', 'JT-XYXX']]);
    const x = sent.find((n) => n.unit === 'JT-XYXX')!;
    expect(x.body.zh).toContain('请于2027年10月1日（北京时间）前提交本单位 2 名后备干部的年度考核结果');
    expect(x.link).toBe(`/school/reviews/${reviewId}`);
    expect(x.deliveries).toEqual([{ id: '0-email', channel: 'email', to: 'renshi@jt-xyxx.example.cn', contact: '人事干部' }]);
    // Step Functions retries the step: nothing is queued again.
    await step({ action: 'open-window', reviewId });
    expect(drained()).toEqual([]);
  });

  it('the daily run reminds the units still owing assessments, three days ahead, and every overdue talk, once', async () => {
    await repos.reviews.putAssessment({ reviewId, personId: person(3), unitCode: 'JT-JTZX', submittedBy: 'school', submittedAt: '2027-09-10T00:00:00Z', grade: 'competent', score: 80 });
    // Four days before: nothing about the deadline yet.
    const fourBefore = new Date(Date.parse(windowClosesAt) - 4 * 86_400_000).toISOString();
    await step({ action: 'daily-notices', at: fourBefore });
    const first = drained();
    expect(first.filter((n) => n.kind === 'deadline-soon')).toEqual([]);
    // The term's first year (2026-09-01 – 2027-08-31) passed without a talk: each member's unit hears.
    const talks = first.filter((n) => n.kind === 'talk-overdue');
    expect(talks.map((n) => n.unit).sort()).toEqual(['JT-JTZX', 'JT-XYXX', 'JT-XYXX']);
    expect(talks.every((n) => n.clause === 'C-TALK' && n.subject.zh.startsWith('【谈话逾期】成员'))).toBe(true);

    const twoBefore = new Date(Date.parse(windowClosesAt) - 2 * 86_400_000).toISOString();
    await step({ action: 'daily-notices', at: twoBefore });
    const sent = drained();
    // JT-JTZX has submitted its one assessment: only JT-XYXX is reminded.
    expect(sent.filter((n) => n.kind === 'deadline-soon').map((n) => n.unit)).toEqual(['JT-XYXX']);
    expect(sent.find((n) => n.kind === 'deadline-soon')!.subject.zh).toBe('【截止提醒】2027年度后备干部考核考核材料将于2027年10月1日（北京时间）截止');
    // The overdue talks were told two days ago: not again.
    expect(sent.filter((n) => n.kind === 'talk-overdue')).toEqual([]);

    // The next day's run: nothing twice.
    await step({ action: 'daily-notices', at: new Date(Date.parse(twoBefore) + 86_400_000).toISOString() });
    expect(drained()).toEqual([]);
  });

  it('a round\'s intake deadline is reminded to every registered unit', async () => {
    await repos.rounds.create({
      roundId: '2027-R2', title: '2027年后备干部遴选', status: 'open', openedAt: '2027-09-20T00:00:00Z', openedBy: 'bureau', referenceDate: '2027-10-01',
      intakeClosesAt: '2027-10-05T09:00:00Z', tiers: [3], scoringModel: { roundId: '2027-R2', components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
      orgDeptApproval: { ref: '坛组干〔2027〕1 号', date: '2027-09-15' },
    } as never);
    await step({ action: 'daily-notices', at: '2027-10-02T16:05:00Z' }); // 00:05 on 3 October, Beijing
    const sent = drained().filter((n) => n.kind === 'deadline-soon' && n.entity === 'round/2027-R2/deadline');
    expect(sent.map((n) => n.unit).sort()).toEqual(['JT-EMPTY', 'JT-JTZX', 'JT-XYXX']);
    expect(sent[0]!.body.zh).toContain('将于2027年10月5日 17:00（北京时间）截止');
  });

  it('noticeBallotOpened (for the ballot engineer) tells the units it names, unknown codes skipped, once', async () => {
    const doc = emu.doc;
    const ctx = {
      repos, logger: { info: () => {}, warn: () => {}, error: () => {} }, now: () => new Date('2027-11-01T00:00:00Z'),
      notices: { store: new NoticeRepository({ doc, table: emu.tables.pool }), queue: new SqsNoticeQueue(queue.url) },
    };
    const ballot = { roundId: '2027-R2', ballotId: 'B1', title: '西旸小学民主推荐', closesAt: '2027-11-03T09:00:00Z' };
    await expect(noticeBallotOpened(ctx, ballot, ['JT-XYXX', 'JT-NOSUCH'])).resolves.toMatchObject({ queued: 1 });
    await expect(noticeBallotOpened(ctx, ballot, ['JT-XYXX'])).resolves.toMatchObject({ queued: 0, already: 1 });
    const [n] = drained();
    expect(n).toMatchObject({ kind: 'ballot-opened', unit: 'JT-XYXX', key: 'ballot-opened#JT-XYXX#ballot/2027-R2/B1' });
    expect(n!.body.zh).toContain('投票截止时间为2027年11月3日 17:00（北京时间）');
  });
});

describe('notices from the round steps', () => {
  it('OpenBallot tells each unit whose ballot opened (its voters vote with codes), once however often it runs', async () => {
    const roundId = '2027-SEL';
    const closesAt = '2027-11-12T09:00:00Z';
    await repos.rounds.create({
      roundId, title: '2027年后备干部遴选', status: 'closed', openedAt: '2027-11-01T00:00:00Z', openedBy: 'bureau', referenceDate: '2027-12-01',
      intakeClosesAt: '2027-11-10T09:00:00Z', scoringClosesAt: '2027-11-13T09:00:00Z', tiers: [3],
      scoringModel: { roundId, components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
      orgDeptApproval: { ref: '坛组干〔2027〕2 号', date: '2027-10-25' }, selection: { recommendation: { closesAt, threshold: 0.5 } },
    } as never);
    // One eligible nominee of JT-XYXX and one of JT-JTZX; JT-EMPTY has none, so no ballot and no notice.
    for (const [i, unitCode] of [[1, 'JT-XYXX'], [2, 'JT-JTZX']] as const) {
      const form = parseNominationForm(validForm({ roundId, unitCode, name: `候选人${i}`, seq: String(100 + 2 * i) }));
      if (!form.ok) throw new Error(JSON.stringify(form.problems));
      await repos.nominations.putIfAbsent({
        nominationId: `N${String(i).padStart(20, '0')}`, roundId, unitCode, status: 'accepted',
        source: { bucket: 'uploads', key: `rounds/${roundId}/units/${unitCode}/${i}.json`, versionId: 'null' },
        receivedAt: '2027-11-02T08:00:00.000Z', personId: person(10 + i), tier: 3, candidateName: `候选人${i}`, form: form.value,
        verdict: { tier: 3, eligible: true, asOf: '2027-12-01', policy: 'jintan-2020@1', reasons: [] } as unknown as Nomination['verdict'],
      });
    }
    drained();
    await roundStep({ action: 'open-ballot', roundId });
    const sent = drained();
    expect(sent.map((n) => [n.kind, n.unit]).sort()).toEqual([['ballot-opened', 'JT-JTZX'], ['ballot-opened', 'JT-XYXX']]);
    expect(sent[0]!.body.zh).toContain('投票截止时间为2027年11月12日 17:00（北京时间）');
    expect(sent[0]!.link).toBe(`/school/rounds/${roundId}`);
    // A retried step (Step Functions retries) sends nothing twice.
    await roundStep({ action: 'open-ballot', roundId });
    expect(drained()).toEqual([]);
  });
});
