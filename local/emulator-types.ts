// The parts of dynalite's and s3rver's APIs local/ uses (they ship no typings).
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';

export interface DynaliteOptions {
  /** LevelDB folder; in memory when absent. */
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

export type Dynalite = (options?: DynaliteOptions) => Server;

export interface S3rverOptions {
  address?: string;
  port?: number;
  silent?: boolean;
  directory?: string;
  vhostBuckets?: boolean;
  /** configs: CORSConfiguration or WebsiteConfiguration XML documents. */
  configureBuckets?: { name: string; configs?: string[] }[];
}

/** The record s3rver emits: eventVersion 2.0, key not URL-encoded, an odd bucket ARN. */
export interface S3rverEventRecord {
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: Record<string, string>;
  s3: {
    s3SchemaVersion: string;
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
}

export interface S3rverInstance extends EventEmitter {
  run(): Promise<{ address: string; port: number }>;
  /** Creates the configured buckets (run() does this, then listens on TCP). */
  configureBuckets(): Promise<void>;
  /** An http.Server with s3rver's handler, listening on a port or a socket path. */
  listen(pathOrPort: string | number): Promise<Server>;
  close(): Promise<void>;
  /** Set by run(). */
  httpServer?: Server;
}

export type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;
