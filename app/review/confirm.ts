import type { ConfirmationBody } from '../../contracts/api';
import { calibrate, calibrationTargets } from '../../domain/review/calibration';
import type { Problem } from '../../domain/problem';
import { problem } from '../../domain/problem';
import { Conflict, NotFound, ValidationError } from '../errors';
import type { OutcomeItem, Review, ReviewConfirmation, UseCaseContext } from '../ports';
import type { Workflows } from '../ports/workflows';

export interface Confirm {
  reviewId: string;
  body: ConfirmationBody;
  by: string;
  actor: string;
  at: string;
}

function notFound(reviewId: string): NotFound {
  return new NotFound({ zh: `考核 ${reviewId}`, en: `review ${reviewId}` }, 'REVIEW_NOT_FOUND');
}

function tooLate(): Conflict {
  return new Conflict('CONFIRMATION_TOO_LATE', '确认期限已过：考核结论未执行，本次考核不再等待确认', 'too late: the confirmation wait has ended and nothing was applied', { clause: 'M-TERM' });
}

const dateOf = (r: Review) => ({ year: Number(r.year), on: String(r.reviewDate) });

/**
 * Calibration (DESIGN §2): the bureau confirms a review's proposed outcomes, changing any
 * with a reason. Each change is checked by the domain (domain/review/calibration.ts) against
 * what the proposal rests on — problems at `changes.{i}.personId|outcome|reason`. The
 * confirmation is claimed on the review (one confirmation, even on a double submit: 409
 * CONFIRMATION_EXISTS), then delivered to the waiting execution; a wait that ended meanwhile
 * is 409 CONFIRMATION_TOO_LATE, recorded. ApplyOutcomes applies what was confirmed.
 */
export async function confirmReview(ctx: UseCaseContext & { workflows: Workflows }, cmd: Confirm): Promise<ReviewConfirmation> {
  const { reviews } = ctx.repos;
  const review = await reviews.get(cmd.reviewId);
  if (!review) throw notFound(cmd.reviewId);
  if (review.confirmation !== undefined) {
    throw new Conflict('CONFIRMATION_EXISTS', '该考核已经确认', 'this review has already been confirmed', { clause: 'M-TERM' });
  }
  if (review.status === 'confirmation-timed-out') {
    await audit(ctx, cmd, 'review.confirmation.too-late', { changes: cmd.body.changes.length, delivered: false, error: 'CONFIRMATION_TOO_LATE' });
    throw tooLate();
  }
  const token = typeof review.taskToken === 'string' && review.taskToken !== '' ? review.taskToken : undefined;
  if (review.status !== 'awaiting-confirmation' || token === undefined) {
    throw new Conflict('REVIEW_NOT_AWAITING_CONFIRMATION', `考核当前状态为 ${review.status}，不在等待确认`,
      `the review is ${review.status}: not awaiting a confirmation`, { clause: 'M-TERM' });
  }
  const outcomes = new Map((await ctx.repos.reviewItems.outcomes(cmd.reviewId)).map((o) => [o.personId, o]));
  const problems = checkChanges(ctx, review, outcomes, cmd.body.changes);
  if (problems.length > 0) throw new ValidationError(problems, '校准修改不符合方案规定', 'the changes break the plan\'s rules');

  const stored: ReviewConfirmation = {
    by: cmd.by, actor: cmd.actor, at: cmd.at, changes: cmd.body.changes.map((c) => ({ personId: c.personId, outcome: c.outcome, reason: c.reason.trim() })),
    ...(cmd.body.note !== undefined ? { note: cmd.body.note } : {}), state: 'sending',
  };
  await reviews.claimConfirmation(cmd.reviewId, token, stored);
  // What the state machine keeps at $.confirmation: small (the changes stay on the review item).
  const output = { confirmed: true, by: cmd.by, at: cmd.at, changes: stored.changes.length };
  let answered;
  try {
    answered = await ctx.workflows.answer(token, output);
  } catch (e) {
    await reviews.releaseConfirmation(cmd.reviewId, cmd.at);
    throw e;
  }
  const details = { changes: stored.changes, ...(stored.note !== undefined ? { note: stored.note } : {}) };
  if (answered === 'too-late') {
    await reviews.settleConfirmation(cmd.reviewId, cmd.at, 'too-late', cmd.at);
    await audit(ctx, cmd, 'review.confirmation.too-late', { ...details, delivered: false, error: 'CONFIRMATION_TOO_LATE' });
    throw tooLate();
  }
  await reviews.settleConfirmation(cmd.reviewId, cmd.at, 'delivered', cmd.at);
  await audit(ctx, cmd, 'review.confirmed', { ...details, delivered: true });
  return { ...stored, state: 'delivered', deliveredAt: cmd.at };
}

