import { closeProblems } from '../../../domain/selection/inspection';
import { TIERS } from '../../../domain/tier';
import { allOf } from '../../pages';
import { Conflict } from '../../errors';
import type { UseCaseContext } from '../../ports';
import type { Workflows } from '../../ports/workflows';
import { openInspection } from './rules';

export interface CloseInspection {
  roundId: string;
  by: string;
  actor: string;
  at: string;
  note?: string;
}

/**
 * Close the round's 考察 (S-INSPECT): every 考察对象 has a record (else 409
 * INSPECTION_INCOMPLETE naming each one missing); claimed on the round with AwaitInspection's
 * task token (one close, even on a double click), then the waiting step is answered and the
 * round goes on to its final scoring and ranking. A wait that ended meanwhile is 409
 * INSPECTION_TOO_LATE, recorded.
 */
export async function closeInspection(ctx: UseCaseContext & { workflows: Pick<Workflows, 'answer'> }, cmd: CloseInspection): Promise<{ closedAt: string; shortlisted: number }> {
  const { rounds } = ctx.repos;
  const round = await rounds.require(cmd.roundId);
  const state = openInspection(round);
  const token = typeof round.taskToken === 'string' && round.taskToken !== '' ? round.taskToken : undefined;
  if (token === undefined) {
    throw new Conflict('ROUND_NOT_INSPECTING', '该批次未在等待考察结束', 'the round is not waiting for its inspection', { clause: 'S-INSPECT' });
  }
  const ids = new Set(TIERS.flatMap((t) => state.shortlisted[t]));
  const noms = (await allOf((page) => ctx.repos.nominations.listByRound(cmd.roundId, page))).filter((n) => ids.has(n.nominationId));
  const recorded = new Set(noms.filter((n) => n.inspection !== undefined).map((n) => n.nominationId));
  const names = new Map(noms.flatMap((n) => (n.candidateName ? [[n.nominationId, n.candidateName] as const] : [])));
  const missing = closeProblems(state, recorded, names);
  if (missing.length > 0) {
    throw new Conflict('INSPECTION_INCOMPLETE', `还有 ${missing.length} 名考察对象没有考察记录，不能结束考察`,
      `${missing.length} 考察对象 have no inspection record yet: the inspection cannot close`, { clause: 'S-INSPECT', problems: missing });
  }
  await rounds.claimInspectionClose(cmd.roundId, token, cmd.at, cmd.by);
  const output = { inspected: true, closedAt: cmd.at, by: cmd.by };
  let answered;
  try {
    answered = await ctx.workflows.answer(token, output);
  } catch (e) {
    await rounds.releaseInspectionClose(cmd.roundId, cmd.at);
    throw e;
  }
  const details = { shortlisted: ids.size, ...(cmd.note !== undefined ? { note: cmd.note } : {}) };
  if (answered === 'too-late') {
    await rounds.settleInspectionClose(cmd.roundId, cmd.at, 'too-late');
    await audit(ctx, cmd, { ...details, delivered: false, error: 'INSPECTION_TOO_LATE' });
    throw new Conflict('INSPECTION_TOO_LATE', '考察等待已超时或该批次已不再等待', 'too late: the inspection wait has timed out or ended', { clause: 'S-INSPECT' });
  }
  await rounds.settleInspectionClose(cmd.roundId, cmd.at, 'delivered');
  await audit(ctx, cmd, { ...details, delivered: true });
  return { closedAt: cmd.at, shortlisted: ids.size };
}

function audit(ctx: UseCaseContext, cmd: CloseInspection, details: Record<string, unknown>) {
  return ctx.audit.append({ entity: `round/${cmd.roundId}`, action: 'round.inspection-closed', actor: cmd.actor, clause: 'S-INSPECT', at: cmd.at, details });
}
