import { createHash } from 'node:crypto';
import { Aws, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { STATE_MACHINE_METADATA_KEY, type StateMachineKind } from '../../contracts/metadata';
import type { TaskAction } from '../../contracts/tasks';

/**
 * Errors worth retrying: the Lambda service's own hiccups (a ClientExecutionTimeoutException
 * is Step Functions giving up on a slow Invoke call, not the function failing) and a
 * handler's `TransientError`.
 */
export const RETRYABLE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  // A function that ran out of time: Middy ends the handler just before Lambda would, with
  // TimeoutError; one Lambda killed (a timeout without Middy, or out of memory) Step Functions
  // reports as Lambda.Unknown. Every step is safe to repeat, so a retry finishes what it began.
  'TimeoutError',
  'Lambda.Unknown',
  'TransientError',
];

export const RETRY: sfn.RetryProps = {
  errors: RETRYABLE_ERRORS,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 3,
};

export interface LambdaStepProps {
  readonly fn: lambda.IFunction;
  /** The object the handler receives: an action of contracts/tasks and its fields. Use JsonPath.* for values from the state. */
  readonly payload: { action: TaskAction } & Record<string, unknown>;
  /**
   * Fields of the handler's result to keep: field → JSONPath into the invoke result,
   * e.g. `{ cursor: '$.Payload.cursor' }`. Omitted: the result is discarded and the
   * state passes through unchanged.
   */
  readonly keep?: Record<string, string>;
  /** Where the kept fields land, e.g. `$.score`. */
  readonly resultPath?: string;
  /** TimeoutSeconds of the Task (the local executor's default is 60 s). */
  readonly timeout: Duration;
}

/**
 * A Lambda task with the pool's conventions: the payload is an explicit object (never
 * the whole state), only named fields of `$.Payload` are kept (the SDK envelope is not),
 * a TimeoutSeconds, and the retry policy. CDK's own service-exception retry is replaced
 * so there is one Retry per task. The caller adds the Catch.
 */
export function lambdaStep(scope: Construct, id: string, props: LambdaStepProps): tasks.LambdaInvoke {
  const task = new tasks.LambdaInvoke(scope, id, {
    lambdaFunction: props.fn,
    payload: sfn.TaskInput.fromObject(props.payload),
    retryOnServiceExceptions: false,
    taskTimeout: sfn.Timeout.duration(props.timeout),
    ...(props.keep
      ? {
          resultSelector: Object.fromEntries(
            Object.entries(props.keep).map(([field, path]) => [field, sfn.JsonPath.objectAt(path)]),
          ),
          resultPath: props.resultPath ?? '$',
        }
      : { resultPath: sfn.JsonPath.DISCARD }),
  });
  task.addRetry(RETRY);
  return task;
}

export interface PoolStateMachineProps {
  readonly kind: StateMachineKind;
  readonly definition: sfn.IChainable;
  readonly stage: 'dev' | 'prod';
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the log group (CloudWatch Logs may use it through the key policy). */
  readonly logKey: kms.IKey;
  /** Functions the machine invokes (to acknowledge the version wildcard on exactly those). */
  readonly invokes: readonly lambda.IFunction[];
}

/**
 * A Standard, JSONPath state machine with X-Ray and a log group. Logging is level ALL
 * but WITHOUT execution data: inputs and outputs may carry personal data (names, unit
 * assessments, decisions) that must not be copied into CloudWatch; state transitions
 * and error names are enough to operate it.
 */
export function poolStateMachine(scope: Construct, id: string, props: PoolStateMachineProps): sfn.StateMachine {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    logGroupName: stateMachineLogGroupName(scope, `${id}Logs`, props.stage, props.kind),
    retention: props.logRetention,
    encryptionKey: props.logKey,
    removalPolicy: props.removalPolicy,
  });
  const machine = new sfn.StateMachine(scope, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
    stateMachineType: sfn.StateMachineType.STANDARD,
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
  });
  (machine.node.defaultChild as sfn.CfnStateMachine).addMetadata(STATE_MACHINE_METADATA_KEY, props.kind);

  const stack = Stack.of(scope);
  Validations.of(machine.role).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by CDK for logging and tracing: logs:*LogDelivery*/PutResourcePolicy/Describe* and ' +
        'xray:PutTraceSegments/PutTelemetryRecords/GetSampling* support no resource-level scoping.',
    },
    ...props.invokes.map((fn) => ({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on the qualified ARNs (versions/aliases) of a function this machine invokes, as LambdaInvoke grants it.',
    })),
  );
  return machine;
}

/**
 * The state machine's log group name: `/aws/vendedlogs/states/talent-pool-{stage}-{kind}-{n}-{s}`.
 *
 * - The `/aws/vendedlogs/` prefix stays: Step Functions adds every log group it delivers to
 *   to the account's CloudWatch Logs resource policy (5,120 characters at most) unless the
 *   name starts with it (Step Functions developer guide, "Avoiding CloudWatch Logs resource
 *   policy size restrictions"). A name CloudFormation generates would not have it.
 * - A fixed name made a re-create fail: prod retains its log groups, so after a rolled-back
 *   first deploy, or a deleted stack, the next create met "already exists". `{s}` is the last
 *   group of the stack's own id (AWS::StackId, new for every stack created), so a new stack
 *   never meets a log group a former one left behind; `{n}` is a hash of the construct path,
 *   so a replacement inside the stack (a new logical id) gets a new name as well.
 */
export function stateMachineLogGroupName(scope: Construct, id: string, stage: string, kind: string): string {
  const pathHash = createHash('sha256').update(`${scope.node.path}/${id}`).digest('hex').slice(0, 8);
  const stackIdPart = Fn.select(4, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
  return Fn.join('', [`/aws/vendedlogs/states/talent-pool-${stage}-${kind}-${pathHash}-`, stackIdPart]);
}

/** Routes every error of `state` to `handler`, keeping the error at `$.error`. */
export function catchAll(state: tasks.LambdaInvoke | sfn.Map, handler: sfn.IChainable): void {
  state.addCatch(handler, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
}
