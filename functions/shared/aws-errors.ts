import { TransientError, isAppError } from '../../app/errors';

/**
 * How the adapters read AWS SDK failures: a failed condition is an answer (the item exists,
 * the version moved), a throttle or a 5xx is worth retrying (TransientError, which the state
 * machines' Retry matches by name), anything else surfaces as it is.
 */
/** DynamoDB's answer to a failed ConditionExpression. */
export function isConditionalCheckFailed(e: unknown): boolean {
  return errorName(e) === 'ConditionalCheckFailedException';
}

export function errorName(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string') return e.name;
  return undefined;
}

/**
 * Wrap an AWS SDK failure as a TransientError when retrying can help (throttling, 5xx,
 * network); anything else is returned as is (a bug or a permission problem should surface).
 */
export function classifyAwsError(e: unknown): unknown {
  if (isAppError(e)) return e;
  const name = errorName(e) ?? '';
  const meta = (e as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown } | null)?.$metadata;
  const status = meta?.httpStatusCode ?? 0;
  const retryable = (e as { $retryable?: unknown } | null)?.$retryable !== undefined;
  if (
    retryable || status >= 500 || status === 429 ||
    /Throttl|TooManyRequests|RequestLimitExceeded|ProvisionedThroughputExceeded|ServiceUnavailable|InternalServerError|InternalError|SlowDown|Timeout|TimeoutError|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|NetworkingError/i.test(name) ||
    /ECONNREFUSED|ECONNRESET|socket hang up|ETIMEDOUT/i.test(e instanceof Error ? e.message : '')
  ) {
    return new TransientError(e);
  }
  return e;
}

/**
 * An answer from an AWS service (the SDK's ServiceException: its `$fault` and HTTP metadata),
 * as opposed to a network failure or a bug. Read by shape, so a caller need not load the SDK
 * package to ask.
 */
export function isAwsServiceError(e: unknown): e is Error & { $fault: 'client' | 'server' } {
  const fault = (e as { $fault?: unknown } | null)?.$fault;
  return e instanceof Error && (fault === 'client' || fault === 'server');
}
