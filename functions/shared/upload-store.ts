import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FetchedObject, ObjectRef, UploadStore } from '../../app/ports/uploads';
import { classifyAwsError, errorName } from './aws-errors';

/**
 * The uploads bucket behind intake's UploadStore port: HeadObject for the size first (a
 * file over the limit is never downloaded), then GetObject of that very version.
 */
export class S3UploadStore implements UploadStore {
  constructor(private readonly s3: S3Client) {}

  async fetch(ref: ObjectRef, maxBytes: number): Promise<FetchedObject> {
    const version = ref.versionId !== 'null' ? { VersionId: ref.versionId } : {};
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...version }));
      const size = head.ContentLength ?? 0;
      if (size === 0) return { ok: false, reason: 'empty' };
      if (size > maxBytes) return { ok: false, reason: 'too-large', size };
      const res = await this.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...version }));
      const bytes = await res.Body?.transformToByteArray();
      if (!bytes || bytes.length === 0) return { ok: false, reason: 'empty' };
      // The object may have been replaced between Head and Get (unversioned bucket).
      if (bytes.length > maxBytes) return { ok: false, reason: 'too-large', size: bytes.length };
      return { ok: true, bytes };
    } catch (e) {
      if (isMissing(e)) return { ok: false, reason: 'missing' };
      throw classifyAwsError(e);
    }
  }
}

/**
 * Not there to read. S3 answers a HeadObject on a missing key with 403 (not 404) when the
 * caller may not ListBucket — intake's role may not, by design — so a 403 on an object the
 * notification named is the object gone, not a fault to retry into the dead-letter queue.
 */
function isMissing(e: unknown): boolean {
  const name = errorName(e);
  if (name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchVersion') return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return name === 'Forbidden' || name === 'AccessDenied' || status === 403 || status === 404;
}
