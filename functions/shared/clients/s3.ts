import { S3Client } from '@aws-sdk/client-s3';
import { endpoint } from './endpoint';

let s3: S3Client | undefined;

export function s3Client(): S3Client {
  if (!s3) {
    const url = endpoint('S3');
    s3 = new S3Client({
      endpoint: url,
      // Emulators (s3rver) answer on one host, not bucket subdomains.
      forcePathStyle: url !== undefined,
      // Keeps checksum parameters out of presigned URLs and requests the emulator cannot check.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }
  return s3;
}

export function resetS3(): void {
  s3?.destroy();
  s3 = undefined;
}
