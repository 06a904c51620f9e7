import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { UseCaseContext } from '../../app/ports';
import { AuditLog } from './audit';
import { wallClock } from './clock';
import { docClient } from './clients/dynamo';
import { readConfig } from './config';
import { logger } from './logger';
import { personIdOf } from './person-id';
import { repositories } from './repository';

/**
 * The step Lambdas' wiring: the use-case context (app/ports) over the adapters — the stores
 * on the pool table, the audit log, the policy, the clock (for "recorded at" stamps only;
 * decisions take their dates from the input), the logger, the configuration. Built on first
 * use so the environment is read inside the invocation, once per container; tests call
 * `resetStepContext()` after moving the endpoints.
 */
let context: UseCaseContext | undefined;

export function stepContext(): UseCaseContext {
  if (context) return context;
  const env = readConfig(['POOL_TABLE', 'AUDIT_TABLE', 'REVIEW_WINDOW_DAYS']);
  const doc = docClient();
  context = {
    repos: repositories(doc, env.POOL_TABLE),
    audit: new AuditLog(doc, env.AUDIT_TABLE),
    // One policy today; every stored decision carries its policyRef.
    policy: PLAN_2020,
    now: wallClock,
    logger,
    // The key is read when a person is first named (only the round steps and intake hold it).
    personIdOf: (idNumber) => personIdOf(idNumber, readConfig(['PERSON_ID_KEY']).PERSON_ID_KEY),
    settings: { reviewWindowDays: env.REVIEW_WINDOW_DAYS },
  };
  return context as UseCaseContext;
}

export function resetStepContext(): void {
  context = undefined;
}
