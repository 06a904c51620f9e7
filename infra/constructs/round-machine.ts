import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RETRY, catchAll, lambdaStep, poolStateMachine } from './steps';
import type { TaskAction } from '../../contracts/tasks';

export interface RoundMachineProps {
  readonly stage: 'dev' | 'prod';
  readonly scoring: lambda.IFunction;
  readonly roundSteps: lambda.IFunction;
  /** How long the round waits for the approver before recording `approval-timed-out`. */
  readonly approvalTimeout: Duration;
  /** Nominations per ScoreBatch / AdmitBatch invocation. */
  readonly batchSize: number;
  /** TimeoutSeconds of each Lambda task. */
  readonly stepTimeout: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the log group (CloudWatch Logs may use it through the key policy). */
  readonly logKey: kms.IKey;
}

const roundId = sfn.JsonPath.stringAt('$.roundId');

/**
 * The selection round (ARCHITECTURE.md "State machines"). Input:
 * `{ roundId, intakeClosesAt, scoringClosesAt }` (ISO timestamps).
 *
 * State after each step (everything else passes through):
 *   $.score   = { cursor }   from ScoreBatch (null when scoring is done)
 *   $.decision = the object the API sends with SendTaskSuccess (`{ decision, … }`)
 *   $.admit   = { cursor }   from AdmitBatch
 *   $.outcome = 'admitted' | 'rejected' | 'approval-timed-out'
 *   $.error   = { Error, Cause } from a Catch
 */
export class RoundMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: RoundMachineProps) {
    super(scope, id);
    const { scoring, roundSteps, stepTimeout: timeout } = props;

    // Failure path: record the error on the round, then fail the execution. If even
    // recording fails, fail without looping back into it.
    const failed = new sfn.Fail(this, 'Failed', { error: 'RoundFailed', cause: 'The error is recorded on the round (RecordFailure).' });
    const recordFailure = lambdaStep(this, 'RecordFailure', {
      fn: roundSteps,
      payload: { action: 'record-failure', roundId, error: sfn.JsonPath.objectAt('$.error') },
      timeout,
    });
    recordFailure.addCatch(failed, { errors: [sfn.Errors.ALL], resultPath: '$.recordFailureError' });
    recordFailure.next(failed);

    const waitForIntake = new sfn.Wait(this, 'WaitForIntakeDeadline', {
      time: sfn.WaitTime.timestampPath('$.intakeClosesAt'),
    });
    const closeIntake = lambdaStep(this, 'CloseIntake', {
      fn: roundSteps,
      payload: { action: 'close-intake', roundId },
      timeout,
    });
    const waitForScoring = new sfn.Wait(this, 'WaitForScoringDeadline', {
      time: sfn.WaitTime.timestampPath('$.scoringClosesAt'),
    });

    const startScoring = new sfn.Pass(this, 'StartScoring', {
      result: sfn.Result.fromObject({ cursor: null }),
      resultPath: '$.score',
    });
    const scoreBatch = lambdaStep(this, 'ScoreBatch', {
      fn: scoring,
      payload: { action: 'score-batch', roundId, cursor: sfn.JsonPath.objectAt('$.score.cursor'), batchSize: props.batchSize },
      keep: { cursor: '$.Payload.cursor' },
      resultPath: '$.score',
      timeout,
    });
    const moreToScore = new sfn.Choice(this, 'MoreToScore?');
    const rank = lambdaStep(this, 'Rank', { fn: scoring, payload: { action: 'rank', roundId }, timeout });

    const awaitDecision = new tasks.LambdaInvoke(this, 'AwaitDecision', {
      lambdaFunction: roundSteps,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({ action: 'await-decision' satisfies TaskAction, roundId, taskToken: sfn.JsonPath.taskToken }),
      retryOnServiceExceptions: false,
      // The approver has this long; a time-out is an outcome, not a failure.
      taskTimeout: sfn.Timeout.duration(props.approvalTimeout),
      resultPath: '$.decision',
    });
    awaitDecision.addRetry(RETRY);

    const decision = new sfn.Choice(this, 'Decision?');
    const startAdmission = new sfn.Pass(this, 'StartAdmission', {
      result: sfn.Result.fromObject({ cursor: null }),
      resultPath: '$.admit',
    });
    const admitBatch = lambdaStep(this, 'AdmitBatch', {
      fn: roundSteps,
      payload: { action: 'admit-batch', roundId, cursor: sfn.JsonPath.objectAt('$.admit.cursor'), batchSize: props.batchSize },
      keep: { cursor: '$.Payload.cursor' },
      resultPath: '$.admit',
      timeout,
    });
    const moreToAdmit = new sfn.Choice(this, 'MoreToAdmit?');

    const outcome = (id: string, value: string) =>
      new sfn.Pass(this, id, { result: sfn.Result.fromString(value), resultPath: '$.outcome' });
    const admitted = outcome('Admitted', 'admitted');
    const rejected = outcome('Rejected', 'rejected');
    const timedOut = outcome('ApprovalTimedOut', 'approval-timed-out');
    const unknownDecision = new sfn.Pass(this, 'UnknownDecision', {
      parameters: { Error: 'UnknownDecision', Cause: 'The decision is none of approve, approve-with-edits, reject.' },
      resultPath: '$.error',
    });

    const recordOutcome = lambdaStep(this, 'RecordOutcome', {
      fn: roundSteps,
      payload: { action: 'record-outcome', roundId, outcome: sfn.JsonPath.stringAt('$.outcome') },
      timeout,
    });
    const done = new sfn.Succeed(this, 'Done');

    for (const task of [closeIntake, scoreBatch, rank, admitBatch, recordOutcome]) catchAll(task, recordFailure);
    // Order matters: the time-out is handled before the catch-all.
    awaitDecision.addCatch(timedOut, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.error' });
    catchAll(awaitDecision, recordFailure);

    // A Choice on a missing path is a runtime error in Step Functions: test presence first.
    const decided = sfn.Condition.isPresent('$.decision.decision');
    const hasCursor = (path: string) => sfn.Condition.and(sfn.Condition.isPresent(path), sfn.Condition.isNotNull(path));

    const definition = waitForIntake
      .next(closeIntake)
      .next(waitForScoring)
      .next(startScoring)
      .next(scoreBatch)
      .next(moreToScore.when(hasCursor('$.score.cursor'), scoreBatch).otherwise(rank));
    rank.next(awaitDecision).next(
      decision
        .when(
          sfn.Condition.and(
            decided,
            sfn.Condition.or(
              sfn.Condition.stringEquals('$.decision.decision', 'approve'),
              sfn.Condition.stringEquals('$.decision.decision', 'approve-with-edits'),
            ),
          ),
          startAdmission,
        )
        .when(sfn.Condition.and(decided, sfn.Condition.stringEquals('$.decision.decision', 'reject')), rejected)
        .otherwise(unknownDecision),
    );
    startAdmission.next(admitBatch).next(moreToAdmit.when(hasCursor('$.admit.cursor'), admitBatch).otherwise(admitted));
    unknownDecision.next(recordFailure);
    admitted.next(recordOutcome);
    rejected.next(recordOutcome);
    timedOut.next(recordOutcome);
    recordOutcome.next(done);

    this.stateMachine = poolStateMachine(this, 'StateMachine', {
      kind: 'round',
      definition,
      stage: props.stage,
      removalPolicy: props.removalPolicy,
      logRetention: props.logRetention,
      logKey: props.logKey,
      invokes: [scoring, roundSteps],
    });
  }
}
