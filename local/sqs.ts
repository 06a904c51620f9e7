// The notice queue of the embedded default: the template's SQS queues with their redrive
// policies and the Lambda event-source mappings that drain them, behind a small endpoint
// that speaks SQS's JSON protocol (SendMessage / SendMessageBatch) and Secrets Manager's
// GetSecretValue (the robots' webhook secrets, held in memory). What the handlers' SDK
// clients call with AWS_ENDPOINT_URL_SQS / _SECRETS_MANAGER, so functions/shared runs
// unchanged. It answers as the services do where the SDK looks: SQS's client sends
// `x-amzn-query-mode: true` (AWS JSON 1.0, query-compatible) and reads an error's query code
// from `x-amzn-query-error`; it checks every MD5OfMessageBody against what it sent.
// With a directory (`npm start -- --persist`) each queue's messages are kept there, written
// through before a send is answered (queue-store.ts), so a restart delivers what was queued.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalLambdas } from './lambdas';
import { QueueStore, type StoredMessage } from './queue-store';
import { resolveValue, resourcesOfType, physicalName, type CfnTemplate, type ResolveOptions } from './template';

type Message = StoredMessage;

export interface LocalQueue {
  logicalId: string;
  name: string;
  arn: string;
  url: string;
  maxReceiveCount?: number;
  /** The DLQ's logical id. */
  deadLetterQueue?: string;
  messages: Message[];
}

interface Mapping {
  queue: string;
  functionRef: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
}

export interface LocalSqsOptions extends ResolveOptions {
  lambdas: LocalLambdas;
  /** Real ms before a failed message is visible again (the visibility timeout; tests: 0). Default 1000. */
  retryIntervalMs?: number;
  /** Keep the queues' messages here (one file a queue) and load them at start; in memory when absent. */
  directory?: string;
  /** What one queue holds at most; default MAX_KEPT_MESSAGES and MAX_KEPT_BYTES. */
  limits?: { messages: number; bytes: number };
}

/** What one queue holds at most (a send past it is refused OverLimit): far above any district's notices. */
export const MAX_KEPT_MESSAGES = 10_000;
export const MAX_KEPT_BYTES = 32 * 1024 * 1024;

const bytesOf = (q: LocalQueue) => q.messages.reduce((n, m) => n + Buffer.byteLength(m.body), 0);

/** Bounded: a drain loop never runs more rounds than this before yielding. */
const MAX_DRAIN_ROUNDS = 1000;
const MAX_REQUESTS_KEPT = 1000;

export class LocalSqs {
  readonly queues = new Map<string, LocalQueue>();
  readonly secrets = new Map<string, string>();
  /** Fault injection: every send answers 500 InternalError (the tests' broken queue). */
  failSends = false;
  /** The SQS calls received (bounded), and whether the client asked for query-compatible errors. */
  readonly requests: { target: string; queryMode: boolean }[] = [];
  private readonly mappings: Mapping[] = [];
  private readonly store: QueueStore | undefined;
  private server: Server | undefined;
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  endpoint = '';

  constructor(template: CfnTemplate, private readonly options: LocalSqsOptions) {
    for (const [logicalId, r] of resourcesOfType(template, 'AWS::SQS::Queue')) {
      const redrive = r.Properties?.RedrivePolicy as { maxReceiveCount?: number; deadLetterTargetArn?: { 'Fn::GetAtt'?: string[] } } | undefined;
      const name = physicalName(template, logicalId, options);
      this.queues.set(logicalId, {
        logicalId, name, url: '', messages: [],
        arn: resolveValue(template, { 'Fn::GetAtt': [logicalId, 'Arn'] }, options) as string,
        ...(redrive?.maxReceiveCount ? { maxReceiveCount: redrive.maxReceiveCount } : {}),
        ...(redrive?.deadLetterTargetArn?.['Fn::GetAtt']?.[0] ? { deadLetterQueue: redrive.deadLetterTargetArn['Fn::GetAtt'][0] } : {}),
      });
    }
    for (const [, r] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
      const p = r.Properties ?? {};
      const source = (p.EventSourceArn as { 'Fn::GetAtt'?: string[] } | undefined)?.['Fn::GetAtt']?.[0];
      if (!source || !this.queues.has(source)) continue;
      this.mappings.push({
        queue: source,
        functionRef: String(resolveValue(template, p.FunctionName, options)),
        batchSize: typeof p.BatchSize === 'number' ? p.BatchSize : 10,
        reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
      });
    }
    if (options.directory) {
      this.store = new QueueStore(options.directory);
      for (const q of this.queues.values()) q.messages.push(...this.store.load(q.logicalId));
    }
  }

