import { describe, expect, it } from 'vitest';
import { appointmentForm, type AppointmentFormData } from '../../formats/docx/appointment-form';
import { fontTableXml } from '../../formats/docx/font-table';
import { BODY_CONDENSE, GBT9704_PAGE, LINE_PITCH, TEXT_HEIGHT, TEXT_WIDTH, gbDate, mm } from '../../formats/docx/layout';
import { publicityNotice, type PublicityEntry, type PublicityNoticeData } from '../../formats/docx/publicity-notice';
import { assertWellFormed, everything, paragraphTexts, parts, runs } from './docx-parts';

/**
 * The two Word documents as XML (DESIGN §7, §8; GB/T 9704-2012): page, margins, grid, the
 * fonts each run names (with its East Asian font), nothing embedded, no ID number in the
 * 公示 notice whatever the caller's data holds, hostile text carried as text.
 */

const ID = '320482199205014521';

const notice = (over: Partial<PublicityNoticeData> = {}): PublicityNoticeData => ({
  title: '关于2026年度后备人才遴选拟入库人选的公示',
  paragraphs: ['经个人自荐、单位推荐、资格审查、综合考评，并报区委组织部同意，拟将下列同志列入后备人才库，现予公示。'],
  entries: [{ name: '张三', gender: 'F', birth: '1992-05', unitAndPost: '金坛区西旸小学三年级班主任', tier: 3 }],
  closing: ['公示期间，如有异议，请向区教育局反映。'],
  issuer: '中共常州市金坛区教育工作委员会',
  issuedOn: '2027-03-05',
  ...over,
});

