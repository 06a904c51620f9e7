import type { Member } from '../../domain/membership/member';
import type { MemberSnapshot, MemberStore } from '../ports';

/** Members under review: in the pool and active (a pending removal is not reviewed again). */
export async function activeMembers(members: MemberStore): Promise<MemberSnapshot<Member>[]> {
  const out: MemberSnapshot<Member>[] = [];
  let cursor: string | undefined;
  do {
    const page = await members.listPool<Member>({ limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.filter((m) => m.state?.status === 'active'));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** A cohort (M-TERM): the members admitted together, sharing a term start. */
export function cohortKey(c: { cohortId: string; termStart: string }): string {
  return `${c.cohortId}|${c.termStart}`;
}
