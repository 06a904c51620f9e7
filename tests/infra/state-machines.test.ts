import { describe, expect, it } from 'vitest';
import { allStates, definitionOf, functionByModule, poolStack, resources } from './fixture';
import type { AslState } from './fixture';

const RETRYABLE = ['Lambda.ServiceException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'Lambda.ClientExecutionTimeoutException', 'Lambda.Unknown', 'TimeoutError', 'TransientError'];

describe('state machines', () => {
  const { template } = poolStack({ stage: 'dev', approvalTimeoutSeconds: 1234, batchSize: 7, tallyBatchSize: 9, confirmationTimeoutSeconds: 5678 });
  const round = definitionOf(template, 'round');
  const review = definitionOf(template, 'review');
  const fnId = (module: string) => functionByModule(template, module).id;

  it('JSONPath only: no QueryLanguage JSONata anywhere (the local executor ignores JSONata)', () => {
    for (const [, m] of resources(template, 'AWS::StepFunctions::StateMachine')) {
      expect(JSON.stringify(m.Properties?.DefinitionString)).not.toMatch(/jsonata/i);
    }
    for (const asl of [round, review]) {
      expect(asl.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
      for (const { state } of allStates(asl)) expect(state.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    }
  });

  it('logging without execution data, X-Ray on, Standard', () => {
    for (const [, m] of resources(template, 'AWS::StepFunctions::StateMachine')) {
      expect(m.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { IncludeExecutionData: false },
      });
    }
  });

  it('every Task: TimeoutSeconds, a backoff Retry on the transient errors, and a Catch (on itself or its Map)', () => {
    for (const asl of [round, review]) {
      const tasks = allStates(asl).filter(({ state }) => state.Type === 'Task');
      expect(tasks.length).toBeGreaterThan(4);
      for (const { name, state, parentMap } of tasks) {
        expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
        const retry = state.Retry?.[0];
        expect(retry?.ErrorEquals, name).toEqual(expect.arrayContaining(RETRYABLE));
        expect(retry, name).toMatchObject({ IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 });
        const catcher = (state.Catch ?? parentMap?.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'));
        expect(catcher, name).toBeDefined();
      }
    }
  });

  it('round: the states and their order', () => {
    const s = round.States;
    expect(round.StartAt).toBe('WaitForIntakeDeadline');
    expect(s.WaitForIntakeDeadline).toMatchObject({ Type: 'Wait', TimestampPath: '$.intakeClosesAt', Next: 'CloseIntake' });
    expect(s.CloseIntake?.Next).toBe('Recommendation?');
    // The notice's selection steps (DESIGN §7), each behind a Choice on the execution input's `steps`.
    expect(s['Recommendation?']).toMatchObject({ Type: 'Choice', Default: 'WaitForScoringDeadline' });
    expect(JSON.stringify(s['Recommendation?']?.Choices)).toContain('"Next":"OpenBallot"');
    expect(s.OpenBallot?.Next).toBe('WaitForBallotDeadline');
    expect(s.WaitForBallotDeadline).toMatchObject({ Type: 'Wait', TimestampPath: '$.ballotClosesAt', Next: 'StartTally' });
    // The tally loops over pages of ballots as scoring does over nominations.
    expect(s.StartTally).toMatchObject({ Type: 'Pass', ResultPath: '$.tally', Next: 'TallyBallot' });
    expect(s.TallyBallot).toMatchObject({ ResultSelector: { 'cursor.$': '$.Payload.cursor', 'totals.$': '$.Payload.totals' }, ResultPath: '$.tally', Next: 'MoreToTally?' });
    expect(s['MoreToTally?']).toMatchObject({ Type: 'Choice', Default: 'WaitForScoringDeadline' });
    expect(JSON.stringify(s['MoreToTally?']?.Choices)).toContain('"Next":"TallyBallot"');
    expect(s.WaitForScoringDeadline).toMatchObject({ TimestampPath: '$.scoringClosesAt', Next: 'StartScoring' });
    expect(s.StartScoring?.Next).toBe('ScoreBatch');
    expect(s.ScoreBatch?.Next).toBe('MoreToScore?');
    expect(s['MoreToScore?']).toMatchObject({ Type: 'Choice', Default: 'Rank' });
    expect(JSON.stringify(s['MoreToScore?']?.Choices)).toContain('"Next":"ScoreBatch"');
    expect(s.Rank?.Next).toBe('Inspection?');
    expect(s['Inspection?']).toMatchObject({ Type: 'Choice', Default: 'AwaitDecision' });
    expect(JSON.stringify(s['Inspection?']?.Choices)).toContain('"Next":"AwaitInspection"');
    expect(JSON.stringify(s['Inspection?']?.Choices)).toContain('"Variable":"$.inspected","IsPresent":true');
    expect(s.AwaitInspection).toMatchObject({ Resource: 'arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken', Next: 'Inspected' });
    expect(s.Inspected).toMatchObject({ Type: 'Pass', Result: true, ResultPath: '$.inspected', Next: 'StartScoring' });
    expect(s['Publicity?']).toMatchObject({ Type: 'Choice', Default: 'StartAdmission' });
    expect(JSON.stringify(s['Publicity?']?.Choices)).toContain('"Next":"StartPublicity"');
    expect(s.StartPublicity).toMatchObject({ ResultSelector: { 'endsAt.$': '$.Payload.endsAt' }, ResultPath: '$.publicity', Next: 'WaitForPublicityEnd' });
    expect(s.WaitForPublicityEnd).toMatchObject({ Type: 'Wait', TimestampPath: '$.publicity.endsAt', Next: 'ClosePublicity' });
    expect(s.ClosePublicity).toMatchObject({ ResultSelector: { 'pending.$': '$.Payload.pending' }, ResultPath: '$.objections', Next: 'ObjectionsPending?' });
    expect(s['ObjectionsPending?']).toMatchObject({ Type: 'Choice', Default: 'StartAdmission' });
    expect(JSON.stringify(s['ObjectionsPending?']?.Choices)).toContain('"Next":"AwaitObjections"');
    expect(s.AwaitObjections?.Next).toBe('ClosePublicity');
    expect(s.AwaitDecision?.Next).toBe('Decision?');
    expect(s.AdmitBatch?.Next).toBe('MoreToAdmit?');
    expect(s.RecordOutcome?.Next).toBe('Done');
    expect(s.RecordFailure?.Next).toBe('Failed');
    expect(s.Failed?.Type).toBe('Fail');
  });

  it('round: the payload each Lambda task sends, and where the result lands', () => {
    const call = (state: AslState | undefined) => ({
      resource: state?.Resource,
      fn: (state?.Parameters as { FunctionName: string }).FunctionName,
      payload: (state?.Parameters as { Payload: unknown }).Payload,
      selector: state?.ResultSelector,
      resultPath: state?.ResultPath,
    });
    const invoke = 'arn:${AWS::Partition}:states:::lambda:invoke';
    const scoring = `\${${fnId('functions/scoring/handler.ts')}}`;
    const steps = `\${${fnId('functions/round-steps/handler.ts')}}`;
    const s = round.States;
    expect(call(s.CloseIntake)).toEqual({ resource: invoke, fn: steps, payload: { action: 'close-intake', 'roundId.$': '$.roundId' }, selector: undefined, resultPath: null });
    expect(call(s.ScoreBatch)).toEqual({
      resource: invoke,
      fn: scoring,
      payload: { action: 'score-batch', 'roundId.$': '$.roundId', 'cursor.$': '$.score.cursor', batchSize: 7 },
      selector: { 'cursor.$': '$.Payload.cursor' },
      resultPath: '$.score',
    });
    expect(call(s.Rank)).toMatchObject({ fn: scoring, payload: { action: 'rank', 'roundId.$': '$.roundId' }, resultPath: null });
    expect(call(s.AdmitBatch)).toEqual({
      resource: invoke,
      fn: steps,
      payload: { action: 'admit-batch', 'roundId.$': '$.roundId', 'cursor.$': '$.admit.cursor', batchSize: 7 },
      selector: { 'cursor.$': '$.Payload.cursor' },
      resultPath: '$.admit',
    });
    expect(call(s.TallyBallot)).toEqual({
      resource: invoke,
      fn: steps,
      payload: { action: 'tally-ballot', 'roundId.$': '$.roundId', 'cursor.$': '$.tally.cursor', 'totals.$': '$.tally.totals', batchSize: 9 },
      selector: { 'cursor.$': '$.Payload.cursor', 'totals.$': '$.Payload.totals' },
      resultPath: '$.tally',
    });
    expect(call(s.RecordOutcome)).toMatchObject({ fn: steps, payload: { action: 'record-outcome', 'roundId.$': '$.roundId', 'outcome.$': '$.outcome' } });
    expect(call(s.RecordFailure)).toMatchObject({ fn: steps, payload: { action: 'record-failure', 'roundId.$': '$.roundId', 'error.$': '$.error' } });
  });

  it('round: AwaitDecision waits for the task token, times out after the approval timeout, and a time-out is an outcome', () => {
    const s = round.States.AwaitDecision!;
    expect(s.Resource).toBe('arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken');
    expect((s.Parameters as { Payload: unknown }).Payload).toEqual({
      action: 'await-decision',
      'roundId.$': '$.roundId',
      'taskToken.$': '$$.Task.Token',
    });
    expect(s.TimeoutSeconds).toBe(1234);
    expect(s.ResultPath).toBe('$.decision');
    expect(s.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'ApprovalTimedOut' });
    expect(round.States.ApprovalTimedOut).toMatchObject({ Result: 'approval-timed-out', ResultPath: '$.outcome', Next: 'RecordOutcome' });
  });

  it('the API Lambda is told the same approval wait (APPROVAL_TIMEOUT_SECONDS), to refuse a round that cannot finish within a year', () => {
    const vars = (functionByModule(template, 'functions/api/handler.ts').fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.APPROVAL_TIMEOUT_SECONDS).toBe('1234');
    expect(round.States.AwaitDecision?.TimeoutSeconds).toBe(Number(vars.APPROVAL_TIMEOUT_SECONDS));
    // And the stack's default when the prop is not given: 30 days on both.
    const plain = poolStack({ stage: 'dev' }).template;
    const plainVars = (functionByModule(plain, 'functions/api/handler.ts').fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(plainVars.APPROVAL_TIMEOUT_SECONDS).toBe(String(30 * 86_400));
    expect(definitionOf(plain, 'round').States.AwaitDecision?.TimeoutSeconds).toBe(30 * 86_400);
  });

  it('round: the decision routes approve / approve-with-edits to admission, reject to the outcome', () => {
    const choice = JSON.stringify(round.States['Decision?']);
    expect(choice).toContain('"StringEquals":"approve"');
    expect(choice).toContain('"StringEquals":"approve-with-edits"');
    expect(choice).toContain('"Next":"Publicity?"');
    expect(choice).toContain('"StringEquals":"reject"');
    expect(round.States['Decision?']?.Default).toBe('UnknownDecision');
    expect(round.States.Admitted).toMatchObject({ Result: 'admitted', Next: 'RecordOutcome' });
    expect(round.States.Rejected).toMatchObject({ Result: 'rejected', Next: 'RecordOutcome' });
    expect(round.States['MoreToAdmit?']?.Default).toBe('Admitted');
  });

  it('review: plan → open window → wait → proposals (Map, 2 at a time) → await confirmation → apply (Map) → summarize', () => {
    const s = review.States;
    const fn = `\${${fnId('functions/review-steps/handler.ts')}}`;
    expect(review.StartAt).toBe('Init');
    expect(s.Plan?.Parameters).toEqual({ FunctionName: fn, Payload: { action: 'plan', 'at.$': '$.scheduledTime', 'execution.$': '$$.Execution.Id' } });
    expect(s.Plan?.ResultSelector).toEqual({
      'reviewId.$': '$.Payload.reviewId',
      'windowClosesAt.$': '$.Payload.windowClosesAt',
      'cohorts.$': '$.Payload.cohorts',
      'duplicate.$': '$.Payload.duplicate',
    });
    expect(s.Plan?.ResultPath).toBe('$.plan');
    // One review per review date: a second execution for the date (schedule and API) ends after Plan.
    expect(s.Plan?.Next).toBe('AlreadyPlanned?');
    expect(s['AlreadyPlanned?']).toMatchObject({
      Type: 'Choice', Choices: [{ Variable: '$.plan.duplicate', BooleanEquals: true, Next: 'ReviewHeldByAnotherExecution' }], Default: 'OpenWindow',
    });
    expect(s.ReviewHeldByAnotherExecution?.Type).toBe('Succeed');
    expect(s.OpenWindow?.Next).toBe('WaitForWindow');
    expect(s.OpenWindow?.ResultPath).toBe('$.window');
    expect(s.WaitForWindow).toMatchObject({ Type: 'Wait', TimestampPath: '$.plan.windowClosesAt', Next: 'ProposeOutcomes' });
    const propose = s.ProposeOutcomes!;
    expect(propose).toMatchObject({ Type: 'Map', ItemsPath: '$.plan.cohorts', MaxConcurrency: 2, Next: 'AnyoneReviewed?' });
    expect(propose.ItemSelector).toEqual({ 'reviewId.$': '$.plan.reviewId', 'cohort.$': '$$.Map.Item.Value' });
    expect(propose.ItemProcessor?.StartAt).toBe('ComputeOutcomes');
    expect((propose.ItemProcessor?.States.ComputeOutcomes as { End?: boolean } | undefined)?.End).toBe(true);
    expect(s['AnyoneReviewed?']).toMatchObject({ Type: 'Choice', Default: 'Summarize' });
    expect(JSON.stringify(s['AnyoneReviewed?']?.Choices)).toContain('"Next":"AwaitConfirmation"');
    // The calibration wait, like the round's AwaitDecision: the token on the review, a time-out is an outcome.
    const wait = s.AwaitConfirmation!;
    expect(wait.Resource).toBe('arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken');
    expect((wait.Parameters as { Payload: unknown }).Payload).toEqual({
      action: 'await-confirmation', 'reviewId.$': '$.plan.reviewId', 'taskToken.$': '$$.Task.Token', timeoutSeconds: 5678,
    });
    expect(wait).toMatchObject({ TimeoutSeconds: 5678, ResultPath: '$.confirmation', Next: 'ApplyConfirmed' });
    expect(wait.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'RecordConfirmationTimeout' });
    expect((s.RecordConfirmationTimeout?.Parameters as { Payload: unknown }).Payload).toEqual({ action: 'record-confirmation-timeout', 'reviewId.$': '$.plan.reviewId' });
    expect(s.RecordConfirmationTimeout?.Next).toBe('ConfirmationTimedOut');
    expect(s.ConfirmationTimedOut?.Type).toBe('Succeed');
    const map = s.ApplyConfirmed!;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.plan.cohorts', MaxConcurrency: 2, Next: 'Summarize' });
    const inner = map.ItemProcessor!;
    expect(inner.StartAt).toBe('ApplyOutcomes');
    expect(inner.States.ApplyOutcomes?.Next).toBe('CreateTalks');
    expect((inner.States.CreateTalks?.Parameters as { Payload: unknown }).Payload).toEqual({
      action: 'create-talks',
      'reviewId.$': '$.reviewId',
      'cohort.$': '$.cohort',
    });
    expect((s.Summarize?.Parameters as { Payload: unknown }).Payload).toEqual({ action: 'summarize', 'reviewId.$': '$.plan.reviewId' });
    expect(s.RecordFailure?.Next).toBe('Failed');
  });

  it('review: the confirmation wait defaults to 60 days', () => {
    expect(definitionOf(poolStack({ stage: 'dev' }).template, 'review').States.AwaitConfirmation?.TimeoutSeconds).toBe(60 * 86_400);
  });
});
