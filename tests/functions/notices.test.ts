import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { announce } from '../../app/notices/announce';
import type { Log } from '../../app/ports';
import type { NoticeQueue } from '../../app/ports/notices';
import { formRejectedNotice, roundOpenedNotice } from '../../domain/notices';
import type { Notice } from '../../domain/notices/notice';
import type { UnitContact } from '../../domain/units/unit';
import { deliver } from '../../functions/notifier/deliver';
import { handler } from '../../functions/notifier/handler';
import { TransientError } from '../../app/errors';
import { classifyAwsError } from '../../functions/shared/aws-errors';
import { SqsNoticeQueue } from '../../functions/shared/notice-queue';
import { NoticeRepository } from '../../functions/shared/repository/notices';
import { rewire } from '../../functions/shared/wiring';
import { LocalLambdas } from '../../local/lambdas';
import { LocalSqs } from '../../local/sqs';
import { applyEnv, startEmulators, type Emulators } from '../support/emulators';

/**
 * Notices to units (issue #14.4): announcing over the real outbox store on dynalite, with a
 * queue that fails (the one fault here that is faked: a queue refusing); and the notifier
 * handler against a webhook server on 127.0.0.1 that can be told to fail, with the robots'
 * secrets from the local Secrets Manager endpoint.
 */

interface Robot { server: Server; url: string; calls: { path: string; query: URLSearchParams; body: Record<string, unknown> }[]; fail: boolean }

