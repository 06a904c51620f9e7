import { parseScoringModel } from '../../../domain/scoring/model';
import type { Round } from '../../../domain/round/round';
import type { InspectionRules } from '../../../domain/selection/inspection-record';
import type { InspectionState } from '../../../domain/selection/inspection';
import { Conflict } from '../../errors';

/**
 * How this round uses its 考察 (S-INSPECT): the gate as the preliminary Rank stored it from the
 * notice, and the scoring model's inspection component (source: 'inspection'), if any.
 */
export function inspectionRules(round: Round, state: Pick<InspectionState, 'gate'>): InspectionRules {
  const model = parseScoringModel(round.scoringModel);
  const c = model.ok ? model.value.components.find((x) => x.source === 'inspection') : undefined;
  return { gate: state.gate, ...(c ? { component: { id: c.id, min: c.min, max: c.max, name: c.name } } : {}) };
}

/** The round's inspection while it is under way: inspecting, 考察对象 chosen, not closed. */
export function openInspection(round: Round): InspectionState {
  const state = round.inspection;
  if (round.status !== 'inspecting' || state === undefined) {
    throw new Conflict('ROUND_NOT_INSPECTING', `遴选批次当前状态为 ${round.status}，不在考察阶段`,
      `round is ${round.status}: not in its inspection`, { clause: 'S-INSPECT' });
  }
  if (state.closedAt !== undefined) {
    throw new Conflict('INSPECTION_CLOSED', '该批次的考察已结束', 'this round\'s inspection is already closed', { clause: 'S-INSPECT' });
  }
  return state;
}
