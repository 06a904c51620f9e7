import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EXPORT_PREFIX } from '../../contracts/exports';
import { AUDIT_APPEND, TABLE_READ, bindTable, grantKeyUse } from './grants';
import { PoolFunction } from './pool-function';

export interface ExportsProps {
  readonly key: kms.IKey;
  readonly poolTable: dynamodb.ITable;
  readonly auditTable: dynamodb.ITable;
  /** The uploads bucket: workbooks go under exports/ (its lifecycle rule expires them, constructs/uploads.ts). */
  readonly bucket: s3.IBucket;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The exports Lambda (DESIGN.md §8, issue #13): its own function behind the HTTP API (POST
 * /exports, constructs/api-routes.ts), so the Api and intake bundles do not carry a workbook
 * writer. Least privilege: it reads the pool table (never writes it), appends to the audit
 * trail (who exported what, and every full-ID request), and puts and reads objects under
 * exports/ only — the read is what its presigned download link is signed with.
 */
export class Exports extends Construct {
  readonly function: PoolFunction;

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id);
    const { key } = props;
    this.function = new PoolFunction(this, 'Function', {
      handlerModule: 'functions/exports/handler.ts',
      description: 'Excel exports: writes the workbook to S3 (exports/) and answers a short-lived download link',
      // API Gateway gives up after 30 s; a district's lists take a second or two.
      timeout: Duration.seconds(25),
      // The workbook is built in memory: a few thousand rows are a few MB.
      memorySize: 1024,
      environmentKey: key,
      removalPolicy: props.removalPolicy,
      logRetention: props.logRetention,
    });
    const fn = this.function;
    bindTable(fn, props.poolTable, { env: 'POOL_TABLE', actions: TABLE_READ, queryIndexes: ['gsi1'], key });
    bindTable(fn, props.auditTable, { env: 'AUDIT_TABLE', actions: AUDIT_APPEND, key });
    fn.addEnvironment('UPLOAD_BUCKET', props.bucket.bucketName);
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject'],
      resources: [props.bucket.arnForObjects(`${EXPORT_PREFIX}*`)],
    }));
    grantKeyUse(fn, key);
    const bucketId = Stack.of(props.bucket).getLogicalId(props.bucket.node.defaultChild as CfnElement);
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${EXPORT_PREFIX}*]`,
      reason:
        `Each export is a new object keyed by date and a random id (${EXPORT_PREFIX}{date}/{uuid}.xlsx); the fixed ` +
        'prefix is the narrowest static scope. s3:PutObject (write the workbook) and s3:GetObject (what the presigned ' +
        'download link is signed with) only.',
    });
  }
}
