import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface PoolAlarmsProps {
  readonly key: kms.IKey;
  readonly stateMachines: Record<string, sfn.IStateMachine>;
  readonly intake: lambda.IFunction;
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  readonly httpApi: apigw.IHttpApi;
  /** Further metrics to alarm on at ≥ 1 (say notices that could not be queued). */
  readonly metrics?: Record<string, { readonly metric: cloudwatch.IMetric; readonly description: string }>;
  /** Optional e-mail address subscribed to the alarm topic. */
  readonly email?: string;
}

/**
 * Alarms on what must not go unnoticed: a failed or timed-out round or review, intake
 * errors, anything in a dead-letter queue, API 5xx. All publish to one KMS-encrypted,
 * SSL-only topic (the key policy lets CloudWatch use the key).
 */
export class PoolAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: PoolAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'talent-pool alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string, threshold = 1) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
    };
    const period = Duration.minutes(5);

    for (const [name, machine] of Object.entries(props.stateMachines)) {
      alarm(`${name}ExecutionsFailed`, machine.metricFailed({ period, statistic: 'Sum' }), `A ${name} execution failed (see RecordFailure on it).`);
      alarm(`${name}ExecutionsTimedOut`, machine.metricTimedOut({ period, statistic: 'Sum' }), `A ${name} execution timed out.`);
    }
    alarm('IntakeErrors', props.intake.metricErrors({ period, statistic: 'Sum' }), 'The Intake function failed on an upload (it is retried; see the DLQ alarm).');
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        `${name}: an event failed after all retries and waits in the dead-letter queue.`,
      );
    }
    for (const [name, m] of Object.entries(props.metrics ?? {})) alarm(name, m.metric, m.description);
    alarm('Api5xx', props.httpApi.metricServerError({ period, statistic: 'Sum' }), 'The HTTP API answered 5xx.', 5);
  }
}
