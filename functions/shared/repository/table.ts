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

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ValidationError([problem('CURSOR_INVALID', 'cursor', '分页游标无效', 'invalid page cursor')]);
}

/** One page of a Query. */
export async function queryPage<T>(ref: TableRef, input: Omit<QueryCommandInput, 'TableName'>, page: PageRequest = {}): Promise<Page<T>> {
  try {
    const res = await ref.doc.send(new QueryCommand({
      ...input,
      TableName: ref.table,
      Limit: Math.min(Math.max(page.limit ?? 100, 1), 1000),
      ExclusiveStartKey: decodeCursor(page.cursor),
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
