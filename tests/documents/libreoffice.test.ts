import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { appointmentForm, type AppointmentFormData } from '../../formats/docx/appointment-form';
import { FONT, run } from '../../formats/docx/layout';
import { publicityNotice, type PublicityNoticeData } from '../../formats/docx/publicity-notice';

/**
 * Both Word documents through LibreOffice (Debian's libreoffice-writer-nogui, headless, a
 * fresh profile), converted to PDF: they open, the Chinese text is there as text (pdftotext,
 * poppler-utils, in content order: -raw keeps a table cell's lines together), a CJK font was
 * embedded for it (pdffonts), the glyphs are the Simplified Chinese forms (not the Japanese
 * forms of the same code points), and the pages are as many as the layout says. The first
 * page of each goes to .screenshots/documents/ (git-ignored) as a PNG to look at. Under CI (CI=true) a missing soffice fails the test (.ci/run installs it);
 * on a developer's machine without it, the suite is skipped with a message.
 */

const exec = promisify(execFile);
const OUT = join(resolve(import.meta.dirname, '..', '..'), '.screenshots', 'documents');

function which(cmd: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, cmd)));
}

const HAVE = which('soffice') && which('pdftotext') && which('pdfinfo') && which('pdftoppm') && which('pdffonts');
const CI = process.env.CI === 'true';
if (!HAVE && !CI) {
  console.warn('[documents] soffice or poppler-utils not found: skipping the LibreOffice test (apt-get install libreoffice-writer-nogui fonts-noto-cjk poppler-utils)');
}

const NOTICE: PublicityNoticeData = {
  title: '关于2026年度金坛区教育系统后备人才遴选拟入库人选的公示',
  paragraphs: [
    '根据《金坛区教育系统后备人才培养工作方案》，经个人自荐、单位推荐、资格审查、综合考评，并报区委组织部同意，拟将下列3名同志列入金坛区教育系统后备人才库，现予公示。',
    '公示时间：2027年3月5日至2027年3月11日。',
  ],
  entries: [
    { name: '张三', gender: 'F', birth: '1992-05', unitAndPost: '金坛区西旸小学三年级班主任', tier: 3 },
    { name: '欧阳明轩', gender: 'M', birth: '1985-11', unitAndPost: '金坛区华罗庚实验学校副校长', tier: 1 },
    { name: '李骨将', gender: 'F', birth: '1988-02', unitAndPost: '金坛区直溪初级中学教务处副主任', tier: 2 },
  ],
  closing: ['公示期间，如对公示对象有异议，请以书面、电话或来访等形式反映（区教育局组织人事科，电话0519-82821234）。'],
  issuer: '中共常州市金坛区教育工作委员会',
  issuedOn: '2027-03-05',
};

/** Enough people for a second page: the header row repeats, the even page's number is on the left. */
const LONG: PublicityNoticeData = {
  ...NOTICE,
  entries: Array.from({ length: 14 }, (_, k) => ({
    name: `候选人${String(k + 1).padStart(2, '0')}`, gender: k % 2 === 0 ? 'M' as const : 'F' as const, birth: `19${80 + (k % 15)}-0${1 + (k % 9)}`,
    unitAndPost: '金坛区西城实验小学教导处副主任', tier: (1 + (k % 3)) as 1 | 2 | 3,
  })),
};

const FORM: AppointmentFormData = {
  name: '张三', gender: 'F', birth: '1992-05-01', age: 34,
  fullTime: { degree: '本科', school: '南京师范大学数学与应用数学专业' },
  currentPost: '金坛区西旸小学三年级班主任',
  proposedPost: '金坛区西旸小学副校长',
  resume: [
    { from: '2014-09-01', to: '2015-08-31', what: '金坛区西旸小学教师' },
    { from: '2015-09-01', to: null, what: '金坛区西旸小学三年级班主任' },
  ],
  rewardsAndPenalties: ['2019.09 获常州市教学能手称号', '2021年 获区级优质课评比二等奖'],
  annualReviews: '2027年度合格；2028年度优秀',
};

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Characters whose Simplified Chinese and Japanese forms differ (直, 将, 骨, 关): one line of
 * them, 48 pt — in the body's run as the writers make it (layout.ts run: 仿宋_GB2312, zh-CN),
 * and, to compare with, in the Simplified and the Japanese Noto faces named outright.
 */
const SAMPLE = '骨直将关';
async function glyphSample(font: string | null, lang: string): Promise<Uint8Array> {
  const runs = font === null
    ? run(SAMPLE, { font: FONT.body, size: 48 })
    : [new TextRun({ text: SAMPLE, size: 96, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font }, language: { value: 'en-US', eastAsia: lang } })];
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: runs })] }] }));
}
const GLYPHS = { named: [null, 'zh-CN'], simplified: ['Noto Sans CJK SC', 'zh-CN'], japanese: ['Noto Sans CJK JP', 'ja-JP'] } as const;

