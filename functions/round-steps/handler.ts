import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { logger } from '../shared/logger';
import { admitBatch } from '../../app/round/admit-batch';
import { stepContext } from '../shared/context';
import { RoundStepInput } from '../../contracts/tasks/round';
import { awaitDecision, closeIntake } from '../../app/round/intake-and-decision';
import { recordOutcome, recordRoundFailure } from '../../app/round/outcome';
import { openBallot, tallyBallot } from '../../app/selection/recommendation/steps';
import { awaitInspection } from '../../app/selection/inspection/steps';
import { awaitObjections, closePublicity, startPublicity } from '../../app/selection/publicity/steps';

/**
 * Round steps (round state machine): close-intake, await-decision, admit-batch,
 * record-outcome, record-failure, and the notice's selection steps (民主推荐's open-ballot and
 * tally-ballot, 考察's await-inspection, 公示's start-publicity, close-publicity and
 * await-objections). Thin: parse → domain → adapters; every action is safe to
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
    case 'open-ballot': return openBallot(deps, input);
    case 'tally-ballot': return tallyBallot(deps, input);
    case 'await-inspection': return awaitInspection(deps, input);
    case 'start-publicity': return startPublicity(deps, input);
    case 'close-publicity': return closePublicity(deps, input);
    case 'await-objections': return awaitObjections(deps, input);
  }
}

export const handler = middy(roundStep)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(parser({ schema: RoundStepInput }));
