/**
 * The local notice queue across a restart (`npm start -- --persist`): with a directory, what
 * was queued — a message waiting for its failed channel to come back, a message already in
 * the DLQ — is still there after the process is replaced, and the waiting one is delivered;
 * files are written whole (no temporary file left), a queue is bounded, and without a
 * directory nothing is kept.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocalLambdas } from '../../local/lambdas';
import { LocalSqs } from '../../local/sqs';
import type { CfnTemplate } from '../../local/template';

const redrive = (maxReceiveCount: number) => ({ maxReceiveCount, deadLetterTargetArn: { 'Fn::GetAtt': ['NoticesDlq', 'Arn'] } });
const mapping = (queue: string) => ({
  Type: 'AWS::Lambda::EventSourceMapping',
  Properties: { EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] }, FunctionName: 'notifier', BatchSize: 10 },
});
/** Two queues into one DLQ: `Once` gives a message one delivery, `Patient` a hundred. */
const TEMPLATE: CfnTemplate = {
  Resources: {
    OnceQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'once', RedrivePolicy: redrive(1) } },
    PatientQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'patient', RedrivePolicy: redrive(100) } },
    NoticesDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'notices-dlq' } },
    OnceMapping: mapping('OnceQueue'),
    PatientMapping: mapping('PatientQueue'),
  },
} as unknown as CfnTemplate;

/** The notifier: down (every delivery throws, as a failed channel does) or up (records what it got). */
function notifier() {
  const got: string[] = [];
  const state = { up: false, calls: 0 };
  const lambdas = {
    invoke: async (_ref: string, event: unknown) => {
      state.calls += 1;
      if (!state.up) throw new Error('the channel is down');
      for (const r of (event as { Records: { body: string }[] }).Records) got.push(r.body);
      return { batchItemFailures: [] };
    },
  } as unknown as LocalLambdas;
  return { lambdas, got, state };
}

async function send(sqs: LocalSqs, queue: string, bodies: string[]): Promise<Response> {
  return fetch(sqs.endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': 'AmazonSQS.SendMessageBatch', 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({ QueueUrl: sqs.queueByName(queue)!.url, Entries: bodies.map((b, i) => ({ Id: String(i), MessageBody: b })) }),
  });
}

/** Polls until `ok` (bounded: 5 s). */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sqs-persist-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the local queues with a data directory', () => {
  it('a message waiting on a failed channel is delivered after a restart; one in the DLQ stays there', async () => {
    const dir = tempDir();
    const first = notifier();
    const before = new LocalSqs(TEMPLATE, { lambdas: first.lambdas, retryIntervalMs: 200, directory: dir });
    await before.start();
    before.resume();
    expect((await send(before, 'once', ['{"n":"to the DLQ"}'])).status).toBe(200);
    expect((await send(before, 'patient', ['{"n":"waiting 1"}', '{"n":"waiting 2"}'])).status).toBe(200);
    // The channel fails: `once` moves to the DLQ after its one delivery, `patient` waits to be retried.
    await until(() => before.queueByName('notices-dlq')!.messages.length === 1 && before.queueByName('patient')!.messages.every((m) => m.receives >= 1));
    const dead = before.queueByName('notices-dlq')!.messages.map((m) => ({ ...m }));
    await before.stop();
    expect(before.queueByName('patient')!.messages).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual(['NoticesDlq.json', 'OnceQueue.json', 'PatientQueue.json']);

    // A new process on the same directory, the channel back up.
    const second = notifier();
    second.state.up = true;
    const after = new LocalSqs(TEMPLATE, { lambdas: second.lambdas, retryIntervalMs: 0, directory: dir });
    await after.start();
    expect(after.queueByName('patient')!.messages.map((m) => m.body)).toEqual(['{"n":"waiting 1"}', '{"n":"waiting 2"}']);
    // Nothing goes out before the stack says the functions can run.
    await new Promise((r) => setTimeout(r, 300));
    expect(second.state.calls).toBe(0);
    after.resume();
    await after.idle(5_000);
    expect(second.got.sort()).toEqual(['{"n":"waiting 1"}', '{"n":"waiting 2"}']);
    expect(after.queueByName('patient')!.messages).toEqual([]);
    // The DLQ is no delivery's source: its message is as it was, id and receive count kept.
    expect(after.queueByName('notices-dlq')!.messages).toEqual(dead);
    await after.stop();

    // And what the second run delivered is gone for a third.
    const third = new LocalSqs(TEMPLATE, { lambdas: notifier().lambdas, directory: dir });
    expect([third.queueByName('patient')!.messages.length, third.queueByName('notices-dlq')!.messages.length]).toEqual([0, 1]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('without a directory nothing is kept: a second instance starts empty', async () => {
    const n = notifier();
    const a = new LocalSqs(TEMPLATE, { lambdas: n.lambdas, retryIntervalMs: 60_000 });
    await a.start();
    expect((await send(a, 'patient', ['{"n":1}'])).status).toBe(200);
    await until(() => n.state.calls >= 1);
    await a.stop();
    const b = new LocalSqs(TEMPLATE, { lambdas: n.lambdas });
    expect(b.queueByName('patient')!.messages).toEqual([]);
  });

  it('a queue is bounded: past its limit a send is refused OverLimit and nothing of it is kept', async () => {
    const dir = tempDir();
    const n = notifier();
    const sqs = new LocalSqs(TEMPLATE, { lambdas: n.lambdas, retryIntervalMs: 60_000, directory: dir, limits: { messages: 3, bytes: 1_000 } });
    await sqs.start();
    try {
      expect((await send(sqs, 'patient', ['a', 'b'])).status).toBe(200);
      const over = await send(sqs, 'patient', ['c', 'd']);
      expect([over.status, ((await over.json()) as { __type: string }).__type]).toEqual([403, 'com.amazonaws.sqs#OverLimit']);
      expect((await send(sqs, 'patient', ['x'.repeat(1_001)])).status).toBe(403);
      expect(sqs.queueByName('patient')!.messages.map((m) => m.body)).toEqual(['a', 'b']);
    } finally {
      await sqs.stop();
    }
    expect(new LocalSqs(TEMPLATE, { lambdas: n.lambdas, directory: dir }).queueByName('patient')!.messages.map((m) => m.body)).toEqual(['a', 'b']);
  });
});
