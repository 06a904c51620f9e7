import type { SQSClient } from '@aws-sdk/client-sqs';
import { endpoint } from './endpoint';
import { onRewire } from '../wiring';

/*
 * Loaded on first use, like the S3 client: only a request that announces a notice (a round
 * opened, a form returned) talks to SQS, and the import is the cost of a cold start.
 */
let sqs: Promise<SQSClient> | undefined;

export function sqsClient(): Promise<SQSClient> {
  sqs ??= import('@aws-sdk/client-sqs').then(({ SQSClient: Client }) => new Client({
    endpoint: endpoint('SQS'),
    // A queue that does not answer must not hold a request for the SDK's default of never.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  }));
  return sqs;
}

export function resetSqs(): void {
  const old = sqs;
  sqs = undefined;
  void old?.then((c) => c.destroy(), () => undefined);
}

onRewire(resetSqs);
