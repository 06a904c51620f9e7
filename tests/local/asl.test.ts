import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaHandlerMap, localLambdas, mergedEnvironment, resolveDefinition, stateMachinesFromTemplate } from '../../local/asl';
import { encodeS3EventKey, s3NotificationsFromTemplate } from '../../local/s3-notification';
import { prepareDefinition } from '../../local/sfn-definition';
import { resolveValue, TemplateResolutionError, type CfnTemplate } from '../../local/template';
import { buildTestTemplate, INTAKE_MODULE, STEPS_MODULE } from './fixtures/stack';

let template: CfnTemplate;
beforeAll(() => {
  template = buildTestTemplate();
});

const FN_ARN = /^arn:aws:lambda:us-east-1:000000000000:function:StepsFn[0-9A-F]{8}$/;

describe('ASL from the synthesized template', () => {
  it('resolves the DefinitionString (Fn::Join, Ref AWS::Partition, Fn::GetAtt Arn) to plain ASL', () => {
    const [machine] = stateMachinesFromTemplate(template);
    expect(machine?.arn).toMatch(/^arn:aws:states:us-east-1:000000000000:stateMachine:RoundMachine/);
    const states = machine!.definition.States as unknown as Record<string, Record<string, unknown>>;
    expect(states.Double?.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect((states.Double?.Parameters as { FunctionName: string }).FunctionName).toMatch(FN_ARN);
    expect(states.Flaky?.Resource).toMatch(FN_ARN); // payloadResponseOnly
    expect(states.AwaitDecision?.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(machine!.definition)).not.toContain('Fn::');
  });

  it('maps each Lambda ARN and name to the module in its talentPool:handler metadata', () => {
    const map = lambdaHandlerMap(template);
    const steps = [...map.entries()].find(([k]) => FN_ARN.test(k));
    expect(steps?.[1]).toBe(STEPS_MODULE);
    expect([...map.values()]).toContain(INTAKE_MODULE);
    // The bucket-notification helper Lambda has no metadata and is not mapped.
    expect(new Set(map.values())).toEqual(new Set([STEPS_MODULE, INTAKE_MODULE]));
  });

  it('resolves Lambda environments to the local physical names', () => {
    const intake = localLambdas(template).find((f) => f.handlerModule === INTAKE_MODULE)!;
    expect(intake.environment.POOL_TABLE).toMatch(/^PoolTable/);
    expect(intake.environment.UPLOAD_BUCKET).toMatch(/^uploadbucket[0-9a-f]{8}$/);
    expect(mergedEnvironment(localLambdas(template)).conflicts).toEqual([]);
  });

  it('reads the bucket notification filter from the template', () => {
    const [rule, ...rest] = s3NotificationsFromTemplate(template);
    expect(rest).toEqual([]);
    expect(rule).toMatchObject({ events: ['s3:ObjectCreated:*'], prefix: 'rounds/' });
    expect(rule?.bucket).toMatch(/^uploadbucket/);
    expect(lambdaHandlerMap(template).get(rule!.functionArn)).toBe(INTAKE_MODULE);
  });

  it('names the path of an intrinsic it cannot resolve', () => {
    const bad: CfnTemplate = {
      Resources: {
        M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: { 'Fn::Join': ['', ['{"x":"', { 'Fn::ImportValue': 'Other' }, '"}']] } } },
      },
    };
    expect(() => resolveDefinition(bad, 'M')).toThrow(TemplateResolutionError);
    expect(() => resolveDefinition(bad, 'M')).toThrow('Resources.M.Properties.DefinitionString.Fn::Join[1][1].Fn::ImportValue');
    expect(() => resolveValue(bad, { Ref: 'Missing' }, {}, 'X')).toThrow("X.Ref: no resource 'Missing'");
  });

  it('prepares Wait and waitForTaskToken states for the simulated clock', () => {
    const [machine] = stateMachinesFromTemplate(template);
    const prepared = prepareDefinition(machine!.definition);
    expect(prepared.waits.get('WaitForDeadline')).toEqual({ TimestampPath: '$.at' });
    expect(prepared.tasks.get('AwaitDecision')).toMatchObject({ kind: 'lambda-invoke-token', timeoutSeconds: 3600 });
    expect(prepared.tasks.get('Flaky')?.kind).toBe('lambda-arn');
    expect((prepared.definition.States.WaitForDeadline as { Type: string }).Type).toBe('Task');
  });
});

describe('S3 notification key encoding', () => {
  it('form-encodes like S3: space as +, UTF-8 percent-escapes, slashes kept', () => {
    expect(encodeS3EventKey('rounds/r1/名单 v2 (final).xlsx')).toBe('rounds/r1/%E5%90%8D%E5%8D%95+v2+%28final%29.xlsx');
    expect(encodeS3EventKey('a+b=c:d~e*f_g.h-i')).toBe('a%2Bb%3Dc%3Ad%7Ee*f_g.h-i');
  });
});
