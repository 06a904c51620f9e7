import { publicityPeriodProblems } from '../../domain/calendar/working-days';
import { beijingDate, isIsoDate, type IsoDate } from '../../domain/dates';
import { parseNominationForm } from '../../domain/form/parse';
import { formSummary } from '../../domain/form/summary';
import { problem, type Problem } from '../../domain/problem';
import { admissionList, type Admit } from '../../domain/round/admission-list';
import type { Nomination } from '../../domain/round/nomination';
import { openTiers, type Round } from '../../domain/round/round';
import { publicityNotice, type PublicityEntry } from '../../formats/docx/publicity-notice';
import { Conflict, ValidationError } from '../errors';
import { allOf } from '../pages';
import type { UseCaseContext } from '../ports';
import { DOCX, requireBureau, safeFileName, type DocumentAsker, type DocumentFile } from './asker';

/**
 * The 公示 notice of a round (DESIGN §7 公示, §8): after the organisation department's
 * approval, before (or after) admission, the approved list — name, gender, year and month of
 * birth, unit and post, tier; never an ID number — as a GB/T 9704 .docx the bureau prints,
 * stamps and posts. Only the bureau asks for it.
 *
 * The list is the one admission uses: the admission plan AdmitBatch kept on the round when
 * there is one, else the shortlist with the approver's decision (domain admissionList, the
 * same rule). A round not yet decided, rejected, or whose decision no longer yields a list is
 * a coded refusal (409), not a draft: a 公示 names people only once they are approved.
 *
 * The period is the bureau's (2014 条例 art. 41: no less than five working days), both days
 * included, counted on the State Council's calendar (domain/calendar: weekends, holidays and
 * 调休 make-up days): fewer than five working days is PUBLICITY_PERIOD_TOO_SHORT at
 * `period.to` (with the days counted and the earliest end that would do), a period touching a
 * year the calendar lacks CALENDAR_YEAR_UNKNOWN with the year — refused, not guessed.
 */
export interface PublicityNoticeCommand {
  roundId: string;
  asker: DocumentAsker;
  /** The bureau's period; absent: the round's stored 公示 period (round.publicity, S-PUBLICITY). */
  period?: { from: string; to: string };
  /** 发文机关署名 (default the education working committee). */
  issuer?: string;
  /** 成文日期 (default today in Beijing). */
  issuedOn?: string;
  /** Where objections go (a phone, an address), printed in the closing paragraph. */
  contact?: string;
  now: Date;
}

export const DEFAULT_ISSUER = '中共常州市金坛区教育工作委员会';
/** 2014 条例 art. 41 (S-PUBLICITY). */
const MIN_WORKING_DAYS = 5;
const MAX_TEXT = 200;

const WHAT = { zh: '公示', en: 'publicity notice' };

/**
 * The period the notice prints: the stored 公示 period when the round has one (a period given
 * as well must be the same — the notice states the dates objections are taken on), else the
 * bureau's.
 */
function periodOf(cmd: PublicityNoticeCommand, round: Round): { from: string; to: string } {
  const stored = round.publicity;
  if (stored) {
    if (cmd.period && (cmd.period.from !== stored.startsOn || cmd.period.to !== stored.endsOn)) {
      throw new ValidationError([problem('PUBLICITY_PERIOD_MISMATCH', 'period',
        `本轮公示期已确定为 ${stored.startsOn} 至 ${stored.endsOn}（${stored.workingDays} 个工作日），公示通知须与之一致`,
        `the round's 公示 period is ${stored.startsOn} to ${stored.endsOn} (${stored.workingDays} working days); the notice must state it`)]);
    }
    return { from: stored.startsOn, to: stored.endsOn };
  }
  if (!cmd.period) throw new ValidationError([problem('PUBLICITY_PERIOD_REQUIRED', 'period', '请填写公示期（本轮尚未开始公示）', 'period is required (the round has no 公示 period yet)')]);
  return cmd.period;
}

function checkCommand(cmd: PublicityNoticeCommand, period: { from: string; to: string }): { from: IsoDate; to: IsoDate; issuedOn: IsoDate; issuer: string; contact?: string } {
  const problems: Problem[] = [];
  const { from, to } = period;
  for (const [key, v] of [['from', from], ['to', to]] as const) {
    if (!isIsoDate(v)) problems.push(problem('PUBLICITY_PERIOD_INVALID', `period.${key}`, `公示期「${key}」须为日期（YYYY-MM-DD）`, `period.${key} must be a date (YYYY-MM-DD)`));
  }
  if (problems.length === 0) {
    if (to < from) {
      // The API's code for a period that is not one stays PUBLICITY_PERIOD_INVALID.
      problems.push(problem('PUBLICITY_PERIOD_INVALID', 'period.to', `公示期结束日 ${to} 早于开始日 ${from}`, `the period ends (${to}) before it starts (${from})`));
    } else {
      problems.push(...publicityPeriodProblems(from, to, MIN_WORKING_DAYS, 'period'));
    }
  }
  const issuedOn = cmd.issuedOn ?? beijingDate(cmd.now);
  if (!isIsoDate(issuedOn)) problems.push(problem('PUBLICITY_DATE_INVALID', 'issuedOn', '成文日期须为日期（YYYY-MM-DD）', 'issuedOn must be a date (YYYY-MM-DD)'));
  const issuer = (cmd.issuer ?? DEFAULT_ISSUER).trim();
  if (issuer === '' || issuer.length > 60) problems.push(problem('PUBLICITY_ISSUER_INVALID', 'issuer', '发文机关署名须为1至60个字', 'issuer: 1 to 60 characters'));
  const contact = cmd.contact?.trim();
  if (contact !== undefined && contact.length > MAX_TEXT) problems.push(problem('PUBLICITY_CONTACT_INVALID', 'contact', `联系方式不超过${MAX_TEXT}个字`, `contact: at most ${MAX_TEXT} characters`));
  if (problems.length > 0) throw new ValidationError(problems);
  return { from, to, issuedOn, issuer, ...(contact ? { contact } : {}) };
}

