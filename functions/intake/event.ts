import * as z from 'zod';
import type { ObjectRef } from '../../app/ports/uploads';

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

export type { ObjectRef };

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

export { parseUploadKey } from '../../contracts/upload-key';
