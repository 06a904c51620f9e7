import { Duration, Validations } from 'aws-cdk-lib';
import type { TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ReviewScheduleProps {
  readonly reviewMachine: sfn.IStateMachine;
  /** An EventBridge Scheduler cron expression, e.g. `cron(0 9 1 9 ? *)`. */
  readonly cron: string;
  readonly timeZone: TimeZone;
  readonly enabled: boolean;
}

/**
 * Starts the annual review once a year by itself (DESIGN.md §3 "nobody has to
 * remember"). The execution input is `{ scheduledTime }`, the scheduled instant —
 * not the delivery time — so a retried delivery plans the same review.
 */
export class ReviewSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  /** Deliveries that failed after Scheduler's retries; alarmed. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ReviewScheduleProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the DeadLetterConfig of the annual-review schedule ' +
        '(nag only recognises queues named in a RedrivePolicy or a Lambda DeadLetterConfig).',
    });
    this.schedule = new scheduler.Schedule(this, 'AnnualReview', {
      description: 'Starts the annual review of the reserve pool',
      schedule: scheduler.ScheduleExpression.expression(props.cron, props.timeZone),
      enabled: props.enabled,
      target: new StepFunctionsStartExecution(props.reviewMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 10,
        maxEventAge: Duration.hours(24),
      }),
    });
  }
}
