import { addDays, addYears } from '../domain/dates';
import type { Unit } from './district';
import type { Rng } from './prng';

/**
 * Careers: education, posts and honours that add up for a candidate of a given age, so the
 * forms read like a school office's and every date sits before the attestation date.
 */

export type PostKind = 'principal' | 'deputy' | 'middle' | 'class-teacher' | 'team' | 'teacher' | 'other';

export interface Education { level: 'associate' | 'bachelor' | 'master' | 'doctor'; fullTime: boolean; institution: string; graduated: string; major?: string }
export interface Post { kind: PostKind; title: string; unit: string; from: string; to: string | null }
export interface Honour { title: string; awarded: string }
export interface LessonAward { level: 'district' | 'city' | 'province' | 'national'; prize: 1 | 2 | 3; year: number; title?: string }

/** On the 2022 Double First-Class list (checked by tests/demo). */
export const DFC_UNIVERSITIES = ['南京师范大学', '南京大学', '东南大学', '苏州大学', '华东师范大学', '北京师范大学', '河海大学', '江南大学', '南京航空航天大学', '中国矿业大学', '南京理工大学'] as const;
/** Bachelor-level universities not on the list (route b, or tiers 1–2). */
export const OTHER_UNIVERSITIES = ['江苏师范大学', '扬州大学', '常州大学', '江苏理工学院', '淮阴师范学院', '盐城师范学院', '南通大学', '江苏第二师范学院', '常州工学院', '泰州学院'] as const;

export const MAJORS = ['汉语言文学', '数学与应用数学', '英语', '物理学', '化学', '生物科学', '历史学', '地理科学', '思想政治教育', '小学教育', '学前教育', '音乐学', '体育教育', '美术学', '计算机科学与技术'] as const;
export const SUBJECTS = ['语文', '数学', '英语', '科学', '物理', '化学', '生物', '历史', '地理', '道德与法治', '音乐', '体育', '美术', '信息技术'] as const;

/** Honour titles by ladder rank (domain/policy/plan-2020.ts), with a spelling offices use. */
export const LADDER: readonly (readonly string[])[] = [
  ['金坛区教坛新秀'],
  ['常州市教坛新秀', '金坛区教学能手'],
  ['常州市教学能手', '金坛区骨干教师'],
  ['常州市骨干教师', '金坛区学科带头人'],
  ['常州市学科带头人'],
  ['常州市特级教师后备'],
  ['江苏省特级教师'],
];
/** Titles a school office writes that the ladder does not know (never guessed at). */
export const UNKNOWN_TITLES = ['金坛区优秀教育工作者', '常州市优秀班主任', '金坛区名教师', '金坛区师德标兵', '常州市五一巾帼标兵'] as const;

export function rankOf(title: string): number {
  return LADDER.findIndex((r) => r.includes(title));
}

/** The latest 1 August on or before a date (appointments follow the school year). */
export function termStartOnOrBefore(date: string): string {
  const y = Number(date.slice(0, 4));
  const candidate = `${y}-08-01`;
  return candidate <= date ? candidate : `${y - 1}-08-01`;
}

/** The first of the month of a date (never later than the date). */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

const yearOf = (d: string) => Number(d.slice(0, 4));

export interface CareerCtx {
  rng: Rng;
  unit: Unit;
  district: readonly Unit[];
  /** The round's reference date (ages and experience). */
  ref: string;
  /** The attestation date: every date on the form is on or before it. */
  att: string;
}

/** A bachelor's degree at 22 or 23, optionally a part-time master's later. */
export function degrees(ctx: CareerCtx, birthDate: string, opts: { institution: string; fullTime?: boolean; level?: Education['level']; master?: boolean }): Education[] {
  const { rng } = ctx;
  const gradYear = yearOf(birthDate) + rng.int(22, 23);
  const first: Education = {
    level: opts.level ?? 'bachelor',
    fullTime: opts.fullTime ?? true,
    institution: opts.institution,
    graduated: `${gradYear}-06-30`,
    major: rng.pick(MAJORS),
  };
  const out = [first];
  const masterYear = gradYear + rng.int(5, 9);
  if (opts.master && `${masterYear}-06-30` <= ctx.att) {
    out.push({ level: 'master', fullTime: false, institution: rng.pick(['南京师范大学', '江苏师范大学', '华东师范大学', '苏州大学']), graduated: `${masterYear}-06-30`, major: '教育管理' });
  }
  return out;
}

/** A post chain: each post ends the day before the next begins; the last is current. */
export function chain(steps: readonly Omit<Post, 'to'>[]): Post[] {
  const sorted = [...steps].sort((a, b) => a.from.localeCompare(b.from));
  return sorted.map((s, i) => {
    const next = sorted[i + 1];
    return { ...s, to: next ? addDays(next.from, -1) : null };
  });
}

/** Another unit of the same type (where a teacher started), or the candidate's own. */
export function earlierUnit(ctx: CareerCtx, type: Unit['type'] = ctx.unit.type): Unit {
  const same = ctx.district.filter((u) => u.type === type && u.code !== ctx.unit.code);
  return same.length > 0 && ctx.rng.chance(0.4) ? ctx.rng.pick(same) : ctx.unit;
}

