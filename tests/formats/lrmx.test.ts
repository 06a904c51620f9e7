import { XMLParser } from 'fast-xml-parser';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseNominationForm } from '../../domain/form/parse';
import { readLrmxArchive } from '../../formats/lrmx/archive';
import { FAMILY_ITEM_ELEMENTS, PERSON_ELEMENTS } from '../../formats/lrmx/elements';
import { educationLevel, mapLrmxPerson, yearMonth, type LrmxContext } from '../../formats/lrmx/map';
import { readLrmx, type LrmxPerson } from '../../formats/lrmx/read';
import { writeLrmx } from '../../formats/lrmx/write';
import type { NominationForm } from '../../domain/form/schema';
import { validForm } from '../support/forms';
import { lrmxFixture, lrmxZip, lrmxZipBomb, oversizeLrmx } from '../support/lrmx';

const CTX: LrmxContext = { roundId: '2026-R1', unit: { code: 'JT-XYXX', name: '金坛区西旸小学', type: 'primary' }, openTiers: [3] };

function person(name: string): LrmxPerson {
  const r = readLrmx(lrmxFixture(name));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const codes = (r: { ok: boolean; problems?: Array<{ code: string }> }) => (r.ok ? [] : (r.problems ?? []).map((p) => p.code));

describe('reading an .lrmx safely', () => {
  it('reads every kept element and drops the photo, family members and health status (minimum necessary)', () => {
    const p = person('zhangsan.lrmx');
    expect(p).toMatchObject({ XingMing: '张三', XingBie: '女', ChuShengNianYue: '199205', ShenFenZheng: '320482199205014521', QuanRiZhiJiaoYu_XueLi: '大学本科' });
    expect(p.JianLi?.split('\n')).toHaveLength(3);
    expect(p).not.toHaveProperty('ZhaoPian');
    expect(p).not.toHaveProperty('JiaTingChengYuan');
    expect(p).not.toHaveProperty('JianKangZhuangKuang');
    const text = JSON.stringify(p);
    for (const gone of ['李某', '丈夫', '健康', '/9j/']) expect(text).not.toContain(gone);
  });

  it('refuses a DOCTYPE (an external entity) and a billion-laughs entity bomb before parsing, quickly', () => {
    expect(codes(readLrmx(lrmxFixture('doctype-xxe.lrmx')))).toEqual(['LRMX_DOCTYPE']);
    const t0 = performance.now();
    const bomb = readLrmx(lrmxFixture('billion-laughs.lrmx'));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(codes(bomb)).toEqual(['LRMX_DOCTYPE']);
    if (!bomb.ok) expect(bomb.problems[0]).toMatchObject({ path: '', element: 'Person' });
    // An entity reference without a declaration is never expanded: kept as written.
    const undeclared = readLrmx(strToU8('<Person><XingMing>张&amp;三&#x4E09;&lol9;</XingMing></Person>'));
    expect(undeclared.ok && undeclared.value.XingMing).toBe('张&三三&lol9;');
  });

  it('refuses a file over the size limit', () => {
    expect(codes(readLrmx(oversizeLrmx(3 * 1024 * 1024)))).toEqual(['LRMX_TOO_LARGE']);
    expect(readLrmx(oversizeLrmx(1024 * 1024)).ok).toBe(true);
  });

  it('decodes a GBK-declared file exactly, and refuses bytes that are not what the declaration says', () => {
    const gbk = lrmxFixture('zhaoliu-gbk.lrmx');
    expect(new TextDecoder('utf-8', { fatal: false }).decode(gbk)).not.toContain('赵六');
    const p = readLrmx(gbk);
    expect(p.ok && p.value).toMatchObject({ XingMing: '赵六', XianRenZhiWu: '金坛区西旸小学总务处主任' });
    // GBK bytes declared UTF-8; an encoding it does not read; UTF-16.
    const asUtf8 = strToU8(new TextDecoder('latin1').decode(gbk).replace('encoding="GBK"', 'encoding="UTF-8"'), true);
    expect(codes(readLrmx(asUtf8))).toEqual(['LRMX_ENCODING']);
    expect(codes(readLrmx(strToU8('<?xml version="1.0" encoding="Shift_JIS"?><Person/>')))).toEqual(['LRMX_ENCODING']);
    expect(codes(readLrmx(new Uint8Array([0xff, 0xfe, 0x3c, 0x00])))).toEqual(['LRMX_ENCODING']);
  });

  it('refuses what is not a <Person> document or not XML', () => {
    expect(codes(readLrmx(strToU8('<Root><XingMing>张三</XingMing></Root>')))).toEqual(['LRMX_NOT_PERSON']);
    expect(codes(readLrmx(strToU8('<Person><XingMing>张三</Person>')))).toEqual(['LRMX_NOT_XML']);
    expect(codes(readLrmx(strToU8('<Person><XingMing>张三</XingMing><XingMing>李四</XingMing></Person>')))).toEqual(['LRMX_ELEMENT_REPEATED']);
  });
});

describe('mapping an .lrmx person onto form v1: exact values filled, the rest coded problems', () => {
  it('fills name, gender, ID number and its birth date, both educations and the current post', () => {
    const { form, problems } = mapLrmxPerson(person('zhangsan.lrmx'), CTX);
    expect(form).toMatchObject({
      formVersion: 1, roundId: '2026-R1', unit: CTX.unit, tier: 3, source: 'selection', ageExemption: null,
      candidate: {
        name: '张三', gender: 'F', idNumber: '320482199205014521', birthDate: '1992-05-01',
        education: [
          { level: 'bachelor', fullTime: true, institution: '南京师范大学数学科学学院' },
          { level: 'master', fullTime: false, institution: '江苏师范大学教育科学学院' },
        ],
        posts: [{ title: '金坛区西旸小学三年级班主任', unit: '金坛区西旸小学', to: null }],
      },
    });
    expect(form).not.toHaveProperty('attestation');
    expect(problems.map((p) => [p.code, p.path, p.element])).toEqual([
      ['LRMX_EDUCATION_GRADUATED', 'candidate.education[0].graduated', 'Person/JianLi'],
      ['LRMX_EDUCATION_GRADUATED', 'candidate.education[1].graduated', 'Person/JianLi'],
      ['LRMX_POST_KIND', 'candidate.posts[0].kind', 'Person/XianRenZhiWu'],
      ['LRMX_POST_FROM', 'candidate.posts[0].from', 'Person/JianLi'],
      ['LRMX_POSTS_FREE_TEXT', 'candidate.posts', 'Person/JianLi'],
      ['LRMX_HONOURS_FREE_TEXT', 'candidate.honours', 'Person/JiangChengQingKuang'],
      ['LRMX_ATTESTATION_REQUIRED', 'attestation', undefined],
    ]);
    expect(problems.find((p) => p.code === 'LRMX_POSTS_FREE_TEXT')?.zh).toContain('3 段经历');
    for (const p of problems) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/[a-z]/);
    }
  });

  it('reports nothing beyond what is missing: completing exactly the reported fields makes a valid form', () => {
    const { form } = mapLrmxPerson(person('zhangsan.lrmx'), CTX);
    const c = form.candidate as Record<string, Array<Record<string, unknown>>>;
    c.education![0]!.graduated = '2014-06-30';
    c.education![1]!.graduated = '2020-06-30';
    c.posts![0] = { ...c.posts![0], kind: 'class-teacher', from: '2015-09-01' };
    c.honours = [{ title: '常州市教学能手', awarded: '2019-09-10' }];
    form.attestation = { basicConditions: true, by: '西旸小学党支部', date: '2026-03-01' };
    const parsed = parseNominationForm(form);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it('reads 研究生 by its degree, 1988.11 as a year and month, and 奖惩情况 “无” as no honours', () => {
    const { form, problems } = mapLrmxPerson(person('lisi.lrmx'), CTX);
    const c = form.candidate as Record<string, unknown>;
    expect(c).toMatchObject({ gender: 'M', birthDate: '1988-11-23', honours: [], education: [{ level: 'master', fullTime: true, institution: '华东师范大学教育学部' }] });
    expect(problems.map((p) => p.code)).not.toContain('LRMX_BIRTH_MISMATCH');
    expect(problems.map((p) => p.code)).not.toContain('LRMX_HONOURS_FREE_TEXT');
  });

  it('a missing ID number is a coded problem at Person/ShenFenZheng, and the birth date with it', () => {
    const { form, problems } = mapLrmxPerson(person('wangfang-no-id.lrmx'), CTX);
    expect(form.candidate).not.toHaveProperty('idNumber');
    expect(form.candidate).not.toHaveProperty('birthDate');
    expect(problems.filter((p) => p.element === 'Person/ShenFenZheng').map((p) => [p.code, p.path])).toEqual([
      ['LRMX_REQUIRED', 'candidate.idNumber'], ['LRMX_BIRTHDATE_FROM_ID', 'candidate.birthDate'],
    ]);
    // 少先队大队辅导员 names no unit: the post's unit is asked for, not assumed.
    expect(problems.map((p) => p.code)).toContain('LRMX_POST_UNIT');
  });

  it('never settles a disagreement: a birth month unlike the ID number\'s is reported', () => {
    const p = { ...person('zhangsan.lrmx'), ChuShengNianYue: '199206' };
    const { form, problems } = mapLrmxPerson(p, CTX);
    expect((form.candidate as { birthDate: string }).birthDate).toBe('1992-05-01');
    expect(problems.find((q) => q.code === 'LRMX_BIRTH_MISMATCH')).toMatchObject({ path: 'candidate.birthDate', element: 'Person/ChuShengNianYue' });
  });

  it('asks for the tier when the round opens several, for the level when 学历 is not one of form v1\'s, for the unit when unregistered', () => {
    const several = mapLrmxPerson(person('zhangsan.lrmx'), { ...CTX, openTiers: [2, 3] });
    expect(several.form).not.toHaveProperty('tier');
    expect(several.problems.map((p) => p.code)).toContain('LRMX_TIER_REQUIRED');
    const unknown = mapLrmxPerson(person('zhangsan.lrmx'), { ...CTX, unit: { code: 'JT-XYXX' } });
    expect(unknown.problems.map((p) => p.code)).toContain('LRMX_UNIT_UNKNOWN');
    expect(educationLevel('中专', undefined)).toBeUndefined();
    expect(educationLevel('研究生', undefined)).toBeUndefined();
    expect(educationLevel('研究生', '教育学博士')).toBe('doctor');
    expect(educationLevel('大学专科', undefined)).toBe('associate');
    expect(educationLevel('大学', '文学学士')).toBe('bachelor');
    const zhongzhuan = mapLrmxPerson({ ...person('lisi.lrmx'), QuanRiZhiJiaoYu_XueLi: '中专', QuanRiZhiJiaoYu_XueWei: undefined }, CTX);
    expect(zhongzhuan.problems.find((p) => p.code === 'LRMX_EDUCATION_LEVEL')).toMatchObject({ path: 'candidate.education[0].level', element: 'Person/QuanRiZhiJiaoYu_XueLi' });
    expect([yearMonth('199205'), yearMonth('1992.5'), yearMonth('19920501'), yearMonth('1992年05月'), yearMonth('五月')]).toEqual(['199205', '199205', '199205', '199205', undefined]);
  });
});

describe('a .zip of .lrmx', () => {
  const three = () => lrmxZip({ '张三.lrmx': lrmxFixture('zhangsan.lrmx'), '李四.lrmx': lrmxFixture('lisi.lrmx'), '王芳.lrmx': lrmxFixture('wangfang-no-id.lrmx') });

  it('yields its entries, skipping folders and macOS resource forks', () => {
    const zip = zipSync({ '高三/': new Uint8Array(0), '高三/张三.lrmx': lrmxFixture('zhangsan.lrmx'), '__MACOSX/._张三.lrmx': strToU8('x'), '李四.lrmx': lrmxFixture('lisi.lrmx') });
    const r = readLrmxArchive(zip);
    expect(r.ok && r.value.map((e) => e.name)).toEqual(['高三/张三.lrmx', '李四.lrmx']);
    const t = readLrmxArchive(three());
    expect(t.ok && t.value).toHaveLength(3);
  });

  it('refuses a zip bomb (declared or lying about its size), a nested zip, a path out of the archive, too many entries', () => {
    expect(codes(readLrmxArchive(lrmxZipBomb(25)))).toEqual(['LRMX_ZIP_TOO_LARGE']);
    expect(codes(readLrmxArchive(lrmxZipBomb(25, true)))).toEqual(['LRMX_ZIP_TOO_LARGE']);
    expect(codes(readLrmxArchive(zipSync({ 'inner.zip': three() })))).toEqual(['LRMX_ZIP_NESTED']);
    expect(codes(readLrmxArchive(zipSync({ '张三.lrmx': three() })))).toEqual(['LRMX_ZIP_NESTED']);
    expect(codes(readLrmxArchive(zipSync({ '../../etc/张三.lrmx': lrmxFixture('zhangsan.lrmx') })))).toEqual(['LRMX_ZIP_PATH']);
    expect(codes(readLrmxArchive(zipSync({ 'C:/x.lrmx': lrmxFixture('zhangsan.lrmx') })))).toEqual(['LRMX_ZIP_PATH']);
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 101; i++) many[`${i}.lrmx`] = strToU8('<Person/>');
    expect(codes(readLrmxArchive(zipSync(many)))).toEqual(['LRMX_ZIP_TOO_LARGE']);
    expect(codes(readLrmxArchive(strToU8('not a zip')))).toEqual(['LRMX_ZIP_INVALID']);
  });
});

