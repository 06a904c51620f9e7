import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { catchAll, lambdaStep, poolStateMachine } from './steps';
import type { CohortStepInput } from '../../contracts/tasks/review';

export interface ReviewMachineProps {
  readonly stage: 'dev' | 'prod';
  readonly reviewSteps: lambda.IFunction;
  /** Cohorts processed in parallel by the Map. */
  readonly maxConcurrency: number;
  /** TimeoutSeconds of each Lambda task. */
  readonly stepTimeout: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the log group (CloudWatch Logs may use it through the key policy). */
  readonly logKey: kms.IKey;
}

/**
 * The annual review (ARCHITECTURE.md "State machines"). Input `{ scheduledTime }` from
 * EventBridge Scheduler (or the API). A Standard execution lasts at most a year, so the
 * three-year cycle is decided per cohort by `plan`, once a year.
 *
 * State: $.plan = { reviewId, windowClosesAt, cohorts, duplicate } from Plan ($.plan.reviewId is
 * null until Plan succeeds, so RecordFailure can always read it); $.error from a Catch.
 * Map items: { reviewId, cohort } where cohort is one element of $.plan.cohorts.
 */
export class ReviewMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ReviewMachineProps) {
    super(scope, id);
    const { reviewSteps: fn, stepTimeout: timeout } = props;
    const reviewId = sfn.JsonPath.stringAt('$.plan.reviewId');

    const failed = new sfn.Fail(this, 'Failed', { error: 'ReviewFailed', cause: 'The error is recorded on the review (RecordFailure).' });
    const recordFailure = lambdaStep(this, 'RecordFailure', {
      fn,
      payload: {
        action: 'record-failure',
        reviewId,
        scheduledTime: sfn.JsonPath.stringAt('$.scheduledTime'),
        error: sfn.JsonPath.objectAt('$.error'),
      },
      timeout,
    });
    recordFailure.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: '$.recordFailureError' });
    recordFailure.next(failed);

    const init = new sfn.Pass(this, 'Init', {
      result: sfn.Result.fromObject({ reviewId: null }),
      resultPath: '$.plan',
    });
    const plan = lambdaStep(this, 'Plan', {
      fn,
      // The execution's id tells a retried Plan from a second execution for the same date.
      payload: { action: 'plan', at: sfn.JsonPath.stringAt('$.scheduledTime'), execution: sfn.JsonPath.stringAt('$$.Execution.Id') },
      keep: {
        reviewId: '$.Payload.reviewId',
        windowClosesAt: '$.Payload.windowClosesAt',
        cohorts: '$.Payload.cohorts',
        duplicate: '$.Payload.duplicate',
      },
      resultPath: '$.plan',
      timeout,
    });
    const openWindow = lambdaStep(this, 'OpenWindow', { fn, payload: { action: 'open-window', reviewId }, timeout });
    const waitForWindow = new sfn.Wait(this, 'WaitForWindow', {
      time: sfn.WaitTime.timestampPath('$.plan.windowClosesAt'),
    });

    // Inside the Map each step retries; an error that survives the retries fails the
    // iteration and is caught once, on the Map (states inside a Map cannot jump out).
    const itemStep = (id: string, action: CohortStepInput['action']) =>
      lambdaStep(this, id, {
        fn,
        payload: { action, reviewId: sfn.JsonPath.stringAt('$.reviewId'), cohort: sfn.JsonPath.objectAt('$.cohort') },
        timeout,
      });
    const cohorts = new sfn.Map(this, 'Cohorts', {
      itemsPath: '$.plan.cohorts',
      itemSelector: { reviewId, cohort: sfn.JsonPath.objectAt('$$.Map.Item.Value') },
      maxConcurrency: props.maxConcurrency,
      resultPath: sfn.JsonPath.DISCARD,
    });
    cohorts.itemProcessor(
      itemStep('ComputeOutcomes', 'compute-outcomes')
        .next(itemStep('ApplyOutcomes', 'apply-outcomes'))
        .next(itemStep('CreateTalks', 'create-talks')),
    );
    const summarize = lambdaStep(this, 'Summarize', { fn, payload: { action: 'summarize', reviewId }, timeout });

    for (const state of [plan, openWindow, cohorts, summarize]) catchAll(state, recordFailure);

    // One review per review date, whoever starts it: the schedule's execution and the
    // bureau's (POST /reviews) have different names, so Step Functions cannot tell them
    // apart; Plan can (the review item is created once). A second execution ends here.
    const alreadyPlanned = new sfn.Choice(this, 'AlreadyPlanned?')
      .when(sfn.Condition.booleanEquals('$.plan.duplicate', true), new sfn.Succeed(this, 'ReviewHeldByAnotherExecution', {
        comment: 'Another execution already holds this date\'s review (M-TERM: one review per review date); nothing to do.',
      }))
      .otherwise(openWindow);
    openWindow
      .next(waitForWindow)
      .next(cohorts)
      .next(summarize)
      .next(new sfn.Succeed(this, 'Done'));
    const definition = init.next(plan).next(alreadyPlanned);

    this.stateMachine = poolStateMachine(this, 'StateMachine', {
      kind: 'review',
      definition,
      stage: props.stage,
      removalPolicy: props.removalPolicy,
      logRetention: props.logRetention,
      logKey: props.logKey,
      invokes: [fn],
    });
  }
}
