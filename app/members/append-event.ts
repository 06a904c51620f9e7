import { MemberEventSchema, type Member, type MemberEvent, type MemberEventInput } from '../../domain/membership';
import { beijingDate } from '../../domain/dates';
import type { KnownEvent } from '../../domain/talks';
import { writeMemberEvents } from './write-events';
import { DomainRejection, NotFound } from '../errors';
import type { MemberEvent as StoredEvent, UseCaseContext } from '../ports';

/**
 * A member's lifecycle through the domain reducer, written the one way the system writes it
 * (app/members/write-events.ts: the snapshot with its version check is the commit, its
 * events copied to `EVENT#{on}#{seq}` after; a lost race is re-read and re-reduced). The
 * reducer's refusal is a 422.
 */

export function memberNotFound(personId: string): NotFound {
  return new NotFound({ zh: `后备人才 ${personId}`, en: `member ${personId}` }, 'MEMBER_NOT_FOUND');
}

/** The domain events behind stored ones (payload is the parsed domain event). */
export function domainEvents(stored: readonly StoredEvent[]): MemberEvent[] {
  return stored.map((e) => ({ ...(e.payload ?? {}), type: e.type }) as unknown as MemberEvent);
}

/**
 * The domain events with the day each became known (the Beijing date it was written; an event
 * stored before writes were stamped is known on its own date), in the order they were applied
 * (seq = the member's version), whatever their dates: what talk due dates count from.
 */
export function knownEvents(stored: readonly StoredEvent[]): KnownEvent[] {
  return [...stored].sort((a, b) => a.seq - b.seq).flatMap((s) => {
    const parsed = MemberEventSchema.safeParse({ ...(s.payload ?? {}), type: s.type });
    if (!parsed.success) return [];
    return [s.recordedAt !== undefined ? { ...parsed.data, knownOn: beijingDate(new Date(s.recordedAt)) } : parsed.data];
  });
}

/**
 * What appending an event came to: written (with its seq), or not, because a write with the
 * same `key` is already committed (a concurrent duplicate won, or an earlier attempt of this
 * request did and died after) — then `member` is the member as it is now.
 */
export type AppendedEvent = { written: true; member: Member; seq: number } | { written: false; member: Member };

export async function appendMemberEvent(
  deps: Pick<UseCaseContext, 'repos' | 'policy'>,
  personId: string,
  input: MemberEventInput,
  opts: { now: Date; name?: string; key?: string; actor?: string; pathOf?: (eventPath: string) => string },
): Promise<AppendedEvent> {
  const written = await writeMemberEvents(
    { members: deps.repos.members, policy: deps.policy, now: () => opts.now },
    personId,
    [input],
    {
      applied: () => false, ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.key !== undefined ? { key: opts.key } : {}),
      ...(opts.actor !== undefined ? { actor: opts.actor } : {}),
    },
  );
  if (!written.ok) {
    // The reducer speaks of the event's fields (on, type, record.…); the caller names its body's.
    const pathOf = opts.pathOf ?? ((p: string) => p);
    throw new DomainRejection(written.problems.map((p) => ({ ...p, path: pathOf(p.path) })), '该事项不能记录', 'the event cannot be recorded');
  }
  return written.written ? { written: true, member: written.after, seq: written.after.version } : { written: false, member: written.after };
}
