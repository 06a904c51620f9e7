import { beijingDate } from '../../../domain/dates';
import { checkInspectionRecord, type InspectionRecord } from '../../../domain/selection/inspection-record';
import { isShortlisted } from '../../../domain/selection/inspection';
import type { InspectionBody } from '../../../contracts/inspection';
import { Conflict, NotFound, ValidationError } from '../../errors';
import type { UseCaseContext } from '../../ports';
import { inspectionRules, openInspection } from './rules';

export interface RecordInspection {
  roundId: string;
  nominationId: string;
  body: InspectionBody;
  by: string;
  actor: string;
  at: string;
}

/**
 * Record (or replace) the 考察 of one 考察对象 (S-INSPECT): only while the round is inspecting
 * and the inspection is not closed; only for a candidate the preliminary ranking made a
 * 考察对象; the record checked by the domain against the notice (a gate wants 合格 / 不合格,
 * a component a score in its range). Stored on the nomination, audited.
 */
export async function recordInspection(ctx: UseCaseContext, cmd: RecordInspection): Promise<{ record: InspectionRecord; replaced: boolean }> {
  const round = await ctx.repos.rounds.require(cmd.roundId);
  const state = openInspection(round);
  const n = await ctx.repos.nominations.get(cmd.roundId, cmd.nominationId);
  if (n === undefined) throw new NotFound({ zh: `推荐人选 ${cmd.nominationId}`, en: `nomination ${cmd.nominationId}` }, 'NOMINATION_NOT_FOUND');
  if (!isShortlisted(state, cmd.nominationId)) {
    throw new Conflict('INSPECTION_NOT_SHORTLISTED', `${n.candidateName ?? cmd.nominationId} 不是本轮的考察对象`,
      `${cmd.nominationId} is not a 考察对象 of this round`, { clause: 'S-INSPECT' });
  }
  const checked = checkInspectionRecord(cmd.body, inspectionRules(round, state), beijingDate(cmd.at));
  if (!checked.ok) throw new ValidationError(checked.problems, '考察记录有误', 'the inspection record is not acceptable');
  const record: InspectionRecord = { ...checked.value, recordedBy: cmd.by, recordedAt: cmd.at };
  const replaced = n.inspection !== undefined;
  await ctx.repos.nominations.update(cmd.roundId, cmd.nominationId, { inspection: record });
  await ctx.audit.append({
    entity: `nomination/${cmd.roundId}/${cmd.nominationId}`,
    action: replaced ? 'inspection.replaced' : 'inspection.recorded',
    actor: cmd.actor,
    clause: 'S-INSPECT',
    at: cmd.at,
    // What was decided, never who was talked to or what the conclusion says.
    details: {
      from: record.from, to: record.to, talks: record.talks, teamSize: record.team.length,
      ...(record.result !== undefined ? { result: record.result } : {}), ...(record.score !== undefined ? { score: record.score } : {}),
    },
  });
  return { record, replaced };
}
