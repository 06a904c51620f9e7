import { z } from 'zod';
import { ConfigError } from '../../app/errors';

/**
 * Environment variables (ARCHITECTURE.md, "Environment variables"). A handler names the
 * ones it needs; a missing or blank one fails at the first invocation with its name, not
 * later as an `undefined` table name inside an SDK error.
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
  POWERTOOLS_SERVICE_NAME: name.optional(),
  LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']).optional(),
} as const;

export type EnvVar = keyof typeof VARS;
export type Env<K extends EnvVar> = { [P in K]: z.output<(typeof VARS)[P]> };

export function readEnv<K extends EnvVar>(names: readonly K[], source: NodeJS.ProcessEnv = process.env): Env<K> {
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
