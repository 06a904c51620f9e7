import { resetDynamo } from './clients/dynamo';
import { resetS3 } from './clients/s3';
import { resetSfn } from './clients/sfn';
import { onRewire } from './wiring';

/**
 * The SDK clients, created once per container and only when first used. One module per
 * service, so a handler imports only the SDK packages it uses: loading an SDK client costs
 * ~200 ms of a cold start, and the step functions need DynamoDB alone.
 */
export { dynamoClient, docClient } from './clients/dynamo';
export { s3Client } from './clients/s3';
export { sfnClient } from './clients/sfn';

/** Forget the clients (tests that move the endpoints between suites). */
export function resetClients(): void {
  resetDynamo();
  resetS3();
  resetSfn();
}

onRewire(resetClients);
