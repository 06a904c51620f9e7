import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SimulatedClock } from '../../local/clock';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { buildTestTemplate } from './fixtures/stack';

let stack: LocalStack;
const saved = { ...process.env };

beforeAll(async () => {
  stack = await startLocalStack(buildTestTemplate(), { clock: new SimulatedClock({ start: new Date('2026-03-01T00:00:00Z') }), retryIntervalMs: 0 });
});
afterAll(async () => {
  await stack?.stop();
  process.env = saved;
});

describe('startLocalStack', () => {
  it('points plain SDK clients at the emulators through the environment', async () => {
    expect(stack.environment.AWS_ENDPOINT_URL_SFN).toBe(stack.sfnEndpoint.endpoint);
    expect(process.env.POOL_TABLE).toBe(Object.values(stack.tables).find((t) => t.startsWith('PoolTable')));

    // Clients built as functions/shared/clients.ts builds them: from the environment alone.
    const s3 = new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    await s3.send(new PutObjectCommand({ Bucket: process.env.UPLOAD_BUCKET, Key: 'rounds/r9/a b.xlsx', Body: 'x' }));
    s3.destroy();
    await stack.idle();
    expect(stack.s3.delivered).toHaveLength(1);
    expect(stack.s3.failures).toEqual([]);

    const sfn = new SFNClient({});
    const { executionArn } = await sfn.send(new StartExecutionCommand({
      stateMachineArn: stack.stateMachines[0]!.arn,
      input: JSON.stringify({ value: 2, at: '2026-03-01T00:00:00Z', failTimes: 0 }),
    }));
    sfn.destroy();
    await stack.idle();
    expect(stack.sfn.tokens.list(executionArn)).toHaveLength(1);
  });
});
