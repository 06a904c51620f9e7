// What S3 checks before it lets a request touch a bucket, for the local front (local/s3-front.ts):
// SigV4 in the Authorization header, in the query (presigned URLs), and the browser-upload
// POST policy. Signatures are recomputed with @smithy/signature-v4 (the SDK's own signer, so
// what the SDK signs verifies) and compared in constant time. Refusals carry S3's own error
// codes, statuses and messages.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4, getCanonicalHeaders } from '@smithy/signature-v4';
import type { Checksum, HttpRequest, SourceData } from '@smithy/types';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** An S3 refusal: the HTTP status and the <Error> document's fields. */
export class S3Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'S3Refusal';
  }
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** S3 refuses a header-signed request more than 15 minutes off its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;

const toBytes = (data: SourceData): Uint8Array =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape the signer takes. */
class NodeSha256 implements Checksum {
  private hash;
  constructor(private readonly secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(this.secret));
  }
}

/** The SDK's signer, asked for the signature it would have produced for what arrived. */
class Verifier extends SignatureV4 {
  constructor(credentials: LocalCredentials, region: string) {
    // S3's flavour: the path is signed as sent (keys are escaped once), no payload header added.
    super({ credentials, region, service: 's3', sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
  }

  async requestSignature(request: HttpRequest, signedHeaders: string[], payloadHash: string, longDate: string, scope: string, signingDate: Date, region: string) {
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const stringToSign = await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM);
    const signature = await this.sign(stringToSign, { signingDate, signingRegion: region, signingService: 's3' });
    return { signature, canonicalRequest, stringToSign };
  }

  async policySignature(policy: string, signingDate: Date, region: string): Promise<string> {
    return this.sign(policy, { signingDate, signingRegion: region, signingService: 's3' });
  }
}

const sameHex = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

const signatureMismatch = (accessKeyId: string, extra: Record<string, string> = {}) =>
  new S3Refusal(403, 'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { AWSAccessKeyId: accessKeyId, ...extra });

/** "20261201T201002Z" → Date (NaN date when malformed). */
export function parseAmzDate(value: string | undefined): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return new Date(NaN);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Scope { accessKeyId: string; date: string; region: string; scope: string }

/** "AKID/20261201/us-east-1/s3/aws4_request", checked against the local key and region. */
function parseCredential(credential: string, keys: LocalCredentials, region: string, errorCode: string): Scope {
  const parts = credential.split('/');
  if (parts.length !== 5 || !/^\d{8}$/.test(parts[1]!) || parts[3] !== 's3' || parts[4] !== 'aws4_request') {
    throw new S3Refusal(400, errorCode, `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  const [accessKeyId, date, credentialRegion] = parts as [string, string, string];
  if (accessKeyId !== keys.accessKeyId) {
    throw new S3Refusal(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId });
  }
  if (credentialRegion !== region) {
    throw new S3Refusal(400, errorCode, `Error parsing the X-Amz-Credential parameter; the region '${credentialRegion}' is wrong; expecting '${region}'`, { Region: region });
  }
  return { accessKeyId, date, region, scope: parts.slice(1).join('/') };
}

/** What the front hands the verifier: the request as it arrived. */
export interface IncomingS3Request {
  method: string;
  /** The raw path, as sent (still percent-encoded). */
  path: string;
  /** Decoded query parameters, in the order sent. */
  query: Array<[string, string]>;
  /** Lower-case names (node:http's). */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const header = (req: IncomingS3Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

const queryObject = (pairs: Array<[string, string]>, drop: (k: string) => boolean = () => false): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    if (drop(k)) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
};

export type AuthMechanism = 'header' | 'query' | 'none';

/** Which way a request claims to be authenticated; the V2 forms S3 no longer accepts are refused. */
export function mechanismOf(req: IncomingS3Request): AuthMechanism {
  const auth = header(req, 'authorization');
  const names = new Set(req.query.map(([k]) => k));
  const v4Query = names.has('X-Amz-Algorithm') || names.has('X-Amz-Signature');
  const v2 = (auth !== undefined && /^AWS /.test(auth)) || names.has('Signature') || names.has('AWSAccessKeyId');
  if (v2) throw new S3Refusal(400, 'InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  if (auth !== undefined && v4Query) {
    throw new S3Refusal(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', { ArgumentName: 'Authorization' });
  }
  if (auth !== undefined) return 'header';
  if (v4Query) return 'query';
  return 'none';
}

/** x-amz-* headers the request carries but did not sign (S3 refuses them). */
function unsignedAmzHeaders(req: IncomingS3Request, signed: Set<string>, hoisted: Set<string> = new Set()): string[] {
  return Object.keys(req.headers).filter((h) => h.startsWith('x-amz-') && !signed.has(h) && !hoisted.has(h));
}

function checkPayload(req: IncomingS3Request, payloadHash: string): void {
  if (payloadHash === UNSIGNED_PAYLOAD) return;
  if (/^STREAMING-/.test(payloadHash)) {
    throw new S3Refusal(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented (the local S3 takes no aws-chunked uploads).', { Header: 'x-amz-content-sha256' });
  }
  if (!/^[0-9a-f]{64}$/.test(payloadHash)) {
    throw new S3Refusal(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.', { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash });
  }
  const actual = req.body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(req.body).digest('hex');
  if (actual !== payloadHash) {
    throw new S3Refusal(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", { ClientComputedContentSHA256: payloadHash, S3ComputedContentSHA256: actual });
  }
}

const toHttpRequest = (req: IncomingS3Request, signedHeaders: string[], query: Record<string, string | string[]>): HttpRequest => ({
  method: req.method,
  protocol: 'http:',
  hostname: '127.0.0.1',
  path: req.path,
  query,
  headers: Object.fromEntries(signedHeaders.flatMap((h) => {
    const v = header(req, h);
    return v === undefined ? [] : [[h, v]];
  })),
});

export interface VerifyOptions {
  credentials: LocalCredentials;
  region: string;
  now: Date;
}

/** Verifies an `Authorization: AWS4-HMAC-SHA256 …` request; throws an S3Refusal. */
export async function verifyHeaderSigned(req: IncomingS3Request, o: VerifyOptions): Promise<void> {
  const auth = header(req, 'authorization') ?? '';
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/.exec(auth);
  if (!m) {
    throw new S3Refusal(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  const [, credential, signedList, provided] = m as unknown as [string, string, string, string];
  const scope = parseCredential(credential, o.credentials, o.region, 'AuthorizationHeaderMalformed');
  const amzDate = header(req, 'x-amz-date');
  const signingDate = parseAmzDate(amzDate);
  if (Number.isNaN(signingDate.getTime())) throw new S3Refusal(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  if (amzDate!.slice(0, 8) !== scope.date) {
    throw new S3Refusal(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; Invalid credential date "${scope.date}". This date is not the same as X-Amz-Date: "${amzDate!.slice(0, 8)}".`);
  }
  if (Math.abs(o.now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new S3Refusal(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', { RequestTime: amzDate!, ServerTime: iso(o.now), MaxAllowedSkewMilliseconds: MAX_SKEW_MS });
  }
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host')) {
    throw new S3Refusal(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed; SignedHeaders must include host.');
  }
  const unsigned = unsignedAmzHeaders(req, new Set(signedHeaders));
  if (unsigned.length) throw new S3Refusal(403, 'AccessDenied', 'There were headers present in the request which were not signed', { HeadersNotSigned: unsigned.join(', ') });
  const payloadHash = header(req, 'x-amz-content-sha256');
  if (payloadHash === undefined) throw new S3Refusal(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');

  const verifier = new Verifier(o.credentials, o.region);
  const { signature, canonicalRequest, stringToSign } = await verifier.requestSignature(
    toHttpRequest(req, signedHeaders, queryObject(req.query)), signedHeaders, payloadHash, amzDate!, scope.scope, signingDate, scope.region);
  if (!sameHex(signature, provided)) throw signatureMismatch(scope.accessKeyId, { StringToSign: stringToSign, CanonicalRequest: canonicalRequest });
  checkPayload(req, payloadHash);
}

/** Verifies a presigned URL (`X-Amz-Algorithm=AWS4-HMAC-SHA256&…` in the query); throws an S3Refusal. */
export async function verifyQuerySigned(req: IncomingS3Request, o: VerifyOptions): Promise<void> {
  const q = new Map(req.query);
  const missing = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'].filter((k) => !q.has(k));
  if (missing.length) {
    throw new S3Refusal(400, 'AuthorizationQueryParametersError', 'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
  }
  if (q.get('X-Amz-Algorithm') !== ALGORITHM) throw new S3Refusal(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const scope = parseCredential(q.get('X-Amz-Credential')!, o.credentials, o.region, 'AuthorizationQueryParametersError');
  const amzDate = q.get('X-Amz-Date')!;
  const signingDate = parseAmzDate(amzDate);
  if (Number.isNaN(signingDate.getTime())) {
    throw new S3Refusal(400, 'AuthorizationQueryParametersError', "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  if (amzDate.slice(0, 8) !== scope.date) {
    throw new S3Refusal(400, 'AuthorizationQueryParametersError', `Invalid credential date "${scope.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`);
  }
  const expiresText = q.get('X-Amz-Expires')!;
  const expires = /^\d+$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!(expires >= 1 && expires <= MAX_PRESIGNED_SECONDS)) {
    throw new S3Refusal(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds');
  }
  if (signingDate.getTime() > o.now.getTime()) throw new S3Refusal(403, 'AccessDenied', 'Request is not valid yet', { 'X-Amz-Date': amzDate, ServerTime: iso(o.now) });
  const expiresAt = new Date(signingDate.getTime() + expires * 1000);
  if (o.now.getTime() > expiresAt.getTime()) {
    throw new S3Refusal(403, 'AccessDenied', 'Request has expired', { 'X-Amz-Expires': expiresText, Expires: iso(expiresAt), ServerTime: iso(o.now) });
  }
  const signedHeaders = q.get('X-Amz-SignedHeaders')!.split(';');
  if (!signedHeaders.includes('host')) throw new S3Refusal(400, 'AuthorizationQueryParametersError', 'SignedHeaders must include host.');
  const hoisted = new Set(req.query.map(([k]) => k.toLowerCase()).filter((k) => k.startsWith('x-amz-')));
  const unsigned = unsignedAmzHeaders(req, new Set(signedHeaders), hoisted);
  if (unsigned.length) throw new S3Refusal(403, 'AccessDenied', 'There were headers present in the request which were not signed', { HeadersNotSigned: unsigned.join(', ') });
  // A presigned URL signs no payload, unless it names a hash in the query.
  const payloadHash = req.query.find(([k]) => k.toLowerCase() === 'x-amz-content-sha256')?.[1] ?? UNSIGNED_PAYLOAD;

  const verifier = new Verifier(o.credentials, o.region);
  const { signature, canonicalRequest, stringToSign } = await verifier.requestSignature(
    toHttpRequest(req, signedHeaders, queryObject(req.query, (k) => k === 'X-Amz-Signature')), signedHeaders, payloadHash, amzDate, scope.scope, signingDate, scope.region);
  if (!sameHex(signature, q.get('X-Amz-Signature')!)) throw signatureMismatch(scope.accessKeyId, { StringToSign: stringToSign, CanonicalRequest: canonicalRequest });
  checkPayload(req, payloadHash);
}

// ---- the browser upload: POST with a signed policy ----

export interface PostForm {
  /** Fields before the file, names as sent. */
  fields: Array<[string, string]>;
  file: { name: string; type: string; bytes: Uint8Array } | undefined;
}

export interface VerifiedPost {
  /** The object key (with `${filename}` replaced by the file's name, as S3 does). */
  key: string;
  /** The fields to store with the object (lower-case names; no policy, signature or credential). */
  storeFields: Array<[string, string]>;
  file: { name: string; type: string; bytes: Uint8Array };
}

type Condition =
  | { op: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { op: 'content-length-range'; min: number; max: number; text: string };

const invalidPolicy = (why: string) => new S3Refusal(400, 'InvalidPolicyDocument', `Invalid Policy: ${why}`);
const conditionText = (parts: unknown[]) => `[${parts.map((p) => JSON.stringify(p)).join(', ')}]`;

function parseConditions(raw: unknown): Condition[] {
  if (!Array.isArray(raw)) throw invalidPolicy('Policy missing conditions.');
  return raw.map((c): Condition => {
    if (c !== null && typeof c === 'object' && !Array.isArray(c)) {
      const entries = Object.entries(c as Record<string, unknown>);
      const [name, value] = entries[0] ?? [];
      if (entries.length !== 1 || typeof value !== 'string') throw invalidPolicy(`Invalid Simple-Condition: ${JSON.stringify(c)}`);
      return { op: 'eq', field: name!.toLowerCase(), value, text: conditionText(['eq', `$${name}`, value]) };
    }
    if (Array.isArray(c) && c.length === 3) {
      const [op, a, b] = c as [unknown, unknown, unknown];
      const lower = typeof op === 'string' ? op.toLowerCase() : op;
      if ((lower === 'eq' || lower === 'starts-with') && typeof a === 'string' && a.startsWith('$') && typeof b === 'string') {
        return { op: lower, field: a.slice(1).toLowerCase(), value: b, text: conditionText(c) };
      }
      if (lower === 'content-length-range' && Number.isSafeInteger(a) && Number.isSafeInteger(b) && (a as number) >= 0 && (a as number) <= (b as number)) {
        return { op: 'content-length-range', min: a as number, max: b as number, text: conditionText(c) };
      }
    }
    throw invalidPolicy(`Invalid Condition: ${JSON.stringify(c)}`);
  });
}

/** Fields no condition needs to cover (S3's list). */
const exemptField = (name: string) => name === 'policy' || name === 'x-amz-signature' || name === 'file' || name.startsWith('x-ignore-');
/** Fields that authenticate the upload; never stored with the object. */
const AUTH_FIELDS = new Set(['policy', 'x-amz-signature', 'x-amz-credential', 'x-amz-algorithm', 'x-amz-date', 'x-amz-security-token', 'bucket']);

export interface VerifyPostOptions extends VerifyOptions {
  bucket: string;
}

/**
 * Verifies a browser-upload POST as S3 does: the policy's signature with the local credentials,
 * its expiration, every condition against the form (and the file's size against
 * content-length-range), and that no field goes uncovered. Throws an S3Refusal.
 */
export async function verifyPostPolicy(form: PostForm, o: VerifyPostOptions): Promise<VerifiedPost> {
  const fields = new Map<string, string>();
  for (const [name, value] of form.fields) {
    const lower = name.toLowerCase();
    if (fields.has(lower)) throw new S3Refusal(400, 'InvalidArgument', `POST form fields may not repeat: ${name}`, { ArgumentName: name });
    fields.set(lower, value);
  }
  if (fields.has('awsaccesskeyid') || fields.has('signature')) {
    throw new S3Refusal(400, 'InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  const policy = fields.get('policy');
  if (policy === undefined) throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
  for (const required of ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature']) {
    if (!fields.has(required)) throw new S3Refusal(400, 'InvalidArgument', `Bucket POST must contain a field named '${required}'.  If it is specified, please check the order of the fields.`, { ArgumentName: required });
  }
  if (fields.get('x-amz-algorithm') !== ALGORITHM) throw new S3Refusal(400, 'InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', { ArgumentName: 'x-amz-algorithm' });
  const scope = parseCredential(fields.get('x-amz-credential')!, o.credentials, o.region, 'AuthorizationQueryParametersError');
  const keyDate = new Date(`${scope.date.slice(0, 4)}-${scope.date.slice(4, 6)}-${scope.date.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(keyDate.getTime())) throw new S3Refusal(400, 'AuthorizationQueryParametersError', 'Invalid credential date.');

  const verifier = new Verifier(o.credentials, o.region);
  const expected = await verifier.policySignature(policy, keyDate, scope.region);
  if (!sameHex(expected, fields.get('x-amz-signature')!)) throw signatureMismatch(scope.accessKeyId, { StringToSign: policy });

  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof document;
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (document === null || typeof document !== 'object') throw invalidPolicy('Invalid JSON.');
  if (typeof document.expiration !== 'string') throw invalidPolicy('Policy missing expiration.');
  const expiration = new Date(document.expiration);
  if (Number.isNaN(expiration.getTime())) throw invalidPolicy(`Invalid 'expiration' value: '${document.expiration}'`);
  const conditions = parseConditions(document.conditions);
  if (o.now.getTime() >= expiration.getTime()) throw new S3Refusal(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');

  const bucketField = fields.get('bucket');
  if (bucketField !== undefined && bucketField !== o.bucket) {
    throw new S3Refusal(400, 'InvalidArgument', 'The bucket field does not name the bucket the form was posted to.', { ArgumentName: 'bucket', ArgumentValue: bucketField });
  }
  // The bucket is the one posted to, whatever a field says.
  const valueOf = (field: string) => (field === 'bucket' ? o.bucket : fields.get(field) ?? '');
  const failed = (c: Condition) => new S3Refusal(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ${c.text}`);
  const covered = new Set<string>();
  let sizeRange: Extract<Condition, { op: 'content-length-range' }> | undefined;
  for (const c of conditions) {
    if (c.op === 'content-length-range') {
      sizeRange = c;
      continue;
    }
    covered.add(c.field);
    const value = valueOf(c.field);
    if (c.op === 'eq' && value !== c.value) throw failed(c);
    if (c.op === 'starts-with') {
      // Content-Type may list several types, each of which must match (S3's rule).
      const values = c.field === 'content-type' ? value.split(',').map((v) => v.trim()) : [value];
      if (!values.every((v) => v.startsWith(c.value))) throw failed(c);
    }
  }
  const extra = [...fields.keys()].filter((f) => !exemptField(f) && !covered.has(f));
  if (extra.length) throw new S3Refusal(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);

  const key = fields.get('key');
  if (key === undefined) {
    throw new S3Refusal(400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", { ArgumentName: 'key', ArgumentValue: '' });
  }
  if (!form.file) throw new S3Refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: 0 });
  const size = form.file.bytes.byteLength;
  if (sizeRange && size > sizeRange.max) {
    throw new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: size, MaxSizeAllowed: sizeRange.max });
  }
  if (sizeRange && size < sizeRange.min) {
    throw new S3Refusal(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: size, MinSizeAllowed: sizeRange.min });
  }
  const finalKey = key.split('${filename}').join(form.file.name);
  if (finalKey.length === 0) throw new S3Refusal(400, 'InvalidArgument', 'User key must have a length greater than 0.', { ArgumentName: 'key', ArgumentValue: '' });
  return {
    key: finalKey,
    storeFields: [...fields.entries()].filter(([name]) => !AUTH_FIELDS.has(name) && name !== 'key' && !name.startsWith('x-ignore-')),
    file: form.file,
  };
}
