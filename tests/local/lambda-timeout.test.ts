import { describe, expect, it } from 'vitest';
import { LambdaFunctionError, LocalLambdas } from '../../local/lambdas';

describe('local Lambdas end an invocation at the function\'s timeout, as Lambda does', () => {
  it('a handler that never answers fails as Lambda.Unknown after its Timeout (what Step Functions reports)', async () => {
    const lambdas = new LocalLambdas([{
      logicalId: 'Hang', functionName: 'Hang', arn: 'arn:aws:lambda:us-east-1:000000000000:function:Hang',
      handlerModule: 'tests/local/fixtures/hanging-handler.ts', environment: {}, unresolvedEnvironment: {}, timeoutSeconds: 1, memoryMb: 128,
    }]);
    const started = Date.now();
    const failure = await lambdas.invoke('Hang', {}).then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(LambdaFunctionError);
    expect(failure).toMatchObject({ name: 'Lambda.Unknown', errorMessage: 'Task timed out after 1.00 seconds' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
