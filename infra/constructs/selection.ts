import { Duration } from 'aws-cdk-lib';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AUDIT_APPEND, TABLE_READ, TABLE_WRITE, bindTable } from './grants';
import { PoolFunction } from './pool-function';

export interface SelectionFunctionsProps {
  readonly key: kms.IKey;
  readonly poolTable: dynamodb.ITable;
  readonly auditTable: dynamodb.ITable;
  /** The round machine: the selection function answers its AwaitInspection / AwaitObjections tokens. */
  readonly roundMachine: sfn.IStateMachine;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The selection steps' two functions behind the HTTP API (issue #12.7), split from the Api as
 * the exports were (constructs/exports.ts), each with the grants its own routes use and no more:
 *
 * - **public** (functions/public: POST /ballot/session, POST /ballot/votes, GET /publicity/{roundId};
 *   no authorizer, throttled per route): the pool table's GetItem, Query (the table, not gsi1),
 *   PutItem and UpdateItem — a code is claimed and a vote stored, each a conditional single-item
 *   write. No audit table, no bucket, no Step Functions, no notice queue.
 * - **selection** (functions/selection: the bureau's ballots and codes, 考察, 公示's objections;
 *   behind the authorizer): the pool table as the Api has it, appends to the audit trail, and the
 *   round machine's task responses (考察 closed, the last objection resolved) — never StartExecution,
 *   nor the review machine, nor the bucket.
 *
 * Both hold the person-id key (stack.ts): the ballot's codes are keyed HMACs under it.
 */
export class SelectionFunctions extends Construct {
  readonly publicFunction: PoolFunction;
  readonly selectionFunction: PoolFunction;

  constructor(scope: Construct, id: string, props: SelectionFunctionsProps) {
    super(scope, id);
    const { key, removalPolicy, logRetention } = props;
    // API Gateway gives up after 30 s; the functions should answer (or fail) before that.
    const timeout = Duration.seconds(25);

    this.publicFunction = new PoolFunction(this, 'PublicFunction', {
      handlerModule: 'functions/public/handler.ts',
      description: 'HTTP API, public routes: the 民主推荐 ballot and the 公示 page (no sign-in)',
      timeout,
      environmentKey: key,
      removalPolicy,
      logRetention,
    });
    bindTable(this.publicFunction, props.poolTable, { env: 'POOL_TABLE', actions: [...TABLE_READ, ...TABLE_WRITE], key });

    this.selectionFunction = new PoolFunction(this, 'SelectionFunction', {
      handlerModule: 'functions/selection/handler.ts',
      description: 'HTTP API, the selection steps: ballots and codes, inspections, objections',
      timeout,
      environmentKey: key,
      removalPolicy,
      logRetention,
    });
    const fn = this.selectionFunction;
    bindTable(fn, props.poolTable, { env: 'POOL_TABLE', actions: [...TABLE_READ, ...TABLE_WRITE], queryIndexes: ['gsi1'], key });
    bindTable(fn, props.auditTable, { env: 'AUDIT_TABLE', actions: AUDIT_APPEND, key });
    props.roundMachine.grantTaskResponse(fn);
  }
}
