import type { S3Client } from '@aws-sdk/client-s3';
import type { ExportDeps } from '../../app/exports/table';
import { s3Client } from '../shared/clients';
import { claimNamesFrom, type ClaimNames } from '../shared/caller';
import { readConfig } from '../shared/config';
import { useCaseContext } from '../shared/context';
import { onRewire } from '../shared/wiring';

/**
 * The exports Lambda's wiring, built once per container on first use: the stores and the
 * audit trail (app/ports) over the pool and audit tables, and the bucket the workbooks go to
 * (the uploads bucket, under exports/ only — its grant says so).
 */
export interface ExportsDeps extends ExportDeps {
  s3: () => Promise<S3Client>;
  bucket: string;
}

let cached: ExportsDeps | undefined;
let claims: ClaimNames | undefined;

export function exportsDeps(): ExportsDeps {
  if (cached) return cached;
  const env = readConfig(['POOL_TABLE', 'AUDIT_TABLE', 'UPLOAD_BUCKET', 'REVIEW_WINDOW_DAYS']);
  const context = useCaseContext(env);
  cached = { repos: context.repos, audit: context.audit, policy: context.policy, s3: s3Client, bucket: env.UPLOAD_BUCKET };
  return cached;
}

/** The sign-in provider's claim names (as the Api reads them: Cognito's unless the deployment names others). */
export function exportsClaims(): ClaimNames {
  claims ??= claimNamesFrom(readConfig(['AUTH_GROUPS_CLAIM', 'AUTH_UNIT_CLAIM', 'AUTH_USERNAME_CLAIM']));
  return claims;
}

export function resetExportsWiring(): void {
  cached = undefined;
  claims = undefined;
}

onRewire(resetExportsWiring);
