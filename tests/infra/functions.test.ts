import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths';
import { functionByModule, logicalIdOf, policiesOfRole, poolStack, referencedIds, resources } from './fixture';
import type { Statement } from './fixture';

const MODULES = {
  intake: 'functions/intake/handler.ts',
  scoring: 'functions/scoring/handler.ts',
  roundSteps: 'functions/round-steps/handler.ts',
  reviewSteps: 'functions/review-steps/handler.ts',
  api: 'functions/api/handler.ts',
} as const;
/** The exports Lambda (issue #13): it only reads the pool, so it is not one of MODULES' read-write five. */
const EXPORTS = 'functions/exports/handler.ts';
/** The notifier (issue #14.4): drains the notice queue; its rights are asserted in tests/infra/notices.test.ts. */
const NOTIFIER = 'functions/notifier/handler.ts';
/** The selection steps' bureau routes and the public routes (issue #12.7): split from the Api with their own, narrower grants. */
const SELECTION = 'functions/selection/handler.ts';
const PUBLIC = 'functions/public/handler.ts';

describe('functions', () => {
  const { stack, template } = poolStack({ stage: 'dev' });
  const logicalId = (c: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, c);
  const ids = {
    pool: logicalId(stack.data.poolTable),
    audit: logicalId(stack.data.auditTable),
    idempotency: logicalId(stack.data.idempotencyTable),
    bucket: logicalId(stack.uploads.bucket),
    round: logicalId(stack.roundMachine.stateMachine),
    review: logicalId(stack.reviewMachine.stateMachine),
  };
  const pool = resources(template, 'AWS::Lambda::Function').filter(([, f]) => f.Metadata?.['talentPool:handler']);
  const grants = (module: string): Statement[] => policiesOfRole(template, functionByModule(template, module).roleId);
  const actionsOn = (module: string, id: string) =>
    grants(module)
      .filter((s) => s.Effect === 'Allow' && s.Resource.some((r) => referencedIds(r).includes(id)))
      .flatMap((s) => s.Action)
      .sort();

  it('exactly the nine handler modules, each an existing file', () => {
    expect(pool.map(([, f]) => f.Metadata?.['talentPool:handler']).sort()).toEqual([...Object.values(MODULES), EXPORTS, NOTIFIER, SELECTION, PUBLIC].sort());
    for (const [, f] of pool) expect(existsSync(join(REPO_ROOT, f.Metadata?.['talentPool:handler'] as string))).toBe(true);
  });

  it('Node 22 on arm64, X-Ray active, handler `handler`, env encrypted with the CMK, own log group', () => {
    const [keyId] = resources(template, 'AWS::KMS::Key').map(([id]) => id);
    for (const [, f] of pool) {
      const p = f.Properties!;
      expect(p.Runtime).toBe('nodejs22.x');
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.Handler).toBe('index.handler');
      expect(referencedIds(p.KmsKeyArn)).toEqual([keyId]);
      const [logGroupId] = referencedIds((p.LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(template.toJSON().Resources[logGroupId!].Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('environment variables as in ARCHITECTURE.md', () => {
    const env = (module: string) =>
      Object.keys((functionByModule(template, module).fn.Properties?.Environment as { Variables: object }).Variables).sort();
    const common = ['AUDIT_TABLE', 'LOG_LEVEL', 'NODE_OPTIONS', 'POOL_TABLE', 'POWERTOOLS_SERVICE_NAME'];
    expect(env(MODULES.intake)).toEqual([...common, 'IDEMPOTENCY_TABLE', 'NOTICE_QUEUE_URL', 'PERSON_ID_KEY', 'UPLOAD_BUCKET'].sort());
    expect(env(MODULES.api)).toEqual(
      [...common, 'APPROVAL_TIMEOUT_SECONDS', 'NOTICE_QUEUE_URL', 'PERSON_ID_KEY', 'REVIEW_STATE_MACHINE_ARN', 'ROUND_STATE_MACHINE_ARN', 'UPLOAD_BUCKET'].sort(),
    );
    expect(env(MODULES.scoring)).toEqual(common);
    expect(env(MODULES.roundSteps)).toEqual([...common, 'NOTICE_QUEUE_URL'].sort());
    expect(env(MODULES.reviewSteps)).toEqual([...common, 'NOTICE_QUEUE_URL', 'REVIEW_WINDOW_DAYS'].sort());
    // No audit table: the notifier writes only its notices' records (the outbox).
    expect(env(NOTIFIER)).toEqual(['CONSOLE_URL', 'LOG_LEVEL', 'NODE_OPTIONS', 'NOTICE_DELIVERY', 'POOL_TABLE', 'POWERTOOLS_SERVICE_NAME']);
    // No person-id key: an export names people by what is stored, it never derives a personId.
    expect(env(EXPORTS)).toEqual([...common, 'UPLOAD_BUCKET'].sort());
    // The selection function: tables and the ballot codes' key; no state machine ARN (it only answers tokens), no bucket.
    expect(env(SELECTION)).toEqual([...common, 'PERSON_ID_KEY'].sort());
    // The public function: the pool table and the codes' key only — no audit table, no queue, no bucket.
    expect(env(PUBLIC)).toEqual(['LOG_LEVEL', 'NODE_OPTIONS', 'PERSON_ID_KEY', 'POOL_TABLE', 'POWERTOOLS_SERVICE_NAME']);
  });

  it('the person-id key is a dynamic reference, never a literal', () => {
    for (const m of [MODULES.intake, MODULES.api, SELECTION, PUBLIC]) {
      const value = (functionByModule(template, m).fn.Properties?.Environment as { Variables: Record<string, unknown> })
        .Variables.PERSON_ID_KEY;
      expect(JSON.stringify(value)).toContain('{{resolve:secretsmanager:');
    }
  });

  it('roles carry no AWS managed policy, and "*" is granted for X-Ray only', () => {
    for (const [, f] of pool) {
      const [roleId] = referencedIds(f.Properties?.Role);
      expect(template.toJSON().Resources[roleId!].Properties.ManagedPolicyArns).toBeUndefined();
      for (const s of policiesOfRole(template, roleId!)) {
        if (s.Resource.includes('*')) expect(s.Action.every((a) => a.startsWith('xray:'))).toBe(true);
        expect(s.Action.some((a) => a.includes('*'))).toBe(false);
      }
    }
  });

  it('the audit table: PutItem for every function; the API alone also Queries it (GET /audit) — never Update, Delete or Scan', () => {
    for (const m of [MODULES.intake, MODULES.scoring, MODULES.roundSteps, MODULES.reviewSteps]) {
      expect(actionsOn(m, ids.audit), m).toEqual(['dynamodb:PutItem']);
    }
    expect(actionsOn(MODULES.api, ids.audit)).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
  });

  it('the pool table: exactly what the code sends (Get, Put, Update, Query) — no DeleteItem, BatchGetItem, ConditionCheckItem', () => {
    for (const m of Object.values(MODULES)) {
      // (Query twice: on the table and on gsi1.)
      expect([...new Set(actionsOn(m, ids.pool))], m).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    }
  });

  it('the pool table: single-item reads and writes, Query on gsi1; no Scan, no batch write, no transactions', () => {
    for (const m of Object.values(MODULES)) {
      const actions = actionsOn(m, ids.pool);
      expect(actions).toContain('dynamodb:UpdateItem');
      for (const no of ['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:TransactWriteItems', 'dynamodb:DeleteTable']) {
        expect(actions).not.toContain(no);
      }
      const indexGrant = grants(m).find((s) => JSON.stringify(s.Resource).includes('/index/gsi1'));
      expect(indexGrant?.Action).toEqual(['dynamodb:Query']);
    }
  });

  it('only Intake touches the idempotency table', () => {
    expect(actionsOn(MODULES.intake, ids.idempotency)).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    for (const m of [MODULES.scoring, MODULES.roundSteps, MODULES.reviewSteps, MODULES.api]) {
      expect(actionsOn(m, ids.idempotency)).toEqual([]);
    }
  });

  it('S3: Intake reads objects under rounds/, the API may only put under rounds/ (presigned POST), no one else', () => {
    const s3 = (m: string) => grants(m).filter((s) => s.Action.some((a) => a.startsWith('s3:')));
    const onRounds = (s: Statement) => JSON.stringify(s.Resource).endsWith(`"Arn"]},"/rounds/*"]]}]`);
    expect(s3(MODULES.intake).map((s) => [s.Action, onRounds(s)])).toEqual([[['s3:GetObject', 's3:GetObjectVersion'], true]]);
    expect(s3(MODULES.api).map((s) => [s.Action, onRounds(s)])).toEqual([[['s3:PutObject'], true]]);
    for (const m of [MODULES.scoring, MODULES.roundSteps, MODULES.reviewSteps]) expect(s3(m)).toEqual([]);
    expect(actionsOn(MODULES.intake, ids.bucket)).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
  });

  it('exports: reads the pool (never writes it), appends to the audit trail, puts and reads under exports/ only', () => {
    expect([...new Set(actionsOn(EXPORTS, ids.pool))]).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(actionsOn(EXPORTS, ids.audit)).toEqual(['dynamodb:PutItem']);
    expect(actionsOn(EXPORTS, ids.idempotency)).toEqual([]);
    const s3 = grants(EXPORTS).filter((s) => s.Action.some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => [s.Action, JSON.stringify(s.Resource).endsWith(`"Arn"]},"/exports/*"]]}]`)])).toEqual([[['s3:GetObject', 's3:PutObject'], true]]);
    expect(grants(EXPORTS).filter((s) => s.Action.some((a) => a.startsWith('states:')))).toEqual([]);
  });

  it('Step Functions: only the API, and only start and answer the task token (the round\'s decision, the review\'s confirmation)', () => {
    const states = (m: string) => grants(m).filter((s) => s.Action.some((a) => a.startsWith('states:')));
    for (const m of [MODULES.intake, MODULES.scoring, MODULES.roundSteps, MODULES.reviewSteps]) expect(states(m)).toEqual([]);
    for (const machine of [ids.review, ids.round]) expect(actionsOn(MODULES.api, machine)).toEqual([
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
      'states:StartExecution',
    ]);
  });

  it('the selection function: the pool table like the Api, appends to the audit trail, answers the round machine\'s tokens — nothing else', () => {
    expect([...new Set(actionsOn(SELECTION, ids.pool))]).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(actionsOn(SELECTION, ids.audit)).toEqual(['dynamodb:PutItem']);
    expect(actionsOn(SELECTION, ids.idempotency)).toEqual([]);
    expect(actionsOn(SELECTION, ids.round)).toEqual(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess']);
    expect(actionsOn(SELECTION, ids.review)).toEqual([]);
    expect(grants(SELECTION).filter((s) => s.Action.some((a) => /^(s3|sqs|secretsmanager|ses):/.test(a)))).toEqual([]);
  });

  it('the public function (no authorizer in front of it): single-item reads and writes and Query on the pool table, not gsi1 — nothing else', () => {
    expect(actionsOn(PUBLIC, ids.pool)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(grants(PUBLIC).filter((s) => JSON.stringify(s.Resource).includes('/index/'))).toEqual([]);
    for (const id of [ids.audit, ids.idempotency, ids.bucket, ids.round, ids.review]) expect(actionsOn(PUBLIC, id), id).toEqual([]);
    const services = new Set(grants(PUBLIC).flatMap((s) => s.Action.map((a) => a.split(':')[0])));
    expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 'xray']);
  });
});
