import { beijingDate } from '../../domain/dates';
import type { Member, MemberEventInput } from '../../domain/membership';
import { problem } from '../../domain/problem';
import { talkObligations, type TalkObligation } from '../../domain/talks';
import type { VetoBody } from '../../contracts/api';
import { DomainRejection, ValidationError } from '../errors';
import type { UseCaseContext } from '../ports';
import { knownEvents, memberNotFound } from './append-event';
import { reconcileSeat } from './seat-reconcile';
import { writeMemberEvents } from './write-events';

/**
 * M-VETO (五(一) 有一票否决行为的): a one-vote-veto matter, recorded whenever it arises — not
 * only inside a review's window. One rule with M-WARN and M-FAIL (DESIGN §2 *Removal*): the
 * member leaves the pool that day (`on`), the seat is freed at once, the matter is a member
 * event with its clause (`vetoed`, then `removed` M-VETO, in one commit), the audit entry says
 * who recorded it, and the organisational talk (组织谈话) falls due from the day it is known.
 *
 * The date is of what has happened (not after today in Beijing: RECORD_DATE_FUTURE) and not
 * before admission (MEMBER_DATE_BEFORE_ADMISSION); the reducer's own rules hold beside them
 * (lifecycle dates never go backwards: MEMBER_DATE_BACKWARDS; a member already removed:
 * MEMBER_REMOVED). The same veto posted again (same day, same matter) changes nothing and
 * finishes what an interrupted first attempt left (the seat release, the audit entry).
 */
export interface VetoCommand {
  personId: string;
  veto: VetoBody;
  by: { username: string; actor: string };
  now: Date;
}

export interface VetoResult {
  /** False when this very veto was already recorded (a repeat). */
  recorded: boolean;
  personId: string;
  status: Member['status'];
  veto: NonNullable<Member['veto']>;
  removal: { clause: 'M-VETO'; on: string; tier: Member['tier']; seatReleased: boolean };
  /** The organisational talk now due (undefined only if one is already recorded). */
  talkDue?: TalkObligation;
}

/** The reducer speaks of the event's fields; the request's are `on` and `matter`. */
const BODY_PATH: Readonly<Record<string, string>> = { on: 'on', reason: 'matter', reportedBy: 'reportedBy', documentNo: 'documentNo', type: '', clause: '' };

export async function recordVeto(deps: UseCaseContext, cmd: VetoCommand): Promise<VetoResult> {
  const { personId, veto } = cmd;
  const today = beijingDate(cmd.now);
  if (veto.on > today) {
    throw new ValidationError([problem('RECORD_DATE_FUTURE', 'on', `「on」${veto.on} 晚于今天（${today}），只能记录已发生的事项`, `on ${veto.on} is after today (${today}): record what has happened`)]);
  }
  const current = await deps.repos.members.get<Member>(personId);
  if (!current?.state) throw memberNotFound(personId);
  if (veto.on < current.state.since) {
    throw new DomainRejection([problem('MEMBER_DATE_BEFORE_ADMISSION', 'on', `日期 ${veto.on} 早于入库日期 ${current.state.since}`, `${veto.on} is before admission on ${current.state.since}`)],
      '该事项不能记录', 'the veto cannot be recorded', 'M-VETO');
  }
  const same = (m: Member | undefined) => m?.status === 'removed' && m.exit?.clause === 'M-VETO' && m.veto?.on === veto.on && m.veto.reason === veto.matter;
  const events: MemberEventInput[] = [
    {
      type: 'vetoed', on: veto.on, clause: 'M-VETO', reason: veto.matter, reportedBy: veto.reportedBy, via: 'bureau',
      ...(veto.documentNo !== undefined ? { documentNo: veto.documentNo } : {}),
    },
    { type: 'removed', on: veto.on, clause: 'M-VETO', reason: veto.matter },
  ];
  const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: () => cmd.now }, personId, events, {
    applied: same, actor: cmd.by.actor,
  });
  if (!written.ok) {
    throw new DomainRejection(written.problems.map((p) => ({ ...p, path: BODY_PATH[p.path] ?? p.path })), '该一票否决事项不能记录', 'the veto cannot be recorded', 'M-VETO');
  }
  const { before, after } = written;
  // The seat goes back at once (T-CAP), the way every leaving releases it: every seat of the
  // tier the member holds is freed (holder = the member), checked against the member again.
  const tier = (written.written ? before?.tier : undefined) ?? after.tier;
  const held = written.written ? before?.holdsSeat === true : true;
  await reconcileSeat(deps.repos, tier, personId, 'refused');
  await deps.audit.append({
    entity: `member/${personId}`,
    action: 'member.vetoed',
    actor: cmd.by.actor,
    clause: 'M-VETO',
    idempotencyKey: `veto#${personId}#${veto.on}`,
    details: {
      on: veto.on, reportedBy: veto.reportedBy, ...(veto.documentNo !== undefined ? { documentNo: veto.documentNo } : {}),
      removed: true, tier, seatReleased: held, recordedBy: cmd.by.username,
    },
  });
  const owed = talkObligations(knownEvents(await deps.repos.members.events(personId)), [], today, deps.policy).mustTalks.find((t) => t.trigger === 'removal');
  return {
    recorded: written.written,
    personId,
    status: after.status,
    veto: after.veto ?? { on: veto.on, reason: veto.matter },
    removal: { clause: 'M-VETO', on: veto.on, tier, seatReleased: held },
    ...(owed ? { talkDue: owed } : {}),
  };
}
