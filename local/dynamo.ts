// Local DynamoDB: dynalite on loopback, with the tables created from the synthesized
// template so the local tables ARE the CDK tables (keys, GSIs, projections).
import dynaliteModule from 'dynalite';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Dynalite } from './emulator-types';
import { physicalName, resourceOf, resourcesOfType, type CfnTemplate, type ResolveOptions } from './template';

export interface LocalDynamo {
  /** http://127.0.0.1:<port> — for AWS_ENDPOINT_URL_DYNAMODB. */
  endpoint: string;
  port: number;
  /** A client on the endpoint with dummy credentials. */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export interface StartDynamoOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** LevelDB folder to persist to; in memory when absent. */
  path?: string;
  region?: string;
}

const dynalite = dynaliteModule as Dynalite;

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startDynamo(options: StartDynamoOptions = {}): Promise<LocalDynamo> {
  // createTableMs 0: otherwise a new table stays CREATING for 500 ms.
  const server: Server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: options.region ?? 'us-east-1', credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    port,
    client,
    async stop() {
      client.destroy();
      // SDK keep-alive sockets would hold server.close() open until its 30 s shutdown timeout.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

type Props = Record<string, unknown>;

/**
 * The CreateTable input for an AWS::DynamoDB::Table or ::GlobalTable. Always on-demand:
 * capacity means nothing locally and dynalite rejects provisioned settings on some shapes.
 * TTL is dropped (dynalite has no UpdateTimeToLive; items simply never expire locally).
 */
export function createTableInput(template: CfnTemplate, logicalId: string, tableName: string): CreateTableCommandInput {
  const props = (resourceOf(template, logicalId).Properties ?? {}) as Props;
  const index = (i: Props) => ({
    IndexName: i.IndexName as string,
    KeySchema: i.KeySchema as CreateTableCommandInput['KeySchema'],
    Projection: (i.Projection ?? { ProjectionType: 'ALL' }) as { ProjectionType: 'ALL' },
  });
  const gsis = (props.GlobalSecondaryIndexes as Props[] | undefined)?.map(index);
  const lsis = (props.LocalSecondaryIndexes as Props[] | undefined)?.map(index);
  return {
    TableName: tableName,
    KeySchema: props.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: props.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    BillingMode: 'PAY_PER_REQUEST',
    ...(gsis?.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis?.length ? { LocalSecondaryIndexes: lsis } : {}),
  };
}

export interface CreateTablesOptions extends ResolveOptions {
  /** Local table name for a logical id; default: physicalName (TableName or the logical id). */
  nameFor?(logicalId: string): string;
}

/**
 * Creates every table of the template (existing ones — a persisted store — are kept).
 * Returns logicalId → table name.
 */
export async function createTablesFromTemplate(
  client: DynamoDBClient,
  template: CfnTemplate,
  options: CreateTablesOptions = {},
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const [logicalId] of resourcesOfType(template, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable')) {
    const tableName = options.nameFor?.(logicalId) ?? physicalName(template, logicalId, options);
    try {
      await client.send(new CreateTableCommand(createTableInput(template, logicalId, tableName)));
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
    await untilActive(client, tableName);
    names[logicalId] = tableName;
  }
  return names;
}

/** With createTableMs 0 dynalite flips the table to ACTIVE on the next tick; wait for it. */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
