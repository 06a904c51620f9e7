import { Arn, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NOTICE_BATCH, NOTICE_MAX_RECEIVES, NOTICE_SECRET_PREFIX } from '../../contracts/notices';

export interface NoticesProps {
  /** The notifier (functions/notifier/handler.ts). */
  readonly notifier: lambda.Function;
  /** The functions that announce notices (open a round, reject a form, open a review, the daily run). */
  readonly producers: readonly lambda.Function[];
  /** The producers' log groups: a notice that could not be queued is counted from its log line. */
  readonly producerLogs: readonly logs.ILogGroup[];
  /**
   * The verified SES identity (a domain or an address) notices are sent from, and the From
   * address. Without one, e-mail deliveries are recorded as failed (EmailFromMissing) and the
   * robots still deliver.
   */
  readonly emailIdentity?: string;
  readonly emailFrom?: string;
  /** The console's origin, for absolute links in the messages. */
  readonly consoleUrl?: string;
}

/**
 * Notices to units (DESIGN §7): the use cases put each notice on an SQS queue (never waiting on
 * a channel: app/notices/announce.ts), and the notifier drains it with partial batch
 * responses — a message whose delivery failed comes back after the visibility timeout, up to
 * NOTICE_MAX_RECEIVES times, then waits in the dead-letter queue (alarmed in PoolAlarms).
 * The notifier may send e-mail from one SES identity and read the robots' webhooks from the
 * secrets under NOTICE_SECRET_PREFIX, and nothing else.
 */
export class Notices extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /**
   * Notices the use cases could not queue (app/notices/announce.ts logs `metric:
   * "NoticesNotEnqueued"` with a count and swallows): counted by a metric filter on each
   * producer's log group, so the failure that never reaches a caller still reaches an alarm.
   */
  readonly notEnqueued: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: NoticesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // SQS-managed SSE: a notice names a unit and at most a member's name (no ID number, no
    // birth date), and it keeps KMS actions out of every producer's role.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const timeout = props.notifier.timeout ?? Duration.seconds(60);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      // AWS's advice for a Lambda event source: six times the function's timeout.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: NOTICE_MAX_RECEIVES },
    });

    props.notifier.addEventSource(new SqsEventSource(this.queue, {
      batchSize: NOTICE_BATCH,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      // A burst of 3,000 round-opened notices must not exhaust the webhooks' rate limits
      // (a WeChat Work robot takes 20 messages a minute).
      maxConcurrency: 2,
    }));
    props.notifier.addEnvironment('NOTICE_DELIVERY', 'aws');
    if (props.consoleUrl) props.notifier.addEnvironment('CONSOLE_URL', props.consoleUrl);

    for (const f of props.producers) {
      f.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));
      f.addEnvironment('NOTICE_QUEUE_URL', this.queue.queueUrl);
    }

    props.notifier.addToRolePolicy(new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      // A secret's ARN ends in a random six-character suffix: the name prefix, then anything.
      resources: [Arn.format({ service: 'secretsmanager', resource: 'secret', resourceName: `${NOTICE_SECRET_PREFIX}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack)],
    }));
    if (props.emailIdentity && props.emailFrom) {
      props.notifier.addEnvironment('NOTICE_EMAIL_FROM', props.emailFrom);
      props.notifier.addToRolePolicy(new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [Arn.format({ service: 'ses', resource: 'identity', resourceName: props.emailIdentity }, stack)],
      }));
    }

    this.notEnqueued = new cloudwatch.Metric({ namespace: 'TalentPool', metricName: 'NoticesNotEnqueued', statistic: 'Sum', period: Duration.minutes(5) });
    props.producerLogs.forEach((logGroup, i) => new logs.MetricFilter(this, `NotEnqueued${i}`, {
      logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.metric', '=', 'NoticesNotEnqueued'),
      metricNamespace: 'TalentPool',
      metricName: 'NoticesNotEnqueued',
      metricValue: '$.count',
      defaultValue: 0,
    }));

    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the notice queue.',
    });
    const role = props.notifier.role;
    if (role) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${NOTICE_SECRET_PREFIX}*]`,
        reason:
          'The robots\' webhook secrets are created by the bureau, one per unit group, after deployment; ' +
          'their names share the notice prefix and their ARNs end in a random suffix, so a prefix is the narrowest scope.',
      });
    }
  }
}
