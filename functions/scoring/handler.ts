import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { stepContext } from '../shared/context';
import { logger } from '../shared/logger';
import { ScoringInput } from '../../contracts/tasks/scoring';
import { rank, type RankResult } from '../../app/scoring/rank';
import { scoreBatch, type ScoreBatchResult } from '../../app/scoring/score-batch';

/**
 * Scoring (round state machine): `score-batch` walks the round's nominations a page at a
 * time and stores each composite score; `rank` ranks each tier and stores the shortlist.
 * Thin: parse → domain → adapters. Failures throw (TransientError for AWS hiccups, a named
 * error otherwise) so the machine's Retry / Catch decide; payloads stay ids and counts.
 */
async function scoring(input: ScoringInput): Promise<ScoreBatchResult | RankResult> {
  logger.appendKeys({ action: input.action, roundId: input.roundId });
  const deps = stepContext();
  switch (input.action) {
    case 'score-batch': return scoreBatch(deps, input);
    case 'rank': return rank(deps, input);
  }
}

export const handler = middy(scoring)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(parser({ schema: ScoringInput }));