describe('writing a member\'s .lrmx', () => {
  const form = () => parseNominationForm(validForm()) as { ok: true; value: NominationForm };
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, preserveOrder: true, trimValues: false });

  it('is UTF-8 with root <Person>, every element in the editor\'s order, dates YYYYMM, photo / family / health empty', () => {
    const bytes = writeLrmx({ form: form().value, asOf: '2026-11-02', assessments: [{ year: 2026, review: 'annual', grade: '优秀' }] });
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\r\n<Person>')).toBe(true);
    const doc = parser.parse(text) as Array<Record<string, unknown>>;
    // Whitespace between elements is text nodes (trimValues: false keeps 简历's line ends).
    const elements = (nodes: Array<Record<string, unknown>>) => nodes.filter((n) => !('#text' in n));
    const root = elements(doc.find((n) => 'Person' in n)!.Person as Array<Record<string, unknown>>);
    const names = root.map((n) => Object.keys(n).find((k) => k !== ':@'));
    expect(names).toEqual([...PERSON_ELEMENTS]);
    const value = (e: string) => {
      const node = root.find((n) => e in n)![e] as Array<{ '#text'?: string }>;
      return node.map((t) => t['#text'] ?? '').join('');
    };
    expect(value('ChuShengNianYue')).toBe('199205');
    expect(value('JiSuanNianLingShiJian')).toBe('202611');
    expect(value('XingBie')).toBe('女');
    expect(value('ZhaoPian')).toBe('');
    expect(value('JianKangZhuangKuang')).toBe('');
    expect(value('NianDuKaoHeJieGuo')).toBe('2026年度考核优秀');
    expect(value('JianLi')).toMatch(/^2015\.09--\s+金坛区西旸小学三年级班主任$/);
    expect(value('JiangChengQingKuang')).toContain('2019.09  常州市教学能手');
    const family = root.find((n) => 'JiaTingChengYuan' in n)!.JiaTingChengYuan as Array<Record<string, Array<Record<string, unknown>>>>;
    const item = elements(family as Array<Record<string, unknown>>)[0]!.Item as Array<Record<string, unknown>>;
    expect(elements(item).map((n) => Object.keys(n)[0])).toEqual([...FAMILY_ITEM_ELEMENTS]);
  });

  it('round-trips: what the import maps exactly comes back the same, the rest as coded problems', () => {
    const f = form().value;
    f.candidate.name = '张&三<>';
    f.candidate.education.push({ level: 'master', fullTime: false, institution: '江苏师范大学', graduated: '2020-06-30' });
    const read = readLrmx(writeLrmx({ form: f, asOf: '2026-11-02' }));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const back = mapLrmxPerson(read.value, CTX);
    expect(back.form.candidate).toMatchObject({
      name: '张&三<>', gender: f.candidate.gender, idNumber: f.candidate.idNumber, birthDate: f.candidate.birthDate,
      education: [
        { level: 'bachelor', fullTime: true, institution: '南京师范大学' },
        { level: 'master', fullTime: false, institution: '江苏师范大学' },
      ],
      posts: [{ title: '金坛区西旸小学三年级班主任', unit: '金坛区西旸小学', to: null }],
    });
    expect(back.problems.map((p) => p.code)).toEqual([
      'LRMX_EDUCATION_GRADUATED', 'LRMX_EDUCATION_GRADUATED', 'LRMX_POST_KIND', 'LRMX_POST_FROM', 'LRMX_POSTS_FREE_TEXT', 'LRMX_HONOURS_FREE_TEXT', 'LRMX_ATTESTATION_REQUIRED',
    ]);
    expect(back.problems.find((p) => p.code === 'LRMX_POSTS_FREE_TEXT')?.zh).toContain('1 段经历');
  });
});