  /**
   * Starts delivering what an earlier run left queued (a persisted directory), once the
   * functions can reach the local services: the stack calls it last, after the environment.
   */
  resume(): void {
    if (this.mappings.some((m) => (this.queues.get(m.queue)?.messages.length ?? 0) > 0)) this.schedule(0);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.endpoint = `http://127.0.0.1:${port}`;
    for (const q of this.queues.values()) q.url = `${this.endpoint}/000000000000/${q.name}`;
  }

  /** The queue an event-source mapping drains (the notice queue), by logical id. */
  queueByLogicalIdPrefix(prefix: string): LocalQueue | undefined {
    return [...this.queues.values()].find((q) => q.logicalId.startsWith(prefix) && this.mappings.some((m) => m.queue === q.logicalId));
  }

  queueByName(name: string): LocalQueue | undefined {
    return [...this.queues.values()].find((q) => q.name === name);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves once no mapped queue holds a message that will be delivered again (bounded by `timeoutMs`). */
  async idle(timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      await this.draining;
      if (!this.mappings.some((m) => (this.queues.get(m.queue)?.messages.length ?? 0) > 0)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return answer(res, 400, { __type: 'SerializationException', message: 'not JSON' });
    }
    if (target === 'secretsmanager.GetSecretValue') {
      const id = String(body.SecretId ?? '');
      const value = this.secrets.get(id);
      if (value === undefined) return answer(res, 400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }, JSON_1_1);
      return answer(res, 200, { Name: id, SecretString: value, ARN: `arn:aws:secretsmanager:local:000000000000:secret:${id}-abcdef` }, JSON_1_1);
    }
    if (!target.startsWith('AmazonSQS.')) return answer(res, 400, { __type: 'UnknownOperationException', message: `${target} is not supported locally` }, JSON_1_1);
    if (this.requests.length < MAX_REQUESTS_KEPT) this.requests.push({ target, queryMode: req.headers['x-amzn-query-mode'] === 'true' });
    const sqsError = (e: SqsError, message: string) => sqsAnswer(res, req, e, message);
    if (target !== 'AmazonSQS.SendMessageBatch' && target !== 'AmazonSQS.SendMessage') return sqsError(SQS_ERRORS.unsupported, `${target} is not supported locally`);
    if (this.failSends) return sqsError(SQS_ERRORS.internal, 'the local queue was told to fail');
    const queue = [...this.queues.values()].find((q) => q.url === body.QueueUrl || q.url.endsWith(`/${String(body.QueueUrl).split('/').pop()}`));
    if (!queue) return sqsError(SQS_ERRORS.noQueue, 'The specified queue does not exist.');
    const entries = target === 'AmazonSQS.SendMessage'
      ? [{ Id: '', MessageBody: String(body.MessageBody ?? '') }]
      : (body.Entries as { Id: string; MessageBody: string }[] | undefined) ?? [];
    if (entries.length === 0) return sqsError(SQS_ERRORS.emptyBatch, 'There should be at least one SendMessageBatchRequestEntry in the request.');
    if (entries.length > 10) return sqsError(SQS_ERRORS.tooMany, 'Maximum number of entries per request are 10.');
    // Bounded, kept or not: a queue nobody drains (a notifier failing for hours) must not
    // grow the process, or the data directory, without end. The sender sees a refusal.
    const bytes = entries.reduce((n, e) => n + Buffer.byteLength(String(e.MessageBody)), 0);
    const limits = this.limits();
    if (queue.messages.length + entries.length > limits.messages || bytesOf(queue) + bytes > limits.bytes) {
      return sqsError(SQS_ERRORS.overLimit, `the local queue keeps at most ${limits.messages} messages, ${limits.bytes} bytes`);
    }
    const sent = entries.map((e) => ({ entry: e, message: this.put(queue, String(e.MessageBody)) }));
    // Written through before the answer: a message the sender was told is queued survives a restart.
    this.persist(queue);
    if (target === 'AmazonSQS.SendMessage') {
      const m = sent[0]!.message;
      answer(res, 200, { MessageId: m.messageId, MD5OfMessageBody: md5(m.body) });
    } else {
      answer(res, 200, { Successful: sent.map(({ entry, message }) => ({ Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: md5(message.body) })), Failed: [] });
    }
    this.schedule(0);
  }

  private put(queue: LocalQueue, body: string): Message {
    const m: Message = { messageId: randomUUID(), body, receives: 0, sentAt: Date.now(), visibleAt: 0 };
    queue.messages.push(m);
    return m;
  }

  private limits(): { messages: number; bytes: number } {
    return this.options.limits ?? { messages: MAX_KEPT_MESSAGES, bytes: MAX_KEPT_BYTES };
  }

  private persist(...queues: LocalQueue[]): void {
    for (const q of queues) this.store?.save(q.logicalId, q.messages);
  }

