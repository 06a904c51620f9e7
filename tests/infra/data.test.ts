import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, poolStack, referencedIds, resources, statements } from './fixture';

describe('data: key and tables', () => {
  const dev = poolStack({ stage: 'dev' });
  const prod = poolStack({ stage: 'prod' });

  it('one customer-managed KMS key, with rotation', () => {
    dev.template.resourceCountIs('AWS::KMS::Key', 1);
    dev.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('every table: on-demand, PITR, encrypted with the CMK', () => {
    const [keyId] = resources(dev.template, 'AWS::KMS::Key').map(([id]) => id);
    const tables = resources(dev.template, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(3);
    for (const [, table] of tables) {
      const p = table.Properties!;
      expect(p.BillingMode).toBe('PAY_PER_REQUEST');
      expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(referencedIds((p.SSESpecification as Record<string, unknown>).KMSMasterKeyId)).toEqual([keyId]);
    }
  });

  it('every log group (functions, state machines, API access) is encrypted with the CMK, which only this account\'s log groups may use', () => {
    const [keyId, key] = resources(dev.template, 'AWS::KMS::Key')[0]!;
    const groups = resources(dev.template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(8); // 5 functions, 2 machines, API access logs
    for (const [id, g] of groups) expect(referencedIds(g.Properties!.KmsKeyId), id).toEqual([keyId]);
    const policy = key.Properties!.KeyPolicy as { Statement: Array<Record<string, unknown>> };
    const logs = policy.Statement.find((st) => st.Sid === 'AllowCloudWatchLogsForThisAccountsLogGroups');
    expect(JSON.stringify(logs?.Principal)).toContain('logs.');
    expect(JSON.stringify(logs?.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(JSON.stringify(logs?.Condition)).toContain(':log-group:*');
  });

  it('pool table: pk/sk and gsi1 (gsi1pk/gsi1sk)', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('idempotency table: id key and TTL on expiration', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('prod: pool and audit tables have deletion protection and are retained; dev is disposable', () => {
    const kept = [prod.stack.data.poolTable, prod.stack.data.auditTable].map((t) => logicalIdOf(prod.stack, t));
    expect(resources(prod.template, 'AWS::DynamoDB::Table').filter(([id]) => kept.includes(id))).toHaveLength(2);
    for (const [id, table] of resources(prod.template, 'AWS::DynamoDB::Table')) {
      if (!kept.includes(id)) continue;
      expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
      expect(prod.template.toJSON().Resources[id].DeletionPolicy).toBe('Retain');
    }
    for (const [, table] of resources(dev.template, 'AWS::DynamoDB::Table')) {
      expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
    }
  });

  it('audit table: a resource policy denies every rewrite to everyone', () => {
    const auditId = logicalIdOf(dev.stack, dev.stack.data.auditTable);
    const audit = dev.template.toJSON().Resources[auditId];
    const deny = statements(audit.Properties.ResourcePolicy.PolicyDocument).find((s) => s.Effect === 'Deny');
    expect(deny?.Principal).toEqual({ AWS: '*' });
    expect(deny?.Action).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
    );
  });

  it('audit table: no IAM policy anywhere allows anything but PutItem and (the API\'s) Query on it', () => {
    const auditId = logicalIdOf(dev.stack, dev.stack.data.auditTable);
    const allowedOnAudit = new Set<string>();
    for (const [, policy] of resources(dev.template, 'AWS::IAM::Policy')) {
      for (const s of statements(policy.Properties?.PolicyDocument)) {
        if (s.Effect !== 'Allow') continue;
        const touchesAudit = s.Resource.some((r) => referencedIds(r).includes(auditId) || r === '*');
        if (touchesAudit) s.Action.filter((a) => a.startsWith('dynamodb:') || a === '*').forEach((a) => allowedOnAudit.add(a));
      }
    }
    expect([...allowedOnAudit].sort()).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*', '*']) {
      expect(allowedOnAudit.has(forbidden)).toBe(false);
    }
  });
});
