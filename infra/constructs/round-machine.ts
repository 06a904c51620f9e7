import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
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
  /** Units' ballots per TallyBallot invocation (民主推荐). */
  readonly tallyBatchSize: number;
  /** TimeoutSeconds of each Lambda task. */
  readonly stepTimeout: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the log group (CloudWatch Logs may use it through the key policy). */
  readonly logKey: kms.IKey;
}

const roundId = sfn.JsonPath.stringAt('$.roundId');

/**
 * A step that waits for a person (the approver, the bureau closing 考察 or resolving the last
 * objection): the handler keeps the task token on the round and the API answers it. No
 * service-exception retry of CDK's own; our RETRY, and the deployment's approval wait as the
 * longest anyone may take.
 */
/** How often a round waiting on 公示 objections counts them again (the backstop of AwaitObjections). */
const OBJECTIONS_RECHECK = Duration.days(1);

function awaitPerson(scope: Construct, id: string, fn: lambda.IFunction, action: TaskAction, wait: Duration, resultPath: string): tasks.LambdaInvoke {
  const task = new tasks.LambdaInvoke(scope, id, {
    lambdaFunction: fn,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({ action, roundId, taskToken: sfn.JsonPath.taskToken }),
    retryOnServiceExceptions: false,
    taskTimeout: sfn.Timeout.duration(wait),
    resultPath,
  });
  task.addRetry(RETRY);
  return task;
}

