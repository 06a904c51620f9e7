import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionByModule, logicalIdOf, poolStack, referencedIds, resources, statements } from './fixture';

describe('uploads bucket', () => {
  const { stack, template } = poolStack({ stage: 'dev', allowedOrigins: ['https://pool.example.edu.cn'] });
  const bucketId = logicalIdOf(stack, stack.uploads.bucket);
  const logsId = logicalIdOf(stack, stack.uploads.accessLogsBucket);
  const bucket = template.toJSON().Resources[bucketId];

  it('blocks all public access, versioned, KMS with the CMK', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const sse = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(sse.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    const [keyId] = resources(template, 'AWS::KMS::Key').map(([id]) => id);
    expect(referencedIds(sse.ServerSideEncryptionByDefault.KMSMasterKeyID)).toEqual([keyId]);
  });

  it('denies any request without TLS (both buckets)', () => {
    for (const id of [bucketId, logsId]) {
      const policy = resources(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedIds(p.Properties?.Bucket).includes(id));
      const deny = statements(policy?.[1].Properties?.PolicyDocument).find((s) => s.Effect === 'Deny');
      expect(deny?.Action).toEqual(['s3:*']);
      expect(JSON.stringify(policy?.[1].Properties)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('lifecycle: noncurrent versions expire after 365 days, incomplete multipart after 7; exports after a day', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 365 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
      expect.objectContaining({
        Id: 'expire-exports',
        Status: 'Enabled',
        Prefix: 'exports/',
        ExpirationInDays: 1,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      }),
    ]);
  });

  it('CORS lets the configured origins and the console POST (presigned POST)', () => {
    const consoleOrigin = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(stack, stack.console.distribution), 'DomainName'] }]] };
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: ['https://pool.example.edu.cn'] }),
      expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [consoleOrigin] }),
    ]);
  });

  it('server access logs go to the separate logs bucket', () => {
    expect(referencedIds(bucket.Properties.LoggingConfiguration.DestinationBucketName)).toEqual([logsId]);
  });

  it('ObjectCreated under rounds/ invokes the Intake function', () => {
    const intake = functionByModule(template, 'functions/intake/handler.ts');
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'rounds/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [intake.id, 'Arn'] },
          },
        ],
      },
    });
  });

  it('intake events that fail after 2 retries land in an encrypted, SSL-only dead-letter queue', () => {
    const intake = functionByModule(template, 'functions/intake/handler.ts');
    const [, config] = resources(template, 'AWS::Lambda::EventInvokeConfig')[0]!;
    expect(referencedIds(config.Properties?.FunctionName)).toEqual([intake.id]);
    expect(config.Properties?.MaximumRetryAttempts).toBe(2);
    const [dlqId] = referencedIds((config.Properties?.DestinationConfig as { OnFailure: unknown }).OnFailure);
    const queue = template.toJSON().Resources[dlqId!];
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
