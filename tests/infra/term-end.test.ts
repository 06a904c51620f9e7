/**
 * The term end (M-TERM) in the template: a daily EventBridge Scheduler schedule (Beijing
 * time) starts the term machine with { scheduledTime }; the machine loops EndTerms over the
 * pool on a cursor; the schedule's role may start that machine and nothing else; the
 * machine's failures are alarmed. (cdk-nag over the whole stack: tests/infra/nag.test.ts.)
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../infra/settings';
import { definitionOf, functionByModule, policiesOfRole, poolStack, referencedIds, resources } from './fixture';

describe('the term-end schedule and machine', () => {
  const { template } = poolStack({ stage: 'dev' });
  const [termId] = resources(template, 'AWS::StepFunctions::StateMachine')
    .filter(([, m]) => m.Metadata?.['talentPool:stateMachine'] === 'term')
    .map(([id]) => id);
  const schedules = resources(template, 'AWS::Scheduler::Schedule');
  const termEnd = schedules.find(([, s]) => (s.Metadata?.['talentPool:schedule'] as { kind?: string } | undefined)?.kind === 'term-end');

  it('fires every day at 00:05 in Asia/Shanghai, starting the term machine with { scheduledTime }, dead letters kept', () => {
    expect(termId).toBeDefined();
    expect(termEnd?.[1].Metadata?.['talentPool:schedule']).toEqual({ kind: 'term-end', catchUp: 'latest' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(5 0 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { Ref: termId },
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 10 }),
      }),
    });
    // The annual review's schedule is named too, and replays each missed firing.
    const annual = schedules.find(([, s]) => (s.Metadata?.['talentPool:schedule'] as { kind?: string } | undefined)?.kind === 'annual-review');
    expect(annual?.[1].Metadata?.['talentPool:schedule']).toEqual({ kind: 'annual-review', catchUp: 'each' });
  });

  it('least privilege: the schedule role may start the term machine only (and send its dead letters)', () => {
    const target = termEnd?.[1].Properties?.Target as { RoleArn: unknown };
    const [roleId] = referencedIds(target.RoleArn);
    expect(roleId).toBeDefined();
    const actions = policiesOfRole(template, roleId as string).flatMap((s) => [s.Action].flat().map((a) => [a, referencedIds(s.Resource)]));
    const start = actions.filter(([a]) => a === 'states:StartExecution');
    expect(start).toEqual([['states:StartExecution', [termId]]]);
    for (const [a] of actions) expect(['states:StartExecution', 'sqs:SendMessage']).toContain(a);
  });

  it('the machine loops EndTerms (ReviewSteps, end-terms) on the pool cursor until it is null', () => {
    const asl = definitionOf(template, 'term');
    const fn = functionByModule(template, 'functions/review-steps/handler.ts').id;
    expect(asl.StartAt).toBe('Init');
    expect(asl.States.EndTerms?.Parameters).toEqual({ FunctionName: `\${${fn}}`, Payload: { action: 'end-terms', 'at.$': '$.scheduledTime', 'cursor.$': '$.batch.cursor' } });
    expect(asl.States.EndTerms?.TimeoutSeconds).toBeGreaterThan(0);
    expect(asl.States.EndTerms?.Retry?.[0]?.ErrorEquals).toEqual(expect.arrayContaining(['TransientError', 'Lambda.ServiceException']));
    expect(asl.States.EndTerms?.Next).toBe('MoreMembers?');
    expect(JSON.stringify(asl.States['MoreMembers?'])).toContain('$.batch.cursor');
    expect(asl.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });

  it('failed and timed-out term executions are alarmed; the schedule can be turned off or moved', () => {
    const alarms = resources(template, 'AWS::CloudWatch::Alarm').map(([, a]) => JSON.stringify(a.Properties?.Dimensions ?? []));
    expect(alarms.filter((d) => d.includes(termId as string))).toHaveLength(2);
    const off = poolStack({ stage: 'dev', termEndScheduleEnabled: false, termEndSchedule: 'cron(0 1 * * ? *)' }).template;
    off.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 1 * * ? *)', State: 'DISABLED' });
    expect(() => validateSettings({ stage: 'dev', termEndSchedule: 'cron(5 0 * *)' })).toThrow(/termEndSchedule/);
    expect(() => validateSettings({ stage: 'dev', termEndSchedule: 'cron(5 0 * * ? *)' })).not.toThrow();
  });
});
