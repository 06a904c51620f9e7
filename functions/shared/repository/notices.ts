import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryState, DeliveryStatus } from '../../../contracts/notices';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../../contracts/limits';
import type { Notice } from '../../../domain/notices/notice';
import type { NoticeRecord, NoticeStore } from '../../../app/ports/notices';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import { encodeCursor, fromItem, startKeyOf, type Page, type PageRequest, type TableRef } from './table';

export type { NoticeRecord };

/**
 * The notices and their delivery states — the outbox — over the pool table:
 * `NOTICE#{key}` / `META` (one item per notice key: the conditional put is the idempotency),
 * listed newest first on gsi1 `NOTICES` / `{at}#{key}`. A school's own are the same query
 * filtered by unit; notices are few (a handful per unit per round), so the filter is cheap.
 */
const key = (k: string) => ({ pk: `NOTICE#${k}`, sk: 'META' });
const LIST = 'NOTICES';
/** Pages the filtered query reads at most to fill one page. */
const MAX_SCANNED_PAGES = 20;

/** A notice as a whole: failed if any delivery failed, sent if all did, pending otherwise. */
export function overallStatus(states: Record<string, DeliveryState>, deliveries: number): DeliveryStatus {
  const all = Object.values(states);
  if (all.some((s) => s.status === 'failed')) return 'failed';
  if (deliveries > 0 && all.length >= deliveries && all.every((s) => s.status === 'sent')) return 'sent';
  // No contact the notifier can reach: the unit was not told (the outbox says so).
  return deliveries === 0 ? 'failed' : 'pending';
}

function parse(item: Record<string, unknown>): NoticeRecord {
  const r = fromItem<Omit<NoticeRecord, 'status'>>(item);
  const states = r.states ?? {};
  return { ...r, states, status: overallStatus(states, r.deliveries.length) };
}

export class NoticeRepository implements NoticeStore {
  constructor(private readonly ref: TableRef) {}

  async create(notice: Notice, at: string): Promise<{ record: NoticeRecord; created: boolean }> {
    const states = Object.fromEntries(notice.deliveries.map((d) => [d.id, { status: 'pending', attempts: 0 } satisfies DeliveryState]));
    const item = { ...notice, recordedAt: at, states };
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...item, ...key(notice.key), gsi1pk: LIST, gsi1sk: `${notice.at}#${notice.key}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return { record: parse(item), created: true };
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
    const existing = await this.get(notice.key);
    if (!existing) throw new Error(`notice ${notice.key} exists and does not`);
    return { record: existing, created: false };
  }

  async get(k: string): Promise<NoticeRecord | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: key(k), ConsistentRead: true }));
      return res.Item ? parse(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async markEnqueued(k: string, at: string): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table, Key: key(k),
        UpdateExpression: 'SET enqueuedAt = if_not_exists(enqueuedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }));
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async recordAttempt(k: string, deliveryId: string, state: DeliveryState): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table, Key: key(k),
        UpdateExpression: 'SET #states.#d = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#states': 'states', '#d': deliveryId },
        ExpressionAttributeValues: { ':s': state },
      }));
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async list(filter: { unit?: string }, page: PageRequest = {}): Promise<Page<NoticeRecord>> {
    const q = { index: 'gsi1' as const, partition: LIST, descending: true };
    const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT);
    let start = startKeyOf(q, page.cursor);
    const items: NoticeRecord[] = [];
    for (let i = 0; i < MAX_SCANNED_PAGES && items.length < limit; i++) {
      let res;
      try {
        res = await this.ref.doc.send(new QueryCommand({
          TableName: this.ref.table, IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ...(filter.unit ? { FilterExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'unit' } } : {}),
          ExpressionAttributeValues: { ':p': LIST, ...(filter.unit ? { ':u': filter.unit } : {}) },
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: start,
        }));
      } catch (e) {
        throw classifyAwsError(e);
      }
      items.push(...(res.Items ?? []).map(parse));
      start = res.LastEvaluatedKey as Record<string, string> | undefined;
      if (!start) break;
    }
    const cursor = encodeCursor(start);
    return cursor ? { items, cursor } : { items };
  }
}
