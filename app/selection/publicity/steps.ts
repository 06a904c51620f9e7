import type {
  AwaitObjectionsInput, ClosePublicityInput, ClosePublicityOutput, StartPublicityInput, StartPublicityOutput,
} from '../../../contracts/tasks/round';
import { beijingDate } from '../../../domain/dates';
import { movableFrom } from '../../../domain/round/lifecycle';
import type { Round } from '../../../domain/round/round';
import { exclusions, pendingCount, publicityPeriod, type PublicityState } from '../../../domain/selection/publicity';
import { Conflict, DomainRejection } from '../../errors';
import type { UseCaseContext } from '../../ports';

const ACTOR = 'system:round';

function approvalOf(round: Round): NonNullable<Round['decision']> {
  const d = round.decision;
  if (!d || d.decision === 'reject') throw new DomainRejection([], '遴选批次没有批准决定，不能公示', 'the round has no approval to publish', 'S-PUBLICITY');
  return d;
}

function requirePublicity(round: Round): PublicityState {
  if (!round.publicity) throw new DomainRejection([], '遴选批次尚未开始公示', 'the round has no 公示 period', 'S-PUBLICITY');
  return round.publicity;
}

/**
 * StartPublicity (公示, DESIGN §7, S-PUBLICITY): after the approval, before admission —
 * awaiting-decision → publicising — for the notice's working days from the first working day
 * after the approval's Beijing date, to the end of the last one (domain/selection/publicity.ts);
 * the machine waits for `endsAt`. A period the calendar cannot count (a year without data) is
 * refused: the step throws CALENDAR_YEAR_UNKNOWN (a Conflict, so the code reaches the round's
 * recorded failure), and nobody is admitted on a guessed period. A retry keeps the period first
 * computed.
 */
export async function startPublicity(deps: UseCaseContext, input: StartPublicityInput): Promise<StartPublicityOutput> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  if (round.publicity !== undefined) {
    if (round.status !== 'publicising') await rounds.update(input.roundId, { status: 'publicising' }, movableFrom('publicise'));
    return { endsAt: round.publicity.endsAt };
  }
  const notice = round.selection?.publicity;
  if (notice === undefined) throw new DomainRejection([], '本轮通知未设公示', 'the round\'s notice has no 公示 step', 'S-PUBLICITY');
  const approvedOn = beijingDate(approvalOf(round).at);
  const period = publicityPeriod(approvedOn, notice.workingDays);
  if (!period.ok) {
    const p = period.problems[0]!;
    throw new Conflict(p.code, p.zh, p.en, { clause: 'S-PUBLICITY', problems: period.problems });
  }
  const startedAt = deps.now().toISOString();
  const publicity: PublicityState = { ...period.value, approvedOn, startedAt };
  await rounds.update(input.roundId, { status: 'publicising', publicity }, movableFrom('publicise'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.publicity-started', actor: ACTOR, clause: 'S-PUBLICITY',
    at: startedAt, idempotencyKey: `${input.roundId}#publicity-started`, details: { ...period.value, approvedOn },
  });
  return { endsAt: period.value.endsAt };
}

/**
 * ClosePublicity (S-PUBLICITY), when the period has ended and again after each wait: how many
 * objections are still pending. None → the 公示 is closed (who an upheld objection keeps out
 * is recorded) and the machine goes on to admission; some → AwaitObjections. Safe to repeat.
 */
export async function closePublicity(deps: UseCaseContext, input: ClosePublicityInput): Promise<ClosePublicityOutput> {
  const { rounds, objections } = deps.repos;
  const round = await rounds.require(input.roundId);
  const publicity = requirePublicity(round);
  if (publicity.closedAt) return { pending: 0 };
  const all = await objections.list(input.roundId);
  const pending = pendingCount(all);
  if (pending > 0) return { pending };
  const closedAt = deps.now().toISOString();
  const excluded = [...exclusions(all).keys()];
  await rounds.update(input.roundId, { publicity: { ...publicity, closedAt, excluded, taskToken: null } }, movableFrom('publicise'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.publicity-closed', actor: ACTOR, clause: 'S-PUBLICITY',
    at: closedAt, idempotencyKey: `${input.roundId}#publicity-closed`,
    details: { objections: all.length, upheld: excluded.length, excluded },
  });
  return { pending: 0 };
}

/**
 * AwaitObjections (S-PUBLICITY): the period has ended with objections pending; the task token
 * is kept on the round (like AwaitDecision's), and resolving the last pending one answers it
 * (app/selection/publicity/objections.ts). A retried task — or the daily re-check after the
 * wait's time-out — brings a new token, which replaces the old one.
 */
export async function awaitObjections(deps: UseCaseContext, input: AwaitObjectionsInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const publicity = requirePublicity(round);
  const since = publicity.awaitingObjectionsSince ?? deps.now().toISOString();
  await rounds.update(input.roundId, { publicity: { ...publicity, taskToken: input.taskToken, awaitingObjectionsSince: since } }, movableFrom('publicise'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.awaiting-objections', actor: ACTOR, clause: 'S-PUBLICITY',
    at: since, idempotencyKey: `${input.roundId}#awaiting-objections`, details: { endsAt: publicity.endsAt },
  });
  return { status: 'publicising' };
}
