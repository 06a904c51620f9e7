import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTablesFromTemplate, startDynamo, type LocalDynamo } from '../../local/dynamo';
import type { CfnTemplate } from '../../local/template';
import { buildTestTemplate } from './fixtures/stack';

let template: CfnTemplate;
let dynamo: LocalDynamo;
let tables: Record<string, string>;

beforeAll(async () => {
  template = buildTestTemplate();
  dynamo = await startDynamo();
  tables = await createTablesFromTemplate(dynamo.client, template);
});
afterAll(async () => {
  await dynamo?.stop();
});

const poolName = () => Object.entries(tables).find(([id]) => id.startsWith('PoolTable'))![1];

describe('dynalite with the template\'s tables', () => {
  it('listens on loopback and creates every table (Table and TableV2), keeping explicit names', () => {
    expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(tables)).toHaveLength(3);
    expect(Object.values(tables)).toContain('explicit-name');
  });

  it('creates the GSI with its key schema and projection, and it answers queries', async () => {
    const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: poolName() }));
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'gsi1',
      KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    });
    const doc = DynamoDBDocumentClient.from(dynamo.client);
    for (const [id, at] of [['r1', '2026-01-01'], ['r2', '2026-02-01']]) {
      await doc.send(new PutCommand({ TableName: poolName(), Item: { pk: `ROUND#${id}`, sk: 'META', gsi1pk: 'ROUNDS', gsi1sk: `${at}#${id}` } }));
    }
    const { Items } = await doc.send(new QueryCommand({
      TableName: poolName(), IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': 'ROUNDS' }, ScanIndexForward: false,
    }));
    expect(Items?.map((i) => i.pk)).toEqual(['ROUND#r2', 'ROUND#r1']);
  });

  it('fails a conditional write the second time', async () => {
    const doc = DynamoDBDocumentClient.from(dynamo.client);
    const put = () => doc.send(new PutCommand({
      TableName: poolName(), Item: { pk: 'SEAT#T1', sk: '01', holder: 'P1' }, ConditionExpression: 'attribute_not_exists(pk)',
    }));
    await put();
    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('is idempotent on an existing store and persists to a folder when given a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dynalite-'));
    try {
      const first = await startDynamo({ path: dir });
      const names = await createTablesFromTemplate(first.client, template);
      const doc = DynamoDBDocumentClient.from(first.client);
      await doc.send(new PutCommand({ TableName: poolName(), Item: { pk: 'K', sk: 'S', v: 1 } }));
      await first.stop();

      const second = await startDynamo({ path: dir });
      expect(await createTablesFromTemplate(second.client, template)).toEqual(names);
      const { Item } = await DynamoDBDocumentClient.from(second.client).send(new GetCommand({ TableName: poolName(), Key: { pk: 'K', sk: 'S' } }));
      expect(Item?.v).toBe(1);
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