describe('the 公示 notice (GB/T 9704-2012)', () => {
  it('is A4 with the standard margins, a 22-line grid and 28 characters a line', async () => {
    const p = parts(await publicityNotice(notice()));
    assertWellFormed(p);
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(p['word/document.xml']!)![0];
    expect(sect).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 天头 37 mm, 下白边 35 mm, 订口 28 mm, 翻口 26 mm (5.2.1), in twips.
    expect(sect).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect([mm(37), mm(35), mm(28), mm(26)]).toEqual([2098, 1984, 1587, 1474]);
    // 版心 156 × 225 mm; 22 lines of the pitch fit it, 23 do not (5.2.2).
    expect(Math.abs(TEXT_WIDTH - mm(156))).toBeLessThanOrEqual(1);
    expect(Math.abs(TEXT_HEIGHT - mm(225))).toBeLessThanOrEqual(1);
    expect(sect).toContain(`<w:docGrid w:type="lines" w:linePitch="${LINE_PITCH}"/>`);
    expect(GBT9704_PAGE.lines * LINE_PITCH).toBeLessThanOrEqual(TEXT_HEIGHT);
    expect((GBT9704_PAGE.lines + 1) * LINE_PITCH).toBeGreaterThan(TEXT_HEIGHT);
    // 28 condensed 3号 characters fit the line, 29 do not.
    expect(28 * (320 + BODY_CONDENSE)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(29 * (320 + BODY_CONDENSE)).toBeGreaterThan(TEXT_WIDTH);
  });

  it('names its fonts in every run, East Asian font included: 小标宋 2号 title, 仿宋 3号 body, 黑体 header row', async () => {
    const doc = parts(await publicityNotice(notice()))['word/document.xml']!;
    const all = runs(doc);
    for (const r of all) expect(r.fonts.eastAsia, `run "${r.text}"`).toBeTruthy();
    const title = all.find((r) => r.text.includes('拟入库人选的公示'))!;
    expect(title).toMatchObject({ fonts: { eastAsia: '方正小标宋简体', ascii: '方正小标宋简体' }, size: 44 });
    const body = all.find((r) => r.text.startsWith('经个人自荐'))!;
    expect(body).toMatchObject({ fonts: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 });
    expect(doc).toContain(`<w:spacing w:val="${BODY_CONDENSE}"/>`);
    const header = all.find((r) => r.text === '工作单位及职务')!;
    expect(header.fonts.eastAsia).toBe('黑体');
    expect(all.find((r) => r.text === '张三')!.fonts.eastAsia).toBe('仿宋_GB2312');
    // zh-CN for the East Asian text, so a substituting font draws Simplified Chinese glyphs.
    expect(doc).toContain('w:eastAsia="zh-CN"');
  });

  it('keeps the body on the 22-line grid and takes the title and the table off it', async () => {
    const doc = parts(await publicityNotice(notice()))['word/document.xml']!;
    const paragraph = (text: string) => [...doc.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => paragraphTexts(p)[0]!.startsWith(text))!;
    expect(paragraph('经个人自荐')).toContain(`<w:spacing w:after="0" w:before="0" w:line="${LINE_PITCH}" w:lineRule="exact"/>`);
    expect(paragraph('经个人自荐')).not.toContain('<w:snapToGrid');
    for (const off of ['关于2026年度', '工作单位及职务', '张三']) expect(paragraph(off), off).toContain('<w:pPr><w:snapToGrid w:val="0"/><w:spacing');
  });

  it('puts the office centred over the date, the date in Arabic numerals without padding, four characters in', async () => {
    const signature = async (issuer: string) => {
      const doc = parts(await publicityNotice(notice({ issuer, issuedOn: '2027-03-05' })))['word/document.xml']!;
      const last = [...doc.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].slice(-2).map((m) => m[0]);
      for (const p of last) expect(p).toContain('<w:jc w:val="right"/>');
      const right = last.map((p) => Number(/<w:ind w:right="(\d+)"\/>/.exec(p)![1]));
      return { texts: paragraphTexts(doc).slice(-2), office: right[0], date: right[1] };
    };
    // 2027年3月5日 is 6 ems wide (digits are half-width); 3号 is 320 twips an em.
    const short = await signature('区教育局');
    expect(short).toEqual({ texts: ['区教育局', '2027年3月5日'], office: (4 + (6 - 4) / 2) * 320, date: 4 * 320 });
    // An office wider than the date and its four characters cannot be centred over it: it ends at the margin.
    const long = await signature('中共常州市金坛区教育工作委员会');
    expect(long).toEqual({ texts: ['中共常州市金坛区教育工作委员会', '2027年3月5日'], office: 0, date: 1280 });
    expect(gbDate('2027-11-20')).toBe('2027年11月20日');
  });

  it('numbers the pages "— 1 —" in 4号宋体, odd pages right and even pages left, one character in', async () => {
    const p = parts(await publicityNotice(notice()));
    expect(p['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.keys(p).filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => p[k]!);
    expect(footers).toHaveLength(2);
    const [odd, even] = [footers.find((f) => f.includes('w:val="right"'))!, footers.find((f) => f.includes('w:val="left"'))!];
    expect(odd).toContain('<w:ind w:right="280"/>');
    expect(even).toContain('<w:ind w:left="280"/>');
    for (const f of [odd, even]) {
      expect(f).toContain('PAGE');
      expect(paragraphTexts(f).join('')).toMatch(/^— .* —$/);
      for (const r of runs(f)) expect(r).toMatchObject({ fonts: { eastAsia: '宋体', ascii: '宋体' }, size: 28 });
    }
  });

  it('names fonts without embedding any: a font table of names and alternates, no font parts, no embedding setting', async () => {
    const p = parts(await publicityNotice(notice()));
    expect(Object.keys(p).filter((k) => k.startsWith('word/fonts/') || /\.(odttf|ttf|otf)$/i.test(k))).toEqual([]);
    expect(p['word/settings.xml']).not.toContain('embedTrueTypeFonts');
    const table = p['word/fontTable.xml']!;
    expect(table).toBe(fontTableXml());
    expect(table).not.toMatch(/w:embed(Regular|Bold|Italic)/);
    expect(table).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(table).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="小标宋"/>');
    expect(table).toContain('<w:font w:name="黑体">');
    // Every East Asian font a run names is declared in the table.
    const named = new Set(Object.values(p).flatMap((xml) => runs(xml).flatMap((r) => (r.fonts.eastAsia ? [r.fonts.eastAsia] : []))));
    for (const f of named) expect(table).toContain(`w:name="${f}"`);
  });

  it('lists name, gender, year and month of birth, unit and post, tier — never an ID number, even when the data holds one', async () => {
    const entry = { name: '张三', gender: 'F', birth: '1992-05-01', unitAndPost: '金坛区西旸小学三年级班主任', tier: 3, idNumber: ID, birthDate: '1992-05-01' };
    const p = parts(await publicityNotice(notice({ entries: [entry as PublicityEntry] })));
    const text = everything(p);
    expect(text).not.toContain(ID);
    expect(text).not.toContain('20482199205');
    expect(text).not.toContain('1992-05-01');
    const row = paragraphTexts(p['word/document.xml']!);
    const at = row.indexOf('张三');
    expect(row.slice(at - 1, at + 5)).toEqual(['1', '张三', '女', '1992.05', '金坛区西旸小学三年级班主任', '第三梯队\n学校中层后备']);
    expect(row.slice(row.indexOf('序号'), row.indexOf('序号') + 6)).toEqual(['序号', '姓名', '性别', '出生年月', '工作单位及职务', '拟入库梯队']);
  });

  it('carries hostile text as text: markup escaped, XML-illegal characters dropped, every part well-formed', async () => {
    const hostile = '李四</w:t></w:r><w:r><w:t>注入]]>&amp;"\'\u0001\u0008\uFFFF\uD800';
    const p = parts(await publicityNotice(notice({
      title: `<script>alert(1)</script>${hostile}`,
      paragraphs: [`正文${hostile}`],
      entries: [{ name: hostile, gender: 'M', birth: '1985-11', unitAndPost: `=HYPERLINK("x")${hostile}`, tier: 1 }],
      issuer: `局${hostile}`,
    })));
    assertWellFormed(p);
    const texts = paragraphTexts(p['word/document.xml']!);
    const clean = '李四</w:t></w:r><w:r><w:t>注入]]>&amp;"\'';
    expect(texts).toContain(clean);
    expect(texts).toContain(`<script>alert(1)</script>${clean}`);
    expect(texts).toContain(`=HYPERLINK("x")${clean}`);
    expect(texts).toContain(`局${clean}`);
    expect(p['word/document.xml']).not.toContain('<script>');
    expect(p['word/document.xml']).not.toContain('<w:t>注入');
  });
});

const member: AppointmentFormData = {
  name: '张三', gender: 'F', birth: '1992-05-01', age: 34,
  fullTime: { degree: '本科', school: '南京师范大学数学与应用数学' },
  currentPost: '金坛区西旸小学三年级班主任',
  proposedPost: '金坛区西旸小学副校长',
  resume: [{ from: '2014-09-01', to: '2015-08-31', what: '金坛区西旸小学教师' }, { from: '2015-09-01', to: null, what: '金坛区西旸小学三年级班主任' }],
  rewardsAndPenalties: ['2019.09 获常州市教学能手称号'],
  annualReviews: '2027年度合格；2028年度优秀',
};

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the 干部任免审批表 (中组部 layout)', () => {
  const LABELS = [
    '姓名', '性别', '出生年月(岁)', '照片', '民族', '籍贯', '出生地', '入党时间', '参加工作时间', '健康状况', '专业技术职务',
    '熟悉专业有何专长', '学历学位', '全日制教育', '在职教育', '毕业院校系及专业', '现任职务', '拟任职务', '拟免职务', '简历',
    '奖惩情况', '年度考核结果', '任免理由', '家庭主要成员及重要社会关系', '称谓', '年龄', '政治面貌', '工作单位及职务',
    '呈报单位', '审批机关意见', '行政机关任免意见',
  ];

  it('has every field of the table, in order, on A4, two pages, fonts named', async () => {
    const p = parts(await appointmentForm(member));
    assertWellFormed(p);
    const doc = p['word/document.xml']!;
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(doc.match(/<w:pageBreakBefore\/>/g)).toHaveLength(1);
    expect(doc.match(/<w:tbl>/g)).toHaveLength(2);
    const texts = paragraphTexts(doc).map(squash);
    let at = -1;
    for (const label of LABELS) {
      const next = texts.findIndex((t, i) => i > at && t === label);
      expect(next, `label ${label} after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(texts[0]).toBe('干部任免审批表');
    for (const r of runs(doc)) expect(r.fonts.eastAsia, `run "${r.text}"`).toBeTruthy();
    expect(runs(doc)[0]).toMatchObject({ fonts: { eastAsia: '方正小标宋简体' }, size: 44 });
    expect(runs(doc).find((r) => r.text === '健康状况')!.fonts.eastAsia).toBe('宋体');
    expect(runs(doc).find((r) => r.text === '张三')!.fonts.eastAsia).toBe('仿宋_GB2312');
    expect(p['word/fontTable.xml']).toBe(fontTableXml());
  });

  it('writes dates as the table does (YYYY.MM), the age beside the birth month, one 简历 line a period', async () => {
    const texts = paragraphTexts(parts(await appointmentForm(member))['word/document.xml']!);
    expect(texts).toContain('1992.05\n(34岁)');
    expect(texts).toContain('2014.09--2015.08  金坛区西旸小学教师\n2015.09--         金坛区西旸小学三年级班主任');
    expect(texts).toContain('2027年度合格；2028年度优秀');
    expect(texts).toContain('金坛区西旸小学副校长');
  });

  it('leaves what it was not given blank: no value invented for 民族, 籍贯, 入党时间 …', async () => {
    const doc = parts(await appointmentForm({ name: '王五' }))['word/document.xml']!;
    const cells = [...doc.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => paragraphTexts(m[1]!).join('\n').trim());
    const after = (label: string) => cells[cells.findIndex((c) => squash(c) === label) + 1];
    for (const label of ['民族', '籍贯', '出生地', '入党时间', '参加工作时间', '健康状况', '性别', '出生年月(岁)']) {
      expect(after(label), label).toBe('');
    }
    expect(squash(after('现任职务')!)).toBe('');
    expect(cells).toContain('王五');
  });

  it('carries hostile text as text', async () => {
    const hostile = '</w:t><w:t>x&"\u0001';
    const p = parts(await appointmentForm({ ...member, name: hostile, reason: hostile, resume: [{ from: '2020-01-01', to: null, what: hostile }] }));
    assertWellFormed(p);
    expect(paragraphTexts(p['word/document.xml']!)).toContain('</w:t><w:t>x&"');
  });
});
