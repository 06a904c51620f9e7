import { birthDateFromIdNumber } from '../../domain/form/id-number';
import type { Problem } from '../../domain/problem';
import type { Tier } from '../../domain/tier';
import { elementPath, type PersonElement } from './elements';
import type { LrmxPerson } from './read';

/**
 * One person of an .lrmx → a partial nomination form v1 (DESIGN §6) and a coded problem for
 * every field form v1 needs that .lrmx does not hold exactly (DESIGN §8). Never a guess:
 * what the file holds as exact values is filled; what it holds only as free text (the
 * periods and kinds of posts inside 简历, honours and their dates inside 奖惩情况, the
 * graduation dates) or not at all (the tier, the party organisation's attestation) is left
 * out of the form and reported, with the form path and the element it would come from, for
 * the school to complete in the console or the Excel template.
 *
 * The rules, and where each comes from:
 * - XingMing → candidate.name as written (DESIGN §8).
 * - XingBie 男 / 女 → M / F (the editor writes the Chinese word: the public readers and
 *   writers cited in elements.ts store it as text, 男 / 女).
 * - ShenFenZheng → candidate.idNumber; candidate.birthDate is the date the ID number carries
 *   (GB 11643 digits 7–14): ChuShengNianYue holds only YYYYMM (the C# reader accepts 6 or 8
 *   digits, the writers write 6), so it is compared with the ID number's year and month and
 *   a disagreement is a problem, never resolved either way.
 * - QuanRiZhiJiaoYu_* → an education entry with fullTime true, ZaiZhiJiaoYu_* with fullTime
 *   false: the level from 学历 (大学 / 本科 → bachelor, 大专 / 专科 → associate, 硕士 / 博士 as
 *   written; 研究生 by its 学位 硕士 / 博士), the institution from 学历's 毕业院校系 (else
 *   学位's). The graduation date is not an element (only inside 简历): a problem.
 * - XianRenZhiWu → the current post (to: null), title as written; its unit is the uploading
 *   unit's registered name when the title contains it. Its kind (校长 / 副校长 / 中层 …) is a
 *   reading of words, and its start lies in 简历: problems.
 * - JianLi (free text) → a problem naming how many dated lines it holds; JiangChengQingKuang
 *   (free text) → a problem, unless it is empty or 无 (then no honours — what the file says).
 * - Round, unit, source come from the upload (its key names round and unit; a school's
 *   upload into a round is a `selection`); the tier only when the round opens one tier.
 */

/** A problem of an .lrmx person: the form path, and the element it would come from. */
export type LrmxProblem = Problem & { element?: string };

export interface LrmxContext {
  roundId: string;
  unit: { code: string; name?: string; type?: string };
  /** The round's open tiers (S-ROUND): one open tier is the tier; several leave it to the school. */
  openTiers: readonly Tier[];
}

export interface MappedPerson {
  form: Record<string, unknown>;
  problems: LrmxProblem[];
  /** Form path → the element a filled value came from, so a later problem with it (the form parser's) names the element too. */
  elements: Record<string, string>;
}

const p = (code: string, path: string, element: PersonElement | undefined, zh: string, en: string): LrmxProblem =>
  ({ code, path, zh, en, ...(element ? { element: elementPath(element) } : {}) });

/** A period line of 简历: `1996.09--2000.07 …` (the editor's layout; dashes vary). */
const PERIOD_LINE = /^\s*\d{4}\s*[.．]\s*\d{1,2}\s*[-—–－~～]{1,2}/;

/** YYYYMM from ChuShengNianYue as the editor writes it (199205) or a reader shows it (1992.05). */
export function yearMonth(value: string | undefined): string | undefined {
  const m = /^(\d{4})[.\-/年]?(\d{1,2})(?:\d{2})?月?$/.exec((value ?? '').replace(/\s/g, ''));
  return m?.[1] && m[2] ? `${m[1]}${m[2].padStart(2, '0')}` : undefined;
}

type Level = 'associate' | 'bachelor' | 'master' | 'doctor';

/** The form's level from 学历 and 学位 as the editor writes them; undefined when not exact. */
export function educationLevel(xueLi: string | undefined, xueWei: string | undefined): Level | undefined {
  const li = xueLi ?? '';
  const wei = xueWei ?? '';
  if (/博士/.test(li)) return 'doctor';
  if (/硕士/.test(li)) return 'master';
  if (/研究生/.test(li)) return /博士/.test(wei) ? 'doctor' : /硕士/.test(wei) ? 'master' : undefined;
  if (/专科|大专/.test(li)) return 'associate';
  if (/本科|^大学$/.test(li)) return 'bachelor';
  if (li === '') return /博士/.test(wei) ? 'doctor' : /硕士/.test(wei) ? 'master' : /学士/.test(wei) ? 'bachelor' : undefined;
  return undefined;
}

