import type { Tier } from '../../domain/tier';
import type { SummarizeInput } from '../../contracts/tasks/review';
import { requireReview } from './review-state';
import type { UseCaseContext } from '../ports';
import { reviewMovableFrom } from '../../domain/review/lifecycle';

export interface TierSummary {
  reviewed: number;
  satisfactory: number;
  warned: number;
  removed: number;
  recommended: number;
  termEnded: number;
  missing: number;
  refused: number;
}

const empty = (): TierSummary => ({ reviewed: 0, satisfactory: 0, warned: 0, removed: 0, recommended: 0, termEnded: 0, missing: 0, refused: 0 });

/**
 * Summarize: counts per tier, and the review item gets `summary`, a compact `outcomes` list
 * and the `dueTalks` list (what GET /reviews/{id} shows), status `completed`. Recounted
 * from the items, so a retry writes the same.
 */
export async function summarize(deps: UseCaseContext, input: SummarizeInput): Promise<{ reviewId: string; status: 'completed'; perTier: Record<Tier, TierSummary>; dueTalks: number }> {
  const review = await requireReview(deps.repos.reviews, input.reviewId);
  const items = deps.repos.reviewItems;
  const outcomes = await items.outcomes(review.reviewId);
  const dueTalks = await items.dueTalks(review.reviewId);
  const perTier = { 1: empty(), 2: empty(), 3: empty() } as Record<Tier, TierSummary>;
  for (const o of outcomes) {
    const s = perTier[o.tier];
    s.reviewed++;
    if (o.refused) { s.refused++; continue; }
    switch (o.outcome.kind) {
      case 'satisfactory': s.satisfactory++; break;
      case 'warned': s.warned++; break;
      case 'removed': s.removed++; break;
      case 'recommended': s.recommended++; break;
      case 'term-ended': s.termEnded++; break;
      case 'missing-assessment': s.missing++; break;
    }
  }
  const changed = outcomes.filter((o) => o.change !== undefined).length;
  const summary = { perTier, dueTalks: dueTalks.length, changed };
  await deps.repos.reviews.update(review.reviewId, {
    status: 'completed',
    taskToken: null,
    summary,
    outcomes: outcomes.map((o) => ({
      personId: o.personId, name: o.name, unitCode: o.unitCode, tier: o.tier, cohortId: o.cohortId, reviewKind: o.reviewKind,
      kind: o.outcome.kind, clause: o.outcome.clause, zh: o.outcome.zh, en: o.outcome.en,
      ...(o.outcome.rank !== undefined ? { rank: o.outcome.rank, n: o.outcome.n } : {}),
      applied: o.applied, ...(o.refused ? { refused: o.refused } : {}),
      ...(o.change ? { change: o.change, proposedKind: o.proposed?.kind } : {}),
    })),
    dueTalks: dueTalks.map((t) => ({
      personId: t.personId, name: t.name, unitCode: t.unitCode, tier: t.tier, clause: t.clause, trigger: t.trigger,
      triggeredOn: t.triggeredOn, due: t.due, overdue: t.overdue, organisational: t.organisational, zh: t.zh, en: t.en,
    })),
  }, reviewMovableFrom('summarize'));
  await deps.audit.append({
    entity: `review/${review.reviewId}`, action: 'review.completed', actor: 'system:review', clause: 'M-TERM',
    at: review.windowClosesAt, idempotencyKey: `${review.reviewId}#completed`, details: { perTier, dueTalks: dueTalks.length },
  });
  return { reviewId: review.reviewId, status: 'completed', perTier, dueTalks: dueTalks.length };
}
