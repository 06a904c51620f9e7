import type { OpenBallotInput, TallyBallotInput } from '../../../contracts/tasks/round';
import { movableFrom } from '../../../domain/round/lifecycle';
import type { UseCaseContext } from '../../ports';

const ACTOR = 'system:round';

/**
 * OpenBallot (民主推荐, DESIGN §7): at intake's close the nominees of each unit are final, so
 * the ballots open — closed → recommending — until the notice's deadline. Repeatable: a
 * retried step finds the round recommending and keeps the first opening.
 */
export async function openBallot(deps: UseCaseContext, input: OpenBallotInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const notice = round.selection?.recommendation;
  if (notice === undefined) throw new Error(`round ${input.roundId} has no recommendation step`);
  const openedAt = round.recommendation?.openedAt ?? deps.now().toISOString();
  await rounds.update(input.roundId, { status: 'recommending', recommendation: { openedAt, closesAt: notice.closesAt } }, movableFrom('open-ballot'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.ballot-opened', actor: ACTOR, clause: 'S-ROUND',
    at: openedAt, idempotencyKey: `${input.roundId}#ballot-opened`, details: { closesAt: notice.closesAt },
  });
  return { status: 'recommending' };
}

/**
 * TallyBallot at the ballot's deadline: recommending → recommended; from here no vote is
 * taken. The count itself (turnout, each candidate's share of 推荐) is app/selection/recommendation/.
 */
export async function tallyBallot(deps: UseCaseContext, input: TallyBallotInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const state = round.recommendation;
  if (state === undefined) throw new Error(`round ${input.roundId}: the ballot was never opened`);
  const talliedAt = state.talliedAt ?? deps.now().toISOString();
  await rounds.update(input.roundId, { status: 'recommended', recommendation: { ...state, talliedAt } }, movableFrom('tally-ballot'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.ballot-tallied', actor: ACTOR, clause: 'S-ROUND',
    at: talliedAt, idempotencyKey: `${input.roundId}#ballot-tallied`, details: {},
  });
  return { status: 'recommended' };
}