function checkChanges(ctx: UseCaseContext, review: Review, outcomes: Map<string, OutcomeItem>, changes: ConfirmationBody['changes']): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  changes.forEach((c, i) => {
    const o = outcomes.get(c.personId);
    if (!o) {
      problems.push(problem('CALIBRATION_NOT_ON_REVIEW', `changes.${i}.personId`, `${c.personId} 不在本次考核的结论中`, `${c.personId} has no outcome in this review`));
      return;
    }
    if (seen.has(c.personId)) {
      problems.push(problem('CALIBRATION_DUPLICATE', `changes.${i}.personId`, `${c.personId} 重复修改`, `${c.personId} is changed twice`));
      return;
    }
    seen.add(c.personId);
    const built = calibrate({ proposed: o.outcome, reviewKind: o.reviewKind, basis: o.basis ?? null, outcome: c.outcome, reason: c.reason }, ctx.policy, dateOf(review));
    if (!built.ok) problems.push(...built.problems.map((p) => ({ ...p, path: `changes.${i}.${p.path}` })));
  });
  return problems;
}

function audit(ctx: UseCaseContext, cmd: Confirm, action: string, details: Record<string, unknown>) {
  return ctx.audit.append({ entity: `review/${cmd.reviewId}`, action, actor: cmd.actor, clause: 'M-TERM', details });
}

/**
 * What the bureau calibrates (GET /reviews/{id}/proposals): per cohort, each member's
 * proposed outcome with its clause and reason, the member's name, unit and tier, the grade
 * and score it rests on, and the outcomes the bureau may set instead; once applied, the
 * bureau's change beside the computed proposal.
 */
export async function reviewProposals(ctx: UseCaseContext, reviewId: string) {
  const review = await ctx.repos.reviews.get(reviewId);
  if (!review) throw notFound(reviewId);
  const outcomes = await ctx.repos.reviewItems.outcomes(reviewId);
  const confirmation = review.confirmation as ReviewConfirmation | undefined;
  const changes = new Map((confirmation?.changes ?? []).map((c) => [c.personId, c]));
  const cohorts = new Map<string, { cohortId: string; reviewKind: string; members: unknown[] }>();
  for (const o of outcomes) {
    const key = `${o.cohortId}#${o.reviewKind}`;
    const c = cohorts.get(key) ?? { cohortId: o.cohortId, reviewKind: o.reviewKind, members: [] };
    const proposed = o.proposed ?? o.outcome;
    c.members.push({
      personId: o.personId, name: o.name, unitCode: o.unitCode, tier: o.tier,
      proposal: { kind: proposed.kind, clause: proposed.clause, zh: proposed.zh, en: proposed.en, ...(proposed.rank !== undefined ? { rank: proposed.rank, n: proposed.n } : {}), ...(proposed.bottomRank !== undefined ? { bottomRank: proposed.bottomRank } : {}) },
      assessment: o.basis ? { grade: o.basis.grade, ...(o.basis.score !== undefined ? { score: o.basis.score } : {}), ...(o.basis.veto ? { veto: true } : {}), ...(o.basis.meetsPostConditions ? { meetsPostConditions: true } : {}) } : null,
      allowed: calibrationTargets(proposed, o.reviewKind, o.basis ?? null, ctx.policy, dateOf(review)),
      ...(changes.get(o.personId) ? { change: changes.get(o.personId) } : {}),
      applied: o.applied,
      ...(o.applied ? { outcome: { kind: o.outcome.kind, clause: o.outcome.clause, zh: o.outcome.zh, en: o.outcome.en } } : {}),
    });
    cohorts.set(key, c);
  }
  return {
    reviewId, status: review.status,
    ...(typeof review.confirmationDueBy === 'string' ? { confirmationDueBy: review.confirmationDueBy } : {}),
    ...(confirmation ? { confirmation: { by: confirmation.by, at: confirmation.at, state: confirmation.state, changes: confirmation.changes.length } } : {}),
    proposals: outcomes.length,
    cohorts: [...cohorts.values()],
  };
}
