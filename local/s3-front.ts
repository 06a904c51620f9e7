// The front of the local S3: the only door to the store. It listens on 127.0.0.1 and lets a
// request through to s3rver (which listens on a Unix socket in a private folder, no TCP port)
// only once it has verified it as S3 would — SigV4 in the header or the query with the local
// credentials, or a browser-upload POST whose signed policy the form satisfies. Everything
// else gets S3's own refusal. s3rver verifies no signature and no POST policy itself
// (TOOLCHAIN.md, "An S3 that checks signatures").
import { request as httpRequest, createServer, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  S3Refusal, mechanismOf, verifyHeaderSigned, verifyPostPolicy, verifyQuerySigned,
  type IncomingS3Request, type LocalCredentials, type PostForm,
} from './s3-auth';
import { keepIdleConnections } from './keep-alive';

/** A request body the front reads at most (local uploads are ≤ 5 MB; S3's own single PUT limit is 5 GB). */
export const MAX_FRONT_BODY_BYTES = 16 * 1024 * 1024;
/** S3's longest key, in UTF-8 bytes. */
const MAX_KEY_BYTES = 1024;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface S3FrontOptions {
  /** s3rver's Unix socket. */
  socketPath: string;
  credentials: LocalCredentials;
  region: string;
  /** Buckets that exist; requests for any other are NoSuchBucket. */
  buckets: string[];
  /** The clock signatures and policies are judged on (the SDK signs on the wall clock). */
  now: () => Date;
  port?: number;
}

export interface S3Front {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

function sendRefusal(res: ServerResponse, method: string, r: S3Refusal, resource: string): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const detail = Object.entries(r.details).map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${r.code}</Code><Message>${xmlEscape(r.message)}</Message>${detail}`
    + `<Resource>${xmlEscape(resource)}</Resource><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  res.writeHead(r.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    ...(method === 'HEAD' ? {} : { 'content-length': Buffer.byteLength(body) }),
    // The body may not have been read to the end: do not reuse the connection.
    connection: 'close',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FRONT_BODY_BYTES) {
    return Promise.reject(new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: declared, MaxSizeAllowed: MAX_FRONT_BODY_BYTES }));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FRONT_BODY_BYTES) {
        req.pause();
        reject(new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { MaxSizeAllowed: MAX_FRONT_BODY_BYTES }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Target { bucket?: string; key?: string; rawKeySegments?: string[] }

/**
 * The bucket and key a path names, refused when the local store could not hold them safely:
 * s3rver keeps objects as files, so a key segment "." or ".." would leave the bucket folder
 * (S3 itself stores such keys literally; here they are refused).
 */
function targetOf(rawPath: string, buckets: string[]): Target {
  const [, rawBucket = '', ...rawKey] = rawPath.split('/');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new S3Refusal(400, 'InvalidURI', "Couldn't parse the specified URI.", { URI: rawPath });
    }
  };
  if (rawBucket === '') return {};
  const bucket = decode(rawBucket);
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) throw new S3Refusal(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
  if (!buckets.includes(bucket)) throw new S3Refusal(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
  if (rawKey.length === 0 || (rawKey.length === 1 && rawKey[0] === '')) return { bucket };
  return { bucket, key: decode(rawKey.join('/')), rawKeySegments: rawKey.map(decode) };
}

function checkKey(key: string, rawSegments: string[] = []): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Refusal(400, 'KeyTooLongError', 'Your key is too long', { Size: Buffer.byteLength(key), MaxSizeAllowed: MAX_KEY_BYTES });
  const segments = [...key.split('/'), ...rawSegments];
  if (segments.some((s) => s === '.' || s === '..') || key.includes('\\') || key.includes('\0')) {
    throw new S3Refusal(400, 'InvalidArgument', 'The local S3 keeps objects as files and refuses key segments "." and ".." (and "\\", NUL).', { ArgumentName: 'key', ArgumentValue: key });
  }
}

function parseQuery(raw: string): Array<[string, string]> {
  // The same decoding s3rver applies ('+' is a space), so what is verified is what runs.
  return [...new URLSearchParams(raw)];
}

