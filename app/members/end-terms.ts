import { beijingDate, type IsoDate } from '../../domain/dates';
import type { Member } from '../../domain/membership/member';
import { seatHolding } from '../../domain/membership/member';
import { termEndAdjustment, termsEndingBy } from '../../domain/membership/term';
import type { EndTermsInput } from '../../contracts/tasks/review';
import type { MemberSnapshot, UseCaseContext } from '../ports';
import { reconcileSeat } from './seat-reconcile';
import { allOf } from '../pages';
import { TIERS } from '../../domain/tier';
import { writeMemberEvents } from './write-events';

export interface EndTermsResult {
  /** The Beijing date judged: every term whose end day is on or before it ends. */
  on: IsoDate;
  ended: number;
  /** Where the next batch starts (the pool index's cursor); null when the pool is done. */
  cursor: string | null;
}

/** Members read per batch: one page of the pool index. */
export const END_TERMS_PAGE = 100;

/**
 * The term-end step (M-TERM, DESIGN §2 *Term end*), run every day by the term-end schedule:
 * every term whose end day has come ends — dated its own end day, not the day the step ran —
 * the seat is freed (app/members/seat-reconcile, `holder = :me`), and it is audited. A
 * member the bureau renewed has a later end day and is passed by. One page of the pool per
 * call, so the state machine loops on `cursor` and no invocation grows with the pool.
 *
 * Idempotent: a member whose term has already ended is no longer in the pool index (or no
 * longer active), and the seat release and the audit entry (keyed by member and end day)
 * are harmless to repeat. A refused end (a removal pending under M-VETO, say) is logged
 * and left for the removal that is under way.
 */
export async function endTermsDue(deps: UseCaseContext, input: EndTermsInput): Promise<EndTermsResult> {
  const on = beijingDate(input.at);
  const page = await deps.repos.members.listPool<Member>({ limit: END_TERMS_PAGE, ...(input.cursor ? { cursor: input.cursor } : {}) });
  const due = termsEndingBy(page.items.flatMap((s) => (s.state ? [{ ...s.state, snapshot: s }] : [])), on);
  // The first batch also gives back any seat a crashed earlier run left behind (below).
  const freed = input.cursor ? 0 : await freeLeftSeats(deps);
  let ended = 0;
  for (const m of due) if (await endTerm(deps, m.snapshot, 'system:term-end')) ended++;
  if (ended > 0 || freed > 0) deps.logger.info('terms ended', { on, ended, seatsFreed: freed });
  return { on, ended, cursor: page.cursor ?? null };
}

/**
 * A run that died between ending a term and releasing its seat leaves a seat held by a member
 * who has left — and that member is no longer in the pool index the step reads. So each day's
 * first batch compares the seats (a few dozen per tier, T-CAP) with the pool index (members
 * holding a seat: at most the caps' sum) and hands each seat held by someone not in it to
 * seat-reconcile, which reads the member again and releases only a seat they do not hold (the
 * admission side checks its seat again after writing, so a seat claimed for an admission in
 * flight is claimed back). How many were looked at again.
 */
async function freeLeftSeats(deps: UseCaseContext): Promise<number> {
  const pool = await allOf((page) => deps.repos.members.listPool<Member>(page));
  const holding = new Set(pool.filter((s) => s.state?.holdsSeat).map((s) => `${s.state.tier}#${s.personId}`));
  let freed = 0;
  for (const tier of TIERS) {
    for (const seat of await deps.repos.seats.list(tier)) {
      if (seat.holder === undefined || holding.has(`${tier}#${seat.holder}`)) continue;
      await reconcileSeat(deps.repos, tier, seat.holder, 'refused');
      freed++;
    }
  }
  return freed;
}

/**
 * Ends one member's term on its end day (the adjustment from this term's summative grade)
 * and frees the seat. True when this call ended the term (a repeat finishes the seat and the
 * audit entry, and says false).
 */
export async function endTerm(deps: UseCaseContext, m: MemberSnapshot<Member>, actor: string): Promise<boolean> {
  const on = m.state.termEnd;
  const adjustment = termEndAdjustment(m.state, deps.policy);
  const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: deps.now }, m.personId, [
    { type: 'term-ended', on, clause: 'M-TERM', adjustment, reason: '任期届满（三年一届），到期调整' },
  ], {
    // Already ended, or renewed meanwhile (a later end day): nothing to write.
    applied: (s) => s !== undefined && (!seatHolding(s.status) || s.termEnd > on),
    actor,
  });
  if (!written.ok) {
    deps.logger.warn('term end refused', { personId: m.personId, problemCodes: written.problems.map((p) => p.code) });
    return false;
  }
  const { after } = written;
  if (seatHolding(after.status)) return false;
  // Left (now, or by an earlier attempt, or otherwise: removed, used): no seat left behind.
  await reconcileSeat(deps.repos, m.state.tier, m.personId, 'refused');
  if (after.status !== 'term-ended' || after.exit?.on !== on) return false;
  await deps.audit.append({
    entity: `member/${m.personId}`, action: 'member.term-ended', actor, clause: 'M-TERM', at: `${on}T00:00:00+08:00`,
    idempotencyKey: `term-end#${m.personId}#${on}`,
    details: { termStart: m.state.termStart, termEnd: on, tier: m.state.tier, cohortId: m.state.cohortId, adjustment, seatReleased: true },
  });
  return written.written;
}
