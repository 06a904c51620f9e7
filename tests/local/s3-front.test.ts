// The local S3 enforces what S3 enforces (issue #12): a presigned POST policy's signature,
// expiry, key, size range, content type and every other condition; SigV4 on every other
// request; nothing unsigned reaches the store. Each refusal in S3's own XML shape and status.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHmac } from 'node:crypto';
import { startS3, type LocalS3 } from '../../local/s3';
import { MAX_UPLOAD_BYTES, UPLOAD_LINK_SECONDS } from '../../contracts/limits';

const BUCKET = 'uploads-bucket';
const REGION = 'us-east-1';
let s3: LocalS3;
let client: S3Client;
/** How far the front's clock is ahead of the wall clock (the expiry tests move it). */
let offsetMs = 0;
const delivered: string[] = [];

// Before the front existed the store took s3rver's fixed keys; the fallback lets this file run
// (and fail on its assertions) against that version too.
const keysOf = (s: LocalS3) => ({ ...(s.credentials ?? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }) });
const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) => new S3Client({
  endpoint: s3.endpoint, region: REGION, forcePathStyle: true, credentials,
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', maxAttempts: 1,
});

beforeAll(async () => {
  s3 = await startS3({
    buckets: [BUCKET],
    region: REGION,
    deliver: (event) => { delivered.push(event.Records[0]!.s3.object.key); },
    signatureClock: () => new Date(Date.now() + offsetMs),
  });
  client = clientWith(keysOf(s3));
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
});
beforeEach(() => {
  offsetMs = 0;
});

let links = 0;
/** The link functions/api/uploads.ts issues: one key, one content type, 1 byte … 5 MB. */
async function uploadLink(unit: string, fileName = 'form.json', contentType = 'application/json') {
  const key = `rounds/2026-R1/units/${unit}/${String(++links).padStart(4, '0')}-${fileName}`;
  const post = await createPresignedPost(client, {
    Bucket: BUCKET, Key: key, Expires: UPLOAD_LINK_SECONDS,
    Conditions: [['content-length-range', 1, MAX_UPLOAD_BYTES], ['eq', '$Content-Type', contentType], ['eq', '$key', key]],
    Fields: { 'Content-Type': contentType },
  });
  return { ...post, key };
}

