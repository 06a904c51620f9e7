import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ClauseId } from '../../domain/clauses';
import { MemberEventSchema, type Member, type MemberEventInput } from '../../domain/membership';
import { seatChanges } from '../../domain/membership/seats';
import { problem, type Result } from '../../domain/problem';
import { parseRotationRecord, parseTalkRecord, parseTrainingRecord, type RotationRecord, type TalkRecord, type TrainingRecord } from '../../domain/talks';
import { Conflict, Forbidden, ValidationError } from '../errors';
import type { Role } from '../../contracts/roles';
import type { MemberRecord, RecordKind, UseCaseContext } from '../ports';
import { appendMemberEvent, memberNotFound } from './append-event';
import { beijingDate } from '../../domain/dates';

/**
 * A member's records: talks (C-TALK), training (D-TRAIN), rotations (D-ROTATE). Each is
 * parsed by the domain's parser, applied to the member through the reducer (a record
 * before admission or after removal is refused, 422), stored as a record item, audited.
 *
 * Who: the bureau records all three. A school may record training for members of its own
 * unit (X-UNITS / D-TRAIN: each unit trains its own reserves and keeps their training
 * plans); talks (by whoever holds management authority) and rotations (arranged across
 * units) stay with the bureau.
 */

interface Kind<R extends { id?: string | undefined }> {
  kind: RecordKind;
  clause: ClauseId;
  roles: Role[];
  parse: (input: unknown) => Result<R>;
  date: (r: R) => string;
  event: (r: R & { id: string }) => MemberEventInput;
}

const TALK: Kind<TalkRecord> = {
  kind: 'talk', clause: 'C-TALK', roles: ['bureau'], parse: parseTalkRecord, date: (r) => r.on,
  event: ({ on, ...record }) => ({ type: 'talked', on, record }),
};
const TRAINING: Kind<TrainingRecord> = {
  kind: 'training', clause: 'D-TRAIN', roles: ['bureau', 'school'], parse: parseTrainingRecord, date: (r) => r.from,
  event: (record) => ({ type: 'trained', on: record.from, record }),
};
const ROTATION: Kind<RotationRecord> = {
  kind: 'rotation', clause: 'D-ROTATE', roles: ['bureau'], parse: parseRotationRecord, date: (r) => r.from,
  event: (record) => ({ type: 'rotated', on: record.from, record }),
};

/**
 * A reducer problem's path in the request body: the event's date is the record's date field
 * (`on` for a talk, `from` otherwise), `record.x` is `x`, and the event as a whole (`type`:
 * the member was removed, say) is the request as a whole.
 */
function bodyPath<R extends { id?: string | undefined }>(k: Kind<R>, eventPath: string): string {
  if (eventPath === 'on') return k.kind === 'talk' ? 'on' : 'from';
  if (eventPath.startsWith('record.')) return eventPath.slice('record.'.length);
  return eventPath === 'type' ? '' : eventPath;
}

/** Who records it: the user (for the audit trail), and the unit a school user is confined to. */
export interface Recorder {
  username: string;
  actor: string;
  /** A school's unit: it records for its own members only. Undefined for the bureau. */
  unit?: string;
}

export interface RecordCommand {
  personId: string;
  /** The request body, parsed here by the domain's record parser. */
  input: unknown;
  by: Recorder;
  now: Date;
}