describe('what real files do', () => {
  it('reads <br/> in 简历 as a line break, and reports child elements where text belongs', () => {
    const r = readLrmx(strToU8('<Person><JianLi>2010.09--2014.06  学生<br/>2014.09--  教师<BR></JianLi><JiangChengQingKuang>2019.09 能手&lt;br&gt;2020.01 标兵</JiangChengQingKuang></Person>'));
    expect(r.ok && r.value).toEqual({ JianLi: '2010.09--2014.06  学生\n2014.09--  教师', JiangChengQingKuang: '2019.09 能手\n2020.01 标兵' });
    const markup = readLrmx(strToU8('<Person><XingMing>张<b>x</b>三</XingMing></Person>'));
    expect(markup.ok ? [] : markup.problems).toEqual([expect.objectContaining({ code: 'LRMX_ELEMENT_MARKUP', element: 'Person/XingMing' })]);
  });

  it('names a zip entry written by Chinese Windows (GBK, no UTF-8 flag) correctly', () => {
    const zip = zipSync({ 'XXXX.lrmx': lrmxFixture('lisi.lrmx') });
    // 张三 in GBK is four bytes, like the placeholder: patch it into both headers.
    const gbk = [0xd5, 0xc5, 0xc8, 0xfd];
    const x = 'XXXX'.split('').map((c) => c.charCodeAt(0));
    for (let i = 0; i + 4 <= zip.length; i++) if (x.every((b, k) => zip[i + k] === b)) zip.set(gbk, i);
    const r = readLrmxArchive(zip);
    expect(r.ok && r.value.map((e) => e.name)).toEqual(['张三.lrmx']);
  });
});

