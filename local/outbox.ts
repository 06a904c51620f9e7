// The local outbox (DESIGN §7: "locally, an outbox shows what would have been sent"): every
// notice with each delivery's state, as the notifier recorded it in the pool table, and what
// waits in the notice queue's dead-letter queue. Read by the control port's GET /outbox.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allOf } from '../app/pages';
import type { NoticeRecord } from '../app/ports/notices';
import { NoticeRepository } from '../functions/shared/repository/notices';
import type { LocalStack } from './stack';

export interface Outbox {
  notices: NoticeRecord[];
  /** Messages the notifier gave up on (after the queue's maxReceiveCount). */
  deadLetters: { messageId: string; receives: number; key?: string }[];
}

export async function readOutbox(stack: LocalStack, filter: { unit?: string } = {}): Promise<Outbox> {
  const table = stack.environment.POOL_TABLE;
  if (!table) throw new Error('no POOL_TABLE in the local environment');
  const store = new NoticeRepository({ doc: DynamoDBDocumentClient.from(stack.dynamo.client, { marshallOptions: { removeUndefinedValues: true } }), table });
  const notices = await allOf((p) => store.list(filter, p));
  const queue = stack.sqs.queueByLogicalIdPrefix('NoticesQueue');
  const dlq = queue?.deadLetterQueue ? stack.sqs.queues.get(queue.deadLetterQueue) : undefined;
  const deadLetters = (dlq?.messages ?? []).map((m) => {
    let key: string | undefined;
    try {
      key = (JSON.parse(m.body) as { key?: string }).key;
    } catch {
      key = undefined;
    }
    return { messageId: m.messageId, receives: m.receives, ...(key ? { key } : {}) };
  });
  return { notices, deadLetters };
}
