import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError, classifyAwsError } from '../errors';
import { problem } from '../../../domain/problem';

/** What every repository needs: the document client and the pool table's name. */
export interface TableRef {
  doc: DynamoDBDocumentClient;
  table: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  cursor?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

const KEY_ATTRS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/** The record without the table's key attributes (the domain never sees pk/sk). */
export function fromItem<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRS) delete out[k];
  return out as T;
}

/**
 * The key schemas a Query can run on (infra/constructs/data.ts): the table's own key, and
 * gsi1's. A page cursor of an index query carries the index key and the table key.
 */
interface KeySchema { partition: string; sort: string }
const TABLE_KEY: KeySchema = { partition: 'pk', sort: 'sk' };
const INDEX_KEYS: Readonly<Record<string, KeySchema>> = { gsi1: { partition: 'gsi1pk', sort: 'gsi1sk' } };

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

/** The cursor as a JSON object (no check that it is a key of anything: see queryPage). */
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

/** One condition of a KeyConditionExpression, names and values resolved. */
type KeyCondition =
  | { attr: string; op: '=' | '<' | '<=' | '>' | '>='; value: unknown }
  | { attr: string; op: 'between'; low: unknown; high: unknown }
  | { attr: string; op: 'begins_with'; value: unknown };

const NAME = String.raw`(#?[A-Za-z0-9_.-]+)`;
const VALUE = String.raw`(:[A-Za-z0-9_]+)`;
const COMPARISON = new RegExp(String.raw`^${NAME}\s*(=|<=|>=|<|>)\s*${VALUE}$`);
const BETWEEN = new RegExp(String.raw`^${NAME}\s+BETWEEN\s+${VALUE}\s+AND\s+${VALUE}$`, 'i');
const BEGINS_WITH = new RegExp(String.raw`^begins_with\s*\(\s*${NAME}\s*,\s*${VALUE}\s*\)$`);

function condition(text: string, input: Omit<QueryCommandInput, 'TableName'>): KeyCondition | undefined {
  let s = text.trim();
  while (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  const names = input.ExpressionAttributeNames ?? {};
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const attr = (n: string) => (n.startsWith('#') ? names[n] : n);
  let m = COMPARISON.exec(s);
  if (m) {
    const a = attr(m[1] as string);
    return a === undefined ? undefined : { attr: a, op: m[2] as '=' | '<' | '<=' | '>' | '>=', value: values[m[3] as string] };
  }
  m = BETWEEN.exec(s);
  if (m) {
    const a = attr(m[1] as string);
    return a === undefined ? undefined : { attr: a, op: 'between', low: values[m[2] as string], high: values[m[3] as string] };
  }
  m = BEGINS_WITH.exec(s);
  if (m) {
    const a = attr(m[1] as string);
    return a === undefined ? undefined : { attr: a, op: 'begins_with', value: values[m[2] as string] };
  }
  return undefined;
}

/** A KeyConditionExpression's conditions: the partition's equality, and at most one on the sort key. */
function keyConditions(input: Omit<QueryCommandInput, 'TableName'>): KeyCondition[] | undefined {
  const expr = (input.KeyConditionExpression ?? '').trim();
  const single = condition(expr, input);
  if (single) return [single];
  // Split at an AND that is not BETWEEN's own: both sides must be conditions.
  for (const m of expr.matchAll(/\s+AND\s+/gi)) {
    const left = condition(expr.slice(0, m.index), input);
    const right = condition(expr.slice(m.index + m[0].length), input);
    if (left && right) return [left, right];
  }
  return undefined;
}

const bytes = (s: string) => Buffer.from(s, 'utf8');
const isKeyString = (v: unknown, maxBytes: number): v is string =>
  typeof v === 'string' && v !== '' && Buffer.byteLength(v, 'utf8') <= maxBytes;

function satisfies(value: string, c: KeyCondition): boolean {
  // DynamoDB orders strings by their UTF-8 bytes.
  const cmp = (other: unknown) => (typeof other === 'string' ? Buffer.compare(bytes(value), bytes(other)) : Number.NaN);
  switch (c.op) {
    case '=': return cmp(c.value) === 0;
    case '<': return cmp(c.value) < 0;
    case '<=': return cmp(c.value) <= 0;
    case '>': return cmp(c.value) > 0;
    case '>=': return cmp(c.value) >= 0;
    case 'between': return cmp(c.low) >= 0 && cmp(c.high) <= 0;
    case 'begins_with': return typeof c.value === 'string' && value.startsWith(c.value);
  }
}

/**
 * The cursor as the ExclusiveStartKey of this query, or CURSOR_INVALID: it must be a key of
 * the table or index queried (exactly its key attributes, each a string DynamoDB accepts),
 * in the partition the query reads and within its sort-key condition. So a cursor of another
 * list, another round or another unit never reaches DynamoDB (which would answer a 500 at
 * best, another partition's page at worst).
 */
export function startKeyOf(input: Omit<QueryCommandInput, 'TableName'>, cursor: string | undefined): Record<string, string> | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const index = input.IndexName === undefined ? undefined : INDEX_KEYS[input.IndexName];
  if (input.IndexName !== undefined && index === undefined) throw new Error(`queryPage: unknown index ${input.IndexName}`);
  const conditions = keyConditions(input);
  if (!conditions) throw new Error('queryPage: key condition not understood');
  const schema = index ?? TABLE_KEY;
  const wanted = index ? [index, TABLE_KEY] : [TABLE_KEY];
  const attrs = wanted.flatMap((s) => [s.partition, s.sort]);
  const given = Object.keys(key);
  if (given.length !== attrs.length || !attrs.every((a) => Object.hasOwn(key, a))) throw cursorInvalid();
  for (const s of wanted) {
    if (!isKeyString(key[s.partition], MAX_PARTITION_BYTES) || !isKeyString(key[s.sort], MAX_SORT_BYTES)) throw cursorInvalid();
  }
  const onPartition = conditions.find((c) => c.attr === schema.partition && c.op === '=');
  if (!onPartition || conditions.some((c) => c.attr !== schema.partition && c.attr !== schema.sort)) {
    throw new Error('queryPage: key condition not understood');
  }
  for (const c of conditions) {
    if (!satisfies(key[c.attr] as string, c)) throw cursorInvalid();
  }
  return key as Record<string, string>;
}

/** One page of a Query. A cursor that is not a key of this query is a 400 CURSOR_INVALID. */
export async function queryPage<T>(ref: TableRef, input: Omit<QueryCommandInput, 'TableName'>, page: PageRequest = {}): Promise<Page<T>> {
  const start = startKeyOf(input, page.cursor);
  try {
    const res = await ref.doc.send(new QueryCommand({
      ...input,
      TableName: ref.table,
      Limit: Math.min(Math.max(page.limit ?? 100, 1), 1000),
      ExclusiveStartKey: start,
    }));
    const items = (res.Items ?? []).map((i) => fromItem<T>(i));
    const cursor = encodeCursor(res.LastEvaluatedKey);
    return cursor ? { items, cursor } : { items };
  } catch (e) {
    throw classifyAwsError(e);
  }
}

/** Every item of a Query (for small partitions: a tier's seats, a member's events). */
export async function queryAll<T>(ref: TableRef, input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<T>(ref, input, { limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
