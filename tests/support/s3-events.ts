import { randomBytes } from 'node:crypto';
import type { Context, S3Event } from 'aws-lambda';

/** An S3 ObjectCreated notification in the real shape: the key URL-encoded, '+' for a space. */
export function s3Event(bucket: string, key: string, opts: { size?: number; versionId?: string; sequencer?: string; eventTime?: string } = {}): S3Event {
  const encoded = key.split('/').map((s) => encodeURIComponent(s).replace(/%20/g, '+')).join('/');
  return {
    Records: [{
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: opts.eventTime ?? new Date().toISOString(),
      eventName: 'ObjectCreated:Post',
      userIdentity: { principalId: 'AWS:AROAEXAMPLE:school' },
      requestParameters: { sourceIPAddress: '203.0.113.7' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'intake',
        bucket: { name: bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${bucket}` },
        object: {
          key: encoded,
          size: opts.size ?? 0,
          eTag: '0123456789abcdef0123456789abcdef',
          sequencer: opts.sequencer ?? randomBytes(8).toString('hex').toUpperCase(),
          ...(opts.versionId ? { versionId: opts.versionId } : {}),
        },
      },
    }],
  };
}

export function lambdaContext(name = 'Intake'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomBytes(16).toString('hex'),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
