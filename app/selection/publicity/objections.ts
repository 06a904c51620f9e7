import { beijingDate } from '../../../domain/dates';
import type { Problem } from '../../../domain/problem';
import type { Round } from '../../../domain/round/round';
import {
  objectionReceiptProblems, OBJECTION_MATTER_MAX, pendingCount, resolutionProblems, type Objection, type Objector, type PublicityState,
} from '../../../domain/selection/publicity';
import { Conflict, Unprocessable, ValidationError } from '../../errors';
import type { UseCaseContext } from '../../ports';
import type { Workflows } from '../../ports/workflows';
import { problem } from '../../../domain/problem';
import { publishedList } from './list';

/**
 * 公示 objections (异议, S-PUBLICITY), recorded and resolved by the bureau. An objection is
 * against one candidate on the published list, received within the period (its first to its
 * last day), with or without a name (实名 preferred; anonymous allowed); it stays pending until
 * the bureau resolves it with a reason — upheld (the candidate is not admitted: AdmitBatch
 * skips them, the seat stays free) or dismissed. Both only while the round is in 公示 and the
 * 公示 is not closed: once ClosePublicity found nothing pending the round goes on to admission
 * and the list is settled.
 */
export interface RecordObjection {
  roundId: string;
  body: { against: string; receivedOn?: string | undefined; from?: Objector | undefined; matter: string };
  by: string;
  actor: string;
  now: Date;
}

function openPublicity(round: Round): PublicityState {
  const p = round.publicity;
  if (round.status !== 'publicising' || !p || p.closedAt) {
    throw new Conflict('PUBLICITY_NOT_OPEN', `遴选批次 ${round.roundId} 不在公示期内（当前状态：${round.status}），不能登记或处理异议`,
      `round ${round.roundId} is not in its 公示 (status ${round.status}): objections cannot be recorded or resolved`, { clause: 'S-PUBLICITY' });
  }
  return p;
}

function refuse(problems: Problem[]): never {
  const p = problems[0]!;
  throw new Unprocessable(p.code, p.zh, p.en, { clause: 'S-PUBLICITY', problems });
}

/** Bounded: ids are numbered OBJ-001, OBJ-002 …; a concurrent record takes the next free number. */
const MAX_ID_TRIES = 5;

export async function recordObjection(ctx: UseCaseContext, cmd: RecordObjection): Promise<Objection> {
  const { rounds, objections } = ctx.repos;
  const round = await rounds.require(cmd.roundId);
  const period = openPublicity(round);
  const matter = cmd.body.matter.trim();
  if (matter === '' || matter.length > OBJECTION_MATTER_MAX) {
    throw new ValidationError([problem('OBJECTION_MATTER_INVALID', 'matter', `反映的问题须为1至${OBJECTION_MATTER_MAX}个字`, `matter: 1 to ${OBJECTION_MATTER_MAX} characters`)]);
  }
  const today = beijingDate(cmd.now);
  const receivedOn = cmd.body.receivedOn ?? today;
  const dateProblems = objectionReceiptProblems(period, receivedOn, today);
  if (dateProblems.some((p) => p.code === 'OBJECTION_DATE_INVALID')) throw new ValidationError(dateProblems);
  if (dateProblems.length > 0) refuse(dateProblems);
  const entry = (await publishedList(ctx, round)).find((e) => e.nominationId === cmd.body.against);
  if (!entry) {
    refuse([problem('OBJECTION_NOT_LISTED', 'against', `${cmd.body.against} 不在本轮公示名单中`, `${cmd.body.against} is not on this round's published list`)]);
  }
  const from = cmd.body.from && Object.values(cmd.body.from).some((v) => v !== undefined) ? cmd.body.from : undefined;
  const existing = await objections.list(cmd.roundId);
  for (let i = 0; i < MAX_ID_TRIES; i++) {
    const objection: Objection = {
      roundId: cmd.roundId, objectionId: `OBJ-${String(existing.length + 1 + i).padStart(3, '0')}`, clause: 'S-PUBLICITY',
      against: entry.nominationId, tier: entry.tier, receivedOn, ...(from ? { from } : {}), anonymous: from?.name === undefined && from?.unit === undefined,
      matter, status: 'pending', recordedBy: cmd.by, recordedAt: cmd.now.toISOString(),
    };
    if (await objections.add(objection)) {
      // The objector's name and contact stay out of the trail (personal data): who recorded it, against whom, when.
      await ctx.audit.append({
        entity: `round/${cmd.roundId}`, action: 'publicity.objection-recorded', actor: cmd.actor, clause: 'S-PUBLICITY', at: objection.recordedAt,
        details: { objectionId: objection.objectionId, against: objection.against, receivedOn, anonymous: objection.anonymous },
      });
      return objection;
    }
  }
  throw new Conflict('OBJECTION_ID_BUSY', '同时登记的异议过多，请重试', 'too many objections recorded at once; retry');
}

export interface ResolveObjection {
  roundId: string;
  objectionId: string;
  body: { status: 'upheld' | 'dismissed'; reason: string };
  by: string;
  actor: string;
  now: Date;
}

/**
 * Resolves a pending objection with its reason (one conditional write: a second resolution is
 * 409 OBJECTION_RESOLVED). When the period is over, the round waits in AwaitObjections and this
 * was the last pending one, the wait is answered and the round goes on to admission.
 */
export async function resolveObjection(ctx: UseCaseContext & { workflows: Pick<Workflows, 'answer'> }, cmd: ResolveObjection): Promise<{ objection: Objection; pending: number; resumed: boolean }> {
  const { rounds, objections } = ctx.repos;
  const round = await rounds.require(cmd.roundId);
  openPublicity(round);
  const problems = resolutionProblems(cmd.body.reason);
  if (problems.length > 0) throw new ValidationError(problems);
  const resolution = { status: cmd.body.status, reason: cmd.body.reason.trim(), by: cmd.by, at: cmd.now.toISOString() };
  const objection = await objections.resolve(cmd.roundId, cmd.objectionId, resolution);
  await ctx.audit.append({
    entity: `round/${cmd.roundId}`, action: `publicity.objection-${cmd.body.status}`, actor: cmd.actor, clause: 'S-PUBLICITY', at: resolution.at,
    details: { objectionId: cmd.objectionId, against: objection.against, status: cmd.body.status },
  });
  const pending = pendingCount(await objections.list(cmd.roundId));
  // Read after the write: either this sees AwaitObjections' token, or that step's wait times
  // out and ClosePublicity counts again (the state machine's backstop).
  const now = await rounds.require(cmd.roundId);
  const token = now.publicity?.taskToken;
  let resumed = false;
  if (pending === 0 && typeof token === 'string' && token !== '') {
    resumed = (await ctx.workflows.answer(token, { pending: 0 })) === 'delivered';
  }
  return { objection, pending, resumed };
}

/** Objections (异议) to a round's 公示 list still pending a resolution. */
export async function pendingObjections(deps: Pick<UseCaseContext, 'repos'>, roundId: string): Promise<number> {
  return pendingCount(await deps.repos.objections.list(roundId));
}

export async function listObjections(ctx: Pick<UseCaseContext, 'repos'>, roundId: string): Promise<Objection[]> {
  await ctx.repos.rounds.require(roundId);
  return ctx.repos.objections.list(roundId);
}
