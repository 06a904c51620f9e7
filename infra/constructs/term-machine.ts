import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { lambdaStep, poolStateMachine } from './steps';

export interface TermMachineProps {
  readonly stage: 'dev' | 'prod';
  /** The function with the `end-terms` action (ReviewSteps: rolling management, M-TERM). */
  readonly reviewSteps: lambda.IFunction;
  readonly stepTimeout: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  readonly logKey: kms.IKey;
}

/**
 * The term end (M-TERM, DESIGN §2 *Term end*): input `{ scheduledTime }` from the daily
 * term-end schedule. EndTerms ends every term whose end day is on or before the Beijing
 * date of the scheduled time, one page of the pool per call ($.batch.cursor), until the pool
 * is done. Every call is idempotent, so Scheduler's retried delivery, a Retry or a second
 * execution for the day end nothing twice. A failure that survives the Retry fails the
 * execution (alarmed: TermExecutionsFailed); tomorrow's run ends what today's did not,
 * each term still dated its own end day.
 */
export class TermMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: TermMachineProps) {
    super(scope, id);
    const init = new sfn.Pass(this, 'Init', { result: sfn.Result.fromObject({ cursor: null }), resultPath: '$.batch' });
    const endTerms = lambdaStep(this, 'EndTerms', {
      fn: props.reviewSteps,
      payload: { action: 'end-terms', at: sfn.JsonPath.stringAt('$.scheduledTime'), cursor: sfn.JsonPath.objectAt('$.batch.cursor') },
      keep: { cursor: '$.Payload.cursor', ended: '$.Payload.ended' },
      resultPath: '$.batch',
      timeout: props.stepTimeout,
    });
    // The day's notices to units (deadline reminders, overdue talks) ride on this daily run,
    // after the terms have ended so an ended term owes no talk. The step never fails on a
    // notice (app/notices/announce.ts swallows), so it cannot fail the term run.
    const dailyNotices = lambdaStep(this, 'DailyNotices', {
      fn: props.reviewSteps,
      payload: { action: 'daily-notices', at: sfn.JsonPath.stringAt('$.scheduledTime') },
      keep: { queued: '$.Payload.queued', failed: '$.Payload.failed' },
      resultPath: '$.notices',
      timeout: props.stepTimeout,
    });
    const more = new sfn.Choice(this, 'MoreMembers?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.batch.cursor'), sfn.Condition.isNotNull('$.batch.cursor')), endTerms)
      .otherwise(dailyNotices.next(new sfn.Succeed(this, 'Done')));
    const definition = init.next(endTerms).next(more);
    this.stateMachine = poolStateMachine(this, 'StateMachine', {
      kind: 'term',
      definition,
      stage: props.stage,
      removalPolicy: props.removalPolicy,
      logRetention: props.logRetention,
      logKey: props.logKey,
      invokes: [props.reviewSteps],
    });
  }
}
