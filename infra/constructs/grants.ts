import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

/*
 * Grants are written as explicit statements instead of `grantReadWriteData` & co:
 * the audit table must never see UpdateItem/DeleteItem/BatchWriteItem, and explicit
 * lists keep `*` out of actions and resources (no `index/*`, no `kms:GenerateDataKey*`).
 * Note: the local emulators enforce no IAM, so a handler that needs an action not
 * listed here passes locally and fails in AWS — add it here, with the test.
 */

/**
 * Reads of the pool table: what the code sends (GetCommand, QueryCommand). No Scan (every
 * access pattern has a key), no BatchGetItem, no ConditionCheckItem (a transaction's part;
 * there are no transactions).
 */
export const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
/**
 * Single-item (conditional) writes: PutCommand, UpdateCommand. No DeleteItem: nothing is
 * deleted (a seat is released with an UpdateItem that removes its holder); no transactions,
 * no batch writes.
 */
export const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;
/** The audit table is append-only: a PutItem with attribute_not_exists(pk), nothing else. */
export const AUDIT_APPEND = ['dynamodb:PutItem'] as const;
/**
 * Reads of the audit trail: the API's GET /audit and GET /pool/members/{personId}/audit
 * query one entity's partition (AuditLog.page). Query only — no GetItem, no Scan — and
 * granted to the API alone; the trail stays append-only (no UpdateItem / DeleteItem anywhere).
 */
export const AUDIT_READ = ['dynamodb:Query'] as const;
/** What Powertools idempotency does with its records. */
export const IDEMPOTENCY_RW = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;
/** Enough for DynamoDB and S3 (SSE-KMS, bucket key) on behalf of the caller; no wildcards. */
export const KEY_USE = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'] as const;

export interface TableBinding {
  /** The environment variable that carries the table name. */
  readonly env: string;
  readonly actions: readonly string[];
  /** GSIs the function may Query (Query only). */
  readonly queryIndexes?: readonly string[];
  readonly key: kms.IKey;
}

/** Sets the table's env var and grants exactly `actions` on it, together. */
export function bindTable(fn: lambda.Function, table: dynamodb.ITable, binding: TableBinding): void {
  fn.addEnvironment(binding.env, table.tableName);
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...binding.actions], resources: [table.tableArn] }));
  if (binding.queryIndexes && binding.queryIndexes.length > 0) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: binding.queryIndexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }
  grantKeyUse(fn, binding.key);
}

export interface BucketBinding {
  readonly env: string;
  readonly actions: readonly string[];
  /** Object key prefix, e.g. `rounds/`; the grant covers `<prefix>*` only. */
  readonly prefix: string;
  readonly key: kms.IKey;
}

/** Sets the bucket's env var and grants `actions` on objects under one prefix. */
export function bindBucketPrefix(fn: lambda.Function, bucket: s3.IBucket, binding: BucketBinding): void {
  fn.addEnvironment(binding.env, bucket.bucketName);
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: [...binding.actions], resources: [bucket.arnForObjects(`${binding.prefix}*`)] }),
  );
  grantKeyUse(fn, binding.key);
  // The object wildcard under a fixed prefix is the finding this grant creates; it is
  // acknowledged here, for exactly this bucket and prefix, on this function's role.
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
  if (fn.role) {
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${binding.prefix}*]`,
      reason:
        `Objects are keyed by round and unit at run time (${binding.prefix}{roundId}/units/{unit}/…); the fixed ` +
        `prefix is the narrowest static scope. ${binding.actions.join(', ')} only.`,
    });
  }
}

export function grantKeyUse(fn: lambda.Function, key: kms.IKey): void {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...KEY_USE], resources: [key.keyArn] }));
}
