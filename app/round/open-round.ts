import type { OpenRoundBody } from '../../contracts/api';
import type { Round } from '../../domain/round/round';
import { Conflict, ValidationError } from '../errors';
import type { UseCaseContext } from '../ports';
import type { Workflows } from '../ports/workflows';
import { roundDateProblems } from './schedule';
import { selectionNoticeProblems } from '../../domain/selection/notice-checks';
import { selectionSteps } from '../../domain/selection/notice';
import type { ScoringModel } from '../../domain/scoring/model';

export interface OpenRound {
  body: OpenRoundBody;
  /** Who opens it (the bureau user) and when (the request's time). */
  by: string;
  actor: string;
  now: Date;
  /** The deployment's approval wait (AwaitDecision's timeout), for the year's limit. */
  approvalTimeoutSeconds: number;
}

/**
 * Open a selection round (S-ROUND): its dates checked (none past, the whole round within a
 * Standard execution's year), the round stored, its state machine started, audited. A
 * retried request whose first attempt stored the round but never started it resumes with
 * the stored round (same input, same execution name); anything else is a conflict.
 */
export async function openRound(ctx: UseCaseContext & { workflows: Workflows }, cmd: OpenRound): Promise<Round> {
  const { body, now } = cmd;
  const refused = [
    ...roundDateProblems(body, now, cmd.approvalTimeoutSeconds, body.selection),
    ...selectionNoticeProblems(body.selection, body, body.scoringModel as ScoringModel),
  ];
  if (refused.length > 0) throw new ValidationError(refused);
  const round: Round = {
    roundId: body.roundId,
    title: body.title,
    status: 'open',
    openedAt: now.toISOString(),
    openedBy: cmd.by,
    referenceDate: body.referenceDate,
    intakeClosesAt: body.intakeClosesAt,
    scoringClosesAt: body.scoringClosesAt,
    tiers: [...new Set(body.tiers)].sort((a, b) => a - b),
    scoringModel: { ...body.scoringModel, roundId: body.roundId },
    orgDeptApproval: body.orgDeptApproval,
    ...(body.selection ? { selection: body.selection } : {}),
  };
  const { rounds } = ctx.repos;
  let stored = round;
  try {
    await rounds.create(round);
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    const existing = await rounds.get(round.roundId);
    if (!existing || existing.executionArn !== undefined || existing.status !== 'open') throw e;
    stored = existing;
  }
  const started = await ctx.workflows.startRound({
    roundId: stored.roundId,
    intakeClosesAt: stored.intakeClosesAt,
    ...(stored.scoringClosesAt ? { scoringClosesAt: stored.scoringClosesAt } : {}),
    steps: selectionSteps(stored.selection),
    ...(stored.selection?.recommendation ? { ballotClosesAt: stored.selection.recommendation.closesAt } : {}),
  });
  if (!started.started) throw new Conflict('ROUND_EXECUTION_EXISTS', `遴选批次 ${stored.roundId} 已启动`, `round ${stored.roundId} is already running`);
  const updated = await rounds.update(stored.roundId, { executionArn: started.executionArn });
  await ctx.audit.append({
    entity: `round/${stored.roundId}`,
    action: 'round.opened',
    actor: cmd.actor,
    clause: 'S-ROUND',
    at: stored.openedAt,
    idempotencyKey: `round/${stored.roundId}#opened`,
    details: {
      title: stored.title, tiers: stored.tiers, referenceDate: stored.referenceDate,
      intakeClosesAt: stored.intakeClosesAt, scoringClosesAt: stored.scoringClosesAt,
      orgDeptApproval: stored.orgDeptApproval, selection: stored.selection, executionArn: started.executionArn,
    },
  });
  return updated;
}