async function postForm(url: string, fields: Record<string, string>, body: Uint8Array | string = '{"formVersion":1}', fileName = 'form.json') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([body]), fileName);
  const res = await fetch(url, { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}

const codeOf = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const messageOf = (xml: string) => /<Message>([^<]*)<\/Message>/.exec(xml)?.[1]?.replace(/&quot;/g, '"');

async function stored(key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (e) {
    if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw e;
  }
}

/** A raw request (no fetch URL normalization, nothing signed unless the caller signs it). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(s3.endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
/** A policy signed with the local keys (what a holder of the system's secret could issue). */
function signPolicy(policy: object, fields: Record<string, string>) {
  const { secretAccessKey } = keysOf(s3);
  const encoded = b64(policy);
  const date = fields['X-Amz-Date']!.slice(0, 8);
  let k: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
  for (const part of [REGION, 's3', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
  return { ...fields, Policy: encoded, 'X-Amz-Signature': createHmac('sha256', k).update(encoded).digest('hex') };
}

describe('the presigned POST policy (a school\'s upload link)', () => {
  it('takes the upload the link was made for, and it reaches intake', async () => {
    const link = await uploadLink('JT-XYXX');
    const res = await postForm(link.url, link.fields);
    expect(res.status).toBe(204);
    expect(await stored(link.key)).toBe(true);
    await s3.idle();
    expect(delivered).toContain(link.key);
  });

  it('refuses the link with its key changed to another unit (eq $key)', async () => {
    const link = await uploadLink('JT-XYXX');
    const forged = link.key.replace('JT-XYXX', 'JT-HLGZX');
    const res = await postForm(link.url, { ...link.fields, key: forged });
    expect(res.status).toBe(403);
    expect(codeOf(res.text)).toBe('AccessDenied');
    expect(messageOf(res.text)).toBe(`Invalid according to Policy: Policy Condition failed: ["eq", "$key", "${link.key}"]`);
    expect(await stored(forged)).toBe(false);
  });

  it('refuses a key outside a starts-with prefix', async () => {
    const { fields, url } = await createPresignedPost(client, {
      Bucket: BUCKET, Key: 'rounds/2026-R1/units/JT-XYXX/${filename}', Expires: 60,
      Conditions: [['content-length-range', 1, 1024]],
    });
    const res = await postForm(url, { ...fields, key: 'rounds/2026-R1/units/JT-HLGZX/x.json' });
    expect(res.status).toBe(403);
    expect(messageOf(res.text)).toBe('Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "rounds/2026-R1/units/JT-XYXX/"]');
    expect(await stored('rounds/2026-R1/units/JT-HLGZX/x.json')).toBe(false);
    // Inside the prefix, `${filename}` becomes the file's name, as in S3.
    const ok = await postForm(url, fields, '{}', 'mine.json');
    expect(ok.status).toBe(204);
    expect(await stored('rounds/2026-R1/units/JT-XYXX/mine.json')).toBe(true);
  });

  it('never writes outside the bucket folder: "../x" is refused by the policy, and by the store under a prefix', async () => {
    const link = await uploadLink('JT-XYXX');
    const res = await postForm(link.url, { ...link.fields, key: '../x' });
    expect(res.status).toBe(403);
    expect(codeOf(res.text)).toBe('AccessDenied');

    const { fields, url } = await createPresignedPost(client, {
      Bucket: BUCKET, Key: 'rounds/2026-R1/units/JT-XYXX/${filename}', Expires: 60, Conditions: [['content-length-range', 1, 1024]],
    });
    const climbing = await postForm(url, { ...fields, key: 'rounds/2026-R1/units/JT-XYXX/../../../../../x' });
    expect(climbing.status).toBe(400);
    expect(codeOf(climbing.text)).toBe('InvalidArgument');
    expect(existsSync(join(s3.directory, 'x'))).toBe(false);
    expect(existsSync(join(dirname(s3.directory), 'x._S3rver_object'))).toBe(false);
    expect(readdirSync(s3.directory).sort()).toEqual([BUCKET]);
  });

  it('refuses 6 MB through a 5 MB link (EntityTooLarge) and an empty file (EntityTooSmall)', async () => {
    const link = await uploadLink('JT-XYXX');
    const big = await postForm(link.url, link.fields, new Uint8Array(6 * 1024 * 1024));
    expect(big.status).toBe(400);
    expect(codeOf(big.text)).toBe('EntityTooLarge');
    expect(big.text).toContain(`<MaxSizeAllowed>${MAX_UPLOAD_BYTES}</MaxSizeAllowed>`);
    expect(big.text).toContain(`<ProposedSize>${6 * 1024 * 1024}</ProposedSize>`);
    const empty = await postForm(link.url, link.fields, '');
    expect(empty.status).toBe(400);
    expect(codeOf(empty.text)).toBe('EntityTooSmall');
    expect(await stored(link.key)).toBe(false);
  });

  it('refuses an expired link: used after its five minutes, or a policy that expired', async () => {
    const link = await uploadLink('JT-XYXX');
    offsetMs = (UPLOAD_LINK_SECONDS + 1) * 1000;
    const late = await postForm(link.url, link.fields);
    expect(late.status).toBe(403);
    expect(codeOf(late.text)).toBe('AccessDenied');
    expect(messageOf(late.text)).toBe('Invalid according to Policy: Policy expired.');
    offsetMs = 0;

    // A policy whose expiration has passed, correctly signed with the local keys.
    const { Policy: _p, 'X-Amz-Signature': _s, ...rest } = link.fields as Record<string, string>;
    const past = signPolicy({
      expiration: new Date(Date.now() - 60_000).toISOString(),
      conditions: JSON.parse(Buffer.from(link.fields.Policy!, 'base64').toString()).conditions,
    }, rest);
    const expired = await postForm(link.url, past);
    expect(expired.status).toBe(403);
    expect(messageOf(expired.text)).toBe('Invalid according to Policy: Policy expired.');
    expect(await stored(link.key)).toBe(false);
  });

  it('refuses a content type other than the link\'s (eq $Content-Type)', async () => {
    const link = await uploadLink('JT-XYXX');
    const res = await postForm(link.url, { ...link.fields, 'Content-Type': 'text/html' });
    expect(res.status).toBe(403);
    expect(messageOf(res.text)).toBe('Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/json"]');
    expect(await stored(link.key)).toBe(false);
  });

  it('refuses a tampered signature, a widened policy, other keys', async () => {
    const link = await uploadLink('JT-XYXX');
    const sig = link.fields['X-Amz-Signature']!;
    const flipped = postForm(link.url, { ...link.fields, 'X-Amz-Signature': `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}` });
    const policy = JSON.parse(Buffer.from(link.fields.Policy!, 'base64').toString()) as { conditions: unknown[] };
    const widened = postForm(link.url, {
      ...link.fields,
      key: 'rounds/2026-R1/units/JT-HLGZX/x.json',
      Policy: b64({ ...policy, conditions: policy.conditions.map((c) => (Array.isArray(c) && c[1] === '$key' ? ['starts-with', '$key', 'rounds/'] : c)).filter((c) => !(c && typeof c === 'object' && 'key' in c)) }),
    });
    const stranger = clientWith({ accessKeyId: keysOf(s3).accessKeyId, secretAccessKey: 'not-the-local-secret' });
    const foreign = await createPresignedPost(stranger, {
      Bucket: BUCKET, Key: link.key, Expires: 60, Conditions: [['eq', '$key', link.key]],
    });
    const wrongSecret = postForm(foreign.url, foreign.fields);
    const unknown = clientWith({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    const s3rverKeys = await createPresignedPost(unknown, { Bucket: BUCKET, Key: link.key, Expires: 60 });
    const unknownKey = postForm(s3rverKeys.url, s3rverKeys.fields);

    for (const res of await Promise.all([flipped, widened, wrongSecret])) {
      expect(res.status).toBe(403);
      expect(codeOf(res.text)).toBe('SignatureDoesNotMatch');
    }
    const u = await unknownKey;
    expect(u.status).toBe(403);
    expect(codeOf(u.text)).toBe('InvalidAccessKeyId');
    stranger.destroy();
    unknown.destroy();
    expect(await stored(link.key)).toBe(false);
    expect(await stored('rounds/2026-R1/units/JT-HLGZX/x.json')).toBe(false);
  });

  it('refuses a form field no condition covers (Extra input fields)', async () => {
    const link = await uploadLink('JT-XYXX');
    const res = await postForm(link.url, { ...link.fields, 'x-amz-meta-unit': 'JT-HLGZX' });
    expect(res.status).toBe(403);
    expect(messageOf(res.text)).toBe('Invalid according to Policy: Extra input fields: x-amz-meta-unit');
  });

  it('refuses a POST with no policy at all', async () => {
    const res = await postForm(`${s3.endpoint}/${BUCKET}`, { key: 'rounds/2026-R1/units/JT-XYXX/free.json' });
    expect(res.status).toBe(403);
    expect(codeOf(res.text)).toBe('AccessDenied');
    expect(await stored('rounds/2026-R1/units/JT-XYXX/free.json')).toBe(false);
  });
});

describe('everything else must be SigV4-signed with the local keys', () => {
  const key = 'rounds/2026-R1/units/JT-XYXX/signed.json';

  it('serves the system\'s own signed SDK calls (intake\'s GetObject / HeadObject) and presigned URLs', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: '{"a":1}', ContentType: 'application/json' }));
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength).toBe(7);
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await got.Body!.transformToString()).toBe('{"a":1}');
    const list = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'rounds/2026-R1/units/JT-XYXX/signed' }));
    expect(list.Contents?.map((c) => c.Key)).toEqual([key]);
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses unsigned PUT, GET, LIST, DELETE and ListBuckets (403 AccessDenied), storing nothing', async () => {
    const answers = await Promise.all([
      raw('PUT', `/${BUCKET}/rounds/2026-R1/units/JT-XYXX/unsigned.json`, {}, 'x'),
      raw('PUT', `/${BUCKET}/../x`, {}, 'x'),
      raw('GET', `/${BUCKET}/${key}`),
      raw('GET', `/${BUCKET}?list-type=2`),
      raw('GET', `/${BUCKET}`),
      raw('DELETE', `/${BUCKET}/${key}`),
      raw('GET', '/'),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(403);
      expect(codeOf(a.text)).toBe('AccessDenied');
    }
    expect(await stored(key)).toBe(true);
    expect(await stored('rounds/2026-R1/units/JT-XYXX/unsigned.json')).toBe(false);
    expect(existsSync(join(s3.directory, 'x._S3rver_object'))).toBe(false);
  });

  it('refuses SDK calls signed with another secret or another key', async () => {
    const stranger = clientWith({ accessKeyId: keysOf(s3).accessKeyId, secretAccessKey: 'not-the-local-secret' });
    const s3rverKeys = clientWith({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    const codeOfError = (p: Promise<unknown>) => p.then(() => 'ok', (e: { name?: string; Code?: string }) => e.Code ?? e.name);
    expect(await codeOfError(stranger.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key })))).toBe('SignatureDoesNotMatch');
    expect(await codeOfError(stranger.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}.2`, Body: 'x' })))).toBe('SignatureDoesNotMatch');
    expect(await codeOfError(s3rverKeys.send(new ListObjectsV2Command({ Bucket: BUCKET })))).toBe('InvalidAccessKeyId');
    stranger.destroy();
    s3rverKeys.destroy();
    expect(await stored(key)).toBe(true);
    expect(await stored(`${key}.2`)).toBe(false);
  });

  it('refuses a presigned URL that was altered or has expired', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    const other = url.replace('signed.json', 'other.json');
    const altered = await fetch(other);
    expect(altered.status).toBe(403);
    expect(codeOf(await altered.text())).toBe('SignatureDoesNotMatch');
    const put = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: `${key}.late` }), { expiresIn: 60 });
    offsetMs = 61_000;
    const late = await fetch(put, { method: 'PUT', body: 'x' });
    expect(late.status).toBe(403);
    expect(messageOf(await late.text())).toBe('Request has expired');
    offsetMs = 0;
    expect(await stored(`${key}.late`)).toBe(false);
  });

  it('refuses a signed key with a ".." segment rather than write outside the bucket folder', async () => {
    const e = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: '../escaped', Body: 'x' })).then(() => undefined, (err: { Code?: string; $metadata?: { httpStatusCode?: number } }) => err);
    expect(e?.$metadata?.httpStatusCode).toBe(400);
    expect(e?.Code).toBe('InvalidArgument');
    expect(existsSync(join(s3.directory, 'escaped._S3rver_object'))).toBe(false);
  });

  it('refuses a signed body that was swapped after signing (XAmzContentSHA256Mismatch)', async () => {
    // Capture a correctly signed PutObject, then send it with another body.
    let captured: { headers: Record<string, string>; path: string } | undefined;
    const spy = clientWith(keysOf(s3));
    spy.middlewareStack.add((_next) => async (args) => {
      const r = args.request as { headers: Record<string, string>; path: string; query: Record<string, string> };
      captured = { headers: { ...r.headers }, path: `${r.path}?${new URLSearchParams(r.query).toString()}` };
      return { response: { statusCode: 200, headers: {} } as never, output: {} as never };
    }, { step: 'finalizeRequest', priority: 'low' });
    await spy.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}.swap`, Body: 'good' })).catch(() => undefined);
    spy.destroy();
    expect(captured).toBeDefined();
    const { 'content-length': _len, ...headers } = captured!.headers;
    const swapped = await raw('PUT', captured!.path, headers, 'evil');
    expect(swapped.status).toBe(400);
    expect(codeOf(swapped.text)).toBe('XAmzContentSHA256Mismatch');
    expect(await stored(`${key}.swap`)).toBe(false);
  });
});
