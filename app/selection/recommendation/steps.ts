import type { OpenBallotInput, TallyBallotInput } from '../../../contracts/tasks/round';
import { movableFrom } from '../../../domain/round/lifecycle';
import type { UseCaseContext } from '../../ports';
import { noticeBallotOpened, roundTitle } from '../../notices/triggers';
import { openBallots } from './open-ballots';
import { tallyBallots } from './tally';

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
  // One ballot per unit of its accepted nominees (a retry keeps the ballots already made).
  const { units, ...opened } = await openBallots({ ballots: deps.repos.ballots, nominations: deps.repos.nominations, policy: deps.policy }, { roundId: input.roundId, closesAt: notice.closesAt, now: new Date(openedAt) });
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.ballot-opened', actor: ACTOR, clause: 'S-RECOMMEND',
    at: openedAt, idempotencyKey: `${input.roundId}#ballot-opened`, details: { closesAt: notice.closesAt, ...opened },
  });
  // Each unit with a ballot hears it is open (DESIGN §7), once: a retried step finds its
  // notices recorded. Never throws — a notice that cannot be queued does not hold the round.
  await noticeBallotOpened(deps, { roundId: input.roundId, ballotId: 'recommendation', title: roundTitle(round), closesAt: notice.closesAt }, units);
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
  // The count first (each ballot closes as it is counted), then the round moves on.
  const totals = await tallyBallots({ ballots: deps.repos.ballots, nominations: deps.repos.nominations }, { roundId: input.roundId, now: new Date(talliedAt) });
  await rounds.update(input.roundId, { status: 'recommended', recommendation: { ...state, talliedAt } }, movableFrom('tally-ballot'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.ballot-tallied', actor: ACTOR, clause: 'S-RECOMMEND',
    at: talliedAt, idempotencyKey: `${input.roundId}#ballot-tallied`, details: totals,
  });
  return { status: 'recommended' };
}
