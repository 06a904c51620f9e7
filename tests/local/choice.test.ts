import { describe, expect, it } from 'vitest';
import { StateMachine } from 'aws-local-stepfunctions';
import { negatedTypeTests, prepareDefinition } from '../../local/sfn-definition';

// aws-local-stepfunctions 3.0 answers `"IsNull": false` (and every other type test written
// with false) with false whatever the value; CDK writes Condition.isNotNull that way, so
// the round's batch loops stopped after one batch locally. The runner rewrites them.
function machine(rule: Record<string, unknown>) {
  const definition = {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Y' }], Default: 'N' },
      Y: { Type: 'Pass', Result: 'yes', End: true },
      N: { Type: 'Pass', Result: 'no', End: true },
    },
  };
  return new StateMachine(prepareDefinition(definition as never).definition as never);
}
const run = (rule: Record<string, unknown>, input: object) => machine(rule).run(input as never).result;

describe('Choice type tests written with false', () => {
  it('evaluates CDK\'s "present and not null" as AWS does', async () => {
    const rule = { And: [{ Variable: '$.cursor', IsPresent: true }, { Variable: '$.cursor', IsNull: false }] };
    expect(await run(rule, { cursor: 'next-page' })).toBe('yes');
    expect(await run(rule, { cursor: null })).toBe('no');
    expect(await run(rule, {})).toBe('no');
  });

  it('handles IsPresent false, IsString false and nesting under Or / Not', async () => {
    expect(await run({ Variable: '$.x', IsPresent: false }, {})).toBe('yes');
    expect(await run({ Variable: '$.x', IsPresent: false }, { x: 1 })).toBe('no');
    expect(await run({ Or: [{ Variable: '$.x', IsString: false }] }, { x: 1 })).toBe('yes');
    expect(await run({ Not: { Variable: '$.x', IsNumeric: false } }, { x: 1 })).toBe('yes');
  });

  it('leaves rules without a false type test as they are', () => {
    const rule = { Variable: '$.x', StringEquals: 'a', Next: 'Y' };
    expect(negatedTypeTests(rule)).toEqual(rule);
    expect(negatedTypeTests({ Variable: '$.x', IsNull: false, Next: 'Y' })).toEqual({ Not: { Variable: '$.x', IsNull: true }, Next: 'Y' });
  });
});
