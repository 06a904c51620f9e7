import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';

/**
 * The SDK clients, created once per container and only when first used (a handler that
 * never touches Step Functions never builds that client). `AWS_ENDPOINT_URL_*` points them
 * at the local emulators; in AWS those variables are unset and the defaults apply.
 */

let dynamo: DynamoDBClient | undefined;
let doc: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sfn: SFNClient | undefined;

function endpoint(service: 'DYNAMODB' | 'S3' | 'SFN'): string | undefined {
  return process.env[`AWS_ENDPOINT_URL_${service}`] || process.env.AWS_ENDPOINT_URL || undefined;
}

export function dynamoClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({ endpoint: endpoint('DYNAMODB') });
  return dynamo;
}

export function docClient(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(dynamoClient(), {
    // Optional fields of domain objects are `undefined`, which DynamoDB cannot store.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return doc;
}

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

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({ endpoint: endpoint('SFN') });
  return sfn;
}

/** Forget the clients (tests that move the endpoints between suites). */
export function resetClients(): void {
  dynamo?.destroy();
  s3?.destroy();
  sfn?.destroy();
  dynamo = doc = s3 = sfn = undefined;
}
