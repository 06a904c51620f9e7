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

/**
 * An uploaded object's bytes, or why there are none. "Missing" covers every way the object
 * is not there to read (deleted, overwritten, a version gone — and S3's 403 for a missing
 * key when the reader may not list the bucket), so intake tells the school to upload again
 * instead of retrying into the dead-letter queue.
 */
export type FetchedObject =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too-large'; size: number };

/** The uploads bucket as intake reads it. Throws TransientError when retrying may help. */
export interface UploadStore {
  fetch(ref: ObjectRef, maxBytes: number): Promise<FetchedObject>;
}

/** What became of each form intake judged, counted for the operator (no personal data, no ids). */
export type IntakeOutcome = 'accepted' | 'rejected' | 'superseded';

export interface IntakeMetrics {
  /** One nomination stored with this outcome; a rejection names its first problem's code. */
  nomination(outcome: IntakeOutcome, code?: string): void;
}