/**
 * The selection round (ARCHITECTURE.md "State machines"). Input:
 * `{ roundId, intakeClosesAt, scoringClosesAt, steps?, ballotClosesAt? }` (ISO timestamps;
 * `steps` says which of the notice's selection steps run — 民主推荐, 考察, 公示, DESIGN §7 —
 * and is absent on rounds opened before they existed, which then run none).
 *
 * State after each step (everything else passes through):
 *   $.tally   = { cursor, totals } from TallyBallot (cursor null when every ballot is counted)
 *   $.score   = { cursor }   from ScoreBatch (null when scoring is done)
 *   $.decision = the object the API sends with SendTaskSuccess (`{ decision, … }`)
 *   $.admit   = { cursor }   from AdmitBatch
 *   $.inspected = true        after AwaitInspection (the second pass's Rank then goes to AwaitDecision)
 *   $.publicity = { endsAt }  from StartPublicity
 *   $.objections = { pending } from ClosePublicity
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

    // The approver has this long; a time-out is an outcome, not a failure.
    const awaitDecision = awaitPerson(this, 'AwaitDecision', roundSteps, 'await-decision', props.approvalTimeout, '$.decision');

    // 民主推荐 (DESIGN §7): the ballots open at intake's close and are counted at their deadline.
    const openBallot = lambdaStep(this, 'OpenBallot', { fn: roundSteps, payload: { action: 'open-ballot', roundId }, timeout });
    const waitForBallot = new sfn.Wait(this, 'WaitForBallotDeadline', { time: sfn.WaitTime.timestampPath('$.ballotClosesAt') });
    // Counted a page of units' ballots at a time, as scoring pages nominations: a province's
    // 3,000 ballots are many short calls, each safe to retry (the stored tally is the result).
    const startTally = new sfn.Pass(this, 'StartTally', {
      result: sfn.Result.fromObject({ cursor: null, totals: { ballots: 0, issued: 0, used: 0, cast: 0 } }),
      resultPath: '$.tally',
    });
    const tallyBallot = lambdaStep(this, 'TallyBallot', {
      fn: roundSteps,
      payload: {
        action: 'tally-ballot', roundId, batchSize: props.tallyBatchSize,
        cursor: sfn.JsonPath.objectAt('$.tally.cursor'), totals: sfn.JsonPath.objectAt('$.tally.totals'),
      },
      keep: { cursor: '$.Payload.cursor', totals: '$.Payload.totals' },
      resultPath: '$.tally',
      timeout,
    });
    const moreToTally = new sfn.Choice(this, 'MoreToTally?');
    // 考察: after the preliminary ranking the bureau inspects; closing it answers the token,
    // and the machine runs scoring and ranking once more, now final. Not closing in time is a
    // failure recorded on the round (the round cannot be decided on an unfinished inspection).
    const awaitInspection = awaitPerson(this, 'AwaitInspection', roundSteps, 'await-inspection', props.approvalTimeout, sfn.JsonPath.DISCARD);
    const inspected = new sfn.Pass(this, 'Inspected', { result: sfn.Result.fromBoolean(true), resultPath: '$.inspected' });
    // 公示: after approval, before admission; the period's end is a computed instant, then
    // pending objections hold the round until the bureau resolves the last one.
    const startPublicity = lambdaStep(this, 'StartPublicity', {
      fn: roundSteps, payload: { action: 'start-publicity', roundId }, keep: { endsAt: '$.Payload.endsAt' }, resultPath: '$.publicity', timeout,
    });
    const waitForPublicity = new sfn.Wait(this, 'WaitForPublicityEnd', { time: sfn.WaitTime.timestampPath('$.publicity.endsAt') });
    const closePublicity = lambdaStep(this, 'ClosePublicity', {
      fn: roundSteps, payload: { action: 'close-publicity', roundId }, keep: { pending: '$.Payload.pending' }, resultPath: '$.objections', timeout,
    });
    const objectionsPending = new sfn.Choice(this, 'ObjectionsPending?');
    // The wait is re-checked daily (a time-out goes back to ClosePublicity, which counts again):
    // a resolution that lands between ClosePublicity's count and AwaitObjections storing its
    // token answers no token, and must not leave the round waiting for ever.
    const awaitObjections = awaitPerson(this, 'AwaitObjections', roundSteps, 'await-objections', OBJECTIONS_RECHECK, sfn.JsonPath.DISCARD);

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

    for (const task of [
      closeIntake, scoreBatch, rank, admitBatch, recordOutcome,
      openBallot, tallyBallot, awaitInspection, startPublicity, closePublicity,
    ]) catchAll(task, recordFailure);
    // 公示: pending objections hold the round for as long as they stay pending (S-PUBLICITY).
    awaitObjections.addCatch(closePublicity, { errors: [sfn.Errors.TIMEOUT], resultPath: sfn.JsonPath.DISCARD });
    catchAll(awaitObjections, recordFailure);
    // Order matters: the time-out is handled before the catch-all.
    awaitDecision.addCatch(timedOut, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.error' });
    catchAll(awaitDecision, recordFailure);

    // A Choice on a missing path is a runtime error in Step Functions: test presence first.
    const decided = sfn.Condition.isPresent('$.decision.decision');
    const hasCursor = (path: string) => sfn.Condition.and(sfn.Condition.isPresent(path), sfn.Condition.isNotNull(path));

    // The notice's selection steps, as the execution input says (absent: a round from before them).
    const step = (name: 'recommendation' | 'inspection' | 'publicity') =>
      sfn.Condition.and(sfn.Condition.isPresent(`$.steps.${name}`), sfn.Condition.booleanEquals(`$.steps.${name}`, true));

    const definition = waitForIntake
      .next(closeIntake)
      .next(new sfn.Choice(this, 'Recommendation?')
        .when(step('recommendation'), openBallot.next(waitForBallot).next(startTally).next(tallyBallot)
          .next(moreToTally.when(hasCursor('$.tally.cursor'), tallyBallot).otherwise(waitForScoring)))
        .otherwise(waitForScoring));
    waitForScoring
      .next(startScoring)
      .next(scoreBatch)
      .next(moreToScore.when(hasCursor('$.score.cursor'), scoreBatch).otherwise(rank));
    const afterRank = new sfn.Choice(this, 'Inspection?')
      .when(sfn.Condition.and(step('inspection'), sfn.Condition.not(sfn.Condition.isPresent('$.inspected'))),
        awaitInspection.next(inspected).next(startScoring))
      .otherwise(awaitDecision);
    const publicity = new sfn.Choice(this, 'Publicity?')
      .when(step('publicity'), startPublicity)
      .otherwise(startAdmission);
    startPublicity.next(waitForPublicity).next(closePublicity).next(objectionsPending
      .when(sfn.Condition.numberGreaterThan('$.objections.pending', 0), awaitObjections.next(closePublicity))
      .otherwise(startAdmission));
    rank.next(afterRank);
    awaitDecision.next(
      decision
        .when(
          sfn.Condition.and(
            decided,
            sfn.Condition.or(
              sfn.Condition.stringEquals('$.decision.decision', 'approve'),
              sfn.Condition.stringEquals('$.decision.decision', 'approve-with-edits'),
            ),
          ),
          publicity,
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
