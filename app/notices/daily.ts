import { beijingDate, type IsoDate } from '../../domain/dates';
import { isDeadlineReminderDay } from '../../domain/notices/deadline';
import type { Notice } from '../../domain/notices/notice';
import { deadlineSoonNotice, talkOverdueNotice, type NoticeUnit } from '../../domain/notices/texts';
import { allOf } from '../pages';
import type { UseCaseContext } from '../ports';
import type { UnitRecord } from '../ports/units';
import { listTalksDue } from '../talks/due';
import { announceSafely, type Announced } from './announce';
import { allUnits, reviewTitle, roundTitle, type Ctx } from './triggers';

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
