import type { Logger } from '@aws-lambda-powertools/logger';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { Policy } from '../../domain/policy/schema';
import { AuditLog } from '../shared/audit';
import { wallClock } from '../shared/clock';
import { docClient } from '../shared/clients/dynamo';
import { readEnv } from '../shared/env';
import { logger } from '../shared/logger';
import { repositories, type Repositories, type TableRef } from '../shared/repository';

/**
 * What every state-machine step needs: the repositories over the pool table, the audit
 * log, the policy, a clock (for "recorded at" stamps only — decisions take their dates
 * from the input) and the logger. Built on first use so the environment is read inside
 * the invocation; tests call `resetStepDeps()` after moving the endpoints.
 */
export interface StepDeps {
  pool: TableRef;
  repos: Repositories;
  audit: AuditLog;
  policy: Policy;
  now: () => Date;
  logger: Logger;
}

let deps: StepDeps | undefined;

export function stepDeps(): StepDeps {
  if (deps) return deps;
  const env = readEnv(['POOL_TABLE', 'AUDIT_TABLE']);
  const doc = docClient();
  const pool = { doc, table: env.POOL_TABLE };
  deps = {
    pool,
    repos: repositories(doc, env.POOL_TABLE),
    audit: new AuditLog(doc, env.AUDIT_TABLE),
    // One policy today; every stored decision carries its policyRef.
    policy: PLAN_2020,
    now: wallClock,
    logger,
  };
  return deps;
}

export function resetStepDeps(): void {
  deps = undefined;
}