describe('the template prefilled from .lrmx', () => {
  it('writes exactly what the import filled; the workbook reads back to the same form, and the blanks are the reported fields', async () => {
    const { prefilledTemplate } = await import('../../formats/lrmx/prefill');
    const { readNominationWorkbook } = await import('../../formats/xlsx/nomination');
    const people = ['zhangsan.lrmx', 'wangfang-no-id.lrmx'].map((f) => mapLrmxPerson(person(f), CTX));
    const bytes = prefilledTemplate(people);
    const rows = readNominationWorkbook(bytes);
    if (!rows.ok) throw new Error(JSON.stringify(rows.problems));
    expect(rows.value).toHaveLength(2);
    const zhang = rows.value[0]!;
    expect(zhang.problems).toEqual([]);
    expect(zhang.form).toMatchObject({
      roundId: '2026-R1', unit: CTX.unit, tier: 3, source: 'selection',
      candidate: {
        name: '张三', gender: 'F', idNumber: '320482199205014521', birthDate: '1992-05-01',
        education: [{ level: 'bachelor', fullTime: true, institution: '南京师范大学数学科学学院' }, { level: 'master', fullTime: false, institution: '江苏师范大学教育科学学院' }],
        posts: [{ title: '金坛区西旸小学三年级班主任', unit: '金坛区西旸小学', to: null }],
      },
    });
    // What the parser asks of the prefilled row is what the import reported (honours and
    // attestation aside: a blank honours column is "none" in the template, and 备注 says so).
    const parsed = parseNominationForm(zhang.form);
    const asked = parsed.ok ? [] : parsed.problems.map((p) => p.path);
    expect(asked).toEqual(expect.arrayContaining(['candidate.education[0].graduated', 'candidate.education[1].graduated', 'candidate.posts[0].kind', 'candidate.posts[0].from']));
    expect(asked.every((p) => p.startsWith('candidate.education') || p.startsWith('candidate.posts') || p.startsWith('attestation'))).toBe(true);
    // 王芳 without an ID number: the ID and birth-date cells are blank.
    const wang = rows.value[1]!.form as { candidate: Record<string, unknown> };
    expect(wang.candidate.idNumber).toBeUndefined();
    expect(wang.candidate.name).toBe('王芳');
    // 备注 (read past by the reader) says per row what the import reported.
    const { openWorkbook } = await import('../../formats/xlsx/workbook');
    const { DEFAULT_ZIP_LIMITS } = await import('../../formats/xlsx/zip');
    const sheet = openWorkbook(bytes, DEFAULT_ZIP_LIMITS).sheet('推荐表')!;
    const header = [...sheet.rows.get(1)!.values()];
    const remarksCol = header.find((c) => c.value === '备注')!.col;
    expect(String(sheet.rows.get(3)!.get(remarksCol)?.value)).toContain('Person/ShenFenZheng：缺少身份证号');
  });
});
