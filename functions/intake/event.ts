import { z } from 'zod';
import { ROUND_ID_PATTERN, UNIT_CODE_PATTERN } from '../../contracts/ids';

/**
 * The parts of an S3 ObjectCreated notification intake reads. Deliberately looser than
 * Powertools' S3Schema (which refuses an IPv6 source address): intake needs the bucket,
 * the key, the version and the sequencer, nothing else.
 */
export const S3NotificationSchema = z.object({
  Records: z.array(z.object({
    eventSource: z.literal('aws:s3'),
    eventName: z.string(),
    eventTime: z.string(),
    s3: z.object({
      bucket: z.object({ name: z.string().min(1) }),
      object: z.object({
        key: z.string().min(1),
        size: z.number().nonnegative().optional(),
        versionId: z.string().optional(),
        sequencer: z.string().optional(),
      }),
    }),
  })),
});
export type S3Notification = z.infer<typeof S3NotificationSchema>;

/** One uploaded object, as intake identifies it. Also the idempotency key: a redelivered event is the same object. */
export interface ObjectRef {
  bucket: string;
  /** Decoded: real S3 URL-encodes keys in notifications, with '+' for a space. */
  key: string;
  /** 'null' for an unversioned bucket (S3's own spelling). */
  versionId: string;
  sequencer?: string;
  /** When S3 received the object: the upload's time, whatever time we process it. */
  eventTime: string;
}

export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: keep the key as sent; the key pattern check rejects it.
    return key;
  }
}

export function objectRefs(event: S3Notification): ObjectRef[] {
  return event.Records
    .filter((r) => r.eventName.startsWith('ObjectCreated:'))
    .map((r) => ({
      bucket: r.s3.bucket.name,
      key: decodeS3Key(r.s3.object.key),
      versionId: r.s3.object.versionId ?? 'null',
      ...(r.s3.object.sequencer ? { sequencer: r.s3.object.sequencer } : {}),
      eventTime: r.eventTime,
    }));
}

/** The round and unit parts follow the one id rule each (contracts/ids.ts). */
const inner = (p: RegExp) => p.source.replace(/^\^/, '').replace(/\$$/, '');
const KEY = new RegExp(`^rounds/(${inner(ROUND_ID_PATTERN)})/units/(${inner(UNIT_CODE_PATTERN)})/([^/]{1,200})$`);

/** `rounds/{roundId}/units/{unitCode}/{file}` — the only place a school can upload to. */
export function parseUploadKey(key: string): { roundId: string; unitCode: string; file: string } | null {
  const m = KEY.exec(key);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  if (m[3] === '.' || m[3] === '..') return null;
  return { roundId: m[1], unitCode: m[2], file: m[3] };
}
