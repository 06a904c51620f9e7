import { ageOn, beijingDate, isIsoDate } from '../../domain/dates';
import { EDUCATION_ZH } from '../../domain/eligibility/words';
import { parseNominationForm } from '../../domain/form/parse';
import type { Education, NominationForm } from '../../domain/form/schema';
import type { Member } from '../../domain/membership/member';
import { problem, type Problem } from '../../domain/problem';
import type { Nomination } from '../../domain/round/nomination';
import { appointmentForm, type AppointmentFormData } from '../../formats/docx/appointment-form';
import { Forbidden, NotFound, ValidationError } from '../errors';
import { allOf } from '../pages';
import type { MemberSnapshot, UseCaseContext } from '../ports';
import { DOCX, ownUnitOrBureau, safeFileName, type DocumentAsker, type DocumentFile } from './asker';

/**
 * A member's 干部任免审批表 (DESIGN §8): the 中组部 table filled from what the system holds —
 * the form v1 the member was admitted on (name, gender, birth month and age, education, posts
 * for 简历, honours and lesson awards for 奖惩情况) and the member's record (年度考核结果 from
 * the assessments, 现任职务 from an appointment recorded since) — and from the request
 * (拟任职务, 拟免职务, 任免理由). What neither holds (民族, 籍贯, 出生地, 入党时间, 参加工作时间,
 * 健康状况, 专业技术职务, family, 呈报单位) is left blank for the office: never guessed.
 *
 * Who may ask: the bureau, for anyone; a school, for its own unit's members only — and it
 * hears the same 403 whether the member is another unit's or nobody's (as app/members/record.ts).
 */
export interface AppointmentFormCommand {
  personId: string;
  asker: DocumentAsker;
  /** What the table is made for, when the bureau knows it. */
  proposedPost?: string;
  postToLeave?: string;
  reason?: string;
  now: Date;
}

const WHAT = { zh: '干部任免审批表', en: 'appointment form (干部任免审批表)' };
const MAX_TEXT = 500;

