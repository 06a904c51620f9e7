import type { PublicDeps } from '../api/deps';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { ballotSecrets } from '../shared/ballot-secrets';
import { docClient } from '../shared/clients/dynamo';
import { readConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { repositories } from '../shared/repository';
import { onRewire } from '../shared/wiring';

/**
 * The public function's wiring, built once per container on first use: the stores over the
 * pool table, the policy, and the ballot's keyed hashes (PERSON_ID_KEY, read on first use).
 * No audit trail, no state machine, no bucket, no notice queue: a voter's ballot and the 公示
 * page use none of them, so neither the wiring nor the role has them.
 */
let cached: PublicDeps | undefined;

export function publicDeps(): PublicDeps {
  cached ??= {
    repos: repositories(docClient(), readConfig(['POOL_TABLE']).POOL_TABLE),
    policy: PLAN_2020,
    logger,
    ballotSecrets: () => ballotSecrets(readConfig(['PERSON_ID_KEY']).PERSON_ID_KEY),
  };
  return cached;
}

export function resetPublicWiring(): void {
  cached = undefined;
}

onRewire(resetPublicWiring);
