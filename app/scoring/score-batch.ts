import { parseNominationForm } from '../../domain/form/parse';
import { compositeScore, tiebreakOf } from '../../domain/scoring/composite';
import { scoringFactsFromForm } from '../../domain/scoring/form-facts';
import { parseScoringModel, type ScoringModel } from '../../domain/scoring/model';
import { DomainRejection } from '../errors';
import type { ScoreBatchInput } from '../../contracts/tasks/scoring';
import { isEligible, type NominationScoring } from '../../domain/round/nomination';
import type { UseCaseContext } from '../ports';
import type { Nomination } from '../../domain/round/nomination';
import type { Round } from '../../domain/round/round';
import { movableFrom } from '../../domain/round/lifecycle';
import { inspectionScoring } from '../selection/inspection/rank-pass';
import { recommendationSteps } from '../selection/recommendation/component';

export interface ScoreBatchResult {
  /** Where the next batch starts; null when the round is scored. */
  cursor: string | null;
  scored: number;
  incomplete: number;
}

/**
 * One page of the round's nominations: each accepted, eligible one gets its composite
 * (compositeScore over the round's model, the bureau's entered components and the form's
 * facts on the reference date) or `incomplete` with the Problems. Scoring the same page
 * twice writes the same values, so a retried batch is harmless.
 */
export async function scoreBatch(deps: UseCaseContext, input: ScoreBatchInput): Promise<ScoreBatchResult> {
  const { rounds, nominations } = deps.repos;
  const round = await rounds.update(input.roundId, { status: 'scoring' }, movableFrom('score'));
  const model = modelOf(round);
  const page = await nominations.listByRound(input.roundId, { limit: input.batchSize, ...(input.cursor ? { cursor: input.cursor } : {}) });
  let scored = 0;
  let incomplete = 0;
  for (const n of page.items) {
    if (!isEligible(n)) continue;
    const scoring = scoreNomination(n, model, round, deps);
    await nominations.update(input.roundId, n.nominationId, { scoring, score: scoring.status === 'scored' ? scoring.score : null });
    if (scoring.status === 'scored') scored++;
    else incomplete++;
  }
  deps.logger.info('score batch', { roundId: input.roundId, items: page.items.length, scored, incomplete, more: page.cursor !== undefined });
  return { cursor: page.cursor ?? null, scored, incomplete };
}

function modelOf(round: Round): ScoringModel {
  const parsed = parseScoringModel(round.scoringModel);
  if (!parsed.ok) throw new DomainRejection(parsed.problems, '本批次的评分方案无效', 'the round\'s scoring model is invalid', 'S-ROUND');
  return parsed.value;
}

function scoreNomination(n: Nomination, roundModel: ScoringModel, round: Round, deps: UseCaseContext): NominationScoring {
  const asOf = round.referenceDate;
  // 考察 (S-INSPECT): the inspection score once closed; left out, and said so, before.
  const { model, steps, leftOut } = inspectionScoring(round, roundModel, n);
  const form = parseNominationForm(n.form);
  if (!form.ok) return { status: 'incomplete', clause: 'S-ROUND', problems: form.problems };
  // The bureau's entered components (a map of numbers, checked when the nomination was read);
  // none yet means each entered component is SCORE_MISSING, never a guessed 0.
  const entered = n.enteredScores ?? {};
  const facts = scoringFactsFromForm(form.value, asOf, deps.policy);
  // The selection steps' values by component id: 民主推荐's share × 100 and 考察's score.
  const result = compositeScore(model, entered, facts, { ...recommendationSteps(model, n), ...steps });
  if (!result.ok) return { status: 'incomplete', clause: 'S-ROUND', problems: result.problems };
  return {
    status: 'scored', clause: 'S-ROUND', score: result.value.score, components: result.value.components, tiebreak: tiebreakOf(result.value),
    ...(leftOut.length > 0 ? { leftOut } : {}),
  };
}