function education(person: LrmxPerson, fullTime: boolean, index: number, problems: LrmxProblem[]): Record<string, unknown> | undefined {
  const pre = fullTime ? 'QuanRiZhiJiaoYu' : 'ZaiZhiJiaoYu';
  const kind = fullTime ? '全日制教育' : '在职教育';
  const li = person[`${pre}_XueLi` as const];
  const wei = person[`${pre}_XueWei` as const];
  if (li === undefined && wei === undefined) return undefined;
  const path = `candidate.education[${index}]`;
  const item: Record<string, unknown> = { fullTime };
  const level = educationLevel(li, wei);
  if (level) item.level = level;
  else {
    problems.push(p('LRMX_EDUCATION_LEVEL', `${path}.level`, `${pre}_XueLi`,
      `${kind}学历“${li ?? ''}”${wei ? `（学位“${wei}”）` : ''}不能确定为大专、本科、硕士或博士，请选择`,
      `the ${fullTime ? 'full-time' : 'in-service'} education "${li ?? ''}"${wei ? ` (degree "${wei}")` : ''} is not exactly associate, bachelor, master or doctor; choose one`));
  }
  const institution = person[`${pre}_XueLi_BiYeYuanXiaoXi` as const] ?? person[`${pre}_XueWei_BiYeYuanXiaoXi` as const];
  if (institution) item.institution = institution;
  else {
    problems.push(p('LRMX_EDUCATION_INSTITUTION', `${path}.institution`, `${pre}_XueLi_BiYeYuanXiaoXi`,
      `${kind}缺少毕业院校系，请填写`, `the ${fullTime ? 'full-time' : 'in-service'} education has no institution; fill it in`));
  }
  problems.push(p('LRMX_EDUCATION_GRADUATED', `${path}.graduated`, 'JianLi',
    `任免审批表不含${kind}的毕业日期（只在简历中），请填写毕业日期（年-月-日）`,
    `the .lrmx has no graduation date for the ${fullTime ? 'full-time' : 'in-service'} education (only inside 简历); fill in the date (YYYY-MM-DD)`));
  return item;
}