export function firstJobDate(education: readonly Education[]): string {
  const first = education[0];
  if (!first) throw new Error('no degree');
  return `${first.graduated.slice(0, 4)}-08-01`;
}

export const CLASS_TITLES: Record<Unit['type'], readonly string[]> = {
  primary: ['一年级班主任', '三年级班主任', '四年级班主任', '五年级班主任', '六年级班主任'],
  middle: ['初一（2）班班主任', '初二（5）班班主任', '初三（1）班班主任', '高一（3）班班主任', '高二（7）班班主任'],
  kindergarten: ['小班班主任', '中班班主任', '大班班主任'],
  'bureau-office': ['五年级班主任', '初二班主任'],
  institution: ['四年级班主任', '初一班主任'],
};
export const TEAM_TITLES: Record<Unit['type'], readonly string[]> = {
  primary: ['少先队大队辅导员', '少先队中队辅导员'],
  middle: ['团委书记', '团委副书记', '少先队大队辅导员'],
  kindergarten: ['团支部书记'],
  'bureau-office': ['少先队大队辅导员'],
  institution: ['团委副书记'],
};
export const MIDDLE_TITLES: Record<Unit['type'], readonly string[]> = {
  primary: ['教导处副主任', '教导处主任', '德育处主任', '教科室主任', '办公室主任', '总务处主任'],
  middle: ['教务处副主任', '教务处主任', '政教处主任', '年级部主任', '教科室主任', '办公室主任'],
  kindergarten: ['保教主任', '后勤主任', '教研室主任'],
  'bureau-office': ['副科长', '科长'],
  institution: ['部门副主任', '部门主任'],
};
export const DEPUTY_TITLES: Record<Unit['type'], readonly string[]> = {
  primary: ['副校长', '党支部副书记'],
  middle: ['副校长', '党总支副书记'],
  kindergarten: ['副园长'],
  'bureau-office': ['副主任'],
  institution: ['副主任'],
};

/** A teaching post title: "数学教师", or "幼儿教师" in a kindergarten. */
export function teacherTitle(ctx: CareerCtx, unit: Unit): string {
  if (unit.type === 'kindergarten') return '幼儿教师';
  if (unit.type === 'bureau-office') return '科员';
  if (unit.type === 'institution') return ctx.rng.pick(['教研员', '干事']);
  return `${ctx.rng.pick(SUBJECTS)}教师`;
}

/**
 * Honours ending at `best` (a title, or none), climbing the ladder over the years, each
 * awarded on Teachers' Day (10 September) between `from` and the attestation date. At most
 * four, as the template has four honour cells.
 */
export function honourPath(ctx: CareerCtx, from: string, best: string | null, extra: readonly string[] = []): Honour[] {
  const { rng } = ctx;
  const titles: string[] = [];
  const top = best === null ? -1 : rankOf(best);
  for (let r = 0; r < top; r++) {
    const rung = LADDER[r];
    if (rung && rng.chance(0.55)) titles.push(rng.pick(rung));
  }
  if (best !== null) titles.push(best);
  const all = [...titles.slice(-(4 - extra.length)), ...extra];
  const lastYear = `${yearOf(ctx.att)}-09-10` <= addDays(ctx.att, -30) ? yearOf(ctx.att) : yearOf(ctx.att) - 1;
  const firstYear = Math.min(yearOf(from) + 2, lastYear);
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  const picked = rng.shuffle(years).slice(0, all.length).sort((a, b) => a - b);
  // Fewer years than titles (a young teacher): keep the best ones.
  const keep = all.slice(all.length - picked.length);
  // Extras (unknown titles) keep any year; the ladder titles climb in order.
  return keep.map((title, i) => ({ title, awarded: `${picked[i]}-09-10` }));
}

/** 0–2 quality-lesson awards (a scoring fact), years from `from` to the attestation year. */
export function someLessonAwards(ctx: CareerCtx, from: string, max = 2): LessonAward[] {
  const { rng } = ctx;
  const n = rng.int(0, max);
  const out: LessonAward[] = [];
  for (let i = 0; i < n; i++) {
    const y = rng.int(Math.min(yearOf(from) + 1, yearOf(ctx.att)), yearOf(ctx.att));
    out.push({ level: rng.weighted([['district', 5], ['city', 3], ['province', 1]] as const), prize: rng.pick([1, 2, 2, 3] as const), year: y });
  }
  return out.sort((a, b) => a.year - b.year);
}

/** A date at least `years` (plus a margin) before the reference date, snapped to 1 August. */
export function atLeastYearsBefore(ctx: CareerCtx, years: number, extraMax: number): string {
  const latest = addDays(addYears(ctx.ref, -years), -45);
  return termStartOnOrBefore(addYears(latest, -ctx.rng.int(0, extraMax)));
}

/** A date less than `years` before the reference date (experience short by a margin). */
export function lessThanYearsBefore(ctx: CareerCtx, years: number): string {
  const days = ctx.rng.int(200, years * 365 - 75);
  return monthStart(addDays(ctx.ref, -days));
}
