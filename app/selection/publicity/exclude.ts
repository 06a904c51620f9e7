import type { Admit } from '../../../domain/round/admission-list';
import type { Round } from '../../../domain/round/round';
import { exclusions, type Exclusion } from '../../../domain/selection/publicity';
import type { AdmissionContext } from '../../round/admit-one';
import type { UseCaseContext } from '../../ports';

/**
 * Who an upheld 公示 objection keeps out (S-PUBLICITY), for AdmitBatch: empty for a round
 * without 公示. Read from the objections themselves (the 公示 is closed before admission, so
 * they no longer change).
 */
export async function publicityExclusions(deps: UseCaseContext, round: Round): Promise<Map<string, Exclusion>> {
  if (!round.publicity) return new Map();
  return exclusions(await deps.repos.objections.list(round.roundId));
}

/**
 * Marks one candidate of the approved list as not admitted because an objection was upheld:
 * no seat is claimed (it stays free), the reason is on the nomination (`admission.status`
 * `objection-upheld`), the trail records it. Safe to repeat (a stable audit key).
 */
export async function excludeByObjection(deps: UseCaseContext, ctx: AdmissionContext, a: Admit, why: Exclusion): Promise<'objection-upheld'> {
  await deps.repos.nominations.update(ctx.roundId, a.id, {
    admission: { status: 'objection-upheld', clause: 'S-PUBLICITY', tier: a.tier, on: ctx.on, objectionId: why.objectionId, reason: why.reason, zh: why.zh, en: why.en },
  });
  await deps.audit.append({
    entity: `nomination/${ctx.roundId}/${a.id}`, action: 'member.objection-upheld', actor: 'system:round', clause: 'S-PUBLICITY',
    at: ctx.at, idempotencyKey: `${ctx.roundId}#${a.id}#objection-upheld`,
    details: { roundId: ctx.roundId, nominationId: a.id, tier: a.tier, objectionId: why.objectionId },
  });
  return 'objection-upheld';
}