describe.runIf(HAVE || CI)('the Word documents in LibreOffice', () => {
  let dir: string;
  const pdf = (name: string) => join(dir, `${name}.pdf`);

  beforeAll(async () => {
    if (!HAVE) throw new Error('CI=true and soffice / poppler-utils are missing: .ci/run installs libreoffice-writer-nogui fonts-noto-cjk poppler-utils');
    dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
    writeFileSync(join(dir, 'publicity-notice.docx'), await publicityNotice(NOTICE));
    writeFileSync(join(dir, 'appointment-form.docx'), await appointmentForm(FORM));
    writeFileSync(join(dir, 'publicity-notice-long.docx'), await publicityNotice(LONG));
    for (const [name, [font, lang]] of Object.entries(GLYPHS)) writeFileSync(join(dir, `glyphs-${name}.docx`), await glyphSample(font, lang));
    // One soffice for both files (a second instance on the same profile would hand over to the first and exit).
    await exec('soffice', [
      `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore',
      '--convert-to', 'pdf', '--outdir', dir, join(dir, 'publicity-notice.docx'), join(dir, 'appointment-form.docx'),
      join(dir, 'publicity-notice-long.docx'), ...Object.keys(GLYPHS).map((name) => join(dir, `glyphs-${name}.docx`)),
    ], { timeout: 120_000, killSignal: 'SIGKILL' });
    mkdirSync(OUT, { recursive: true });
    for (const name of ['publicity-notice', 'appointment-form']) {
      await exec('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf(name), join(OUT, name)], { timeout: 30_000 });
    }
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const text = async (name: string, page?: number) => squash((await exec('pdftotext', [
    '-raw', '-enc', 'UTF-8', ...(page ? ['-f', String(page), '-l', String(page)] : []), pdf(name), '-',
  ], { timeout: 30_000 })).stdout);
  const pages = async (name: string) => Number(/Pages:\s+(\d+)/.exec((await exec('pdfinfo', [pdf(name)], { timeout: 30_000 })).stdout)![1]);
  const cjkFonts = async (name: string) => (await exec('pdffonts', [pdf(name)], { timeout: 30_000 })).stdout.split('\n').filter((l) => /CJK|Song|Hei|Fang|Kai|Ming/i.test(l));

  it('converts the 公示 notice: the title, the body, the list, the office and the date as Chinese text', async () => {
    const t = await text('publicity-notice');
    for (const s of [
      '关于2026年度金坛区教育系统后备人才遴选拟入库人选的公示', '经个人自荐、单位推荐、资格审查、综合考评',
      '序号', '姓名', '性别', '出生年月', '工作单位及职务', '拟入库梯队',
      '张三', '女', '1992.05', '金坛区西旸小学三年级班主任', '第三梯队', '学校中层后备', '欧阳明轩', '李骨将',
      '中共常州市金坛区教育工作委员会', '2027年3月5日', '—1—',
    ]) expect(t, s).toContain(squash(s));
    expect(await pages('publicity-notice')).toBe(1);
    expect(await cjkFonts('publicity-notice')).not.toEqual([]);
  });

  it('runs a long list onto a second page: the header row again, the page numbered "— 2 —"', async () => {
    expect(await pages('publicity-notice-long')).toBe(2);
    const [one, two] = [await text('publicity-notice-long', 1), await text('publicity-notice-long', 2)];
    expect(one).toContain('—1—');
    expect(two).toContain('—2—');
    expect(two).toContain('序号姓名性别出生年月工作单位及职务拟入库梯队');
    expect(two).toContain('候选人14');
    expect(two).toContain('2027年3月5日');
    await exec('pdftoppm', ['-png', '-r', '60', '-f', '2', '-l', '2', '-singlefile', pdf('publicity-notice-long'), join(OUT, 'publicity-notice-long-page2')], { timeout: 30_000 });
  });

  it('converts the 干部任免审批表: two pages, every label and the values given', async () => {
    const t = await text('appointment-form');
    for (const s of [
      '干部任免审批表', '姓名', '出生年月', '照片', '入党时间', '参加工作', '专业技术', '学历', '全日制', '毕业院校',
      '现任职务', '拟任职务', '拟免职务', '简', '奖', '年度考核', '家庭主要', '呈', '审批机关', '行政机关',
      '张三', '1992.05', '(34岁)', '2014.09--2015.08', '金坛区西旸小学教师', '2019.09获常州市教学能手称号', '2027年度合格；2028年度优秀',
    ]) expect(t, s).toContain(squash(s));
    expect(await pages('appointment-form')).toBe(2);
    expect(await cjkFonts('appointment-form')).not.toEqual([]);
  });

  it('draws the documents\' fonts with Simplified Chinese glyphs (zh-CN), not the Japanese forms of the same characters', async () => {
    const raster = async (name: string) => {
      await exec('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '800', '-H', '250', '-singlefile', pdf(name), join(dir, name)], { timeout: 30_000 });
      return readFileSync(join(dir, `${name}.png`));
    };
    const [named, simplified, japanese] = [await raster('glyphs-named'), await raster('glyphs-simplified'), await raster('glyphs-japanese')];
    // The control: the Japanese forms do come out different, so equality below means something.
    expect(japanese.equals(simplified)).toBe(false);
    expect(named.equals(simplified)).toBe(true);
  });

  it('renders the first page of each to .screenshots/documents/', () => {
    for (const name of ['publicity-notice', 'appointment-form']) {
      const png = join(OUT, `${name}.png`);
      expect(statSync(png).size).toBeGreaterThan(5_000);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
