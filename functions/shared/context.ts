import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { UseCaseContext } from '../../app/ports';
import { AuditLog } from './audit';
import { wallClock } from './clock';
import { docClient } from './clients/dynamo';
import { readConfig } from './config';
import { logger } from './logger';
import { personIdOf } from './person-id';
import { repositories } from './repository';
import { onRewire } from './wiring';
import { noticesOf } from './notices';

/**
 * Every handler's wiring starts here: the use-case context (app/ports) over the adapters — the stores
 * on the pool table, the audit log, the policy, the clock (for "recorded at" stamps only;
 * decisions take their dates from the input), the logger, the configuration. Built on first
 * use so the environment is read inside the invocation, once per container; tests call
 * `resetStepContext()` after moving the endpoints.
 */
/** The context over the pool and audit tables named by the configuration; what every handler's wiring starts from. */
export function useCaseContext(env: { POOL_TABLE: string; AUDIT_TABLE: string; REVIEW_WINDOW_DAYS: number }): UseCaseContext {
  const doc = docClient();
  return {
    repos: repositories(doc, env.POOL_TABLE),
    audit: new AuditLog(doc, env.AUDIT_TABLE),
    // One policy today; every stored decision carries its policyRef.
    policy: PLAN_2020,
    now: wallClock,
    logger,
    // The key is read when a person is first named (only the round steps and intake hold it).
    personIdOf: (idNumber) => personIdOf(idNumber, readConfig(['PERSON_ID_KEY']).PERSON_ID_KEY),
    settings: { reviewWindowDays: env.REVIEW_WINDOW_DAYS },
    ...noticesOf(doc, env.POOL_TABLE),
  };
}

let context: UseCaseContext | undefined;

export function stepContext(): UseCaseContext {
  context ??= useCaseContext(readConfig(['POOL_TABLE', 'AUDIT_TABLE', 'REVIEW_WINDOW_DAYS']));
  return context;
}

export function resetStepContext(): void {
  context = undefined;
}

onRewire(resetStepContext);
