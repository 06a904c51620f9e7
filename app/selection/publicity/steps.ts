import { beijingDate } from '../../../domain/dates';
import { movableFrom } from '../../../domain/round/lifecycle';
import type { Round } from '../../../domain/round/round';
import {
  exclusions, pendingCount, PUBLICITY_DEFAULT_WORKING_DAYS, publicityPeriod, type PublicityState,
} from '../../../domain/selection/publicity';
import { Conflict, DomainRejection } from '../../errors';
import type { UseCaseContext } from '../../ports';

const ACTOR = 'system:round';

/** The notice's working days (contracts/selection.ts `publicity.workingDays`, default 5). */
export function noticeWorkingDays(round: Round): number {
  const selection = (round as { selection?: { publicity?: { workingDays?: unknown } } }).selection;
  const n = selection?.publicity?.workingDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : PUBLICITY_DEFAULT_WORKING_DAYS;
}

function approvalOf(round: Round): NonNullable<Round['decision']> {
  const d = round.decision;
  if (!d || d.decision === 'reject') throw new DomainRejection([], '遴选批次没有批准决定，不能公示', 'the round has no approval to publish', 'S-PUBLICITY');
  return d;
}

/**
 * StartPublicity (S-PUBLICITY): after the approval, the period — from the first working day
 * after the approval's Beijing date, the notice's N working days, to the end of the last one
 * (domain/selection/publicity.ts) — kept on the round, which shows `publicising`; the state
 * machine waits for `endsAt`. A period the calendar cannot count (a year without data) is
 * refused: the step throws CALENDAR_YEAR_UNKNOWN, RecordFailure records it on the round, and
 * nobody is admitted on a guessed period. Idempotent: a retry finds the period and keeps it.
 */
export async function startPublicity(deps: UseCaseContext, input: { roundId: string }): Promise<{ endsAt: string; from: string; to: string; workingDays: number }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const kept = round.publicity;
  if (kept) {
    if (round.status !== 'publicising') await rounds.update(input.roundId, { status: 'publicising' }, movableFrom('publicise'));
    return { endsAt: kept.endsAt, from: kept.from, to: kept.to, workingDays: kept.workingDays };
  }
  const approvedOn = beijingDate(approvalOf(round).at);
  const period = publicityPeriod(approvedOn, noticeWorkingDays(round));
  if (!period.ok) {
    const p = period.problems[0]!;
    throw new Conflict(p.code, p.zh, p.en, { clause: 'S-PUBLICITY', problems: period.problems });
  }
  const startedAt = deps.now().toISOString();
  const publicity: PublicityState = { clause: 'S-PUBLICITY', ...period.value, approvedOn, startedAt };
  await rounds.update(input.roundId, { status: 'publicising', publicity }, movableFrom('publicise'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.publicity-started', actor: ACTOR, clause: 'S-PUBLICITY',
    at: startedAt, idempotencyKey: `${input.roundId}#publicity-started`,
    details: { from: period.value.from, to: period.value.to, workingDays: period.value.workingDays, endsAt: period.value.endsAt },
  });
  return { endsAt: period.value.endsAt, from: period.value.from, to: period.value.to, workingDays: period.value.workingDays };
}

function requirePublicity(round: Round): PublicityState {
  if (!round.publicity) throw new DomainRejection([], '遴选批次尚未开始公示', 'the round has no 公示 period', 'S-PUBLICITY');
  return round.publicity;
}

/**
 * ClosePublicity (S-PUBLICITY): the period is over; how many objections are still pending.
 * None → the 公示 is closed (who an upheld objection keeps out is recorded) and the machine
 * goes on to admission; some → AwaitObjections, then here again. Safe to repeat.
 */
export async function closePublicity(deps: UseCaseContext, input: { roundId: string }): Promise<{ pending: number }> {
  const { rounds, objections } = deps.repos;
  const round = await rounds.require(input.roundId);
  const publicity = requirePublicity(round);
  if (publicity.closedAt) return { pending: 0 };
  const all = await objections.list(input.roundId);
  const pending = pendingCount(all);
  if (pending > 0) return { pending };
  const closedAt = deps.now().toISOString();
  const excluded = [...exclusions(all).keys()];
  await rounds.update(input.roundId, { publicity: { ...publicity, closedAt, excluded, taskToken: null } }, ['publicising']);
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
 * (app/selection/publicity/objections.ts). A retried task brings a new token, which replaces
 * the old one. The state machine's time-out on this wait brings it back to ClosePublicity, so
 * a resolution that slipped in between ClosePublicity's count and this write is not waited on
 * for ever.
 */
export async function awaitObjections(deps: UseCaseContext, input: { roundId: string; taskToken: string }): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const publicity = requirePublicity(round);
  const since = publicity.awaitingSince ?? deps.now().toISOString();
  await rounds.update(input.roundId, { publicity: { ...publicity, taskToken: input.taskToken, awaitingSince: since } }, ['publicising']);
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.awaiting-objections', actor: ACTOR, clause: 'S-PUBLICITY',
    at: since, idempotencyKey: `${input.roundId}#awaiting-objections`, details: { endsAt: publicity.endsAt },
  });
  return { status: 'publicising' };
}
