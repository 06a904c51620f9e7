import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ClauseId } from '../../domain/clauses';
import { MemberEventSchema, type Member, type MemberEventInput } from '../../domain/membership';
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
 * before admission is refused, 422; after a removal only the organisational talk it made
 * due is taken), stored as a record item, audited.
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
  return async (deps: UseCaseContext, cmd: RecordCommand): Promise<{ record: MemberRecord }> => {
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
    const appended = await appendMemberEvent(deps, personId, event, { now: cmd.now, key: `${k.kind}:${id}`, actor: cmd.by.actor, pathOf: (p) => bodyPath(k, p) });
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
    // (A removed member takes exactly one record: the organisational talk its removal made due.)
    if (!(await deps.repos.records.add(item))) throw exists();
    await deps.audit.append({
      entity: `member/${personId}`,
      action: `member.${k.kind}-recorded`,
      actor: cmd.by.actor,
      clause: k.clause,
      details: { id, date: item.date, seq },
    });
    return { record: item };
  };
}

/** The committed event of `type` carrying record `id`, if any (the log includes its snapshot's outbox). */
async function committedEvent(deps: UseCaseContext, personId: string, type: string, id: string) {
  const stored = await deps.repos.members.events<{ record?: { id?: unknown } }>(personId);
  return stored.find((e) => e.type === type && e.payload?.record?.id === id);
}

/** Record a talk (C-TALK), training (D-TRAIN) or a rotation (D-ROTATE) for a member. */
export const recordTalk = recordUseCase(TALK);
export const recordTraining = recordUseCase(TRAINING);
export const recordRotation = recordUseCase(ROTATION);

/** Who may record each kind (the API checks the role before calling the use case). */
export const RECORD_ROLES: Readonly<Record<RecordKind, readonly Role[]>> = { talk: TALK.roles, training: TRAINING.roles, rotation: ROTATION.roles };
