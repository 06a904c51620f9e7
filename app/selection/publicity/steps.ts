import type {
  AwaitObjectionsInput, ClosePublicityInput, ClosePublicityOutput, StartPublicityInput, StartPublicityOutput,
} from '../../../contracts/tasks/round';
import { beijingDate } from '../../../domain/dates';
import { movableFrom } from '../../../domain/round/lifecycle';
import { publicityPeriod } from '../../../domain/selection/publicity-period';
import { DomainRejection } from '../../errors';
import type { UseCaseContext } from '../../ports';
import { pendingObjections } from './objections';

const ACTOR = 'system:round';

/**
 * StartPublicity (公示, DESIGN §7): after the approval, before admission — awaiting-decision →
 * publicising — for the notice's working days from the first working day after the decision
 * (domain/selection/publicity.ts). A period into a year without calendar data is refused
 * (CALENDAR_YEAR_UNKNOWN): the Catch records it as the round's failure, with the code. A retry
 * keeps the period first computed.
 */
export async function startPublicity(deps: UseCaseContext, input: StartPublicityInput): Promise<StartPublicityOutput> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  if (round.publicity !== undefined) return { endsAt: round.publicity.endsAt };
  const notice = round.selection?.publicity;
  if (notice === undefined) throw new Error(`round ${input.roundId} has no publicity step`);
  const decidedAt = round.decision?.at ?? deps.now().toISOString();
  const period = publicityPeriod(beijingDate(decidedAt), notice.workingDays);
  if (!period.ok) throw new DomainRejection(period.problems, '无法确定公示期', 'the publicity period cannot be set', 'S-PUBLICITY');
  const startedAt = deps.now().toISOString();
  await rounds.update(input.roundId, { status: 'publicising', publicity: { ...period.value, startedAt } }, movableFrom('publicise'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.publicity-started', actor: ACTOR, clause: 'S-PUBLICITY',
    at: startedAt, idempotencyKey: `${input.roundId}#publicity-started`, details: { ...period.value },
  });
  return { endsAt: period.value.endsAt };
}

/**
 * ClosePublicity, when the period has ended (and again after each wait on objections): how
 * many objections are still pending. None → admission; some → AwaitObjections.
 */
export async function closePublicity(deps: UseCaseContext, input: ClosePublicityInput): Promise<ClosePublicityOutput> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const state = round.publicity;
  if (state === undefined) throw new Error(`round ${input.roundId}: publicity never started`);
  const pending = await pendingObjections(deps, input.roundId);
  if (pending === 0 && state.closedAt === undefined) {
    const closedAt = deps.now().toISOString();
    await rounds.update(input.roundId, { publicity: { ...state, closedAt, taskToken: null } }, movableFrom('publicise'));
    await deps.audit.append({
      entity: `round/${input.roundId}`, action: 'round.publicity-closed', actor: ACTOR, clause: 'S-PUBLICITY',
      at: closedAt, idempotencyKey: `${input.roundId}#publicity-closed`, details: {},
    });
  }
  return { pending };
}

/**
 * AwaitObjections: the period is over but objections are pending; the round waits (its token
 * on the round) until the bureau resolves the last one, which answers it.
 */
export async function awaitObjections(deps: UseCaseContext, input: AwaitObjectionsInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const state = round.publicity;
  if (state === undefined) throw new Error(`round ${input.roundId}: publicity never started`);
  const since = state.awaitingObjectionsSince ?? deps.now().toISOString();
  await rounds.update(input.roundId, { publicity: { ...state, taskToken: input.taskToken, awaitingObjectionsSince: since } }, movableFrom('publicise'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.awaiting-objections', actor: ACTOR, clause: 'S-PUBLICITY',
    at: since, idempotencyKey: `${input.roundId}#awaiting-objections`, details: {},
  });
  return { status: 'publicising' };
}
