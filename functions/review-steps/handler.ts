import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { stepContext } from '../shared/context';
import { logger } from '../shared/logger';
import { applyOutcomes } from '../../app/review/apply-outcomes';
import { awaitConfirmation, recordConfirmationTimeout } from '../../app/review/await-confirmation';
import { computeOutcomes } from '../../app/review/compute-outcomes';
import { createTalks } from '../../app/review/create-talks';
import { ReviewStepInput } from '../../contracts/tasks/review';
import { openWindow } from '../../app/review/open-window';
import { plan } from '../../app/review/plan';
import { recordReviewFailure } from '../../app/review/record-failure';
import { summarize } from '../../app/review/summarize';
import { endTermsDue } from '../../app/members/end-terms';
import { dailyNotices } from '../../app/notices/daily';
import { beijingDate } from '../../domain/dates';

/**
 * Review steps (review state machine): plan, open-window, per cohort compute-outcomes,
 * await-confirmation (the bureau's calibration; record-confirmation-timeout when it never
 * comes), then per cohort apply-outcomes → create-talks, summarize, record-failure; and the
 * daily term-end machine's end-terms (M-TERM, app/members/end-terms.ts) and daily-notices (app/notices). Thin: parse → domain →
 * adapters; every action is safe to repeat; failures throw for Retry / Catch.
 *
 * Environment: POOL_TABLE, AUDIT_TABLE; REVIEW_WINDOW_DAYS (optional, default 30: days
 * from the scheduled time until the assessment window closes).
 */
async function reviewStep(input: ReviewStepInput): Promise<unknown> {
  logger.appendKeys({ action: input.action, ...('reviewId' in input && input.reviewId ? { reviewId: input.reviewId } : {}) });
  const deps = stepContext();
  switch (input.action) {
    case 'plan': return plan(deps, input);
    case 'open-window': return openWindow(deps, input);
    case 'compute-outcomes': return computeOutcomes(deps, input);
    case 'await-confirmation': return awaitConfirmation(deps, input);
    case 'record-confirmation-timeout': return recordConfirmationTimeout(deps, input);
    case 'apply-outcomes': return applyOutcomes(deps, input);
    case 'create-talks': return createTalks(deps, input);
    case 'summarize': return summarize(deps, input);
    case 'record-failure': return recordReviewFailure(deps, input);
    case 'end-terms': return endTermsDue(deps, input);
    // Never throws: a notice that cannot be queued is logged, the term run succeeds.
    case 'daily-notices': return dailyNotices(deps, beijingDate(input.at));
  }
}

export const handler = middy(reviewStep)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(parser({ schema: ReviewStepInput }));
