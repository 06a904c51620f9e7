import { createHash, createHmac } from 'node:crypto';

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
  const headers = signV4({
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, region, service: call.service,
    host: base.host, path, body, now: new Date(),
    headers: { 'content-type': json, ...(call.target ? { 'x-amz-target': call.target } : {}) },
  });
  const res = await fetch(new URL(path, base), {
    method: 'POST', headers, body,
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

export interface SignInput {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  host: string;
  /** Already URI-encoded as sent (the services here use plain ASCII paths). */
  path: string;
  body: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  now: Date;
}

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * AWS Signature Version 4 for a POST without a query string: the headers to send (the given
 * ones, host, x-amz-date, x-amz-content-sha256, x-amz-security-token, authorization).
 */
export function signV4(i: SignInput): Record<string, string> {
  const amzDate = i.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256hex(i.body);
  const headers: Record<string, string> = {
    ...i.headers, host: i.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash,
    ...(i.credentials.sessionToken ? { 'x-amz-security-token': i.credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonical = ['POST', i.path, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${i.region}/${i.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${i.credentials.secretAccessKey}`, day), i.region), i.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${i.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
