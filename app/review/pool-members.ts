import type { Member } from '../../domain/membership/member';
import type { MemberSnapshot, MemberStore } from '../ports';
import { allOf } from '../pages';

/** Members under review: in the pool and active (a pending removal is not reviewed again). */
export async function activeMembers(members: MemberStore): Promise<MemberSnapshot<Member>[]> {
  const pool = await allOf((page) => members.listPool<Member>(page));
  return pool.filter((m) => m.state?.status === 'active');
}

/** A cohort (M-TERM): the members admitted together, sharing a term start. */
export function cohortKey(c: { cohortId: string; termStart: string }): string {
  return `${c.cohortId}|${c.termStart}`;
}
