import type { S3Client } from '@aws-sdk/client-s3';
import { endpoint } from './endpoint';

/*
 * Loaded on first use, by a dynamic import of the SDK package itself (the bundler keeps
 * `import('@aws-sdk/…')` of an external as a real dynamic import): the API answers most
 * requests from DynamoDB alone, and loading the S3 client costs ~100 ms of a cold start.
 * The promise is cached, so concurrent first uses share one client.
 */
let s3: Promise<S3Client> | undefined;

export function s3Client(): Promise<S3Client> {
  s3 ??= import('@aws-sdk/client-s3').then(({ S3Client: Client }) => {
    const url = endpoint('S3');
    return new Client({
      endpoint: url,
      // Emulators (s3rver) answer on one host, not bucket subdomains.
      forcePathStyle: url !== undefined,
      // Keeps checksum parameters out of presigned URLs and requests the emulator cannot check.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });
  return s3;
}

export function resetS3(): void {
  const old = s3;
  s3 = undefined;
  void old?.then((c) => c.destroy(), () => undefined);
}
