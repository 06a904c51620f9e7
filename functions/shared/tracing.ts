import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray through Powertools: every SDK client is captured, so a slow DynamoDB query, a
 * throttled PutItem or an S3 read shows as its own subsegment under the function's trace
 * (the functions and state machines have active tracing on, infra/constructs/pool-function.ts).
 * Outside Lambda — tests, `npm start` — the Tracer disables itself and capturing is a no-op.
 * Costs ~50 ms of a cold start (measured in `npm run bench`); the operator's view of where a
 * round's time goes is worth it.
 */
export const tracer = new Tracer({ serviceName: 'talent-pool' });

export function traced<C>(client: C): C {
  return tracer.captureAWSv3Client(client);
}
