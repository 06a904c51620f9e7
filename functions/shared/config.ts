import * as z from 'zod';
import { ConfigError } from '../../app/errors';

/**
 * The configuration module: every environment variable a handler reads (ARCHITECTURE.md,
 * "Environment variables"), its rule and its default, in one table. Each handler's wiring
 * (shared/context.ts, api/deps.ts, intake/handler.ts) reads the ones it needs once per
 * container; a missing or malformed one fails at the first invocation with its name, not
 * later as an `undefined` table name inside an SDK error. (The SDK's own AWS_ENDPOINT_URL_*
 * and Powertools' POWERTOOLS_* are read by those libraries, as they document.)
 */
const name = z.string().trim().min(1);

const VARS = {
  POOL_TABLE: name,
  AUDIT_TABLE: name,
  IDEMPOTENCY_TABLE: name,
  UPLOAD_BUCKET: name,
  ROUND_STATE_MACHINE_ARN: name,
  REVIEW_STATE_MACHINE_ARN: name,
  /**
   * The round machine's AwaitDecision TimeoutSeconds (stack prop approvalTimeoutSeconds), for
   * the API to refuse a round that could not finish within a Standard execution's year.
   */
  APPROVAL_TIMEOUT_SECONDS: z.string().trim().regex(/^[1-9]\d*$/).transform(Number),
  /** The HMAC key behind personId (person-id.ts); a secret, at least 16 characters. */
  PERSON_ID_KEY: z.string().min(16),
  /**
   * Days units have to submit assessments once a review opens (stack prop reviewWindowDays):
   * a whole number 1–180, 30 unless set.
   */
  REVIEW_WINDOW_DAYS: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(1).max(180).default(30)),
  /** With an external OIDC provider (jwtIssuer): the claims carrying groups, unit and name; unset = Cognito's. */
  AUTH_GROUPS_CLAIM: z.string().optional(),
  AUTH_UNIT_CLAIM: z.string().optional(),
  AUTH_USERNAME_CLAIM: z.string().optional(),
  /** The notice queue (SQS) the use cases hand notices to; unset = no notices are sent. */
  NOTICE_QUEUE_URL: z.string().trim().url().optional(),
  /** The SES identity notices are sent from (the notifier). */
  NOTICE_EMAIL_FROM: z.string().trim().min(3).optional(),
  /**
   * How the notifier delivers: `aws` (SES and the robots' webhooks), or `local` (the embedded
   * default: e-mails are recorded in the outbox only; a webhook is called only on 127.0.0.1).
   */
  NOTICE_DELIVERY: z.enum(['aws', 'local']).default('aws'),
  /** The console's origin, to make a notice's link absolute (https://…); unset = the path alone. */
  CONSOLE_URL: z.string().trim().url().optional(),
  POWERTOOLS_SERVICE_NAME: name.optional(),
  LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']).optional(),
} as const;

export type EnvVar = keyof typeof VARS;
export type Env<K extends EnvVar> = { [P in K]: z.output<(typeof VARS)[P]> };

export function readConfig<K extends EnvVar>(names: readonly K[], source: NodeJS.ProcessEnv = process.env): Env<K> {
  const out: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const n of names) {
    const parsed = VARS[n].safeParse(source[n]);
    if (parsed.success) out[n] = parsed.data;
    else bad.push(n);
  }
  if (bad.length > 0) throw new ConfigError(bad);
  return out as Env<K>;
}
