import { applyMemberEvent } from '../../domain/membership/reducer';
import { MemberEventSchema, type MemberEvent, type MemberEventInput } from '../../domain/membership/events';
import type { Member } from '../../domain/membership/member';
import type { Policy } from '../../domain/policy/schema';
import type { Rejection } from '../../domain/problem';
import { Conflict, TransientError } from '../shared/errors';
import type { MemberRepository, MemberSnapshot } from '../shared/repository/members';

/** The outcome of writing a member's events: the state before and after. */
export type MemberWrite =
  | { ok: true; written: boolean; before: Member | undefined; after: Member }
  | Rejection;

export interface MemberWriterDeps {
  members: MemberRepository;
  policy: Pick<Policy, 'term' | 'review'>;
  now: () => Date;
}

const ATTEMPTS = 3;

/**
 * Folds `events` into a member through the domain reducer and persists them: each event as
 * `EVENT#{on}#{seq}` (seq = the member's version after it, so a retried step rewrites the
 * same keys and the conditional append is a no-op), then the snapshot with `version =
 * :prev` — one single-item write, so a member either shows all of a step's events or none.
 *
 * `applied(state)` tells a retried step that the snapshot already holds these events (read
 * from the domain state, e.g. "this year's assessment is recorded"); then nothing is written.
 * A refused event returns the reducer's Problems; a lost version race is re-read and
 * re-reduced a few times, then surfaces as a TransientError for the state machine's Retry.
 */
export async function writeMemberEvents(
  deps: MemberWriterDeps,
  personId: string,
  events: readonly MemberEventInput[],
  opts: { applied: (state: Member | undefined) => boolean; name?: string },
): Promise<MemberWrite> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const snap = await deps.members.get<Member>(personId);
    const before = snap?.state;
    if (opts.applied(before)) {
      if (!before) throw new Error('applied() accepted a member that does not exist');
      return { ok: true, written: false, before, after: before };
    }
    let state = before;
    const stored: { event: MemberEvent; seq: number }[] = [];
    for (const input of events) {
      const r = applyMemberEvent(state, input, deps.policy);
      if (!r.ok) return r;
      state = r.value;
      stored.push({ event: MemberEventSchema.parse(input), seq: state.version });
    }
    if (!state) throw new Error('no events to write');
    for (const { event, seq } of stored) {
      await deps.members.appendEvent({ personId, at: event.on, seq, type: event.type, clause: event.clause, payload: event });
    }
    const snapshot: MemberSnapshot<Member> = {
      personId,
      version: state.version,
      tier: state.holdsSeat ? state.tier : null,
      unitCode: state.unit,
      ...(snap?.name ?? opts.name ? { name: snap?.name ?? opts.name } : {}),
      state,
      updatedAt: deps.now().toISOString(),
    };
    try {
      await deps.members.put(snapshot, snap?.version ?? null);
      return { ok: true, written: true, before, after: state };
    } catch (e) {
      if (e instanceof Conflict && e.code === 'MEMBER_VERSION') continue;
      throw e;
    }
  }
  throw new TransientError(undefined, `成员 ${personId} 正被同时修改，稍后重试`, `member ${personId} is being changed concurrently; retry`);
}
