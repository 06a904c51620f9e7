import { describe, expect, it } from 'vitest';
import { NOTICE_MAX_RECEIVES } from '../../contracts/notices';
import { logicalIdOf, poolStack, resources, type Json } from './fixture';

/** The notice queue, its DLQ and alarm, the notifier's event source and its narrow rights (issue #14.4). */
describe('notices on AWS', () => {
  const { stack, template } = poolStack({ stage: 'prod', noticeEmail: { identity: 'jtedu.gov.cn', from: 'notice@jtedu.gov.cn' } });
  const queueId = logicalIdOf(stack, stack.notices.queue);
  const dlqId = logicalIdOf(stack, stack.notices.deadLetterQueue);
  const notifierId = logicalIdOf(stack, stack.notifier);

  it('queues with SSE, a redrive to the DLQ after a few receives, and SSL enforced on both', () => {
    const queue = resources(template, 'AWS::SQS::Queue').find(([id]) => id === queueId)![1];
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, RedrivePolicy: { maxReceiveCount: NOTICE_MAX_RECEIVES, deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } } });
    expect(NOTICE_MAX_RECEIVES).toBeGreaterThanOrEqual(3);
    expect(NOTICE_MAX_RECEIVES).toBeLessThanOrEqual(5);
    // Visibility six times the notifier's 60 s timeout.
    expect(queue.Properties?.VisibilityTimeout).toBe(360);
    for (const id of [queueId, dlqId]) {
      const policies = resources(template, 'AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify(p.Properties?.Queues).includes(id));
      expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
    }
  });

  it('the notifier drains it with partial batch responses', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: notifierId },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
  });

  it('an alarm watches the DLQ depth', () => {
    const alarms = resources(template, 'AWS::CloudWatch::Alarm').filter(([id]) => id.includes('NoticesDeadLetters'));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]![1].Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }] });
  });

  it('a notice the use cases could not queue is counted from the producers\' logs and alarmed', () => {
    const filters = resources(template, 'AWS::Logs::MetricFilter').filter(([, f]) => JSON.stringify(f.Properties).includes('NoticesNotEnqueued'));
    expect(filters).toHaveLength(4);
    for (const [, f] of filters) {
      expect(f.Properties).toMatchObject({ FilterPattern: '{ $.metric = "NoticesNotEnqueued" }', MetricTransformations: [{ MetricNamespace: 'TalentPool', MetricName: 'NoticesNotEnqueued', MetricValue: '$.count' }] });
    }
    const alarm = resources(template, 'AWS::CloudWatch::Alarm').filter(([id]) => id.includes('NoticesNotEnqueued'));
    expect(alarm.map(([, a]) => [a.Properties?.MetricName, a.Properties?.Namespace, a.Properties?.Threshold])).toEqual([['NoticesNotEnqueued', 'TalentPool', 1]]);
  });

  const statementsOf = (roleId: string): Json[] => resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties?.Roles).includes(roleId))
    .flatMap(([, p]) => (p.Properties?.PolicyDocument as { Statement: Json[] }).Statement);
  const roleOf = (fnId: string) => ((template.toJSON().Resources[fnId].Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]) as string;

  it('the notifier may send from the one SES identity and read only the notice secrets', () => {
    const s = statementsOf(roleOf(notifierId));
    const ses = s.filter((x) => JSON.stringify(x.Action).includes('ses:'));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toBe('ses:SendEmail');
    expect(JSON.stringify(ses[0]!.Resource)).toContain(':identity/jtedu.gov.cn');
    const sm = s.filter((x) => JSON.stringify(x.Action).includes('secretsmanager:'));
    expect(sm).toHaveLength(1);
    expect(sm[0]!.Action).toBe('secretsmanager:GetSecretValue');
    expect(JSON.stringify(sm[0]!.Resource)).toContain(':secret:talent-pool/notify/*');
    // No query, no delete on the pool table; nothing on "*" but X-Ray.
    expect(JSON.stringify(s)).not.toMatch(/dynamodb:(Query|Scan|DeleteItem)/);
    for (const x of s) if (x.Resource === '*') expect(JSON.stringify(x.Action)).toMatch(/^\["?xray:/);
  });

  it('the producers may only send to the queue, and know its URL', () => {
    // RoundSteps: OpenBallot tells each unit its 民主推荐 ballot is open.
    for (const f of [stack.functions.api, stack.functions.intake, stack.functions.roundSteps, stack.functions.reviewSteps]) {
      const id = logicalIdOf(stack, f);
      const onQueue = statementsOf(roleOf(id)).filter((x) => JSON.stringify(x.Resource).includes(queueId));
      expect(onQueue).toEqual([expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } })]);
      expect(template.toJSON().Resources[id].Properties.Environment.Variables.NOTICE_QUEUE_URL).toEqual({ Ref: queueId });
    }
    // The functions that never announce have no way to.
    for (const f of [stack.functions.scoring]) {
      expect(JSON.stringify(statementsOf(roleOf(logicalIdOf(stack, f))))).not.toContain('sqs:SendMessage');
    }
  });

  it('without an SES identity the notifier gets no SES right at all', () => {
    const { stack: dev, template: t } = poolStack({ stage: 'dev' });
    const id = logicalIdOf(dev, dev.notifier);
    const role = (t.toJSON().Resources[id].Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const s = resources(t, 'AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties?.Roles).includes(role));
    expect(JSON.stringify(s)).not.toContain('ses:');
  });
});
