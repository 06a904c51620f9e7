import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RETRY, catchAll, lambdaStep, poolStateMachine } from './steps';
import type { CohortStepInput } from '../../contracts/tasks/review';
import type { TaskAction } from '../../contracts/tasks';

export interface ReviewMachineProps {
  readonly stage: 'dev' | 'prod';
  readonly reviewSteps: lambda.IFunction;
  /** Cohorts processed in parallel by the Map. */
  readonly maxConcurrency: number;
  /** TimeoutSeconds of each Lambda task. */
  readonly stepTimeout: Duration;
  /** How long the review waits for the bureau's confirmation (calibration) before nothing applies. */
  readonly confirmationTimeout: Duration;
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
 * The computed outcomes are proposals (DESIGN §2 Calibration): ProposeOutcomes (Map:
 * ComputeOutcomes per cohort) → AwaitConfirmation (waitForTaskToken, like the round's
 * AwaitDecision: the token on the review, the bureau's POST …/confirmation answers it;
 * TimeoutSeconds = confirmationTimeout) → ApplyConfirmed (Map: ApplyOutcomes → CreateTalks
 * per cohort) → Summarize. A time-out is an outcome: RecordConfirmationTimeout, nothing
 * applied, Succeed. A review with nobody to review ($.window.expected = 0) skips the wait.
 *
 * State: $.plan = { reviewId, windowClosesAt, cohorts, duplicate } from Plan ($.plan.reviewId is
 * null until Plan succeeds, so RecordFailure can always read it); $.window = { expected } from
 * OpenWindow; $.confirmation = what the API sent with SendTaskSuccess; $.error from a Catch.
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
    const openWindow = lambdaStep(this, 'OpenWindow', {
      fn, payload: { action: 'open-window', reviewId }, keep: { expected: '$.Payload.expected' }, resultPath: '$.window', timeout,
    });
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
    const perCohort = (id: string) => new sfn.Map(this, id, {
      itemsPath: '$.plan.cohorts',
      itemSelector: { reviewId, cohort: sfn.JsonPath.objectAt('$$.Map.Item.Value') },
      maxConcurrency: props.maxConcurrency,
      resultPath: sfn.JsonPath.DISCARD,
    });
    const propose = perCohort('ProposeOutcomes');
    propose.itemProcessor(itemStep('ComputeOutcomes', 'compute-outcomes'));
    const apply = perCohort('ApplyConfirmed');
    apply.itemProcessor(itemStep('ApplyOutcomes', 'apply-outcomes').next(itemStep('CreateTalks', 'create-talks')));
    const summarize = lambdaStep(this, 'Summarize', { fn, payload: { action: 'summarize', reviewId }, timeout });

    const awaitConfirmation = new tasks.LambdaInvoke(this, 'AwaitConfirmation', {
      lambdaFunction: fn,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        action: 'await-confirmation' satisfies TaskAction, reviewId, taskToken: sfn.JsonPath.taskToken,
        timeoutSeconds: props.confirmationTimeout.toSeconds(),
      }),
      retryOnServiceExceptions: false,
      // The bureau has this long; a time-out is an outcome (nothing applies), not a failure.
      taskTimeout: sfn.Timeout.duration(props.confirmationTimeout),
      resultPath: '$.confirmation',
    });
    awaitConfirmation.addRetry(RETRY);
    const recordTimeout = lambdaStep(this, 'RecordConfirmationTimeout', {
      fn, payload: { action: 'record-confirmation-timeout', reviewId }, timeout,
    });
    const timedOut = new sfn.Succeed(this, 'ConfirmationTimedOut', { comment: 'No confirmation within the wait: nothing applied; the review says so.' });
    // Order matters: the time-out is handled before the catch-all.
    awaitConfirmation.addCatch(recordTimeout, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.error' });
    for (const state of [plan, openWindow, propose, awaitConfirmation, recordTimeout, apply, summarize]) catchAll(state, recordFailure);
    recordTimeout.next(timedOut);

    // Nobody to review (no member in any cohort under review): nothing to confirm.
    const anyProposals = new sfn.Choice(this, 'AnyoneReviewed?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.window.expected'), sfn.Condition.numberGreaterThan('$.window.expected', 0)), awaitConfirmation)
      .otherwise(summarize);

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
      .next(propose)
      .next(anyProposals);
    awaitConfirmation.next(apply).next(summarize).next(new sfn.Succeed(this, 'Done'));
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
