import { beijingDate } from '../../domain/dates';
import { appointmentOutcome, levelOfPostKind, seatHolding, type Member, type MemberEventInput } from '../../domain/membership';
import { POST_KIND_ZH } from '../../domain/eligibility/words';
import { problem } from '../../domain/problem';
import { talkObligations, type TalkObligation } from '../../domain/talks';
import type { AppointmentBody } from '../../contracts/api';
import { DomainRejection, ValidationError } from '../errors';
import type { AppointmentRecord, UseCaseContext } from '../ports';
import { knownEvents, memberNotFound } from '../members/append-event';
import { reconcileSeat } from '../members/seat-reconcile';
import { writeMemberEvents } from '../members/write-events';
import { requireRegisteredUnit } from '../units/registry';

/**
 * X-USE (六(三) 以后备人才为主): the bureau records a leader appointment in its remit.
 *
 * - A pool member (holding a seat) appointed to the post their tier prepares for or higher
 *   (tier 1 → principal 党政正职; tier 2 → deputy or higher; tier 3 → middle or higher;
 *   domain/membership/appointments.ts) leaves the pool as used (已使用): the `appointed`
 *   event (X-USE, exitsPool) through the reducer, the seat released at once (reconcileSeat,
 *   as every leaving), and the promotion talk (提拔重用时必谈, C-TALK) due from the day it is
 *   recorded. Any other post: the member stays, and the post-change talk falls due.
 * - Anyone else (a candidate by name and ID number — the person id computed, the number never
 *   stored — or a person id of someone no longer in the pool): recorded for the report only.
 *
 * Every appointment is stored (the report counts them by date) and audited with who. The
 * same appointment again (same person, day, post kind and unit) changes nothing: 200.
 */
export interface AppointCommand {
  body: AppointmentBody;
  by: { username: string; actor: string };
  now: Date;
}

export interface AppointResult {
  recorded: boolean;
  appointment: AppointmentRecord;
  /** For a member: used (left the pool, 已使用) or post-change (stayed). */
  member?: { personId: string; status: Member['status']; tier: Member['tier']; outcome: 'used' | 'post-change'; seatReleased: boolean };
  talkDue?: TalkObligation;
  zh: string;
  en: string;
}

const BODY_PATH: Readonly<Record<string, string>> = { on: 'on', post: 'post.title', unit: 'post.unitCode', exitsPool: 'post.kind', type: '', clause: '' };

