import type { OpenBallotInput, TallyBallotInput, TallyBallotOutput } from '../../../contracts/tasks/round';
import { movableFrom } from '../../../domain/round/lifecycle';
import type { UseCaseContext } from '../../ports';
import { noticeBallotOpened, roundTitle } from '../../notices/triggers';
import { openBallots } from './open-ballots';
import { NO_TOTALS, addTotals, tallyBallotPage } from './tally';

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
  const { unitCodes, ...opened } = await openBallots({ ballots: deps.repos.ballots, nominations: deps.repos.nominations, policy: deps.policy }, { roundId: input.roundId, closesAt: notice.closesAt, now: new Date(openedAt) });
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.ballot-opened', actor: ACTOR, clause: 'S-RECOMMEND',
    at: openedAt, idempotencyKey: `${input.roundId}#ballot-opened`, details: { closesAt: notice.closesAt, ...opened },
  });
  // Each unit with a ballot hears that its voting is open (issue #14.4). Never throws, and a
  // retried step sends nothing twice (a notice's key is its kind, unit and subject).
  await noticeBallotOpened(deps, { roundId: input.roundId, ballotId: input.roundId, title: roundTitle(round), closesAt: notice.closesAt }, unitCodes);
  return { status: 'recommending' };
}

/**
 * TallyBallot at the ballot's deadline, a page of ballots a call (tally.ts): the machine
 * loops while a cursor comes back. The first call fixes the tally's time on the round (a
 * retry, and every later page, reuse it); the last — no cursor left — moves the round
 * recommending → recommended and records the totals. From the first page on, a counted
 * ballot takes no vote; the round still refuses votes after the deadline for the rest.
 */
export async function tallyBallot(deps: UseCaseContext, input: TallyBallotInput): Promise<TallyBallotOutput> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const state = round.recommendation;
  if (state === undefined) throw new Error(`round ${input.roundId}: the ballot was never opened`);
  let talliedAt = state.talliedAt;
  if (talliedAt === undefined) {
    talliedAt = deps.now().toISOString();
    await rounds.update(input.roundId, { recommendation: { ...state, talliedAt } }, movableFrom('tally-ballot'));
  }
  const page = await tallyBallotPage(
    { ballots: deps.repos.ballots, nominations: deps.repos.nominations },
    { roundId: input.roundId, cursor: input.cursor ?? null, batchSize: input.batchSize, now: new Date(talliedAt) },
  );
  const totals = addTotals(input.totals ?? NO_TOTALS, page.totals);
  deps.logger.info('tally batch', { roundId: input.roundId, ballots: page.totals.ballots, more: page.cursor !== null });
  if (page.cursor !== null) return { cursor: page.cursor, totals };
  await rounds.update(input.roundId, { status: 'recommended', recommendation: { ...state, talliedAt } }, movableFrom('tally-ballot'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.ballot-tallied', actor: ACTOR, clause: 'S-RECOMMEND',
    at: talliedAt, idempotencyKey: `${input.roundId}#ballot-tallied`, details: totals,
  });
  return { cursor: null, totals };
}
