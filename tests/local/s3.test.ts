import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event } from 'aws-lambda';
import { localLambdas } from '../../local/asl';
import { LocalLambdas } from '../../local/lambdas';
import { startS3, type LocalS3 } from '../../local/s3';
import { s3NotificationsFromTemplate, type S3NotificationRule } from '../../local/s3-notification';
import { buildTestTemplate } from './fixtures/stack';

let s3: LocalS3;
let client: S3Client;
let rule: S3NotificationRule;
const results: unknown[] = [];

beforeAll(async () => {
  const template = buildTestTemplate();
  const rules = s3NotificationsFromTemplate(template);
  rule = rules[0]!;
  const lambdas = new LocalLambdas(localLambdas(template));
  s3 = await startS3({
    buckets: [rule.bucket],
    notifications: rules,
    // As S3 → Lambda: the rule's target function, found through the template's metadata.
    deliver: async (event, r) => results.push(await lambdas.invoke(r!.functionArn, event)),
  });
  client = new S3Client({
    endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true,
    credentials: { ...s3.credentials }, requestChecksumCalculation: 'WHEN_REQUIRED',
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
});

async function presignedPut(key: string, body: string): Promise<void> {
  const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: rule.bucket, Key: key }), { expiresIn: 300 });
  const res = await fetch(url, { method: 'PUT', body });
  expect(res.status).toBe(200);
}

describe('s3rver with real-shaped notifications', () => {
  it('delivers a presigned PUT under the prefix as the real S3 event, key URL-encoded', async () => {
    const before = s3.delivered.length;
    await presignedPut('rounds/r1/units/U01/名单 v2.xlsx', 'hello');
    await s3.idle();
    const event = s3.delivered.at(-1) as S3Event;
    expect(s3.delivered.length).toBe(before + 1);
    const [record] = event.Records;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: rule.bucket, arn: `arn:aws:s3:::${rule.bucket}` },
        object: { key: 'rounds/r1/units/U01/%E5%90%8D%E5%8D%95+v2.xlsx', size: 5, eTag: '5d41402abc4b2a76b9719d911017c592' },
      },
    });
    expect(new Date(record!.eventTime).toISOString()).toBe(record!.eventTime);
    expect(results.at(-1)).toEqual({ keys: ['rounds/r1/units/U01/名单 v2.xlsx'] });
  });

  it('delivers a presigned POST (the browser upload path) as ObjectCreated:Post', async () => {
    // A concrete key: s3rver does NOT substitute `${filename}` in POST keys as S3 does.
    const { url, fields } = await createPresignedPost(client, {
      Bucket: rule.bucket, Key: 'rounds/r2/units/U02/提名 表.xlsx', Expires: 300,
      Conditions: [['starts-with', '$key', 'rounds/r2/units/U02/']],
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob(['abc']), 'whatever.xlsx');
    const res = await fetch(url, { method: 'POST', body: form });
    expect(res.status).toBeLessThan(300);
    await s3.idle();
    const [record] = (s3.delivered.at(-1) as S3Event).Records;
    expect(record?.eventName).toBe('ObjectCreated:Post');
    expect(record?.s3.object.key).toBe('rounds/r2/units/U02/%E6%8F%90%E5%90%8D+%E8%A1%A8.xlsx');
    expect(record?.s3.object.size).toBe(3);
  });

  it('honours the prefix filter from the template', async () => {
    const before = s3.delivered.length;
    await presignedPut('elsewhere/x.txt', 'x');
    await s3.idle();
    expect(s3.delivered.length).toBe(before);
  });

  it('records a failed delivery instead of crashing', async () => {
    await presignedPut('rounds/r1/reject-me.xlsx', 'x');
    await s3.idle();
    expect(s3.failures).toHaveLength(1);
    expect(String(s3.failures[0]?.error)).toContain('intake refused the file');
    // The server is still fine.
    await presignedPut('rounds/r1/after.xlsx', 'x');
    await s3.idle();
    expect(results.at(-1)).toEqual({ keys: ['rounds/r1/after.xlsx'] });
  });
});
