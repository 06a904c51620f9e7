import { beijingDate, type IsoDate } from '../../domain/dates';
import { isDeadlineReminderDay } from '../../domain/notices/deadline';
import type { Notice } from '../../domain/notices/notice';
import {
  assessmentOpenedNotice, ballotOpenedNotice, deadlineSoonNotice, formRejectedNotice, roundOpenedNotice, talkOverdueNotice,
  type BallotRef, type NoticeUnit, type RejectedForm,
} from '../../domain/notices/texts';
import type { Nomination } from '../../domain/round/nomination';
import type { Round } from '../../domain/round/round';
import { allOf } from '../pages';
import type { UseCaseContext } from '../ports';
import type { UnitRecord } from '../ports/units';
import { listTalksDue } from '../talks/due';
import { announceSafely, type AnnounceContext, type Announced } from './announce';

/**
 * The events that tell units something (DESIGN §7): each turns into notices for the units it
 * concerns (the registry's contacts) and is announced through `announceSafely`, which never
 * throws — so a caller awaits these on its own path and its own work never fails for them.
 */

type Ctx = AnnounceContext & Pick<UseCaseContext, 'repos'>;

const allUnits = (ctx: Pick<UseCaseContext, 'repos'>): Promise<UnitRecord[]> => allOf((p) => ctx.repos.units.list(p));

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

function roundTitle(round: { roundId: string; title?: string | undefined }): string {
  return round.title ?? `后备干部遴选 ${round.roundId}`;
}

function reviewTitle(review: { reviewId: string; reviewDate?: string }): string {
  const year = (review.reviewDate ?? '').slice(0, 4);
  return /^\d{4}$/.test(year) ? `${year}年度后备干部考核` : `后备干部考核 ${review.reviewId}`;
}

/** Rounds read by the daily check (newest first; the open ones are among the latest). */
const MAX_ROUNDS_CHECKED = 200;

/**
 * The daily check (run by the term machine's daily execution, after terms end): reminders of
 * deadlines one to three days ahead — a round's intake for every unit, a review's
 * assessments for each unit with members to assess that has not submitted them all — and
 * every overdue talk to its member's unit. The notice keys make a second run the same day
 * (or the next day) send nothing again.
 */
export async function dailyNotices(ctx: Ctx & Pick<UseCaseContext, 'policy'>, today: IsoDate): Promise<Announced> {
  const total: Announced = { queued: 0, already: 0, failed: 0, unreachable: 0 };
  const add = (a: Announced) => { total.queued += a.queued; total.already += a.already; total.failed += a.failed; total.unreachable += a.unreachable; };
  if (!ctx.notices) return total;
  let units: Map<string, UnitRecord> | undefined;
  const registry = async () => (units ??= new Map((await allUnits(ctx)).map((u) => [u.code, u])));
  const at = ctx.now().toISOString();

  add(await announceSafely(ctx, 'deadline-soon:intake', async () => {
    const rounds = (await ctx.repos.rounds.list({ limit: MAX_ROUNDS_CHECKED })).items;
    const due = rounds.filter((r) => r.status === 'open' && isDeadlineReminderDay(r.intakeClosesAt, today));
    if (due.length === 0) return [];
    const all = [...(await registry()).values()];
    return due.flatMap((r) => all.map((u) => deadlineSoonNotice(u, { kind: 'intake', id: r.roundId, title: roundTitle(r), deadline: r.intakeClosesAt }, at)));
  }));

  add(await announceSafely(ctx, 'deadline-soon:assessment', async () => {
    const reviews = (await ctx.repos.reviews.list({ limit: MAX_ROUNDS_CHECKED })).items;
    const out: Notice[] = [];
    for (const r of reviews) {
      const closes = typeof r.windowClosesAt === 'string' ? r.windowClosesAt : undefined;
      if (r.status !== 'open' || !closes || !isDeadlineReminderDay(closes, today)) continue;
      const expected = await ctx.repos.reviewItems.expected(r.reviewId);
      const submitted = new Set((await allOf((p) => ctx.repos.reviews.listAssessments(r.reviewId, p))).map((a) => a.personId));
      const owing = new Map<string, number>();
      for (const e of expected) if (!submitted.has(e.personId)) owing.set(e.unitCode, (owing.get(e.unitCode) ?? 0) + 1);
      const reg = await registry();
      for (const code of owing.keys()) {
        const u = reg.get(code);
        if (u) out.push(deadlineSoonNotice(u, { kind: 'assessment', id: r.reviewId, title: reviewTitle({ reviewId: r.reviewId, ...(typeof r.reviewDate === 'string' ? { reviewDate: r.reviewDate } : {}) }), deadline: beijingDate(closes) }, at));
      }
    }
    return out;
  }));

  add(await announceSafely(ctx, 'talk-overdue', async () => {
    const { talks } = await listTalksDue(ctx, today);
    const reg = await registry();
    return talks.filter((t) => t.overdue).flatMap((t) => {
      const u: NoticeUnit | undefined = reg.get(t.member.unit);
      return u ? [talkOverdueNotice(u, {
        personId: t.member.personId, ...(t.member.name ? { name: t.member.name } : {}), trigger: t.trigger,
        triggeredBy: t.triggeredBy, due: t.due, clause: t.clause, what: { zh: t.zh, en: t.en },
      }, at)] : [];
    });
  }));
  return total;
}
