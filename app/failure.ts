import type { CaughtError } from '../contracts/tasks/caught-error';
import { redactString } from './redact';

/** A failure as the bureau sees it on a round or a review. */
export interface FailureNote {
  error: string;
  code?: string;
  zh: string;
  en: string;
}

/** Errors of our own hierarchy (functions/shared/errors.ts): their messages are written for people. */
const OWN_ERRORS = new Set([
  'DomainRejection', 'ValidationError', 'NotFound', 'Conflict', 'CapReached', 'TransientError', 'ConfigError',
  // The round machine's own Pass state (a decision that is none of the three).
  'UnknownDecision',
]);

const MAX_MESSAGE = 300;

/**
 * The safe part of a caught error: its name, and for our own errors the stable code and the
 * English message (`CODE: message`, as AppError builds it), ID-number-shaped text masked and
 * truncated. Anything else (a TypeError, an SDK fault) says only its name: its message may
 * quote data, and the stack trace in Cause never leaves the logs.
 */
export function failureNote(caught: CaughtError): FailureNote {
  const name = caught?.Error ?? 'Unknown';
  if (name === 'States.Timeout') {
    return { error: name, zh: '步骤超时', en: 'a step timed out' };
  }
  const message = causeMessage(caught?.Cause);
  if (OWN_ERRORS.has(name) && message) {
    const m = /^([A-Z][A-Z0-9_]+): (.*)$/s.exec(message);
    const en = redactString(m?.[2] ?? message).slice(0, MAX_MESSAGE);
    return { error: name, ...(m?.[1] ? { code: m[1] } : {}), zh: `处理失败（${m?.[1] ?? name}），详见英文说明`, en };
  }
  return { error: name, zh: '系统内部错误，请联系管理员查看日志', en: 'internal error; the administrator can find details in the logs' };
}

function causeMessage(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  try {
    const parsed: unknown = JSON.parse(cause);
    if (parsed && typeof parsed === 'object' && 'errorMessage' in parsed && typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not Lambda's JSON envelope: a Pass state's plain Cause.
  }
  return cause;
}
