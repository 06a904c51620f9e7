import { EDUCATION_ORDER } from '../../domain/policy/schema';
import type { Education, NominationForm, Post } from '../../domain/form/schema';
import { EXPORT_VERSION, FAMILY_ITEM_ELEMENTS, PERSON_ELEMENTS, type PersonElement } from './elements';

/**
 * A member's 干部任免审批表 as an .lrmx the 任免表 editor opens: UTF-8, root <Person>, every
 * element of PERSON_ELEMENTS in the editor's order (elements.ts says where the order comes
 * from), dates YYYYMM, 简历 lines `YYYY.MM--YYYY.MM  post` joined with CR LF as the public
 * writer joins them. What the pool does not hold (民族, 籍贯, 入党时间 …) and what it never
 * keeps (the photo, family members, health status) are written as empty elements for the
 * editor to fill, so the file has every box of the form.
 */

export interface LrmxExport {
  /** The member's nomination form (admission's), parsed. */
  form: NominationForm;
  /** The day the file is written (Beijing date, ISO): 计算年龄时间 and 填表时间 (YYYYMM). */
  asOf: string;
  /** Annual review grades of the member's record, written into 年度考核结果. */
  assessments?: ReadonlyArray<{ year: number; review: string; grade: string }>;
  /** 呈报单位, when the caller names it. */
  reportingUnit?: string;
}

const LEVEL_ZH: Record<Education['level'], string> = {
  associate: '大学专科',
  bachelor: '大学本科',
  // 硕士 / 博士 written into 学历 itself, so the level reads back exactly without a 学位 the form does not hold.
  master: '硕士研究生',
  doctor: '博士研究生',
};

/** YYYYMM of an ISO date. */
export const toYearMonth = (iso: string): string => iso.slice(0, 7).replace('-', '');
const dotted = (iso: string): string => iso.slice(0, 7).replace('-', '.');

/** Characters XML 1.0 cannot hold are dropped; the rest escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The highest-level entry of one kind (full-time or in-service), latest graduation first on a tie. */
function best(education: readonly Education[], fullTime: boolean): Education | undefined {
  return [...education].filter((e) => e.fullTime === fullTime)
    .sort((a, b) => EDUCATION_ORDER.indexOf(b.level) - EDUCATION_ORDER.indexOf(a.level) || b.graduated.localeCompare(a.graduated))[0];
}

const postText = (p: Post): string => (p.title.includes(p.unit) ? p.title : `${p.unit}${p.title}`);

export function lrmxValues(x: LrmxExport): Partial<Record<PersonElement, string>> {
  const c = x.form.candidate;
  const v: Partial<Record<PersonElement, string>> = {
    XingMing: c.name,
    XingBie: c.gender === 'M' ? '男' : '女',
    ChuShengNianYue: toYearMonth(c.birthDate),
    ShenFenZheng: c.idNumber,
    JiSuanNianLingShiJian: toYearMonth(x.asOf),
    TianBiaoShiJian: toYearMonth(x.asOf),
    Version: EXPORT_VERSION,
  };
  for (const [fullTime, pre] of [[true, 'QuanRiZhiJiaoYu'], [false, 'ZaiZhiJiaoYu']] as const) {
    const e = best(c.education, fullTime);
    if (!e) continue;
    v[`${pre}_XueLi`] = LEVEL_ZH[e.level];
    v[`${pre}_XueLi_BiYeYuanXiaoXi`] = e.institution;
  }
  const current = c.posts.filter((p) => p.to === null);
  if (current.length > 0) v.XianRenZhiWu = current.map(postText).join('、');
  const posts = [...c.posts].sort((a, b) => a.from.localeCompare(b.from));
  // The editor's 简历 layout: a period, two spaces, the post; a current post's end left blank.
  if (posts.length > 0) v.JianLi = posts.map((p) => `${dotted(p.from)}--${p.to ? dotted(p.to) : '       '}  ${postText(p)}`).join('\r\n');
  const honours = [
    ...[...c.honours].sort((a, b) => a.awarded.localeCompare(b.awarded)).map((h) => `${dotted(h.awarded)}  ${h.title}`),
    ...c.lessonAwards.map((a) => `${a.year}年  ${a.title ?? `${{ district: '区级', city: '市级', province: '省级', national: '国家级' }[a.level]}优质课评比${['一', '二', '三'][a.prize - 1]}等奖`}`),
  ];
  if (honours.length > 0) v.JiangChengQingKuang = honours.join('\r\n');
  const annual = (x.assessments ?? []).filter((a) => a.review === 'annual').sort((a, b) => a.year - b.year);
  if (annual.length > 0) v.NianDuKaoHeJieGuo = annual.map((a) => `${a.year}年度考核${a.grade}`).join('；');
  if (x.reportingUnit) v.ChengBaoDanWei = x.reportingUnit;
  return v;
}

export function writeLrmx(x: LrmxExport): Uint8Array {
  const v = lrmxValues(x);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<Person>'];
  for (const name of PERSON_ELEMENTS) {
    if (name === 'JiaTingChengYuan') {
      // One empty Item, so the editor shows the family table's first row ready to fill.
      lines.push('  <JiaTingChengYuan>', '    <Item>', ...FAMILY_ITEM_ELEMENTS.map((f) => `      <${f}></${f}>`), '    </Item>', '  </JiaTingChengYuan>');
      continue;
    }
    lines.push(`  <${name}>${xmlText(v[name] ?? '')}</${name}>`);
  }
  lines.push('</Person>', '');
  return new TextEncoder().encode(lines.join('\r\n'));
}
