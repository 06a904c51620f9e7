import type { S3Client } from '@aws-sdk/client-s3';
import type { UseCaseContext } from '../../app/ports';
import type { Workflows } from '../../app/ports/workflows';
import { s3Client, sfnClient } from '../shared/clients';
import { useCaseContext } from '../shared/context';
import { readConfig } from '../shared/config';
import { StepFunctionsWorkflows } from '../shared/workflows';
import { claimNamesFrom, type ClaimNames } from './auth';
import { onRewire } from '../shared/wiring';
import type { BallotSecrets } from '../../app/ports/ballots';
import { ballotSecrets } from '../shared/ballot-secrets';

/**
 * Everything a route needs, built once per container on first use (the configuration is
 * read then): the use-case context (app/ports) over the adapters, the state machines, and
 * what only the API has — the upload bucket for presigned links, the approval wait, the
 * claim names of the sign-in provider.
 */
export interface ApiDeps extends UseCaseContext {
  workflows: Workflows;
  /** Loaded on first use (see shared/clients/s3.ts). */
  s3: () => Promise<S3Client>;
  bucket: string;
  /** How long the round machine waits for the approval (AwaitDecision), in seconds. */
  approvalTimeoutSeconds: number;
  /** 民主推荐's codes and keyed hashes (the key is read on first use, like personIdOf's). */
  ballotSecrets: () => BallotSecrets;
}

/**
 * What the public pages use (functions/public: the 民主推荐 ballot, the 公示 page): the stores,
 * the policy, the logger and the ballot's keyed hashes — no audit trail, no state machine, no bucket.
 */
export type PublicDeps = Pick<ApiDeps, 'repos' | 'policy' | 'logger' | 'ballotSecrets'>;

/**
 * What the bureau's selection routes use (functions/selection: ballots, 考察, 公示's objections):
 * the use-case context, the ballot's codes, and answering the round's waiting step — they never
 * start an execution nor touch the bucket.
 */
export type SelectionDeps = UseCaseContext & { workflows: Pick<Workflows, 'answer'>; ballotSecrets: () => BallotSecrets };

let cached: ApiDeps | undefined;

export function apiDeps(): ApiDeps {
  if (cached) return cached;
  const env = readConfig([
    'POOL_TABLE', 'AUDIT_TABLE', 'UPLOAD_BUCKET', 'ROUND_STATE_MACHINE_ARN', 'REVIEW_STATE_MACHINE_ARN', 'APPROVAL_TIMEOUT_SECONDS',
    'REVIEW_WINDOW_DAYS',
  ]);
  cached = {
    ...useCaseContext(env),
    workflows: new StepFunctionsWorkflows(sfnClient, { round: env.ROUND_STATE_MACHINE_ARN, review: env.REVIEW_STATE_MACHINE_ARN }),
    s3: s3Client,
    bucket: env.UPLOAD_BUCKET,
    approvalTimeoutSeconds: env.APPROVAL_TIMEOUT_SECONDS,
    ballotSecrets: () => ballotSecrets(readConfig(['PERSON_ID_KEY']).PERSON_ID_KEY),
  };
  return cached;
}

let claims: ClaimNames | undefined;

/**
 * The sign-in provider's claim names, read apart from the rest: who is calling is settled
 * before any route (and any table or bucket setting) is needed, so a caller the API refuses
 * is refused whatever else is configured.
 */
export function apiClaims(): ClaimNames {
  claims ??= claimNamesFrom(readConfig(['AUTH_GROUPS_CLAIM', 'AUTH_UNIT_CLAIM', 'AUTH_USERNAME_CLAIM']));
  return claims;
}

/** Tests: forget the wiring so a new environment is read. */
export function resetApiWiring(): void {
  cached = undefined;
  claims = undefined;
}

onRewire(resetApiWiring);
