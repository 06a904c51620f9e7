import type { Problem } from '../domain/problem';
import type { ClauseId } from '../domain/clauses';

/**
 * The one error hierarchy. Each error has a stable `code` scripts match on, an HTTP status
 * for the API mapper (http.ts), and a message in Chinese first with English alongside.
 * Step Functions tasks throw these; `name` is what a state machine's Retry/Catch matches.
 * They belong to the use cases (app/), which throw them; the adapters translate AWS faults
 * into them (functions/shared/aws-errors.ts) and the API maps them to answers (shared/http.ts).
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly problems?: Problem[];
  readonly clause?: ClauseId;

  constructor(code: string, zh: string, en: string, opts: { problems?: Problem[]; clause?: ClauseId; cause?: unknown } = {}) {
    super(`${code}: ${en}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.zh = zh;
    this.en = en;
    if (opts.problems) this.problems = opts.problems;
    if (opts.clause) this.clause = opts.clause;
  }
}

/** A well-formed request the plan's rules refuse (problems say which rule, with the clause). */
export class DomainRejection extends AppError {
  readonly status = 422;
  constructor(problems: Problem[], zh = '不符合方案规定', en = 'refused by the plan\'s rules', clause?: ClauseId) {
    super('DOMAIN_REJECTED', zh, en, { problems, ...(clause ? { clause } : {}) });
  }
}

/** A malformed request: the problems carry field paths. */
export class ValidationError extends AppError {
  readonly status = 400;
  constructor(problems: Problem[], zh = '请求内容有误', en = 'the request is malformed') {
    super('VALIDATION_FAILED', zh, en, { problems });
  }
}

export class Unauthorized extends AppError {
  readonly status = 401;
  constructor(zh = '未登录或登录已过期', en = 'not signed in') {
    super('UNAUTHORIZED', zh, en);
  }
}

export class Forbidden extends AppError {
  readonly status = 403;
  constructor(zh = '无权进行此操作', en = 'not allowed') {
    super('FORBIDDEN', zh, en);
  }
}

export class NotFound extends AppError {
  readonly status = 404;
  constructor(what: { zh: string; en: string }, code = 'NOT_FOUND') {
    super(code, `未找到${what.zh}`, `${what.en} not found`);
  }
}

/** The state changed under us (a version check failed, the thing already exists, …). */
export class Conflict extends AppError {
  readonly status: number = 409;
  constructor(code = 'CONFLICT', zh = '数据已被修改，请刷新后重试', en = 'the data changed; reload and retry', opts: { clause?: ClauseId; problems?: Problem[]; cause?: unknown } = {}) {
    super(code, zh, en, opts);
  }
}

/** 三(一): every seat of the tier is held. Thrown by claimSeat. */
export class CapReached extends Conflict {
  readonly tier: number;
  readonly cap: number;
  constructor(tier: number, cap: number) {
    super(
      'CAP_REACHED',
      `第${tier}梯队已满员（上限 ${cap} 人，方案三(一)）`,
      `tier ${tier} is full (cap ${cap}, clause T-CAP)`,
      { clause: 'T-CAP' },
    );
    this.tier = tier;
    this.cap = cap;
  }
}

/** Worth retrying: throttling, a timeout, a service error. Step Functions Retry matches the name. */
export class TransientError extends AppError {
  readonly status = 503;
  constructor(cause?: unknown, zh = '服务暂时不可用，请稍后重试', en = 'temporarily unavailable; retry later') {
    super('TRANSIENT', zh, en, { cause });
    this.name = 'TransientError';
  }
}

/** Deployment mistake: a missing environment variable. A 500 to callers; the log names it. */
export class ConfigError extends AppError {
  readonly status = 500;
  readonly missing: string[];
  constructor(missing: string[]) {
    super('CONFIG_MISSING', `缺少配置：${missing.join(', ')}`, `missing or invalid environment variable(s): ${missing.join(', ')}`);
    this.missing = missing;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A well-formed request naming something the system does not know of (an unregistered unit …): 422 with its own code. */
export class Unprocessable extends AppError {
  readonly status = 422;
  constructor(code: string, zh: string, en: string, opts: { clause?: ClauseId; problems?: Problem[] } = {}) {
    super(code, zh, en, opts);
  }
}