export async function recordAppointment(deps: UseCaseContext, cmd: AppointCommand): Promise<AppointResult> {
  const { body } = cmd;
  const today = beijingDate(cmd.now);
  if (body.on > today) {
    throw new ValidationError([problem('RECORD_DATE_FUTURE', 'on', `「on」${body.on} 晚于今天（${today}），只能记录已发生的任用`, `on ${body.on} is after today (${today}): record appointments made`)]);
  }
  await requireRegisteredUnit(deps, body.post.unitCode, 'post.unitCode');
  const personId = body.personId ?? deps.personIdOf(body.candidate?.idNumber ?? '');
  const snap = await deps.repos.members.get<Member>(personId);
  if (body.personId !== undefined && !snap?.state) throw memberNotFound(personId);
  const id = `${body.on}#${personId}#${body.post.kind}#${body.post.unitCode}`;
  const name = snap?.name ?? body.candidate?.name;
  const base = {
    id, on: body.on, personId, ...(name !== undefined ? { name } : {}),
    post: { ...body.post }, ...(body.documentNo !== undefined ? { documentNo: body.documentNo } : {}),
    recordedAt: cmd.now.toISOString(), recordedBy: cmd.by.username,
  };
  const existing = await deps.repos.appointments.get(id);
  const state = snap?.state;
  // A member of the pool then: holding a seat — or, on a repeat, as the first attempt found them.
  // (A first attempt that died after the member write left its key on the member.)
  const member = existing ? existing.fromPool
    : state !== undefined && (seatHolding(state.status) || snap?.writeKeys?.includes(`appointment:${id}`) === true);
  const postZh = `${POST_KIND_ZH[body.post.kind]}（${body.post.title}）`;

  if (!member || !state) {
    const appointment: AppointmentRecord = existing ?? { ...base, fromPool: false };
    const added = existing ? false : await deps.repos.appointments.add(appointment);
    if (added) await audit(deps, cmd, appointment, { fromPool: false });
    return {
      recorded: added, appointment,
      zh: `已记录任用：${postZh}，非后备人才库成员，计入任用统计`,
      en: `appointment recorded: ${body.post.kind} (${body.post.title}), not a pool member; counted in the X-USE report`,
    };
  }

  const tier = existing?.tier ?? state.tier;
  const outcome = existing?.outcome ?? appointmentOutcome(tier, body.post.kind);
  const event: MemberEventInput = {
    type: 'appointed', on: body.on, clause: 'X-USE', post: body.post.title, unit: body.post.unitCode,
    level: levelOfPostKind(body.post.kind), kind: body.post.kind, exitsPool: outcome === 'used',
    ...(body.documentNo !== undefined ? { documentNo: body.documentNo } : {}),
  };
  const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: () => cmd.now }, personId, [event], {
    applied: () => false, key: `appointment:${id}`, actor: cmd.by.actor,
  });
  if (!written.ok) {
    throw new DomainRejection(written.problems.map((p) => ({ ...p, path: BODY_PATH[p.path] ?? p.path })), '该任用不能记录', 'the appointment cannot be recorded', 'X-USE');
  }
  const { after } = written;
  const seatReleased = outcome === 'used' && (written.written ? written.before?.holdsSeat === true : true);
  if (outcome === 'used') await reconcileSeat(deps.repos, tier, personId, 'refused');
  const appointment: AppointmentRecord = existing ?? { ...base, fromPool: true, outcome, tier };
  const added = existing ? false : await deps.repos.appointments.add(appointment);
  if (added || written.written) await audit(deps, cmd, appointment, { fromPool: true, outcome, tier, seatReleased });
  const trigger = outcome === 'used' ? 'promotion' : 'post-change';
  const talkDue = talkObligations(knownEvents(await deps.repos.members.events(personId)), [], today, deps.policy).mustTalks
    .find((t) => t.trigger === trigger && t.triggeredBy === 'appointed' && t.triggeredOn === body.on);
  return {
    recorded: added || written.written,
    appointment,
    member: { personId, status: after.status, tier, outcome, seatReleased },
    ...(talkDue ? { talkDue } : {}),
    ...(outcome === 'used'
      ? { zh: `已记录任用：${postZh}，后备人才已使用，不再占用席位，须进行提拔重用谈话`, en: `appointment recorded: ${body.post.kind} (${body.post.title}); the reserve is used (left the pool, seat freed); the promotion talk is due` }
      : { zh: `已记录任用：${postZh}，低于所在梯队培养方向，继续在库，须进行调整岗位谈话`, en: `appointment recorded: ${body.post.kind} (${body.post.title}), below the post the tier prepares for; stays in the pool; the post-change talk is due` }),
  };
}

async function audit(deps: UseCaseContext, cmd: AppointCommand, a: AppointmentRecord, details: Record<string, unknown>): Promise<void> {
  await deps.audit.append({
    entity: a.fromPool ? `member/${a.personId}` : `appointment/${a.personId}`,
    action: 'appointment.recorded',
    actor: cmd.by.actor,
    clause: 'X-USE',
    idempotencyKey: `appointment#${a.id}`,
    details: {
      on: a.on, postKind: a.post.kind, unitCode: a.post.unitCode, ...(a.documentNo !== undefined ? { documentNo: a.documentNo } : {}),
      ...details, recordedBy: cmd.by.username,
    },
  });
}
