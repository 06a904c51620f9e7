// Deploy risks (issue #12): a re-create must not meet a log group a former stack retained;
// a slow Lambda Invoke is retried; the KMS grant to CloudWatch Logs names its source.
import { describe, expect, it } from 'vitest';
import { RETRYABLE_ERRORS } from '../../infra/constructs/steps';
import { allStates, definitionOf, poolStack, referencedIds, resources } from './fixture';

type Json = Record<string, unknown>;

describe('state-machine log groups survive a re-create', () => {
  for (const stage of ['dev', 'prod'] as const) {
    const { template } = poolStack({ stage });
    const machines = resources(template, 'AWS::StepFunctions::StateMachine');
    const groupsOf = () => machines.map(([, m]) => {
      const dest = (m.Properties!.LoggingConfiguration as { Destinations: Array<{ CloudWatchLogsLogGroup: { LogGroupArn: unknown } }> })
        .Destinations[0]!.CloudWatchLogsLogGroup.LogGroupArn;
      const [id] = referencedIds(dest);
      return [id!, template.toJSON().Resources[id!] as { Properties: Json; DeletionPolicy?: string }] as const;
    });

    it(`${stage}: no fixed name — the name carries the stack's own id (AWS::StackId), keeping the /aws/vendedlogs/states/ prefix`, () => {
      expect(machines).toHaveLength(3);
      for (const [id, group] of groupsOf()) {
        const name = group.Properties.LogGroupName;
        // A plain string is the same for every stack that is ever created: after a rolled-back
        // first deploy (prod retains the group) the next create fails with "already exists".
        expect(typeof name, id).not.toBe('string');
        const join = (name as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
        expect(join, id).toBeDefined();
        const [literal] = join[1] as [string];
        expect(literal).toMatch(new RegExp(`^/aws/vendedlogs/states/talent-pool-${stage}-(round|review|term)-[0-9a-f]{8}-$`));
        expect(JSON.stringify(join[1][1])).toContain('AWS::StackId');
      }
    });

    it(`${stage}: the three machines' log groups differ (round, review, term)`, () => {
      const literals = groupsOf().map(([, g]) => JSON.stringify(g.Properties.LogGroupName));
      expect(new Set(literals).size).toBe(3);
    });
  }

  it('prod still retains them (the logs outlive a deleted stack)', () => {
    const { template } = poolStack({ stage: 'prod' });
    const named = resources(template, 'AWS::Logs::LogGroup').filter(([, g]) => JSON.stringify(g.Properties?.LogGroupName ?? '').includes('vendedlogs'));
    expect(named).toHaveLength(3);
    for (const [id] of named) expect((template.toJSON().Resources[id] as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
  });
});

describe('task retries', () => {
  const { template } = poolStack({ stage: 'dev' });

  it('every Lambda task retries Lambda.ClientExecutionTimeoutException (a slow Invoke, not a failed function)', () => {
    expect(RETRYABLE_ERRORS).toContain('Lambda.ClientExecutionTimeoutException');
    for (const kind of ['round', 'review'] as const) {
      const tasks = allStates(definitionOf(template, kind)).filter(({ state }) => state.Type === 'Task');
      expect(tasks.length).toBeGreaterThan(4);
      for (const { name, state } of tasks) expect(state.Retry?.[0]?.ErrorEquals, name).toContain('Lambda.ClientExecutionTimeoutException');
    }
  });
});

describe('the KMS key\'s grant to CloudWatch Logs', () => {
  const { template } = poolStack({ stage: 'prod' });
  const [, key] = resources(template, 'AWS::KMS::Key')[0]!;
  const statement = (key.Properties!.KeyPolicy as { Statement: Json[] }).Statement
    .find((s) => s.Sid === 'AllowCloudWatchLogsForThisAccountsLogGroups') as { Condition: Record<string, Record<string, unknown>> };

  it('names its source: this account (aws:SourceAccount) and this account\'s log groups (aws:SourceArn)', () => {
    const conditions = statement.Condition;
    const sourceAccount = Object.values(conditions).find((c) => 'aws:SourceAccount' in c)?.['aws:SourceAccount'];
    expect(sourceAccount).toEqual({ Ref: 'AWS::AccountId' });
    const sourceArn = Object.entries(conditions).find(([, c]) => 'aws:SourceArn' in c);
    expect(sourceArn?.[0]).toMatch(/^ArnLike/);
    const arn = JSON.stringify(sourceArn?.[1]['aws:SourceArn']);
    expect(arn).toContain(':log-group:*');
    expect(arn).toContain('AWS::AccountId');
    expect(arn).toContain('AWS::Region');
  });

  it('keeps the encryption-context bound on this account\'s log groups', () => {
    expect(JSON.stringify(statement.Condition.ArnLike)).toContain('kms:EncryptionContext:aws:logs:arn');
  });
});
