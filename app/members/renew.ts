import { beijingDate } from '../../domain/dates';
import type { Member } from '../../domain/membership';
import { renewalCohortId, renewalProblems, termEndOf } from '../../domain/membership/term';
import { problem } from '../../domain/problem';
import type { RenewalBody } from '../../contracts/api';
import { CapReached, Conflict, DomainRejection, TransientError, ValidationError } from '../errors';
import type { UseCaseContext } from '../ports';
import { memberNotFound } from './append-event';
import { reconcileSeat } from './seat-reconcile';
import { writeMemberEvents } from './write-events';

/**
 * M-TERM renewal (DESIGN §2 *Term end*, §6 POST /pool/members/{personId}/renewals): the
 * bureau gives a member who passed the summative review a new three-year term from `on`,
 * before the old one ends; the member keeps their seat and the daily term-end step passes
 * them by. The domain decides who may be renewed (domain/membership/term.ts: RENEWAL_NOT_ELIGIBLE,
 * RENEWAL_TOO_EARLY, RENEWAL_TOO_LATE, 422); the date is of a decision taken (not after today:
 * RECORD_DATE_FUTURE, 400).
 *
 * Within the cap (T-CAP): a renewal takes no new seat — the member goes on in the one they
 * hold. That seat is checked first (seat-reconcile: the member's own seat item, claimed back
 * only if it went missing); if none is theirs and the tier is full, the renewal is refused
 * (RENEWAL_OVER_CAP, 409) and nothing is written. The audit entry names the acting user.
 * The same renewal posted again (same day) changes nothing (200).
 */
export interface RenewCommand {
  personId: string;
  renewal: RenewalBody;
  by: { username: string; actor: string };
  now: Date;
}

export interface RenewResult {
  /** False when this very renewal was already recorded (a repeat). */
  renewed: boolean;
  personId: string;
  tier: Member['tier'];
  cohortId: string;
  termStart: string;
  termEnd: string;
  /** The term it follows. */
  previous: { cohortId: string; termStart: string; termEnd: string };
  seat: string;
}

export async function renewMember(deps: UseCaseContext, cmd: RenewCommand): Promise<RenewResult> {
  const { personId, renewal } = cmd;
  const today = beijingDate(cmd.now);
  if (renewal.on > today) {
    throw new ValidationError([problem('RECORD_DATE_FUTURE', 'on', `「on」${renewal.on} 晚于今天（${today}），续任须在决定之日记录`, `on ${renewal.on} is after today (${today}): record the renewal when it is decided`)]);
  }
  const current = (await deps.repos.members.get<Member>(personId))?.state;
  if (!current) throw memberNotFound(personId);
  const cohortId = renewalCohortId(renewal.on);
  const same = (m: Member | undefined) => m !== undefined && m.termStart === renewal.on && m.cohortId === cohortId && m.status === 'active';
  if (!same(current)) {
    const problems = renewalProblems(current, renewal.on, deps.policy);
    if (problems.length > 0) throw new DomainRejection(problems, '不能续任', 'cannot be renewed', 'M-TERM');
  }
  // Within the cap: the seat the member goes on in must be theirs before anything is written.
  let seat;
  try {
    seat = await reconcileSeat(deps.repos, current.tier, personId, 'admitted');
  } catch (e) {
    if (e instanceof TransientError && e.cause instanceof CapReached) throw overCap(current.tier, e.cause.cap);
    if (e instanceof CapReached) throw overCap(current.tier, e.cap);
    throw e;
  }
  const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: () => cmd.now }, personId, [
    { type: 'renewed', on: renewal.on, clause: 'M-TERM', cohortId, reason: renewal.reason },
  ], { applied: same, actor: cmd.by.actor });
  if (!written.ok) throw new DomainRejection(written.problems, '不能续任', 'cannot be renewed', 'M-TERM');
  const { after } = written;
  // The term renewed: the one the renewal closed (kept with the earlier terms).
  const prior = after.previousTerms.at(-1) ?? { cohortId: current.cohortId, termStart: current.termStart };
  const previous = { cohortId: prior.cohortId, termStart: prior.termStart, termEnd: termEndOf(prior.termStart, deps.policy) };
  await deps.audit.append({
    entity: `member/${personId}`, action: 'member.renewed', actor: cmd.by.actor, clause: 'M-TERM',
    idempotencyKey: `renewal#${personId}#${renewal.on}`,
    details: {
      on: renewal.on, reason: renewal.reason, tier: current.tier, cohortId, termEnd: after.termEnd,
      previousTermStart: previous.termStart, previousTermEnd: previous.termEnd, seat: seat?.seat ?? null, recordedBy: cmd.by.username,
    },
  });
  return {
    renewed: written.written,
    personId,
    tier: after.tier,
    cohortId: after.cohortId,
    termStart: after.termStart,
    termEnd: after.termEnd,
    previous,
    seat: seat?.seat ?? '',
  };
}

function overCap(tier: number, cap: number): Conflict {
  return new Conflict('RENEWAL_OVER_CAP', `第${tier}梯队已满员（上限 ${cap} 人），该成员未占有本梯队名额，不能续任`,
    `tier ${tier} is full (cap ${cap}) and holds no seat of this member's: the renewal would exceed the cap`,
    { clause: 'M-TERM', problems: [problem('RENEWAL_OVER_CAP', '', `第${tier}梯队已满员（上限 ${cap} 人）`, `tier ${tier} is full (cap ${cap})`)] });
}
