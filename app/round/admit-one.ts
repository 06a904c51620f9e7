import type { MemberEventInput } from '../../domain/membership/events';
import type { Member } from '../../domain/membership/member';
import { applyMemberEvent } from '../../domain/membership/reducer';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationSource } from '../../domain/form/schema';
import type { Problem } from '../../domain/problem';
import { policyRef } from '../../domain/policy/schema';
import { CapReached, NotFound } from '../errors';
import type { Admit } from '../../domain/round/admission-list';
import { writeMemberEvents } from '../members/write-events';
import { reconcileSeat } from '../members/seat-reconcile';
import type { UseCaseContext } from '../ports';

/** How one admission ended, as stored on the nomination (`admission`). */
export type AdmissionStatus = 'admitted' | 'cap-reached' | 'refused';

export interface AdmissionContext {
  roundId: string;
  /** The decision's Beijing date: the admission date and the term's start (M-TERM). */
  on: string;
  /** The decision's timestamp and approver: when and by whom, for the audit log. */
  at: string;
  by: string;
}

/** The clause an admission rests on, by the nomination's source (S-ROUND or an import path). */
const SOURCE_CLAUSE: Record<NominationSource, 'S-ROUND' | 'S-ORGLIST' | 'X-LEGACY' | 'X-TALENT'> = {
  selection: 'S-ROUND',
  'org-dept-list': 'S-ORGLIST',
  'legacy-young-cadre': 'X-LEGACY',
  'imported-talent': 'X-TALENT',
};

/**
 * Admit one nomination: check the admission with the reducer first (one person, one tier),
 * claim a seat of its tier (T-CAP: a full tier records `cap-reached` for this nomination and
 * the batch goes on), then append the member's `admitted` event and write the snapshot,
 * check the seat against the member written, mark the nomination, audit. Every step is safe
 * to repeat: the seat claim by the same person returns its seat, the event and snapshot
 * writes are conditional, the audit entry has a stable key — a retried batch admits nobody
 * twice.
 *
 * A refused admission gives back the seat it (or an earlier, crashed attempt) claimed — only
 * in its own tier, and only when the member's state holds no seat there (reconcileSeat): a
 * tier-1 member keeps their seat when their tier-2 admission is refused, a retry of an
 * admission that succeeded keeps its seat. Seats held = members holding a seat, per tier.
 */
export async function admitOne(deps: UseCaseContext, ctx: AdmissionContext, a: Admit): Promise<AdmissionStatus> {
  const { nominations, members, seats } = deps.repos;
  const n = await nominations.get(ctx.roundId, a.id);
  if (!n) throw new NotFound({ zh: `推荐 ${a.id}`, en: `nomination ${a.id}` }, 'NOMINATION_NOT_FOUND');
  const form = parseNominationForm(n.form);
  if (!form.ok) return refuse(deps, ctx, a, undefined, form.problems);
  const personId = n.personId ?? deps.personIdOf(form.value.candidate.idNumber);
  const clause = SOURCE_CLAUSE[form.value.source];
  const event: MemberEventInput = {
    type: 'admitted', on: ctx.on, clause, personId, tier: a.tier, unit: n.unitCode, cohortId: ctx.roundId,
    termStart: ctx.on, source: form.value.source, policyRef: n.policyRef ?? policyRef(deps.policy), roundId: ctx.roundId,
  };
  const admittedHere = (m: Member | undefined) =>
    m !== undefined && (m.cohortId === ctx.roundId || m.previousTerms.some((t) => t.cohortId === ctx.roundId));

  const current = (await members.get<Member>(personId))?.state;
  // Admitted by this round already (a retried step): no dry run and no new claim — the
  // check after the write keeps the member's seat, or claims none for one who has left since.
  const settled = admittedHere(current);
  if (!settled) {
    const dryRun = applyMemberEvent(current, event, deps.policy);
    // A crashed earlier attempt may have claimed a seat before the person was admitted elsewhere.
    if (!dryRun.ok) return refuse(deps, ctx, a, personId, dryRun.problems);
    try {
      await seats.claimSeat(a.tier, personId);
    } catch (e) {
      if (!(e instanceof CapReached)) throw e;
      await nominations.update(ctx.roundId, a.id, {
        admission: { status: 'cap-reached', clause: 'T-CAP', tier: a.tier, on: ctx.on, zh: e.zh, en: e.en },
      });
      await audit(deps, ctx, a, personId, 'cap-reached', 'T-CAP', { tier: a.tier });
      return 'cap-reached';
    }
  }

  const written = await writeMemberEvents({ members, policy: deps.policy, now: deps.now }, personId, [event], {
    applied: admittedHere,
    // Who: the approver whose decision this carries out (as the audit entry says).
    actor: `user:${ctx.by}`,
    ...(n.candidateName ? { name: n.candidateName } : {}),
  });
  // Only a race (the person admitted elsewhere between the dry run and now) lands here:
  // the seat just claimed goes back.
  if (!written.ok) return refuse(deps, ctx, a, personId, written.problems);

  // The seat the member holds now (two concurrent claims settle on one; a refusal elsewhere
  // may have released it under us — then it is claimed again).
  const seat = await reconcileSeat(deps.repos, a.tier, personId, 'admitted');
  await nominations.update(ctx.roundId, a.id, {
    admission: { status: 'admitted', clause, tier: a.tier, personId, ...(seat ? { seat: seat.seat } : {}), on: ctx.on, cohortId: ctx.roundId },
  });
  await audit(deps, ctx, a, personId, 'admitted', clause, { tier: a.tier, ...(seat ? { seat: seat.seat } : {}), cohortId: ctx.roundId, termStart: ctx.on });
  return 'admitted';
}

async function refuse(deps: UseCaseContext, ctx: AdmissionContext, a: Admit, personId: string | undefined, problems: Problem[]): Promise<AdmissionStatus> {
  // Give back what this admission claimed in its tier, unless the member holds that tier's seat.
  if (personId !== undefined) await reconcileSeat(deps.repos, a.tier, personId, 'refused');
  await deps.repos.nominations.update(ctx.roundId, a.id, {
    admission: { status: 'refused', clause: 'S-ROUND', tier: a.tier, on: ctx.on, problems },
  });
  await audit(deps, ctx, a, personId, 'refused', 'S-ROUND', { tier: a.tier, problemCodes: problems.map((p) => p.code) });
  return 'refused';
}

function audit(deps: UseCaseContext, ctx: AdmissionContext, a: Admit, personId: string | undefined, what: AdmissionStatus, clause: 'S-ROUND' | 'S-ORGLIST' | 'X-LEGACY' | 'X-TALENT' | 'T-CAP', details: Record<string, unknown>) {
  return deps.audit.append({
    entity: personId ? `member/${personId}` : `nomination/${ctx.roundId}/${a.id}`,
    action: `member.${what}`,
    // Who: the approver whose decision this carries out (user:{username}, as every user action is).
    actor: `user:${ctx.by}`,
    clause,
    at: ctx.at,
    idempotencyKey: `${ctx.roundId}#${a.id}#${what}`,
    details: { roundId: ctx.roundId, nominationId: a.id, executedBy: 'system:round', ...details },
  });
}
