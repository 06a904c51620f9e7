import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { logger } from '../shared/logger';
import { admitBatch } from '../../app/round/admit-batch';
import { stepContext } from '../shared/context';
import { RoundStepInput } from '../../contracts/tasks/round';
import { awaitDecision, closeIntake } from '../../app/round/intake-and-decision';
import { recordOutcome, recordRoundFailure } from '../../app/round/outcome';

/**
 * Round steps (round state machine): close-intake, await-decision, admit-batch,
 * record-outcome, record-failure. Thin: parse → domain → adapters; every action is safe to
 * repeat (Step Functions retries); failures throw, never return an error body.
 */
async function roundStep(input: RoundStepInput): Promise<unknown> {
  logger.appendKeys({ action: input.action, roundId: input.roundId });
  const deps = stepContext();
  switch (input.action) {
    case 'close-intake': return closeIntake(deps, input);
    case 'await-decision': return awaitDecision(deps, input);
    case 'admit-batch': return admitBatch(deps, input);
    case 'record-outcome': return recordOutcome(deps, input);
    case 'record-failure': return recordRoundFailure(deps, input);
  }
}

export const handler = middy(roundStep)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(parser({ schema: RoundStepInput }));
