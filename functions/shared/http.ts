import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Problem } from '../../domain/problem';
import { isAppError } from '../../app/errors';
import { logger as defaultLogger } from './logger';

/** The error body every API answer uses (ARCHITECTURE.md, "HTTP API"). */
export interface ErrorBody {
  error: { code: string; zh: string; en: string; problems?: Problem[] };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * The one mapper from errors to HTTP answers. A known error says what went wrong; anything
 * else is a 500 that says nothing about internals (no message, no stack) and is logged.
 */
export function errorResponse(e: unknown, log: Logger = defaultLogger): APIGatewayProxyStructuredResultV2 {
  if (isAppError(e) && e.status < 500) {
    const body: ErrorBody = { error: { code: e.code, zh: e.zh, en: e.en, ...(e.problems ? { problems: e.problems } : {}) } };
    return json(e.status, body);
  }
  if (isAppError(e) && e.code === 'TRANSIENT') {
    log.warn('transient failure', { error: e as Error });
    return json(503, { error: { code: e.code, zh: e.zh, en: e.en } } satisfies ErrorBody, { 'retry-after': '1' });
  }
  log.error('unhandled error', { error: e instanceof Error ? e : String(e) });
  const body: ErrorBody = { error: { code: 'INTERNAL', zh: '系统内部错误，请稍后重试或联系管理员', en: 'internal error; retry later or contact the administrator' } };
  return json(500, body);
}
