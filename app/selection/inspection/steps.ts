import type { AwaitInspectionInput } from '../../../contracts/tasks/round';
import { movableFrom } from '../../../domain/round/lifecycle';
import type { UseCaseContext } from '../../ports';

const ACTOR = 'system:round';

/**
 * AwaitInspection (考察, DESIGN §7): after the preliminary ranking the round waits — ranked →
 * inspecting — while the bureau records an inspection for each 考察对象; closing the
 * inspection answers this token and the machine runs the final pass (ScoreBatch, Rank). Like
 * AwaitDecision, a retried task brings a new token, which replaces the old one.
 */
export async function awaitInspection(deps: UseCaseContext, input: AwaitInspectionInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const awaitingSince = round.inspection?.awaitingSince ?? deps.now().toISOString();
  await rounds.update(input.roundId, {
    status: 'inspecting', inspection: { ...round.inspection, awaitingSince, taskToken: input.taskToken },
  }, movableFrom('await-inspection'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.awaiting-inspection', actor: ACTOR, clause: 'S-ROUND',
    at: awaitingSince, idempotencyKey: `${input.roundId}#awaiting-inspection`, details: {},
  });
  return { status: 'inspecting' };
}