function checkText(cmd: AppointmentFormCommand): void {
  const problems: Problem[] = [];
  for (const key of ['proposedPost', 'postToLeave', 'reason'] as const) {
    const v = cmd[key];
    if (v !== undefined && (typeof v !== 'string' || v.length > MAX_TEXT)) {
      problems.push(problem('DOCUMENT_TEXT_INVALID', key, `「${key}」须为不超过${MAX_TEXT}字的文字`, `${key}: text of at most ${MAX_TEXT} characters`));
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

/** The nomination the member was admitted on: the round's nomination of this person that admission marked admitted. */
async function admittedNomination(deps: Pick<UseCaseContext, 'repos'>, m: Member): Promise<Nomination | undefined> {
  if (!m.roundId) return undefined;
  const all = await allOf((page) => deps.repos.nominations.listByRound(m.roundId!, page));
  const mine = all.filter((n) => n.personId === m.personId && n.status === 'accepted');
  return mine.find((n) => n.admission?.status === 'admitted') ?? mine[0];
}

const LEVEL_ORDER = ['associate', 'bachelor', 'master', 'doctor'];

/** The highest education of the kind (full-time or in service), latest graduation breaking a tie. */
function highest(list: readonly Education[], fullTime: boolean): AppointmentFormData['fullTime'] {
  const best = list
    .filter((e) => e.fullTime === fullTime)
    .sort((a, b) => LEVEL_ORDER.indexOf(b.level) - LEVEL_ORDER.indexOf(a.level) || (a.graduated < b.graduated ? 1 : -1))[0];
  return best ? { degree: EDUCATION_ZH[best.level], school: `${best.institution}${best.major ?? ''}` } : undefined;
}

const PRIZE = { 1: '一', 2: '二', 3: '三' } as const;
const LEVEL = { district: '区级', city: '市级', province: '省级', national: '国家级' } as const;

function fromForm(form: NominationForm, asOf: string): AppointmentFormData {
  const c = form.candidate;
  const posts = [...c.posts].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const current = posts.filter((p) => p.to === null).map((p) => `${p.unit}${p.title}`);
  const fullTime = highest(c.education, true);
  const partTime = highest(c.education, false);
  return {
    name: c.name,
    gender: c.gender,
    birth: c.birthDate,
    age: ageOn(c.birthDate, asOf),
    ...(fullTime ? { fullTime } : {}),
    ...(partTime ? { partTime } : {}),
    ...(current.length > 0 ? { currentPost: current.join('，') } : {}),
    resume: posts.map((p) => ({ from: p.from, to: p.to, what: `${p.unit}${p.title}` })),
    rewardsAndPenalties: [
      ...[...c.honours].sort((a, b) => (a.awarded < b.awarded ? -1 : 1)).map((h) => `${h.awarded.slice(0, 4)}.${h.awarded.slice(5, 7)} 获${h.title}称号`),
      ...[...c.lessonAwards].sort((a, b) => a.year - b.year).map((l) => `${l.year}年 获${LEVEL[l.level]}优质课评比${PRIZE[l.prize]}等奖${l.title ? `（${l.title}）` : ''}`),
    ],
  };
}

/** 年度考核结果 as offices write it: 2027年度合格；2028年度优秀 (the summative one marked). */
function reviewsText(m: Member): string | undefined {
  const lines = [...m.assessments].sort((a, b) => a.year - b.year)
    .map((a) => `${a.year}年度${a.grade}${a.review === 'summative' ? '（三年总结性考核）' : ''}`);
  return lines.length > 0 ? lines.join('；') : undefined;
}

export async function appointmentFormDocument(deps: Pick<UseCaseContext, 'repos' | 'audit'>, cmd: AppointmentFormCommand): Promise<DocumentFile> {
  const own = ownUnitOrBureau(cmd.asker, WHAT);
  checkText(cmd);
  const snapshot: MemberSnapshot<Member> | undefined = await deps.repos.members.get<Member>(cmd.personId);
  if (own !== undefined && snapshot?.unitCode !== own) throw new Forbidden('只能生成本单位后备人才的干部任免审批表', 'your own unit\'s members only');
  if (!snapshot) throw new NotFound({ zh: `后备人才 ${cmd.personId}`, en: `member ${cmd.personId}` }, 'MEMBER_NOT_FOUND');
  const m = snapshot.state;
  const asOf = beijingDate(cmd.now);
  const nomination = await admittedNomination(deps, m);
  const parsed = nomination ? parseNominationForm(nomination.form) : undefined;
  const data: AppointmentFormData = parsed?.ok ? fromForm(parsed.value, asOf) : { ...(snapshot.name ? { name: snapshot.name } : {}) };
  // An appointment recorded since admission is the post held now (X-USE); the unit by its registered name.
  const latest = [...(m.appointments ?? [])].sort((a, b) => (a.on < b.on ? -1 : 1)).at(-1);
  if (latest && isIsoDate(latest.on)) {
    const unit = await deps.repos.units.get(latest.unit);
    data.currentPost = `${unit?.name ?? latest.unit}${latest.post}`;
  }
  const reviews = reviewsText(m);
  if (reviews) data.annualReviews = reviews;
  if (cmd.proposedPost) data.proposedPost = cmd.proposedPost;
  if (cmd.postToLeave) data.postToLeave = cmd.postToLeave;
  if (cmd.reason) data.reason = cmd.reason;
  const bytes = await appointmentForm(data);
  await deps.audit.append({
    entity: `member/${cmd.personId}`, action: 'document.appointment-form', actor: cmd.asker.actor,
    details: { fromForm: parsed?.ok === true, ...(nomination ? { nominationId: nomination.nominationId } : {}) }, at: cmd.now.toISOString(),
  });
  // The name first, as an office files it; the person id after it, since two members may share a name.
  return { fileName: safeFileName(`干部任免审批表-${data.name ? `${data.name}-` : ''}${cmd.personId}.docx`), contentType: DOCX, bytes };
}
