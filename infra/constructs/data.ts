import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface DataProps {
  readonly stage: 'dev' | 'prod';
}

/** Actions that could rewrite history; denied on the audit table to everyone. */
export const AUDIT_FORBIDDEN_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
] as const;

/**
 * The customer-managed key and the three tables (ARCHITECTURE.md "Data model").
 * One key with rotation encrypts tables, bucket, alarm topic, Lambda environments and logs,
 * so a single key policy and a single CloudTrail trail show every use of personal data.
 */
export class PoolData extends Construct {
  readonly key: kms.Key;
  readonly poolTable: dynamodb.Table;
  readonly auditTable: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    // Prod keeps its data when the stack goes; dev can be torn down.
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new kms.Key(this, 'Key', {
      description: `talent-pool ${props.stage}: tables, uploads, alarm topic, Lambda environment, logs`,
      enableKeyRotation: true,
      alias: `alias/talent-pool-${props.stage}`,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(prod ? 30 : 7),
    });
    // CloudWatch alarms publish to the KMS-encrypted topic; they need the key for that.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );

    // CloudWatch Logs encrypts the pool's log groups with this key, and only log groups of
    // this account and region (the encryption context names the log group). The source
    // conditions guard against the confused deputy: a call CloudWatch Logs makes on behalf
    // of another account, or of anything but a log group of this account and region, does
    // not get the key. They are IfExists: AWS documents the encryption-context condition for
    // this grant, not that CloudWatch Logs sends aws:SourceAccount / aws:SourceArn to KMS, and
    // a plain StringEquals on an absent key would deny every log write. The encryption
    // context stays the hard bound.
    const logGroupArns = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`;
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns },
          StringEqualsIfExists: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLikeIfExists: { 'aws:SourceArn': logGroupArns },
        },
      }),
    );

    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      removalPolicy,
    } satisfies Partial<dynamodb.TableProps>;
    const pkSk = {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    };

    this.poolTable = new dynamodb.Table(this, 'PoolTable', { ...common, ...pkSk });
    this.poolTable.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    this.auditTable = new dynamodb.Table(this, 'AuditTable', {
      ...common,
      ...pkSk,
      // Append-only beyond IAM: even an administrator's role cannot rewrite the trail
      // without first changing this policy through a (reviewed, logged) deployment.
      resourcePolicy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AuditIsAppendOnly',
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: [...AUDIT_FORBIDDEN_ACTIONS],
            resources: ['*'],
          }),
        ],
      }),
    });

    // Powertools idempotency records: short-lived, TTL on `expiration`. PITR is kept
    // for uniformity (and nag DDB3), the cost is negligible.
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...common,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
