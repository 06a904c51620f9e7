import { Duration, Validations } from 'aws-cdk-lib';
import type { TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SCHEDULE_METADATA_KEY, type ScheduleMetadata } from '../../contracts/metadata';

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
        'This queue is itself a dead-letter queue: the DeadLetterConfig of the annual-review and term-end schedules ' +
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
    markSchedule(this.schedule, { kind: 'annual-review', catchUp: 'each' });
  }
}

/** Names the schedule for the local runner (contracts/metadata.ts), as machines are named. */
function markSchedule(schedule: scheduler.Schedule, meta: ScheduleMetadata): void {
  (schedule.node.defaultChild as scheduler.CfnSchedule).addMetadata(SCHEDULE_METADATA_KEY, meta);
}

export interface TermEndScheduleProps {
  readonly termMachine: sfn.IStateMachine;
  /** An EventBridge Scheduler cron expression firing once a day, e.g. `cron(5 0 * * ? *)`. */
  readonly cron: string;
  readonly timeZone: TimeZone;
  readonly enabled: boolean;
  /** Where failed deliveries go (the annual review's queue: one queue, one alarm). */
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Ends terms on their date by itself (M-TERM, DESIGN §2 *Term end*): once a day, just after
 * midnight in Beijing, the term machine ends every term whose end day has come, so the seat
 * is free that day.
 *
 * Why a daily schedule and not a one-time schedule per member (`at(…)`) or a Wait: a Wait
 * cannot span a term (a Standard execution lasts at most a year, a term three); one-time
 * schedules would have to be created, moved on every renewal and deleted on every removal,
 * tier move or appointment — a second copy of each term's end that can drift from the
 * member's state, and Scheduler API calls (and rights) in the Api and the round. A daily run
 * reads the end day from the member itself, so a renewal needs no schedule change; each run
 * is idempotent and ends everything due by its date, so a missed day is made good the next
 * (each term still dated its own end). It is one more schedule of the kind the stack already
 * has, so it runs locally on the simulated clock unchanged (local/schedule.ts; a clock
 * jumped across many days fires it once, `catchUp: latest`).
 */
export class TermEndSchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: TermEndScheduleProps) {
    super(scope, id);
    this.schedule = new scheduler.Schedule(this, 'TermEnd', {
      description: 'Ends the reserve pool terms whose end day has come (daily)',
      schedule: scheduler.ScheduleExpression.expression(props.cron, props.timeZone),
      enabled: props.enabled,
      target: new StepFunctionsStartExecution(props.termMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 10,
        // Tomorrow's run ends what a lost delivery did not.
        maxEventAge: Duration.hours(12),
      }),
    });
    markSchedule(this.schedule, { kind: 'term-end', catchUp: 'latest' });
  }
}
