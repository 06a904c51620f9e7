import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { UPLOAD_PREFIX } from './uploads';

export interface IntakeEventsProps {
  readonly bucket: s3.Bucket;
  readonly intake: lambda.Function;
}

/**
 * S3 ObjectCreated under `rounds/` → Intake, invoked asynchronously: Lambda retries a
 * failed event twice, then the invocation record (the S3 event and the error) goes to
 * the dead-letter queue, where an alarm sees it and an operator can redrive it.
 * Direct S3 → Lambda (no queue in front) because intake is idempotent per object
 * version and volumes are tiny (one form per unit per round).
 */
export class IntakeEvents extends Construct {
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IntakeEventsProps) {
    super(scope, id);

    // SQS-managed SSE: the record holds bucket/key/version, not form contents, and it
    // keeps KMS wildcard actions out of the Intake role.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue: the on-failure destination of the Intake function ' +
        '(nag only recognises queues named in another queue\'s RedrivePolicy).',
    });

    props.intake.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(props.intake), {
      prefix: UPLOAD_PREFIX,
    });

    acknowledgeNotificationsHandler(Stack.of(this));
  }
}

/**
 * `addEventNotification` creates one stack-level custom resource (a CDK-provided Lambda)
 * that writes the bucket's NotificationConfiguration at deploy time. Its one finding is
 * acknowledged on that handler's role only.
 */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const role = stack.node.children
    .find((c) => c.node.id.startsWith('BucketNotificationsHandler'))
    ?.node.tryFindChild('Role');
  if (!role) return;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'Role of the CDK-provided BucketNotificationsHandler (runs only during deployment to set the bucket ' +
      'notification); aws-cdk-lib fixes its role, and the managed policy only lets it write its own logs.',
  });
}
