import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type * as z from 'zod';
import { problem } from '../../domain/problem';
import { parseWith } from '../../domain/issues';
import { NotFound, ValidationError } from '../../app/errors';
import { decodeCursor } from '../shared/repository/table';
import type { Caller } from './auth';

/** What a route sees of a request: the caller, the path and query, the body, the time. */
export interface ApiRequest {
  caller: Caller;
  path: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  rawBody: string | undefined;
  now: Date;
}

export function requestOf(event: APIGatewayProxyEventV2WithJWTAuthorizer, caller: Caller, now: Date): ApiRequest {
  const rawBody = event.body === undefined
    ? undefined
    : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return { caller, path: event.pathParameters ?? {}, query: event.queryStringParameters ?? {}, rawBody, now };
}

/** The body as JSON (an empty body is `{}`); not JSON → 400. */
export function jsonBody(req: ApiRequest): unknown {
  if (req.rawBody === undefined || req.rawBody.trim() === '') return {};
  try {
    return JSON.parse(req.rawBody) as unknown;
  } catch {
    throw new ValidationError([problem('BODY_NOT_JSON', '', '请求内容不是有效的 JSON', 'the body is not valid JSON')]);
  }
}

/** The body parsed by a contract; every fault a problem with its field path → 400. */
export function parseBody<S extends z.ZodType>(req: ApiRequest, schema: S): z.output<S> {
  const parsed = parseWith(schema, jsonBody(req), 'BODY_INVALID');
  if (!parsed.ok) throw new ValidationError(parsed.problems);
  return parsed.value;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** What each path parameter names, in words. */
const PATH_THINGS: Readonly<Record<string, { zh: string; en: string }>> = {
  roundId: { zh: '遴选批次', en: 'round' },
  nominationId: { zh: '推荐', en: 'nomination' },
  personId: { zh: '人员', en: 'person' },
  reviewId: { zh: '考核', en: 'review' },
  unitCode: { zh: '单位', en: 'unit' },
  objectionId: { zh: '异议', en: 'objection' },
};

/**
 * A path id that cannot name anything of its kind: 404 NOT_FOUND like any missing thing,
 * saying what was not found and why, never echoing the value.
 */
class MalformedPathId extends NotFound {
  override readonly zh: string;
  override readonly en: string;
  constructor(name: string) {
    const thing = Object.hasOwn(PATH_THINGS, name) ? PATH_THINGS[name] : undefined;
    super({ zh: thing?.zh ?? '', en: thing?.en ?? 'the item' });
    this.name = 'NotFound';
    this.zh = `未找到${thing?.zh ?? ''}：${name} 不是有效的编号`;
    this.en = `${thing ? `${thing.en} ` : ''}not found: ${name} is not a valid id`;
  }
}

/**
 * A path parameter. A value that could not be an id of that kind is "not found", never an
 * echo into a key expression.
 */
export function pathParam(req: ApiRequest, name: string, pattern: RegExp = SAFE_ID): string {
  const v = req.path[name];
  if (v === undefined || !pattern.test(v)) throw new MalformedPathId(name);
  return v;
}

export function queryParam(req: ApiRequest, name: string): string | undefined {
  const v = req.query[name];
  return v === undefined || v === '' ? undefined : v;
}

/** ?limit= (1…1000, default 100) and ?cursor= (as a previous page gave it) for paginated lists. */
export function pageOf(req: ApiRequest): { limit: number; cursor?: string } {
  const raw = queryParam(req, 'limit');
  const n = raw === undefined ? 100 : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new ValidationError([problem('QUERY_INVALID', 'limit', 'limit 应为 1 至 1000 的整数', 'limit: an integer 1…1000')]);
  }
  const cursor = queryParam(req, 'cursor');
  if (cursor === undefined) return { limit: n };
  // Not base64url JSON of an object → CURSOR_INVALID here; whether it is a key of the list
  // asked for, the repository's query tells (queryPage), before DynamoDB sees it.
  decodeCursor(cursor);
  return { limit: n, cursor };
}

/** ?tier=1|2|3 */
export function tierQuery(req: ApiRequest): 1 | 2 | 3 | undefined {
  const raw = queryParam(req, 'tier');
  if (raw === undefined) return undefined;
  if (raw === '1' || raw === '2' || raw === '3') return Number(raw) as 1 | 2 | 3;
  throw new ValidationError([problem('QUERY_INVALID', 'tier', 'tier 应为 1、2 或 3', 'tier: 1, 2 or 3')]);
}