export function mapLrmxPerson(person: LrmxPerson, ctx: LrmxContext): MappedPerson {
  const problems: LrmxProblem[] = [];
  const candidate: Record<string, unknown> = {};
  const elements: Record<string, string> = {
    'candidate.name': elementPath('XingMing'), 'candidate.gender': elementPath('XingBie'),
    'candidate.idNumber': elementPath('ShenFenZheng'), 'candidate.birthDate': elementPath('ShenFenZheng'),
    'candidate.posts[0]': elementPath('XianRenZhiWu'),
  };

  if (person.XingMing) candidate.name = person.XingMing;
  else problems.push(p('LRMX_REQUIRED', 'candidate.name', 'XingMing', '缺少姓名（XingMing）', 'the name (XingMing) is missing'));

  const gender = person.XingBie === '男' ? 'M' : person.XingBie === '女' ? 'F' : undefined;
  if (gender) candidate.gender = gender;
  else if (person.XingBie === undefined) problems.push(p('LRMX_REQUIRED', 'candidate.gender', 'XingBie', '缺少性别（XingBie）', 'the gender (XingBie) is missing'));
  else problems.push(p('LRMX_VALUE', 'candidate.gender', 'XingBie', '性别应为“男”或“女”', 'the gender must be 男 or 女'));

  const id = person.ShenFenZheng?.replace(/\s/g, '').toUpperCase();
  if (id) {
    candidate.idNumber = id;
    const born = birthDateFromIdNumber(id);
    // A malformed ID number is the form parser's to report (FORM_ID_FORMAT / _CHECKSUM).
    if (born) {
      candidate.birthDate = born;
      const ym = yearMonth(person.ChuShengNianYue);
      if (person.ChuShengNianYue !== undefined && ym !== born.slice(0, 7).replace('-', '')) {
        problems.push(p('LRMX_BIRTH_MISMATCH', 'candidate.birthDate', 'ChuShengNianYue',
          `出生年月与身份证号中的出生日期 ${born.slice(0, 7)} 不一致，请核对`,
          `the birth year and month disagree with the ID number's birth date ${born.slice(0, 7)}; check them`));
      }
    }
  } else {
    problems.push(p('LRMX_REQUIRED', 'candidate.idNumber', 'ShenFenZheng', '缺少身份证号（ShenFenZheng）', 'the ID number (ShenFenZheng) is missing'));
    problems.push(p('LRMX_BIRTHDATE_FROM_ID', 'candidate.birthDate', 'ShenFenZheng',
      '出生日期取自身份证号（出生年月只有年月），请先补填身份证号', 'the birth date comes from the ID number (ChuShengNianYue holds only year and month); add the ID number'));
  }

  const educations: Record<string, unknown>[] = [];
  for (const fullTime of [true, false]) {
    const e = education(person, fullTime, educations.length, problems);
    if (!e) continue;
    const pre = fullTime ? 'QuanRiZhiJiaoYu' : 'ZaiZhiJiaoYu';
    elements[`candidate.education[${educations.length}]`] = elementPath(`${pre}_XueLi`);
    elements[`candidate.education[${educations.length}].institution`] = elementPath(`${pre}_XueLi_BiYeYuanXiaoXi`);
    educations.push(e);
  }
  candidate.education = educations;

  const posts: Record<string, unknown>[] = [];
  if (person.XianRenZhiWu) {
    const post: Record<string, unknown> = { title: person.XianRenZhiWu, to: null };
    if (ctx.unit.name && person.XianRenZhiWu.includes(ctx.unit.name)) post.unit = ctx.unit.name;
    else {
      problems.push(p('LRMX_POST_UNIT', 'candidate.posts[0].unit', 'XianRenZhiWu',
        '现任职务未写明任职单位（与本单位名称不符），请填写', 'the current post does not name its unit (it differs from the uploading unit\'s name); fill it in'));
    }
    problems.push(p('LRMX_POST_KIND', 'candidate.posts[0].kind', 'XianRenZhiWu',
      '现任职务的任职类别（正职、副职、中层、班主任、少先队/团委、教师、其他）须由学校确认填写',
      'the kind of the current post (principal, deputy, middle, class-teacher, team, teacher, other) must be filled in by the school'));
    problems.push(p('LRMX_POST_FROM', 'candidate.posts[0].from', 'JianLi',
      '现任职务的任职起始日期只在简历中（自由文本），请填写（年-月-日）', 'the current post\'s start date is only inside 简历 (free text); fill it in (YYYY-MM-DD)'));
    posts.push(post);
  }
  if (person.JianLi) {
    const lines = person.JianLi.split('\n').filter((l) => PERIOD_LINE.test(l)).length;
    problems.push(p('LRMX_POSTS_FREE_TEXT', 'candidate.posts', 'JianLi',
      `简历为自由文本（${lines} 段经历）：请逐条填写任职经历的类别、职务、单位和起止日期（年-月-日）`,
      `简历 is free text (${lines} dated lines): fill in each post with its kind, title, unit and dates (YYYY-MM-DD)`));
  }
  candidate.posts = posts;

  if (person.JiangChengQingKuang === undefined || /^(无|没有|无。)$/.test(person.JiangChengQingKuang)) candidate.honours = [];
  else {
    problems.push(p('LRMX_HONOURS_FREE_TEXT', 'candidate.honours', 'JiangChengQingKuang',
      '奖惩情况为自由文本：请逐条填写荣誉称号及获评日期（以及优质课获奖）', '奖惩情况 is free text: fill in each honour title with its date (and lesson awards)'));
  }

  const form: Record<string, unknown> = { formVersion: 1, roundId: ctx.roundId };
  if (ctx.unit.name && ctx.unit.type) form.unit = { code: ctx.unit.code, name: ctx.unit.name, type: ctx.unit.type };
  else {
    problems.push(p('LRMX_UNIT_UNKNOWN', 'unit', undefined,
      `单位 ${ctx.unit.code} 不在单位名册中，无法填写单位名称和类型`, `unit ${ctx.unit.code} is not in the unit registry: its name and type cannot be filled in`));
  }
  if (ctx.openTiers.length === 1) form.tier = ctx.openTiers[0];
  else {
    problems.push(p('LRMX_TIER_REQUIRED', 'tier', undefined,
      `任免审批表不含推荐梯队；本批次开放 ${ctx.openTiers.join('、')} 梯队，请选择`, `the .lrmx holds no tier; this round opens tiers ${ctx.openTiers.join(', ')}: choose one`));
  }
  form.source = 'selection';
  form.candidate = candidate;
  problems.push(p('LRMX_ATTESTATION_REQUIRED', 'attestation', undefined,
    '任免审批表不含党组织对基本条件的鉴定（三(二)1）：请填写鉴定党组织和日期', 'the .lrmx holds no party organisation\'s attestation of the basic conditions (三(二)1): fill in who attested and when'));
  form.ageExemption = null;
  return { form, problems, elements };
}
