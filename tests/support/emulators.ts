import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * Just enough emulator for handler tests: dynalite and s3rver on 127.0.0.1, random ports.
 * The table schemas are written by hand from ARCHITECTURE.md ("Data model"); local/dynamo.ts
 * will derive them from the synthesized CDK template — switch to that once it exists.
 */

export const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';

export interface Emulators {
  dynamoEndpoint: string;
  s3Endpoint: string;
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  s3: S3Client;
  tables: { pool: string; audit: string; idempotency: string };
  bucket: string;
  /** Points the handler modules (functions/shared/clients.ts, env.ts) at the emulators. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export function poolTable(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'gsi1',
      KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
  };
}

export function auditTable(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk'].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  };
}

export function idempotencyTable(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startEmulators(opts: { bucket?: string } = {}): Promise<Emulators> {
  const dyn = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dynPort = await listen(dyn);
  const dynamoEndpoint = `http://127.0.0.1:${dynPort}`;

  const bucket = opts.bucket ?? 'uploads';
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port: s3Port } = await s3rver.run();
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;

  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: REGION, credentials: CREDENTIALS });
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const s3 = new S3Client({ endpoint: s3Endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });

  const tables = { pool: 'pool', audit: 'audit', idempotency: 'idempotency' };
  await dynamo.send(new CreateTableCommand(poolTable(tables.pool)));
  await dynamo.send(new CreateTableCommand(auditTable(tables.audit)));
  await dynamo.send(new CreateTableCommand(idempotencyTable(tables.idempotency)));

  const env = {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    POOL_TABLE: tables.pool,
    AUDIT_TABLE: tables.audit,
    IDEMPOTENCY_TABLE: tables.idempotency,
    UPLOAD_BUCKET: bucket,
    PERSON_ID_KEY: 'test-person-id-key-0123456789',
    POWERTOOLS_SERVICE_NAME: 'talent-pool-test',
    // Intake's metrics (EMF lines on stdout) are for CloudWatch, not test output.
    POWERTOOLS_METRICS_DISABLED: 'true',
  };

  return {
    dynamoEndpoint, s3Endpoint, dynamo, doc, s3, tables, bucket, env,
    async stop() {
      dynamo.destroy();
      s3.destroy();
      await s3rver.close().catch(() => undefined);
      await new Promise<void>((resolve) => dyn.close(() => resolve()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Applies an env to process.env; returns a function that restores the previous values. */
export function applyEnv(env: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * Everything written to stdout and stderr while `fn` runs: Powertools Logger writes JSON
 * lines there (INFO to stdout, WARN/ERROR to stderr), and Lambda ships both to CloudWatch.
 */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write.bind(s));
  for (const s of streams) {
    s.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof s.write;
  }
  try {
    const result = await fn();
    return { result, output: chunks.join('') };
  } finally {
    streams.forEach((s, i) => {
      const original = originals[i];
      if (original) s.write = original;
    });
  }
}

export const captureStdout = captureLogs;
