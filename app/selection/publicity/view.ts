import { workingDaysBetween } from '../../../domain/calendar/working-days';
import type { Round } from '../../../domain/round/round';
import { pendingCount, type Objection, type PublicityState } from '../../../domain/selection/publicity';
import { NotFound } from '../../errors';
import type { UseCaseContext } from '../../ports';
import { publishedList, type PublishedEntry } from './list';

/**
 * What the 公示 pages show. The public page (no sign-in) has the period, the list with §7's
 * fields only (name, gender, year-month of birth, unit and post, tier — no ID number, no
 * nomination id) and where to raise an objection; the bureau's page adds the nomination ids
 * (to record an objection against one), the objections and how each stands.
 */
export const TIER_NAMES: Readonly<Record<1 | 2 | 3, string>> = { 1: '党政正职后备', 2: '党政副职后备', 3: '学校中层后备' };
export const PUBLICITY_OFFICE = '中共常州市金坛区教育工作委员会';

export interface PeriodView {
  from: string;
  to: string;
  workingDays: number;
  endsAt: string;
  /** The period is running at `now` (before its end). */
  running: boolean;
  /** Working days of the period gone by at `now` (today included once it is under way). */
  workingDaysElapsed: number;
  closed: boolean;
}

function periodView(p: PublicityState, now: Date): PeriodView {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const elapsed = today < p.startsOn ? 0 : workingDaysBetween(p.startsOn, today < p.endsOn ? today : p.endsOn);
  return {
    from: p.startsOn, to: p.endsOn, workingDays: p.workingDays, endsAt: p.endsAt,
    running: now.getTime() < Date.parse(p.endsAt), workingDaysElapsed: elapsed, closed: p.closedAt !== undefined,
  };
}

const notPublished = (roundId: string) => new NotFound({ zh: `遴选批次 ${roundId} 的公示`, en: `the 公示 of round ${roundId}` }, 'PUBLICITY_NOT_FOUND');

function requirePublicity(round: Round | undefined, roundId: string): { round: Round; publicity: PublicityState } {
  if (!round?.publicity) throw notPublished(roundId);
  return { round, publicity: round.publicity };
}

export interface PublicView {
  roundId: string;
  title: string;
  clause: 'S-PUBLICITY';
  period: PeriodView;
  entries: Array<Omit<PublishedEntry, 'nominationId'> & { no: number; tierName: string }>;
  office: string;
  contact?: string;
  zh: string;
}

function contactOf(round: Round): string | undefined {
  const c = (round as { selection?: { publicity?: { contact?: unknown } } }).selection?.publicity?.contact;
  return typeof c === 'string' && c.trim() !== '' ? c.trim() : undefined;
}

/** The public page's data: only for a round whose 公示 has started (otherwise "not found", whatever exists). */
export async function publicView(deps: Pick<UseCaseContext, 'repos' | 'policy'>, roundId: string, now: Date): Promise<PublicView> {
  const { round, publicity } = requirePublicity(await deps.repos.rounds.get(roundId), roundId);
  const entries = (await publishedList(deps, round)).map(({ nominationId: _id, ...e }, i) => ({ no: i + 1, ...e, tierName: TIER_NAMES[e.tier] }));
  const contact = contactOf(round);
  return {
    roundId, title: `关于${round.title ?? '金坛区教育系统后备人才'}拟入库人选的公示`, clause: 'S-PUBLICITY',
    period: periodView(publicity, now), entries, office: PUBLICITY_OFFICE, ...(contact ? { contact } : {}),
    zh: `公示期间，如对公示对象有异议，请以书面、电话或来访等形式向${PUBLICITY_OFFICE}反映${contact ? `（${contact}）` : ''}。反映问题要实事求是，以单位名义反映的应加盖公章，以个人名义反映的应署真实姓名。`,
  };
}

export interface BureauView {
  roundId: string;
  status: Round['status'];
  period: PeriodView;
  entries: Array<PublishedEntry & { tierName: string; objections: number; upheld: boolean }>;
  objections: Objection[];
  pending: number;
  /** The round waits for the last pending objection to be resolved (the period is over). */
  awaitingObjections: boolean;
}

export async function bureauView(deps: Pick<UseCaseContext, 'repos' | 'policy'>, roundId: string, now: Date): Promise<BureauView> {
  const { round, publicity } = requirePublicity(await deps.repos.rounds.require(roundId), roundId);
  const objections = await deps.repos.objections.list(roundId);
  const entries = (await publishedList(deps, round)).map((e) => ({
    ...e, tierName: TIER_NAMES[e.tier],
    objections: objections.filter((o) => o.against === e.nominationId).length,
    upheld: objections.some((o) => o.against === e.nominationId && o.status === 'upheld'),
  }));
  return {
    roundId, status: round.status, period: periodView(publicity, now), entries, objections, pending: pendingCount(objections),
    awaitingObjections: typeof publicity.taskToken === 'string' && publicity.taskToken !== '' && !publicity.closedAt,
  };
}