async function parsePostForm(body: Buffer, contentType: string): Promise<PostForm> {
  let data: FormData;
  try {
    data = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new S3Refusal(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
  }
  const fields: Array<[string, string]> = [];
  let file: PostForm['file'];
  for (const [name, value] of data.entries()) {
    if (name.toLowerCase() === 'file') {
      // S3 ignores everything after the file.
      file = typeof value === 'string'
        ? { name: '', type: '', bytes: Buffer.from(value, 'utf8') }
        : { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
      break;
    }
    if (typeof value !== 'string') throw new S3Refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: name });
    fields.push([name, value]);
  }
  return { fields, file };
}

/** The verified upload, as the form s3rver stores: the stored fields, the key, then the file. */
async function rebuiltPost(key: string, storeFields: Array<[string, string]>, file: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData();
  form.append('key', key);
  for (const [name, value] of storeFields) form.append(name, value);
  form.append('file', new Blob([file.bytes], { type: file.type || 'application/octet-stream' }), file.name || 'file');
  const encoded = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'expect', 'upgrade', 'proxy-connection']);

export async function startS3Front(o: S3FrontOptions): Promise<S3Front> {
  const agent = new Agent({ keepAlive: true });

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, headers: Record<string, string | string[] | undefined> = req.headers, retried = false): Promise<void> =>
    new Promise<void>((resolve) => {
      const outHeaders = Object.fromEntries(Object.entries(headers).filter(([k, v]) => v !== undefined && !HOP_BY_HOP.has(k)));
      if (body.length > 0 || req.method === 'PUT' || req.method === 'POST') outHeaders['content-length'] = String(body.length);
      const upstream = httpRequest({ socketPath: o.socketPath, agent, method: req.method, path: req.url, headers: outHeaders }, (answer) => {
        const back = Object.fromEntries(Object.entries(answer.headers).filter(([k, v]) => v !== undefined && !HOP_BY_HOP.has(k)));
        res.writeHead(answer.statusCode ?? 500, back as Record<string, string | string[]>);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => { res.destroy(); resolve(); });
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        // A pooled socket that s3rver closed as it was handed out: Node's documented case for
        // one retry (request.reusedSocket). Any other failure is S3's 503.
        if (upstream.reusedSocket && err.code === 'ECONNRESET' && !retried && !res.headersSent) {
          void forward(req, res, body, headers, true).then(resolve);
          return;
        }
        if (!res.headersSent) sendRefusal(res, req.method ?? 'GET', new S3Refusal(503, 'ServiceUnavailable', 'Please reduce your request rate.'), req.url ?? '/');
        else res.destroy();
        resolve();
      });
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const [rawPath = '/', rawQuery = ''] = url.split(/\?(.*)/s);
    try {
      const target = targetOf(rawPath, o.buckets);
      // A CORS preflight carries no credentials in S3 either; s3rver answers it from the
      // bucket's CORS configuration and touches no object.
      if (method === 'OPTIONS' && req.headers.origin && req.headers['access-control-request-method']) {
        await forward(req, res, Buffer.alloc(0));
        return;
      }
      const body = await readBody(req);
      const incoming: IncomingS3Request = { method, path: rawPath, query: parseQuery(rawQuery), headers: req.headers, body };
      const mechanism = mechanismOf(incoming);
      const verify = { credentials: o.credentials, region: o.region, now: o.now() };
      if (mechanism === 'header' || mechanism === 'query') {
        await (mechanism === 'header' ? verifyHeaderSigned : verifyQuerySigned)(incoming, verify);
        // Authenticated; now whether the store can hold the key at all.
        if (target.key !== undefined) checkKey(target.key, target.rawKeySegments);
        await forward(req, res, body);
        return;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (method === 'POST' && target.bucket && target.key === undefined && incoming.query.length === 0 && /^multipart\/form-data/i.test(contentType)) {
        const form = await parsePostForm(body, contentType);
        const verified = await verifyPostPolicy(form, { ...verify, bucket: target.bucket });
        checkKey(verified.key);
        const rebuilt = await rebuiltPost(verified.key, verified.storeFields, verified.file);
        const headers = { ...req.headers, 'content-type': rebuilt.contentType };
        await forward(req, res, rebuilt.body, headers);
        return;
      }
      // No signature, no policy: S3 answers an anonymous request on a private bucket so.
      throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
    } catch (e) {
      if (e instanceof S3Refusal) sendRefusal(res, method, e, rawPath);
      else sendRefusal(res, method, new S3Refusal(500, 'InternalError', 'We encountered an internal error. Please try again.'), rawPath);
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  keepIdleConnections(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    server,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