  private schedule(ms: number): void {
    if (this.draining) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.draining = this.drain().finally(() => { this.draining = undefined; });
    }, ms);
    this.timer.unref();
  }

  /** Delivers visible messages to their functions, batch by batch, as the event-source mapping would. */
  private async drain(): Promise<void> {
    const retryMs = this.options.retryIntervalMs ?? 1000;
    for (let round = 0; round < MAX_DRAIN_ROUNDS; round++) {
      let delivered = false;
      for (const m of this.mappings) {
        const queue = this.queues.get(m.queue)!;
        const now = Date.now();
        const batch = queue.messages.filter((x) => x.visibleAt <= now).slice(0, m.batchSize);
        if (batch.length === 0) continue;
        delivered = true;
        for (const x of batch) x.receives += 1;
        // Not written before the delivery: a run stopped mid-delivery delivers the batch again
        // after the restart, as SQS does when a visibility timeout runs out (at least once).
        const failed = await this.invoke(m, queue, batch);
        const dlq = queue.deadLetterQueue ? this.queues.get(queue.deadLetterQueue) : undefined;
        for (const x of batch) {
          if (!failed.has(x.messageId)) {
            queue.messages.splice(queue.messages.indexOf(x), 1);
          } else if (queue.maxReceiveCount !== undefined && x.receives >= queue.maxReceiveCount) {
            queue.messages.splice(queue.messages.indexOf(x), 1);
            dlq?.messages.push({ ...x, visibleAt: 0 });
            // As SQS's retention drops the oldest, so the DLQ stays bounded too.
            const keep = this.limits().messages;
            if (dlq && dlq.messages.length > keep) dlq.messages.splice(0, dlq.messages.length - keep);
          } else {
            x.visibleAt = Date.now() + retryMs;
          }
        }
        // The DLQ first: a crash between the two writes leaves a message in both (delivered
        // again, at least once), never in neither.
        if (dlq) this.persist(dlq);
        this.persist(queue);
      }
      if (!delivered) {
        const next = Math.min(...this.mappings.flatMap((m) => this.queues.get(m.queue)!.messages.map((x) => x.visibleAt)));
        if (Number.isFinite(next)) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => { this.draining ??= this.drain().finally(() => { this.draining = undefined; }); }, Math.max(0, next - Date.now()));
          this.timer.unref();
        }
        return;
      }
    }
  }

  private async invoke(m: Mapping, queue: LocalQueue, batch: Message[]): Promise<Set<string>> {
    const event = {
      Records: batch.map((x) => ({
        messageId: x.messageId, receiptHandle: x.messageId, body: x.body,
        attributes: { ApproximateReceiveCount: String(x.receives), SentTimestamp: String(x.sentAt), SenderId: 'local', ApproximateFirstReceiveTimestamp: String(Date.now()) },
        messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: queue.arn, awsRegion: this.options.region ?? 'us-east-1',
      })),
    };
    try {
      const result = await this.options.lambdas.invoke(m.functionRef, event) as { batchItemFailures?: { itemIdentifier: string }[] } | null;
      if (!m.reportBatchItemFailures) return new Set();
      return new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      // A thrown invocation fails the whole batch, as on AWS.
      return new Set(batch.map((x) => x.messageId));
    }
  }
}

const JSON_1_0 = 'application/x-amz-json-1.0';
const JSON_1_1 = 'application/x-amz-json-1.1';

function answer(res: ServerResponse, status: number, body: unknown, contentType = JSON_1_0, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(JSON.stringify(body));
}

const md5 = (body: string) => createHash('md5').update(body, 'utf8').digest('hex');

/** An SQS error: its JSON type (the SDK's exception name) and its query code (what `Code` says). */
interface SqsError { status: number; type: string; queryCode: string; fault: 'Sender' | 'Receiver' }
const SQS_ERRORS = {
  noQueue: { status: 400, type: 'QueueDoesNotExist', queryCode: 'AWS.SimpleQueueService.NonExistentQueue', fault: 'Sender' },
  emptyBatch: { status: 400, type: 'EmptyBatchRequest', queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest', fault: 'Sender' },
  tooMany: { status: 400, type: 'TooManyEntriesInBatchRequest', queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', fault: 'Sender' },
  unsupported: { status: 400, type: 'UnsupportedOperation', queryCode: 'AWS.SimpleQueueService.UnsupportedOperation', fault: 'Sender' },
  internal: { status: 500, type: 'InternalError', queryCode: 'InternalError', fault: 'Receiver' },
  overLimit: { status: 403, type: 'OverLimit', queryCode: 'OverLimit', fault: 'Sender' },
} satisfies Record<string, SqsError>;

/** As SQS answers in JSON: the namespaced type, and the query code only to a client that asked for it. */
function sqsAnswer(res: ServerResponse, req: IncomingMessage, e: SqsError, message: string): void {
  const queryMode = req.headers['x-amzn-query-mode'] === 'true';
  answer(res, e.status, { __type: `com.amazonaws.sqs#${e.type}`, message }, JSON_1_0, queryMode ? { 'x-amzn-query-error': `${e.queryCode};${e.fault}` } : {});
}
