import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { Policy } from '../../domain/policy/schema';
import { AuditLog } from '../shared/audit';
import { docClient, s3Client, sfnClient } from '../shared/clients';
import { readConfig } from '../shared/config';
import { repositories, type Repositories } from '../shared/repository';

/** Everything a route needs, built once per container on first use (the env is read then). */
export interface ApiDeps {
  repos: Repositories;
  audit: AuditLog;
  doc: DynamoDBDocumentClient;
  table: string;
  /** Loaded on first use (see shared/clients/s3.ts). */
  s3: () => Promise<S3Client>;
  bucket: string;
  /** Loaded on first use (see shared/clients/sfn.ts). */
  sfn: () => Promise<SFNClient>;
  roundMachineArn: string;
  reviewMachineArn: string;
  /** How long the round machine waits for the approval (AwaitDecision), in seconds. */
  approvalTimeoutSeconds: number;
  policy: Policy;
}

let cached: ApiDeps | undefined;

export function apiDeps(): ApiDeps {
  if (cached) return cached;
  const env = readConfig(['POOL_TABLE', 'AUDIT_TABLE', 'UPLOAD_BUCKET', 'ROUND_STATE_MACHINE_ARN', 'REVIEW_STATE_MACHINE_ARN', 'APPROVAL_TIMEOUT_SECONDS']);
  const doc = docClient();
  cached = {
    repos: repositories(doc, env.POOL_TABLE),
    audit: new AuditLog(doc, env.AUDIT_TABLE),
    doc,
    table: env.POOL_TABLE,
    s3: s3Client,
    bucket: env.UPLOAD_BUCKET,
    sfn: sfnClient,
    roundMachineArn: env.ROUND_STATE_MACHINE_ARN,
    reviewMachineArn: env.REVIEW_STATE_MACHINE_ARN,
    approvalTimeoutSeconds: env.APPROVAL_TIMEOUT_SECONDS,
    policy: PLAN_2020,
  };
  return cached;
}

/** Tests: forget the wiring so a new environment is read. */
export function resetApiWiring(): void {
  cached = undefined;
}
