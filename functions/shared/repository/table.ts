import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../../app/errors';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../../contracts/limits';
import { classifyAwsError } from '../aws-errors';
import { problem } from '../../../domain/problem';
import type { Page, PageRequest } from '../../../app/ports/page';
import { allOf } from '../../../app/pages';

export { allOf, pagesOf } from '../../../app/pages';

export type { Page, PageRequest };

/** What every repository needs: the document client and the pool table's name. */
export interface TableRef {
  doc: DynamoDBDocumentClient;
  table: string;
}

const KEY_ATTRS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/** The record without the table's key attributes (the domain never sees pk/sk). */
export function fromItem<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRS) delete out[k];
  return out as T;
}

/**
 * A Query as data: which key (the table's or gsi1's), the partition, and at most one
 * condition on the sort key. Repositories say what they read in these terms; the
 * KeyConditionExpression is built from it, and a page cursor is checked against the same
 * data (no expression is ever parsed back).
 */
export type SortCondition =
  | { op: 'begins_with'; value: string }
  | { op: 'between'; low: string; high: string }
  | { op: '=' | '<' | '<=' | '>' | '>='; value: string };

export interface KeyQuery<T = Record<string, unknown>> {
  index?: 'gsi1';
  partition: string;
  sort?: SortCondition;
  /** Sort-key descending (newest first for time-ordered keys). */
  descending?: boolean;
  consistent?: boolean;
  /** Only these top-level attributes (a ProjectionExpression): a listing that needs less than the whole item. */
  attributes?: readonly string[];
  /** Turns a stored item into the record (parse it; default: the item less its keys). */
  parse?: (item: Record<string, unknown>) => T;
}

/** The key schemas a Query can run on (infra/constructs/data.ts). An index query's cursor carries both. */
interface KeySchema { partition: string; sort: string }
const TABLE_KEY: KeySchema = { partition: 'pk', sort: 'sk' };
const INDEX_KEYS: Readonly<Record<'gsi1', KeySchema>> = { gsi1: { partition: 'gsi1pk', sort: 'gsi1sk' } };

/** DynamoDB's limits on key values (bytes of UTF-8): 2048 for a partition key, 1024 for a sort key. */
const MAX_PARTITION_BYTES = 2048;
const MAX_SORT_BYTES = 1024;
/** Longer than any cursor of keys within those limits, base64url-encoded. */
export const MAX_CURSOR_LENGTH = 12_000;
const CURSOR_SHAPE = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * The one answer to any cursor that is not a key of the query it was sent to: the same
 * problem whatever was wrong with it (nothing about keys, partitions or other units).
 */
export function cursorInvalid(): ValidationError {
  return new ValidationError([problem('CURSOR_INVALID', 'cursor', '分页游标无效，请从第一页重新查询', 'invalid page cursor; start again from the first page')]);
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/** The cursor as a JSON object (no check that it is a key of anything: see startKeyOf). */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH || !CURSOR_SHAPE.test(cursor)) throw cursorInvalid();
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw cursorInvalid();
}

const bytes = (s: string) => Buffer.from(s, 'utf8');
const isKeyString = (v: unknown, maxBytes: number): v is string =>
  typeof v === 'string' && v !== '' && Buffer.byteLength(v, 'utf8') <= maxBytes;

function satisfies(value: string, c: SortCondition): boolean {
  // DynamoDB orders strings by their UTF-8 bytes.
  const cmp = (other: string) => Buffer.compare(bytes(value), bytes(other));
  switch (c.op) {
    case '=': return cmp(c.value) === 0;
    case '<': return cmp(c.value) < 0;
    case '<=': return cmp(c.value) <= 0;
    case '>': return cmp(c.value) > 0;
    case '>=': return cmp(c.value) >= 0;
    case 'between': return cmp(c.low) >= 0 && cmp(c.high) <= 0;
    case 'begins_with': return value.startsWith(c.value);
  }
}

/**
 * The cursor as the ExclusiveStartKey of this query, or CURSOR_INVALID: it must be a key of
 * the table or index queried (exactly its key attributes, each a string DynamoDB accepts),
 * in the partition the query reads and within its sort-key condition. So a cursor of another
 * list, another round or another unit never reaches DynamoDB (which would answer a 500 at
 * best, another partition's page at worst).
 */
export function startKeyOf(q: KeyQuery<unknown>, cursor: string | undefined): Record<string, string> | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const schema = q.index ? INDEX_KEYS[q.index] : TABLE_KEY;
  const wanted = q.index ? [schema, TABLE_KEY] : [TABLE_KEY];
  const attrs = wanted.flatMap((s) => [s.partition, s.sort]);
  if (Object.keys(key).length !== attrs.length || !attrs.every((a) => Object.hasOwn(key, a))) throw cursorInvalid();
  for (const s of wanted) {
    if (!isKeyString(key[s.partition], MAX_PARTITION_BYTES) || !isKeyString(key[s.sort], MAX_SORT_BYTES)) throw cursorInvalid();
  }
  if (key[schema.partition] !== q.partition) throw cursorInvalid();
  if (q.sort && !satisfies(key[schema.sort] as string, q.sort)) throw cursorInvalid();
  return key as Record<string, string>;
}

/** The Query input the structured query stands for. */
export function queryInput(q: KeyQuery<unknown>): Omit<QueryCommandInput, 'TableName'> {
  const schema = q.index ? INDEX_KEYS[q.index] : TABLE_KEY;
  const values: Record<string, string> = { ':p': q.partition };
  let expr = '#p = :p';
  const names: Record<string, string> = { '#p': schema.partition };
  if (q.sort) {
    names['#s'] = schema.sort;
    if (q.sort.op === 'begins_with') {
      expr += ' AND begins_with(#s, :s)';
      values[':s'] = q.sort.value;
    } else if (q.sort.op === 'between') {
      expr += ' AND #s BETWEEN :lo AND :hi';
      values[':lo'] = q.sort.low;
      values[':hi'] = q.sort.high;
    } else {
      expr += ` AND #s ${q.sort.op} :s`;
      values[':s'] = q.sort.value;
    }
  }
  const projection = (q.attributes ?? []).map((a, i) => {
    names[`#a${i}`] = a;
    return `#a${i}`;
  });
  return {
    ...(q.index ? { IndexName: q.index } : {}),
    ...(projection.length > 0 ? { ProjectionExpression: projection.join(', ') } : {}),
    KeyConditionExpression: expr,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(q.descending ? { ScanIndexForward: false } : {}),
    ...(q.consistent ? { ConsistentRead: true } : {}),
  };
}

/** One page of a Query. A cursor that is not a key of this query is a 400 CURSOR_INVALID. */
export async function queryPage<T>(ref: TableRef, q: KeyQuery<T>, page: PageRequest = {}): Promise<Page<T>> {
  const start = startKeyOf(q, page.cursor);
  const parse = q.parse ?? ((i: Record<string, unknown>) => fromItem<T>(i));
  let res;
  try {
    res = await ref.doc.send(new QueryCommand({
      ...queryInput(q),
      TableName: ref.table,
      Limit: Math.min(Math.max(page.limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT),
      ExclusiveStartKey: start,
    }));
  } catch (e) {
    throw classifyAwsError(e);
  }
  const items = (res.Items ?? []).map((i) => parse(i));
  const cursor = encodeCursor(res.LastEvaluatedKey);
  return cursor ? { items, cursor } : { items };
}

/** Every item of a Query. */
export function queryAll<T>(ref: TableRef, q: KeyQuery<T>): Promise<T[]> {
  return allOf((page) => queryPage(ref, q, page));
}