/** The approved list (S-ROUND), or why there is none yet. */
function approvedList(round: Round, nominations: readonly Nomination[]): Admit[] {
  if (round.admission) return round.admission.ids;
  const refuse = (code: string, zh: string, en: string, problems?: Problem[]) =>
    new Conflict(code, zh, en, { clause: 'S-ROUND', ...(problems ? { problems } : {}) });
  if (!round.shortlist) throw refuse('PUBLICITY_NOT_READY', `遴选批次 ${round.roundId} 尚无排名名单，不能公示`, `round ${round.roundId} has no shortlist yet`);
  const decision = round.decision;
  if (!decision || round.status === 'approval-timed-out') {
    throw refuse('PUBLICITY_NOT_APPROVED', '拟入库名单尚未经区委组织部批准，不能公示', 'the shortlist is not approved yet: nothing to publish');
  }
  if (decision.decision === 'reject') throw refuse('PUBLICITY_ROUND_REJECTED', '拟入库名单已被退回，本轮无人公示', 'the shortlist was rejected: nobody to publish');
  const list = admissionList(round.shortlist, decision, nominations, openTiers(round));
  if (!list.ok) throw refuse('PUBLICITY_LIST_INVALID', '批准的名单与现有推荐不一致，请核查', 'the approved list no longer matches the nominations', list.problems);
  return list.value;
}

function entryOf(n: Nomination | undefined, a: Admit, deps: Pick<UseCaseContext, 'policy'>): PublicityEntry {
  const form = n ? parseNominationForm(n.form) : undefined;
  if (!n || !form?.ok) {
    throw new Conflict('PUBLICITY_LIST_INVALID', `名单中的推荐 ${a.id} 无法读取`, `nomination ${a.id} on the list cannot be read`, { clause: 'S-ROUND' });
  }
  const s = formSummary(form.value, deps.policy);
  const post = s.currentPost;
  // 工作单位及职务: the post's own unit when the form names one, else the nominating unit.
  const unitAndPost = post ? `${post.unit}${post.title}` : s.unit.name;
  // Only the fields §7 publishes; the birth date is cut to its month here, before the writer.
  return { name: s.name, gender: s.gender, birth: form.value.candidate.birthDate.slice(0, 7), unitAndPost, tier: a.tier };
}

function paragraphs(round: Round, period: { from: IsoDate; to: IsoDate }, count: number): string[] {
  const what = round.title ? `${round.title}` : `${round.roundId} 遴选`;
  const cn = (d: IsoDate) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return [
    `根据《金坛区教育系统后备人才培养工作方案》，经个人自荐、单位推荐、资格审查、综合考评，并报区委组织部同意，拟将${what}中的下列${count}名同志列入金坛区教育系统后备人才库，现予公示。`,
    `公示时间：${cn(period.from)}至${cn(period.to)}。`,
  ];
}

function closing(contact?: string): string[] {
  return [
    `公示期间，如对公示对象有异议，请以书面、电话或来访等形式反映${contact ? `（${contact}）` : ''}。反映问题要实事求是，以单位名义反映的应加盖公章，以个人名义反映的应署真实姓名。`,
  ];
}

export async function publicityNoticeDocument(deps: Pick<UseCaseContext, 'repos' | 'policy' | 'audit'>, cmd: PublicityNoticeCommand): Promise<DocumentFile> {
  requireBureau(cmd.asker, WHAT);
  const round = await deps.repos.rounds.require(cmd.roundId);
  const c = checkCommand(cmd, periodOf(cmd, round));
  const nominations = await allOf((page) => deps.repos.nominations.listByRound(round.roundId, page));
  const list = approvedList(round, nominations);
  if (list.length === 0) throw new Conflict('PUBLICITY_EMPTY', '批准的名单中没有人选', 'the approved list names nobody', { clause: 'S-ROUND' });
  const byId = new Map(nominations.map((n) => [n.nominationId, n]));
  const entries = list.map((a) => entryOf(byId.get(a.id), a, deps));
  const bytes = await publicityNotice({
    title: `关于${round.title ?? '金坛区教育系统后备人才'}拟入库人选的公示`,
    paragraphs: paragraphs(round, c, entries.length),
    entries,
    closing: closing(c.contact),
    issuer: c.issuer,
    issuedOn: c.issuedOn,
  });
  // Who took the list of names out, and when (the names themselves stay out of the trail).
  await deps.audit.append({
    entity: `round/${round.roundId}`, action: 'document.publicity-notice', actor: cmd.asker.actor, clause: 'S-ROUND',
    details: { entries: entries.length, period: { from: c.from, to: c.to }, issuedOn: c.issuedOn }, at: cmd.now.toISOString(),
  });
  return { fileName: safeFileName(`公示-${round.roundId}.docx`), contentType: DOCX, bytes };
}

