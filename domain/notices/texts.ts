import type { ClauseId } from '../clauses';
import { beijingDate, toYmd } from '../dates';
import type { UnitContact } from '../units/unit';
import { deliveriesFor, noticeKey, type Bilingual, type Notice, type NoticeKind } from './notice';

/**
 * The notices' texts, Chinese first, every date and time in Beijing time (the district's),
 * and the rule that each goes to the unit's contacts. Pure: every instant is an argument.
 */

/** 2026年3月15日 */
export function zhDate(date: string): string {
  const { y, m, d } = toYmd(date.length > 10 ? beijingDate(date) : date);
  return `${y}年${m}月${d}日`;
}

/** 2026年3月15日 18:00（北京时间） — an ISO instant in Beijing time. */
export function zhDateTime(instant: string): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${instant}`);
  const hhmm = new Date(ms + 8 * 3600 * 1000).toISOString().slice(11, 16);
  return `${zhDate(instant)} ${hhmm}（北京时间）`;
}

/** 2026-03-15 18:00 (Beijing time) */
function enDateTime(instant: string): string {
  const ms = Date.parse(instant);
  return `${new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')} (Beijing time)`;
}

/** The unit a notice goes to: its code, name and contacts (the registry's entry). */
export interface NoticeUnit {
  code: string;
  name: string;
  contacts: readonly UnitContact[];
}

interface Parts {
  kind: NoticeKind;
  entity: string;
  clause: ClauseId;
  subject: Bilingual;
  body: Bilingual;
  link: string;
  at: string;
}

function notice(unit: NoticeUnit, p: Parts): Notice {
  return {
    key: noticeKey(p.kind, unit.code, p.entity),
    kind: p.kind, unit: unit.code, entity: p.entity, clause: p.clause,
    subject: p.subject, body: p.body, link: p.link, at: p.at,
    deliveries: deliveriesFor(unit.contacts),
  };
}

export interface RoundRef {
  roundId: string;
  title: string;
  intakeClosesAt: string;
}

/** S-ROUND: a round is open; the unit's upload page and the intake deadline. */
export function roundOpenedNotice(unit: NoticeUnit, round: RoundRef, at: string): Notice {
  return notice(unit, {
    kind: 'round-opened', entity: `round/${round.roundId}`, clause: 'S-ROUND', at,
    link: `/school/rounds/${encodeURIComponent(round.roundId)}`,
    subject: { zh: `【后备干部遴选】${round.title}已开始`, en: `Reserve selection: ${round.title} has opened` },
    body: {
      zh: `${unit.name}：${round.title}（${round.roundId}）已开始报名，请于${zhDateTime(round.intakeClosesAt)}前在本单位的上传页面提交推荐人选的登记表。`,
      en: `${unit.name}: ${round.title} (${round.roundId}) is open; upload your nominees' forms on your unit's upload page before ${enDateTime(round.intakeClosesAt)}.`,
    },
  });
}

export type DeadlineKind = 'intake' | 'assessment';

export interface DeadlineRef {
  kind: DeadlineKind;
  /** The round or the review. */
  id: string;
  title: string;
  /** ISO instant (a round's intakeClosesAt) or a Beijing date (a review's due day). */
  deadline: string;
}

/** Three days before a deadline: a round's intake or a review's assessments. */
export function deadlineSoonNotice(unit: NoticeUnit, d: DeadlineRef, at: string): Notice {
  const when = d.deadline.length > 10 ? { zh: zhDateTime(d.deadline), en: enDateTime(d.deadline) } : { zh: `${zhDate(d.deadline)}（北京时间）`, en: `${d.deadline} (Beijing time)` };
  const intake = d.kind === 'intake';
  return notice(unit, {
    kind: 'deadline-soon', entity: `${intake ? 'round' : 'review'}/${d.id}/deadline`, clause: intake ? 'S-ROUND' : 'X-UNITS', at,
    link: intake ? `/school/rounds/${encodeURIComponent(d.id)}` : `/school/reviews/${encodeURIComponent(d.id)}`,
    subject: intake
      ? { zh: `【截止提醒】${d.title}报名将于${when.zh}截止`, en: `Reminder: ${d.title} closes for uploads on ${when.en}` }
      : { zh: `【截止提醒】${d.title}考核材料将于${when.zh}截止`, en: `Reminder: assessments for ${d.title} are due on ${when.en}` },
    body: intake
      ? { zh: `${unit.name}：${d.title}（${d.id}）的登记表上传将于${when.zh}截止，逾期不再受理，请尽快提交。`, en: `${unit.name}: uploads for ${d.title} (${d.id}) close on ${when.en}; late forms are not taken.` }
      : { zh: `${unit.name}：${d.title}（${d.id}）的年度考核结果须于${when.zh}前提交，请尽快完成。`, en: `${unit.name}: the annual assessments of ${d.title} (${d.id}) are due by ${when.en}.` },
  });
}

export interface RejectedForm {
  roundId: string;
  nominationId: string;
  /** The nominee's name as the form gave it (no ID number, no birth date). */
  name?: string;
  /** The reasons, as the intake's problems say them. */
  reasons: readonly Bilingual[];
}

