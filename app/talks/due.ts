import type { IsoDate } from '../../domain/dates';
import type { Member } from '../../domain/membership';
import { sortTalksDue, talksDue, type TalkDue } from '../../domain/talks';
import { knownEvents } from '../members/append-event';
import { termEvents } from '../members/term-log';
import { mapBounded } from '../bounded';
import { allOf } from '../pages';
import type { MemberSnapshot, UseCaseContext } from '../ports';

/**
 * C-TALK, pool-wide (GET /talks/due): every talk due or overdue as of a date — the yearly
 * minimum (每年不少于1次) per year of the term, the must-talks (四必谈) whose facts are known
 * (after an assessment, after a setback, after a post change; the promotion talk of a member used, X-USE),
 * and the organisational talk (组织谈话) every removal (M-WARN, M-VETO, M-FAIL) makes due, which
 * a removed member owes until it is recorded. The rule is the domain's (talksDue over each
 * member's events and the day each became known); this reads the members — those holding a
 * seat and those who have left — with their terms' events (two index queries, not one a member).
 */
export async function listTalksDue(deps: Pick<UseCaseContext, 'repos' | 'policy'>, asOf: IsoDate): Promise<{ asOf: IsoDate; talks: TalkDue[] }> {
  const members = deps.repos.members;
  const inPool = await allOf((page) => members.listPool<Member>(page));
  const departed = (await allOf((page) => members.listDeparted<Member>(page)))
    // A removal leaves the organisational talk owed after leaving, a use (X-USE) the promotion talk.
    .filter((s) => s.state?.status === 'removed' || s.state?.status === 'appointed');
  const seen = new Set<string>();
  const owing = [...inPool, ...departed].filter((s) => {
    if (seen.has(s.personId) || !s.state) return false;
    seen.add(s.personId);
    return true;
  });
  // The term's events come with the listing (the snapshot's termLog, app/members/term-log.ts):
  // no read a member. A snapshot without one is read from its log, a few at a time.
  const perMember = await mapBounded(owing, async (s) => talksDue(who(s), knownEvents(await termEvents(members, s)), asOf, deps.policy));
  return { asOf, talks: sortTalksDue(perMember.flat()) };
}

function who(s: MemberSnapshot<Member>) {
  return { personId: s.personId, ...(s.name !== undefined ? { name: s.name } : {}), unit: s.unitCode, tier: s.state.tier, status: s.state.status };
}
