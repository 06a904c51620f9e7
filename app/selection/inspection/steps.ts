import type { AwaitInspectionInput } from '../../../contracts/tasks/round';
import { movableFrom } from '../../../domain/round/lifecycle';
import { Conflict } from '../../errors';
import type { UseCaseContext } from '../../ports';

const ACTOR = 'system:round';

/**
 * AwaitInspection (S-INSPECT): keep the task token on the round for the API (POST
 * …/inspections/close answers it, as the decision answers AwaitDecision) and show the round as
 * inspecting. The preliminary Rank chose the 考察对象 just before; without them there is nothing
 * to wait for, which is a fault of ours. A retried task brings a new token, which replaces the
 * old one; the wait's start is kept from the first.
 */
export async function awaitInspection(deps: UseCaseContext, input: AwaitInspectionInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const state = round.inspection;
  if (state === undefined) {
    throw new Conflict('INSPECTION_NOT_SHORTLISTED', '尚未确定考察对象', 'no 考察对象 chosen yet', { clause: 'S-INSPECT' });
  }
  const since = state.awaitingSince ?? deps.now().toISOString();
  await rounds.update(input.roundId, { status: 'inspecting', taskToken: input.taskToken, inspection: { ...state, awaitingSince: since } }, movableFrom('await-inspection'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.inspecting', actor: ACTOR, clause: 'S-INSPECT',
    at: since, idempotencyKey: `${input.roundId}#inspecting`, details: {},
  });
  return { status: 'inspecting' };
}
