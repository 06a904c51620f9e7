import type { DecisionBody } from '../../contracts/api';
import { admissionList, type Admit } from '../../domain/round/admission-list';
import { resolveEditNames, type NamedEdit } from '../../domain/round/edit-names';
import type { RoundDecision } from '../../domain/round/round';
import { openTiers, type Round } from '../../domain/round/round';
import type { Nomination } from '../../domain/round/nomination';
import type { Problem } from '../../domain/problem';
import { TIERS } from '../../domain/tier';
import { allOf } from '../pages';
import { Conflict, ValidationError } from '../errors';
import type { UseCaseContext } from '../ports';
import type { Workflows } from '../ports/workflows';

export interface Decide {
  roundId: string;
  body: DecisionBody;
  by: string;
  actor: string;
  at: string;
}

function tooLate(): Conflict {
  return new Conflict('DECISION_TOO_LATE', '审批已超时或该批次已不再等待审批', 'too late: the approval wait has timed out or ended', { clause: 'S-ROUND' });
}

/**
 * The organisation department's decision on a ranked round (S-ROUND): approve, approve with
 * edits (checked now exactly as AdmitBatch will draw the list up, so what is accepted is
 * what gets admitted), or reject. Claimed on the round first (one decision, even on a double
 * submit), then delivered to the waiting execution; a wait that timed out meanwhile is a
 * 409 DECISION_TOO_LATE, recorded.
 */
export async function decide(ctx: UseCaseContext & { workflows: Workflows }, cmd: Decide): Promise<RoundDecision> {
  const { rounds } = ctx.repos;
  const round = await rounds.require(cmd.roundId);
  const token = typeof round.taskToken === 'string' && round.taskToken !== '' ? round.taskToken : undefined;
  if (round.decision !== undefined) {
    throw new Conflict('DECISION_EXISTS', '该批次已有审批决定', 'this round already has a decision', { clause: 'S-ROUND' });
  }
  if (round.status !== 'awaiting-decision' || token === undefined) {
    throw new Conflict('ROUND_NOT_AWAITING_DECISION', `遴选批次当前状态为 ${round.status}，不在等待审批`,
      `round is ${round.status}: not awaiting a decision`, { clause: 'S-ROUND' });
  }
  const { body, at } = cmd;
  let admit: Admit[] | undefined;
  let edits = body.edits;
  let named: NamedEdit[] = [];
  if (body.decision === 'approve-with-edits' && body.edits) {
    const noms = await allOf((page) => ctx.repos.nominations.listByRound(cmd.roundId, page));
    // A candidate may be named by name: settled here on one nomination id, or a coded problem.
    const resolved = resolveEditNames(body.edits, shortlistOf(round), noms);
    if (!resolved.ok) throw new ValidationError(resolved.problems, '修改名单中的姓名无法对应到唯一人选', 'a name in the edits does not settle on one candidate');
    edits = { add: resolved.value.add, remove: resolved.value.remove };
    named = resolved.value.named;
    admit = editedAdmissions(round, noms, { decision: body.decision, edits });
  }
  const stored: RoundDecision = {
    decision: body.decision,
    ...(edits ? { edits } : {}),
    ...(named.length > 0 ? { named } : {}),
    ...(admit ? { admit } : {}),
    ...(body.note !== undefined ? { note: body.note } : {}),
    by: cmd.by,
    at,
    state: 'sending',
  };
  await rounds.claimDecision(cmd.roundId, token, stored);

  // What the state machine's `Decision?` Choice reads as $.decision.decision.
  const { state: _state, ...output } = stored;
  let answered;
  try {
    answered = await ctx.workflows.answer(token, output);
  } catch (e) {
    await rounds.releaseDecision(cmd.roundId, at);
    throw e;
  }
  if (answered === 'too-late') {
    await rounds.settleDecision(cmd.roundId, at, 'too-late', at);
    await audit(ctx, cmd, { ...output, delivered: false, error: 'DECISION_TOO_LATE' });
    throw tooLate();
  }
  await rounds.settleDecision(cmd.roundId, at, 'delivered', at);
  await audit(ctx, cmd, { ...output, delivered: true });
  return { ...output, state: 'delivered' };
}

/**
 * approve-with-edits: the admission list exactly as AdmitBatch will draw it up
 * (domain/round/admission-list.ts: the shortlist's proposals, the edits, checkAdmissions
 * against the free seats of the shortlist). Problem paths point into the request:
 * edits.remove.i, edits.add.j.
 */
function shortlistOf(round: Round): NonNullable<Round['shortlist']> {
  const shortlist = round.shortlist;
  if (!shortlist) {
    throw new Conflict('ROUND_NOT_RANKED', '遴选批次尚无排名名单', 'the round has no shortlist', { clause: 'S-ROUND' });
  }
  return shortlist;
}

function editedAdmissions(round: Round, noms: Nomination[], decision: Pick<RoundDecision, 'decision' | 'edits'>): Admit[] {
  const shortlist = shortlistOf(round);
  const result = admissionList(shortlist, decision, noms, openTiers(round));
  if (result.ok) return result.value;
  const remove = decision.edits?.remove ?? [];
  const kept = TIERS.flatMap((t) => shortlist.tiers[t].admitIds).filter((id) => !remove.includes(id)).length;
  const problems: Problem[] = result.problems.map((p) => {
    if (p.path.startsWith('decision.')) return { ...p, path: p.path.slice('decision.'.length) };
    const m = /^admit\.(\d+)$/.exec(p.path);
    const i = m ? Number(m[1]) : -1;
    return i >= kept ? { ...p, path: `edits.add.${i - kept}` } : p;
  });
  throw new ValidationError(problems, '修改后的名单不符合方案规定', 'the edited list breaks the plan\'s rules');
}

function audit(ctx: UseCaseContext, cmd: Decide, details: Record<string, unknown>) {
  return ctx.audit.append({
    entity: `round/${cmd.roundId}`,
    action: `round.decision.${String(details.decision)}`,
    actor: cmd.actor,
    clause: 'S-ROUND',
    details,
  });
}
