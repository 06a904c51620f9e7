import { beijingDate } from '../../domain/dates';
import {
  assessmentOpenedNotice, ballotOpenedNotice, formRejectedNotice, roundOpenedNotice, type BallotRef, type RejectedForm,
} from '../../domain/notices/texts';
import type { Nomination } from '../../domain/round/nomination';
import type { Round } from '../../domain/round/round';
import { allOf } from '../pages';
import type { UseCaseContext } from '../ports';
import type { UnitRecord } from '../ports/units';
import { announceSafely, type AnnounceContext, type Announced } from './announce';

export type { Announced };

/**
 * The events that tell units something (DESIGN §7): each turns into notices for the units it
 * concerns (the registry's contacts) and is announced through `announceSafely`, which never
 * throws — so a caller awaits these on its own path and its own work never fails for them.
 */

export type Ctx = AnnounceContext & Pick<UseCaseContext, 'repos'>;

export const allUnits = (ctx: Pick<UseCaseContext, 'repos'>): Promise<UnitRecord[]> => allOf((p) => ctx.repos.units.list(p));

/** S-ROUND: every registered unit hears that the round is open, with its upload page. */
export function noticeRoundOpened(ctx: Ctx, round: Pick<Round, 'roundId' | 'title' | 'intakeClosesAt'>): Promise<Announced> {
  return announceSafely(ctx, 'round-opened', async () => {
    const at = ctx.now().toISOString();
    const ref = { roundId: round.roundId, title: roundTitle(round), intakeClosesAt: round.intakeClosesAt };
    return (await allUnits(ctx)).map((u) => roundOpenedNotice(u, ref, at));
  });
}

/** A form the intake rejected: its unit hears which one and why (one notice per nomination). */
export function noticeFormsRejected(ctx: AnnounceContext & { units?: Pick<UseCaseContext['repos']['units'], 'get'> }, unitCode: string, rejected: readonly Nomination[]): Promise<Announced> {
  return announceSafely(ctx, 'form-rejected', async () => {
    if (rejected.length === 0 || !ctx.units) return [];
    const unit = await ctx.units.get(unitCode);
    if (!unit) return [];
    const at = ctx.now().toISOString();
    return rejected.map((n) => {
      const f: RejectedForm = {
        roundId: n.roundId, nominationId: n.nominationId,
        ...(n.candidateName ? { name: n.candidateName } : {}),
        reasons: (n.problems ?? []).map((p) => ({ zh: p.zh, en: p.en })),
      };
      return formRejectedNotice(unit, f, at);
    });
  });
}

/** X-UNITS: each unit with members under review hears the window is open, how many, and until when. */
export function noticeAssessmentOpened(ctx: Ctx, review: { reviewId: string; reviewDate?: string; windowClosesAt: string }, perUnit: ReadonlyMap<string, number>): Promise<Announced> {
  return announceSafely(ctx, 'assessment-opened', async () => {
    const at = ctx.now().toISOString();
    const title = reviewTitle(review);
    const units = (await allUnits(ctx)).filter((u) => (perUnit.get(u.code) ?? 0) > 0);
    return units.map((u) => assessmentOpenedNotice(u, { reviewId: review.reviewId, title, dueOn: beijingDate(review.windowClosesAt), members: perUnit.get(u.code) ?? 0 }, at));
  });
}

/**
 * 民主推荐 (DESIGN §7): a unit's ballot is open. For the engineer building ballots: call it when
 * a ballot opens, with the units whose voters vote (never throws, never sends twice per ballot
 * and unit).
 */
export function noticeBallotOpened(ctx: Ctx, ballot: BallotRef, unitCodes: readonly string[]): Promise<Announced> {
  return announceSafely(ctx, 'ballot-opened', async () => {
    const at = ctx.now().toISOString();
    const units = (await Promise.all([...new Set(unitCodes)].map((c) => ctx.repos.units.get(c)))).filter((u): u is UnitRecord => u !== undefined);
    return units.map((u) => ballotOpenedNotice(u, ballot, at));
  });
}

export function roundTitle(round: { roundId: string; title?: string | undefined }): string {
  return round.title ?? `后备干部遴选 ${round.roundId}`;
}

export function reviewTitle(review: { reviewId: string; reviewDate?: string }): string {
  const year = (review.reviewDate ?? '').slice(0, 4);
  return /^\d{4}$/.test(year) ? `${year}年度后备干部考核` : `后备干部考核 ${review.reviewId}`;
}