async function startRobot(): Promise<Robot> {
  const robot: Robot = { server: undefined as unknown as Server, url: '', calls: [], fail: false };
  robot.server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      robot.calls.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' });
      // As the services answer: HTTP 200 and a non-zero errcode when they refuse.
      res.end(JSON.stringify(robot.fail ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => robot.server.listen(0, '127.0.0.1', () => r()));
  robot.url = `http://127.0.0.1:${(robot.server.address() as AddressInfo).port}`;
  return robot;
}

const UNIT = (contacts: UnitContact[]) => ({ code: 'JT-XYXX', name: '金坛区西旸小学', contacts });
const ROUND = { roundId: 'R2026-1', title: '2026年第一批后备干部遴选', intakeClosesAt: '2026-03-15T10:00:00Z' };

function recordingLog() {
  const lines: { level: string; message: string; extra: Record<string, unknown> }[] = [];
  const log: Log = {
    info: (message, ...e) => lines.push({ level: 'info', message, extra: Object.assign({}, ...e) as Record<string, unknown> }),
    warn: (message, ...e) => lines.push({ level: 'warn', message, extra: Object.assign({}, ...e) as Record<string, unknown> }),
    error: (message, ...e) => lines.push({ level: 'error', message, extra: Object.assign({}, ...e) as Record<string, unknown> }),
  };
  return { log, lines };
}

let emu: Emulators;
let store: NoticeRepository;
let robot: Robot;
let local: LocalSqs;
let restore: () => void;

beforeAll(async () => {
  emu = await startEmulators();
  store = new NoticeRepository({ doc: emu.doc, table: emu.tables.pool });
  robot = await startRobot();
  // Only its Secrets Manager side is used here (no queues in an empty template).
  local = new LocalSqs({ Resources: {} }, { lambdas: new LocalLambdas([]) });
  await local.start();
  restore = applyEnv({ ...emu.env, AWS_ENDPOINT_URL_SECRETS_MANAGER: local.endpoint, NOTICE_DELIVERY: 'local', CONSOLE_URL: 'https://console.example.cn' });
  rewire();
}, 30_000);

afterAll(async () => {
  restore?.();
  rewire();
  await local?.stop();
  await new Promise<void>((r) => robot.server.close(() => r()));
  await emu?.stop();
});

beforeEach(() => {
  robot.calls.length = 0;
  robot.fail = false;
});

describe('announce: a notice queue that fails never reaches the caller', () => {
  it('a failing queue is logged with its metric and swallowed; the next attempt queues what was left, once', async () => {
    const n = roundOpenedNotice(UNIT([{ name: '王老师', email: 'wang@xyxx.jtedu.cn' }]), { ...ROUND, roundId: 'R-FAIL' }, '2026-03-01T02:00:00Z');
    const { log, lines } = recordingLog();
    const broken: NoticeQueue = { enqueue: () => Promise.reject(new Error('SQS is down')) };
    const ctx = (queue: NoticeQueue) => ({ logger: log, now: () => new Date('2026-03-01T02:00:01Z'), notices: { store, queue } });

    await expect(announce(ctx(broken), [n])).resolves.toEqual({ queued: 0, already: 0, failed: 1, unreachable: 0 });
    expect(lines.find((l) => l.level === 'error')?.extra).toMatchObject({ metric: 'NoticesNotEnqueued', count: 1, stage: 'queue', kinds: ['round-opened'] });
    // The texts are not in the log line (they name people).
    expect(JSON.stringify(lines)).not.toContain('王老师');
    expect((await store.get(n.key))?.enqueuedAt).toBeUndefined();

    const sent: Notice[] = [];
    const working: NoticeQueue = { enqueue: async (ns) => { sent.push(...ns); } };
    await expect(announce(ctx(working), [n])).resolves.toMatchObject({ queued: 1, failed: 0 });
    await expect(announce(ctx(working), [n])).resolves.toMatchObject({ queued: 0, already: 1 });
    expect(sent.map((x) => x.key)).toEqual([n.key]);
    expect((await store.get(n.key))?.enqueuedAt).toBe('2026-03-01T02:00:01.000Z');
  });

  it('a store that fails is swallowed too, and a unit no one can be reached at is recorded as such', async () => {
    const { log } = recordingLog();
    const failingStore = { ...store, create: () => Promise.reject(new Error('throttled')) } as unknown as NoticeRepository;
    const n = roundOpenedNotice(UNIT([{ name: '王老师', email: 'w@x.cn' }]), { ...ROUND, roundId: 'R-STORE' }, '2026-03-01T02:00:00Z');
    await expect(announce({ logger: log, now: () => new Date(), notices: { store: failingStore, queue: { enqueue: async () => {} } } }, [n])).resolves.toMatchObject({ failed: 1 });

    const nobody = roundOpenedNotice(UNIT([{ name: '李老师', phone: '13812345678' }]), { ...ROUND, roundId: 'R-NOBODY' }, '2026-03-01T02:00:00Z');
    await expect(announce({ logger: log, now: () => new Date(), notices: { store, queue: { enqueue: () => Promise.reject(new Error('not called')) } } }, [nobody])).resolves.toMatchObject({ unreachable: 1, failed: 0 });
    expect((await store.get(nobody.key))?.status).toBe('failed');
  });
});

const CONTEXT = { functionName: 'notifier', awsRequestId: 'test', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
const sqsEvent = (bodies: { id: string; body: string; receives?: number }[]): SQSEvent => ({
  Records: bodies.map((b) => ({
    messageId: b.id, receiptHandle: b.id, body: b.body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q', awsRegion: 'us-east-1', messageAttributes: {},
    attributes: { ApproximateReceiveCount: String(b.receives ?? 1), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  })),
});

describe('the notifier handler', () => {
  it('delivers to WeChat Work and signed DingTalk robots, records the e-mail in the outbox, and reports only the failed message', async () => {
    local.secrets.set('talent-pool/notify/xyxx-wecom', JSON.stringify({ url: `${robot.url}/cgi-bin/webhook/send?key=k1` }));
    local.secrets.set('talent-pool/notify/xyxx-ding', JSON.stringify({ url: `${robot.url}/robot/send?access_token=t1`, sign: 'SECtest' }));
    local.secrets.set('talent-pool/notify/broken', JSON.stringify({ url: `${robot.url}/broken` }));
    const ok = roundOpenedNotice(UNIT([{ name: '王老师', email: 'wang@xyxx.jtedu.cn', wecomSecret: 'talent-pool/notify/xyxx-wecom' }, { name: '校办', dingtalkSecret: 'talent-pool/notify/xyxx-ding' }]), { ...ROUND, roundId: 'R-OK' }, '2026-03-01T02:00:00Z');
    const bad = formRejectedNotice(UNIT([{ name: '王老师', email: 'wang@xyxx.jtedu.cn', wecomSecret: 'talent-pool/notify/missing' }]), { roundId: 'R-OK', nominationId: 'N1', name: '张三', reasons: [{ zh: '缺少身份证号', en: 'no ID number' }] }, '2026-03-01T02:00:00Z');

    const res = await handler(sqsEvent([{ id: 'm1', body: JSON.stringify(ok) }, { id: 'm2', body: JSON.stringify(bad) }, { id: 'm3', body: '{"not":"a notice"}' }]), CONTEXT);
    expect(res.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m2', 'm3']);

    // The two robots were called, each once, with the Chinese text and the absolute link.
    expect(robot.calls.map((c) => c.path).sort()).toEqual(['/cgi-bin/webhook/send', '/robot/send']);
    const wecom = robot.calls.find((c) => c.path === '/cgi-bin/webhook/send')!;
    expect(wecom.body).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(wecom.body)).toContain('https://console.example.cn/school/rounds/R-OK');
    const ding = robot.calls.find((c) => c.path === '/robot/send')!;
    const ts = ding.query.get('timestamp')!;
    expect(ding.query.get('access_token')).toBe('t1');
    expect(ding.query.get('sign')).toBe(createHmac('sha256', 'SECtest').update(`${ts}\nSECtest`).digest('base64'));

    const okRec = (await store.get(ok.key))!;
    expect(okRec.status).toBe('sent');
    expect(okRec.states['0-email']).toMatchObject({ status: 'sent', mode: 'outbox', attempts: 1 });
    expect(okRec.states['0-wecom']).toMatchObject({ status: 'sent', mode: 'delivered' });
    const badRec = (await store.get(bad.key))!;
    expect(badRec.status).toBe('failed');
    expect(badRec.states['0-email']).toMatchObject({ status: 'sent', mode: 'outbox' });
    expect(badRec.states['0-wecom']).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/^SecretResourceNotFoundException/) });

    // Redelivered (the secret now exists): only the failed delivery is tried again.
    local.secrets.set('talent-pool/notify/missing', JSON.stringify({ url: `${robot.url}/cgi-bin/webhook/send?key=k2` }));
    robot.calls.length = 0;
    const again = await handler(sqsEvent([{ id: 'm2', body: JSON.stringify(bad), receives: 2 }, { id: 'm1', body: JSON.stringify(ok), receives: 2 }]), CONTEXT);
    expect(again.batchItemFailures).toEqual([]);
    expect(robot.calls.map((c) => c.query.get('key'))).toEqual(['k2']);
    expect((await store.get(bad.key))!.states['0-wecom']).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a robot that refuses (errcode ≠ 0) fails its delivery and the message, and succeeds on a later receive', async () => {
    local.secrets.set('talent-pool/notify/flaky', JSON.stringify({ url: `${robot.url}/cgi-bin/webhook/send?key=flaky` }));
    const n = roundOpenedNotice(UNIT([{ name: '群', wecomSecret: 'talent-pool/notify/flaky' }]), { ...ROUND, roundId: 'R-FLAKY' }, '2026-03-01T02:00:00Z');
    robot.fail = true;
    for (let i = 1; i <= 2; i++) {
      const r = await handler(sqsEvent([{ id: 'f', body: JSON.stringify(n), receives: i }]), CONTEXT);
      expect(r.batchItemFailures).toEqual([{ itemIdentifier: 'f' }]);
    }
    expect((await store.get(n.key))!.states['0-wecom']).toMatchObject({ status: 'failed', attempts: 2, error: expect.stringContaining('WebhookRefused: errcode 45009') });
    robot.fail = false;
    expect((await handler(sqsEvent([{ id: 'f', body: JSON.stringify(n), receives: 3 }]), CONTEXT)).batchItemFailures).toEqual([]);
    expect((await store.get(n.key))!.status).toBe('sent');
    expect(robot.calls).toHaveLength(3);
  });

  it('locally a webhook off 127.0.0.1 is recorded, never called; the error never carries the URL', async () => {
    local.secrets.set('talent-pool/notify/real', JSON.stringify({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=REALKEY' }));
    const n = roundOpenedNotice(UNIT([{ name: '群', wecomSecret: 'talent-pool/notify/real' }]), { ...ROUND, roundId: 'R-REAL' }, '2026-03-01T02:00:00Z');
    expect((await handler(sqsEvent([{ id: 'r', body: JSON.stringify(n) }]), CONTEXT)).batchItemFailures).toEqual([]);
    expect((await store.get(n.key))!.states['0-wecom']).toMatchObject({ status: 'sent', mode: 'outbox' });
    expect(robot.calls).toHaveLength(0);
    expect(JSON.stringify(await store.get(n.key))).not.toContain('REALKEY');
  });
});

describe('the notice queue through the SDK SQS client, against the local queue', () => {
  // A queue without a consumer: what was sent stays there to be read.
  let sqs: LocalSqs;
  let undo: () => void;
  beforeAll(async () => {
    sqs = new LocalSqs({ Resources: { NoticeQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'notices' } } } }, { lambdas: new LocalLambdas([]) });
    await sqs.start();
    undo = applyEnv({ AWS_ENDPOINT_URL_SQS: sqs.endpoint });
    rewire();
  });
  afterAll(async () => {
    undo?.();
    rewire();
    await sqs?.stop();
  });

  const queue = () => sqs.queueByName('notices')!;
  const notices = (count: number) => Array.from({ length: count }, (_, i) =>
    roundOpenedNotice(UNIT([{ name: '王老师', email: 'wang@xyxx.jtedu.cn' }]), { ...ROUND, roundId: `R-Q${i}` }, '2026-03-01T02:00:00Z'));

  it('sends 12 notices as two batches, each body the notice (the SDK checked every MD5OfMessageBody)', async () => {
    const sent = notices(12);
    await new SqsNoticeQueue(queue().url).enqueue(sent);
    expect(queue().messages.map((m) => (JSON.parse(m.body) as Notice).key)).toEqual(sent.map((n) => n.key));
    expect(sqs.requests.map((r) => [r.target, r.queryMode])).toEqual([['AmazonSQS.SendMessageBatch', true], ['AmazonSQS.SendMessageBatch', true]]);
  });

  it('a queue that does not exist is the SDK\'s QueueDoesNotExist, with its query code; not worth a retry', async () => {
    const e = await new SqsNoticeQueue(`${sqs.endpoint}/000000000000/nowhere`).enqueue(notices(1)).then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue', $fault: 'client' });
    expect(classifyAwsError(e)).toBe(e);
  });

  it('a queue that fails (500) is retried by the SDK, then surfaces as transient', async () => {
    sqs.requests.length = 0;
    sqs.failSends = true;
    try {
      const e = await new SqsNoticeQueue(queue().url).enqueue(notices(1)).then(() => undefined, (x: unknown) => x);
      expect(e).toMatchObject({ $fault: 'server', $metadata: { httpStatusCode: 500 } });
      expect(classifyAwsError(e)).toBeInstanceOf(TransientError);
      expect(sqs.requests.length).toBe(3); // the SDK's standard retry mode: three attempts
    } finally {
      sqs.failSends = false;
    }
  }, 20_000);
});

describe('e-mail on AWS through the SDK SES v2 client', () => {
  // No SES emulator exists and locally e-mail is only recorded (DESIGN §7), so a server on
  // 127.0.0.1 stands in for SES here: it records the request the real client sends and can
  // refuse as SES does (400, x-amzn-errortype), the one fault this cannot cause otherwise.
  let ses: Server;
  const calls: { path: string; body: Record<string, unknown>; auth: string }[] = [];
  let reject = false;
  let undo: () => void;
  beforeAll(async () => {
    ses = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, auth: String(req.headers.authorization ?? '') });
        if (reject) {
          res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/' });
          res.end(JSON.stringify({ message: 'Email address is not verified.' }));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ MessageId: 'm-1' }));
        }
      });
    });
    await new Promise<void>((r) => ses.listen(0, '127.0.0.1', () => r()));
    undo = applyEnv({ AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${(ses.address() as AddressInfo).port}` });
    rewire();
  });
  afterAll(async () => {
    undo?.();
    rewire();
    await new Promise<void>((r) => ses.close(() => r()));
  });

  const n = roundOpenedNotice(UNIT([{ name: '王老师', email: 'wang@xyxx.jtedu.cn' }]), { ...ROUND, roundId: 'R-SES' }, '2026-03-01T02:00:00Z');
  const cfg = { mode: 'aws' as const, emailFrom: 'notices@jtedu.cn', consoleUrl: 'https://console.example.cn', now: () => new Date('2026-03-01T02:00:05Z') };

  it('sends the Chinese subject and both texts with the absolute link, signed by the SDK', async () => {
    calls.length = 0;
    reject = false;
    const state = await deliver(n, n.deliveries[0]!, undefined, cfg);
    expect(state).toMatchObject({ status: 'sent', mode: 'delivered', attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v2/email/outbound-emails');
    expect(calls[0]!.auth).toMatch(/^AWS4-HMAC-SHA256 Credential=.*\/ses\/aws4_request/);
    expect(calls[0]!.body).toMatchObject({ FromEmailAddress: 'notices@jtedu.cn', Destination: { ToAddresses: ['wang@xyxx.jtedu.cn'] }, Content: { Simple: { Subject: { Data: n.subject.zh, Charset: 'UTF-8' } } } });
    const text = (calls[0]!.body as { Content: { Simple: { Body: { Text: { Data: string } } } } }).Content.Simple.Body.Text.Data;
    expect(text).toContain(n.body.zh);
    expect(text).toContain(n.body.en);
    expect(text).toContain('https://console.example.cn/school/rounds/R-SES');
  });

  it('a refusal fails the delivery with SES\'s error name, not retried by the SDK', async () => {
    calls.length = 0;
    reject = true;
    const state = await deliver(n, n.deliveries[0]!, { status: 'failed', attempts: 1, lastAttemptAt: '2026-03-01T02:00:00Z' }, cfg);
    expect(state).toMatchObject({ status: 'failed', attempts: 2, error: 'MessageRejected: Email address is not verified.' });
    expect(calls).toHaveLength(1);
  });
});