/** A form the intake rejected: which one and why, so the unit can correct and upload it again. */
export function formRejectedNotice(unit: NoticeUnit, f: RejectedForm, at: string): Notice {
  const who = f.name ? `${f.name}的` : '';
  const shown = f.reasons.slice(0, 5);
  const more = f.reasons.length - shown.length;
  return notice(unit, {
    kind: 'form-rejected', entity: `nomination/${f.roundId}/${f.nominationId}`, clause: 'S-ROUND', at,
    link: `/school/rounds/${encodeURIComponent(f.roundId)}`,
    subject: { zh: `【表格退回】${who}登记表未通过审核`, en: `Form rejected${f.name ? `: ${f.name}` : ''}` },
    body: {
      zh: `${unit.name}：遴选批次 ${f.roundId} 中${who}登记表未通过审核。原因：${shown.map((r) => r.zh).join('；') || '见上传页面'}${more > 0 ? `；另有 ${more} 项` : ''}。请修改后重新上传。`,
      en: `${unit.name}: ${f.name ? `${f.name}'s` : 'a'} form in round ${f.roundId} was rejected: ${shown.map((r) => r.en).join('; ') || 'see the upload page'}${more > 0 ? `; ${more} more` : ''}. Correct it and upload it again.`,
    },
  });
}

export interface BallotRef {
  roundId: string;
  ballotId: string;
  title: string;
  /** When voting closes (ISO instant), if set. */
  closesAt?: string;
  /** The console page of the ballot (default: the unit's round page). */
  link?: string;
}

/** 民主推荐 (DESIGN §7): the unit's ballot is open; its voters' slips are to be handed out. */
export function ballotOpenedNotice(unit: NoticeUnit, b: BallotRef, at: string): Notice {
  const until = b.closesAt ? { zh: `，投票截止时间为${zhDateTime(b.closesAt)}`, en: `; voting closes on ${enDateTime(b.closesAt)}` } : { zh: '', en: '' };
  return notice(unit, {
    kind: 'ballot-opened', entity: `ballot/${b.roundId}/${b.ballotId}`, clause: 'S-RECOMMEND', at,
    link: b.link ?? `/school/rounds/${encodeURIComponent(b.roundId)}`,
    subject: { zh: `【民主推荐】${b.title}：投票已开始`, en: `Democratic recommendation for ${b.title}: voting is open` },
    body: {
      zh: `${unit.name}：${b.title}（遴选批次 ${b.roundId}）的民主推荐已开始${until.zh}。请组织本单位参加推荐的人员凭区教育局发放的投票码条，用手机打开投票页面投票。`,
      en: `${unit.name}: the democratic recommendation ${b.title} (round ${b.roundId}) is open${until.en}; have your voters vote on their phones with the codes on the slips the bureau issues.`,
    },
  });
}

export interface ReviewRef {
  reviewId: string;
  title: string;
  /** The last day to submit (a Beijing date). */
  dueOn: string;
  /** How many of the unit's members are to be assessed. */
  members: number;
}

/** X-UNITS: the unit's party organisation assesses its reserves; the window is open. */
export function assessmentOpenedNotice(unit: NoticeUnit, r: ReviewRef, at: string): Notice {
  return notice(unit, {
    kind: 'assessment-opened', entity: `review/${r.reviewId}`, clause: 'X-UNITS', at,
    link: `/school/reviews/${encodeURIComponent(r.reviewId)}`,
    subject: { zh: `【年度考核】${r.title}已开始`, en: `Annual assessment: ${r.title} has opened` },
    body: {
      zh: `${unit.name}：${r.title}（${r.reviewId}）已开始，请于${zhDate(r.dueOn)}（北京时间）前提交本单位 ${r.members} 名后备干部的年度考核结果。`,
      en: `${unit.name}: ${r.title} (${r.reviewId}) has opened; submit the annual assessments of your ${r.members} reserve member(s) by ${r.dueOn} (Beijing time).`,
    },
  });
}

export interface OverdueTalk {
  personId: string;
  name?: string;
  trigger: string;
  triggeredBy: string;
  due: string;
  clause: ClauseId;
  /** What is owed, as the talks-due list says it. */
  what: Bilingual;
}

/** C-TALK: a talk the unit's member is owed is overdue. */
export function talkOverdueNotice(unit: NoticeUnit, t: OverdueTalk, at: string): Notice {
  const who = t.name ?? '本单位一名后备干部';
  return notice(unit, {
    kind: 'talk-overdue', entity: `talk/${t.personId}/${t.trigger}/${t.triggeredBy}/${t.due}`, clause: t.clause, at,
    link: '/school/members',
    subject: { zh: `【谈话逾期】${who}的谈心谈话已逾期`, en: `Talk overdue${t.name ? `: ${t.name}` : ''}` },
    body: {
      zh: `${unit.name}：${who}应于${zhDate(t.due)}前进行的谈话已逾期（${t.what.zh}），请尽快安排并记录。`,
      en: `${unit.name}: a talk with ${t.name ?? 'one of your reserve members'} was due by ${t.due} and is overdue (${t.what.en}); hold and record it soon.`,
    },
  });
}
