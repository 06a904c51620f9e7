import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EXPORT_PREFIX, EXPORT_RETENTION_DAYS } from '../../contracts/exports';

export interface UploadsProps {
  readonly stage: 'dev' | 'prod';
  readonly key: kms.IKey;
  /** Browser origins allowed to POST nomination files (presigned POST). */
  readonly allowedOrigins: readonly string[];
}

/** Where schools' nomination files land: `rounds/{roundId}/units/{unit}/…`. */
export const UPLOAD_PREFIX = 'rounds/';

/**
 * The uploads bucket (KMS, versioned, SSL only, private) and the bucket that receives
 * its server access logs.
 */
export class Uploads extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: UploadsProps) {
    super(scope, id);
    const removalPolicy = props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // S3 server access logging cannot deliver to an SSE-KMS bucket: SSE-S3 here.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(730) }],
      removalPolicy,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the server-access-log destination of the uploads bucket; logging it into itself would loop ' +
        'and another log bucket would only move the finding.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      // Browsers POST the nomination file straight to S3 with the presigned policy.
      // No origins (prod by default): no CORS rule at all, so no browser origin is allowed.
      cors: props.allowedOrigins.length === 0 ? undefined : [uploadCorsRule(props.allowedOrigins)],
      lifecycleRules: [
        {
          id: 'noncurrent-and-incomplete',
          // A re-upload keeps the old form for a year (appeals), then it goes.
          noncurrentVersionExpiration: Duration.days(365),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          // Exported workbooks (functions/exports) are fetched once through a five-minute link:
          // a day later they are gone, and so is every version of them.
          id: 'expire-exports',
          prefix: EXPORT_PREFIX,
          expiration: Duration.days(EXPORT_RETENTION_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      removalPolicy,
    });
  }

  /** Lets one more browser origin POST files (the console's own distribution, known only as a token). */
  allowUploadsFrom(origin: string): void {
    this.bucket.addCorsRule(uploadCorsRule([origin]));
  }
}

function uploadCorsRule(origins: readonly string[]): s3.CorsRule {
  return {
    allowedMethods: [s3.HttpMethods.POST],
    allowedOrigins: [...origins],
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag', 'x-amz-version-id'],
    maxAge: 3000,
  };
}