function recordUseCase<R extends { id?: string | undefined }>(k: Kind<R>) {
  return async (deps: UseCaseContext, cmd: RecordCommand): Promise<{ record: MemberRecord; removal?: FailedRemoval }> => {
    const { personId } = cmd;
    const parsed = k.parse(cmd.input);
    if (!parsed.ok) throw new ValidationError(parsed.problems);
    // A record is of something that happened: a talk held, a course or a posting begun.
    const today = beijingDate(cmd.now);
    const day = k.date(parsed.value);
    if (day > today) {
      const field = bodyPath(k, 'on');
      throw new ValidationError([problem('RECORD_DATE_FUTURE', field, `「${field}」${day} 晚于今天（${today}），只能记录已发生的事项`, `${field} ${day} is after today (${today}): record what has happened`)]);
    }

    const own = cmd.by.unit;
    const current = await deps.repos.members.get<Member>(personId);
    // A school hears the same 403 whether the member is another unit's or nobody's.
    if (own !== undefined && current?.unitCode !== own) throw new Forbidden('只能为本单位的后备人才记录', 'your own unit\'s members only');
    if (!current) throw memberNotFound(personId);
    const id = parsed.value.id ?? `${k.kind.slice(0, 1).toUpperCase()}${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const exists = () => new Conflict('RECORD_EXISTS', `记录 ${id} 已存在`, `record ${id} already exists`, { clause: k.clause });
    // The cheap answer for an id stored long ago; the checks below are the ones that hold
    // when requests with one id arrive together.
    if (parsed.value.id !== undefined && (await deps.repos.records.list(personId, k.kind)).some((r) => r.id === id)) throw exists();
    const record = { ...parsed.value, id };
    const event = k.event(record);
    // One record id, one event: the key is committed with the event in the member's snapshot
    // (member-writer.ts), so of simultaneous requests with this id exactly one writes it.
    const appended = await appendMemberEvent(deps, personId, event, { now: cmd.now, key: `${k.kind}:${id}`, pathOf: (p) => bodyPath(k, p) });
    const member = appended.member;
    let seq: number;
    if (appended.written) {
      seq = appended.seq;
    } else {
      // Someone committed this id: a simultaneous duplicate, or an earlier attempt of this
      // request that died before storing the record item. Only the same record may go on to
      // finish it (the record item below decides who); another record under the id is a 409.
      const committed = await committedEvent(deps, personId, event.type, id);
      if (!committed || !isDeepStrictEqual(committed.payload, MemberEventSchema.parse(event))) throw exists();
      seq = committed.seq;
    }
    const item: MemberRecord = {
      ...record,
      recordType: k.kind,
      personId,
      unitCode: current.unitCode,
      date: k.date(record),
      recordedBy: cmd.by.username,
      recordedAt: cmd.now.toISOString(),
      eventSeq: seq,
    };
    // The record item is claimed with a condition: of the requests that got this far with one
    // id, exactly one stores it and answers 201 (and audits, and completes a removal); the
    // rest are 409 — even the one whose member write committed, if a duplicate finished first.
    if (!(await deps.repos.records.add(item))) throw exists();
    await deps.audit.append({
      entity: `member/${personId}`,
      action: `member.${k.kind}-recorded`,
      actor: cmd.by.actor,
      clause: k.clause,
      details: { id, date: item.date, seq },
    });
    const removal = k.kind === 'talk' ? await completeFailedRemoval(deps, cmd, personId, member, record as unknown as TalkRecord) : undefined;
    return { record: item, ...(removal ? { removal } : {}) };
  };
}

/** The committed event of `type` carrying record `id`, if any (the log includes its snapshot's outbox). */
async function committedEvent(deps: UseCaseContext, personId: string, type: string, id: string) {
  const stored = await deps.repos.members.events<{ record?: { id?: unknown } }>(personId);
  return stored.find((e) => e.type === type && e.payload?.record?.id === id);
}

/**
 * M-FAIL (五(一)): a failed summative review is followed by an organisational talk, *then* the
 * member is no longer in the pool. The review leaves the member removal-pending (holding the
 * seat); recording that organisational talk completes the removal and frees the seat.
 */
export interface FailedRemoval { clause: 'M-FAIL'; on: string; status: Member['status']; seatReleased: boolean }

async function completeFailedRemoval(deps: UseCaseContext, cmd: RecordCommand, personId: string, member: Member, talk: TalkRecord): Promise<FailedRemoval | undefined> {
  if (member.status !== 'removal-pending' || member.pendingRemoval?.clause !== 'M-FAIL' || talk.kind !== 'organisational') return undefined;
  const { member: after } = await appendMemberEvent(deps, personId, {
    type: 'removed', on: talk.on, clause: 'M-FAIL', reason: '总结性考核不合格，经组织谈话后不再列入后备人才培养对象',
  }, { now: cmd.now });
  const change = seatChanges(member, after);
  if (change.release !== undefined) await deps.repos.seats.releaseSeat(change.release, personId);
  await deps.audit.append({
    entity: `member/${personId}`, action: 'member.removed', actor: cmd.by.actor, clause: 'M-FAIL',
    details: { on: talk.on, seatReleased: change.release ?? null },
  });
  return { clause: 'M-FAIL' as const, on: talk.on, status: after.status, seatReleased: change.release !== undefined };
}

/** Record a talk (C-TALK), training (D-TRAIN) or a rotation (D-ROTATE) for a member. */
export const recordTalk = recordUseCase(TALK);
export const recordTraining = recordUseCase(TRAINING);
export const recordRotation = recordUseCase(ROTATION);

/** Who may record each kind (the API checks the role before calling the use case). */
export const RECORD_ROLES: Readonly<Record<RecordKind, readonly Role[]>> = { talk: TALK.roles, training: TRAINING.roles, rotation: ROTATION.roles };
