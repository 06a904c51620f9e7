import type { Member, MemberEvent, MemberEventInput } from '../../domain/membership';
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
 * What appending an event came to: written (with its seq), or not, because a write with the
 * same `key` is already committed (a concurrent duplicate won, or an earlier attempt of this
 * request did and died after) — then `member` is the member as it is now.
 */
export type AppendedEvent = { written: true; member: Member; seq: number } | { written: false; member: Member };

export async function appendMemberEvent(
  deps: Pick<UseCaseContext, 'repos' | 'policy'>,
  personId: string,
  input: MemberEventInput,
  opts: { now: Date; name?: string; key?: string; pathOf?: (eventPath: string) => string },
): Promise<AppendedEvent> {
  const written = await writeMemberEvents(
    { members: deps.repos.members, policy: deps.policy, now: () => opts.now },
    personId,
    [input],
    { applied: () => false, ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.key !== undefined ? { key: opts.key } : {}) },
  );
  if (!written.ok) {
    // The reducer speaks of the event's fields (on, type, record.…); the caller names its body's.
    const pathOf = opts.pathOf ?? ((p: string) => p);
    throw new DomainRejection(written.problems.map((p) => ({ ...p, path: pathOf(p.path) })), '该事项不能记录', 'the event cannot be recorded');
  }
  return written.written ? { written: true, member: written.after, seq: written.after.version } : { written: false, member: written.after };
}
