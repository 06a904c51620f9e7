import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';

/**
 * A SigV4-signed JSON call to an AWS service, for the three the notices use — SQS
 * (SendMessageBatch), Secrets Manager (GetSecretValue) and SES v2 (SendEmail) — whose SDK
 * clients are not among this project's dependencies (@aws-sdk/client-sqs, -secrets-manager,
 * -sesv2; adding them is the better fix, see the report of issue #14.4). The signer is the
 * SDK's own (@smithy/signature-v4); credentials are the function role's, from the environment
 * Lambda sets; the endpoint honours AWS_ENDPOINT_URL_{SQS,SECRETS_MANAGER,SESV2} like the SDK.
 */

class NodeSha256 implements Checksum {
  private hash;
  constructor(private readonly secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: Uint8Array): void { this.hash.update(data); }
  digest(): Promise<Uint8Array> { return Promise.resolve(new Uint8Array(this.hash.digest())); }
  reset(): void { this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret)); }
}
function toBuffer(d: SourceData): Buffer {
  return typeof d === 'string' ? Buffer.from(d, 'utf8') : Buffer.from(d as Uint8Array);
}

export type AwsJsonService = 'sqs' | 'secretsmanager' | 'ses';
const ENDPOINT_VAR: Record<AwsJsonService, string> = { sqs: 'SQS', secretsmanager: 'SECRETS_MANAGER', ses: 'SESV2' };
const HOST: Record<AwsJsonService, string> = { sqs: 'sqs', secretsmanager: 'secretsmanager', ses: 'email' };

/** An AWS error answer: `name` is the service's error type (e.g. ResourceNotFoundException). */
export class AwsCallError extends Error {
  constructor(name: string, message: string, readonly status: number) {
    super(message);
    this.name = name;
  }
  /** Throttling and 5xx are worth another attempt; a 4xx is not. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || /Throttl|TooManyRequests/.test(this.name);
  }
}

export interface AwsJsonCall {
  service: AwsJsonService;
  /** X-Amz-Target for the JSON-1.0/1.1 services (SQS, Secrets Manager). */
  target?: string;
  /** The path for a REST-JSON service (SES v2). */
  path?: string;
  body: unknown;
  timeoutMs?: number;
}

function endpointOf(service: AwsJsonService, region: string): URL {
  const local = process.env[`AWS_ENDPOINT_URL_${ENDPOINT_VAR[service]}`] || process.env.AWS_ENDPOINT_URL;
  if (local) return new URL(local);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://${HOST[service]}.${region}.${suffix}`);
}

export async function awsJson<T>(call: AwsJsonCall): Promise<T> {
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new AwsCallError('CredentialsMissing', 'no AWS credentials in the environment', 500);
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  const base = endpointOf(call.service, region);
  const path = `${base.pathname.replace(/\/$/, '')}${call.path ?? '/'}`;
  const body = JSON.stringify(call.body);
  const json = call.service === 'sqs' ? 'application/x-amz-json-1.0' : call.service === 'secretsmanager' ? 'application/x-amz-json-1.1' : 'application/json';
  const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, region, service: call.service, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: 'POST', protocol: base.protocol, hostname: base.hostname, ...(base.port ? { port: Number(base.port) } : {}), path,
    headers: { host: base.host, 'content-type': json, ...(call.target ? { 'x-amz-target': call.target } : {}) },
    body,
  });
  const res = await fetch(new URL(path, base), {
    method: 'POST', headers: signed.headers, body,
    signal: AbortSignal.timeout(call.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const type = String(parsed.__type ?? parsed.code ?? res.headers.get('x-amzn-errortype') ?? `Http${res.status}`).split('#').pop()!.split(':')[0]!;
    throw new AwsCallError(type, String(parsed.message ?? parsed.Message ?? res.statusText), res.status);
  }
  return parsed as T;
}
