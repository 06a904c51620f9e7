/**
 * The school's console pages in a real Chromium (issue #10): its own members (本单位后备人才),
 * the annual review's window (年度考核) with a table to fill grades and scores — a refused
 * score shown on its field, an assessment entered and seen as submitted — and the Excel round
 * trip: the sheet downloaded, filled (the pure writer), uploaded and read in the browser, the
 * preview locating each bad cell, the good rows sent and seen saved. Another school sees none
 * of these members; once the window closes the page is read-only. The pool is three tier-3
 * members of one school and one of another, filed as an Organization Department list (quick),
 * and a yearly review started through the API. axe-core on every page, a screenshot of each.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PoolClient } from '../../cli/api-client';
import { generateDemo } from '../../demo/forms';
import { writeWorkbook } from '../../formats/xlsx/write';
import { openWorkbook } from '../../formats/xlsx/workbook';
import { DEFAULT_ZIP_LIMITS } from '../../formats/xlsx/zip';
import { ASSESSMENT_SHEET } from '../../formats/xlsx/assessment';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const UNIT = '金坛区第一实验小学';
const HOSTILE = '<img src=x onerror="window.__pwned=1">学校党组织';

interface Seeded { personId: string; name: string; unit: string; unitName: string }
let cs: ConsoleSystem;
let bureau: PoolClient;
let ours: Seeded[];
let other: Seeded;
let reviewId: string;
let closesAt: string;

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, timeout: 10_000, ...opts });
const beijingDate = (iso: string, days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(Date.parse(iso) + days * 86_400_000));
/** "2026年12月20日 17:00" as the console writes Beijing time. */
const beijingWords = (iso: string) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
};

beforeAll(async () => {
  cs = await startConsoleSystem();
  bureau = await cs.control.client('bureau');
  const on = beijingDate(await cs.control.now(), -60);
  const data = generateDemo(2020, { roundId: 'FILED', referenceDate: on, attestationDate: on });
  const eligible = data.nominations.filter((n) => n.tier === 3 && n.label === 'eligible');
  const chosen = [...eligible.filter((n) => n.unit.name === UNIT).slice(0, 3), eligible.find((n) => n.unit.name !== UNIT) as (typeof eligible)[number]];
  expect(chosen.filter((n) => n.unit.name === UNIT)).toHaveLength(3);
  for (const u of new Map(chosen.map((n) => [n.unit.code, n.unit])).values()) await bureau.putUnit(u.code, { name: u.name, type: u.type, orgDeptManaged: true });
  const res = await bureau.importFiled({ source: 'org-dept-list', on, documentNo: `坛组干〔${on.slice(0, 4)}〕23号`, entries: chosen.map((n) => ({ ...n.form, source: 'org-dept-list' })) }) as unknown as {
    entries: Array<{ personId: string; name: string }>;
  };
  const seeded = res.entries.map((e, i) => ({ personId: e.personId, name: e.name, unit: (chosen[i] as (typeof chosen)[number]).unit.code, unitName: (chosen[i] as (typeof chosen)[number]).unit.name }));
  ours = seeded.slice(0, 3);
  other = seeded[3] as Seeded;
  reviewId = (await bureau.startReview() as { reviewId: string }).reviewId;
  await cs.control.settle();
  closesAt = (await bureau.review(reviewId) as { review: { windowClosesAt: string; status: string } }).review.windowClosesAt;
}, 180_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('main').innerText();
  // Chinese throughout: no raw status, kind or problem code, no ISO time stamp, no field path, no person id.
  expect(text, name).not.toMatch(/\b(open|annual|summative|awaiting-confirmation|NOT_ON_LIST|GRADE_UNKNOWN|SCORE_OUT_OF_RANGE|REVIEW_NOT_OPEN|VALIDATION_FAILED)\b/);
  expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text, name).not.toMatch(/「(score|grade|assessedBy)」/);
}

async function signIn(page: Page, unitName: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/signin$/);
  await page.getByRole('combobox', { name: '选择单位' }).click();
  await page.keyboard.type(unitName);
  await page.locator(`.ant-select-item-option[title="${unitName}"]`).click();
  await page.getByRole('button', { name: '以所选单位登录' }).click();
  await page.waitForURL(/\/school$/);
}

const rowOf = (page: Page, name: string) => page.locator('tr.ant-table-row', { hasText: name });

describe('the school\'s pages in Chromium', () => {
  it('a school sees its own members, and the open window with its close time in Beijing time', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, UNIT);
    for (const item of ['推荐报送', '本单位后备人才', '年度考核']) await poll(() => page.getByRole('menuitem', { name: item }).count()).toBe(1);
    await page.getByRole('menuitem', { name: '本单位后备人才' }).click();
    await page.waitForURL(/\/school\/members$/);
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(3);
    for (const m of ours) expect(await rowOf(page, m.name).innerText()).toMatch(/第三梯队[\s\S]*任期第 1 年[\s\S]*尚未报送/);
    expect(await page.locator('main').innerText()).not.toContain(other.name);
    // Sorted by name when its header is clicked (the table pages at 10 and sorts by each column).
    await page.locator('th', { hasText: '姓名' }).click();
    const names = ours.map((m) => m.name).sort((x, y) => x.localeCompare(y, 'zh-CN'));
    await poll(async () => (await page.locator('tr.ant-table-row td:first-child').allInnerTexts()).map((t) => t.trim())).toEqual(names);
    await checkPage(page, '40-school-members');

    await page.getByRole('menuitem', { name: '年度考核' }).click();
    await page.waitForURL(/\/school\/reviews$/);
    const review = page.locator('tr.ant-table-row').first();
    await poll(() => review.innerText()).toMatch(/正在报送/);
    expect(await review.innerText()).toContain(beijingWords(closesAt));
    expect(await review.innerText()).toMatch(/还有 \d+ (天|小时|分钟)/);
    await checkPage(page, '41-school-reviews');
    await context.close();
  });

  it('a school enters an assessment through the table: a refused score on its field, then seen as submitted', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, UNIT);
    await page.goto(`/school/reviews/${reviewId}`);
    const m = ours[0] as Seeded;
    const row = rowOf(page, m.name);
    await poll(() => row.count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain(beijingWords(closesAt));
    await row.getByRole('combobox', { name: `${m.name} 考核等次` }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="合格"]').click();
    await row.getByLabel(`${m.name} 考核分数`).fill('150');
    await row.getByLabel(`${m.name} 考核主体`).fill('学校党组织');
    await row.getByRole('button', { name: `报送 ${m.name}` }).click();
    // The API's refusal, on the score's field, in Chinese.
    const scoreError = page.locator(`#err-score-${m.personId}`);
    await poll(() => scoreError.innerText()).toMatch(/考核分数.*不大于 100/);
    expect(await row.innerText()).toContain('未报送');
    await screenshot(page, '42-school-assessment-refused');
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByLabel(`${m.name} 考核分数`).fill('86');
    await row.getByRole('button', { name: `报送 ${m.name}` }).click();
    await poll(() => row.innerText()).toMatch(/已报送（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/);
    expect(await scoreError.count()).toBe(0);
    await poll(() => page.locator('main').innerText()).toMatch(/已报送\s+1 \/ 3 人/);
    await checkPage(page, '43-school-assessment-submitted');
    const api = await bureau.review(reviewId) as { assessments: Array<{ personId: string; grade: string; score: number }> };
    expect(api.assessments).toEqual([expect.objectContaining({ personId: m.personId, grade: '合格', score: 86 })]);
    await context.close();
  });

  it('the Excel round trip: downloaded, filled, uploaded; the preview locates each bad cell; the good rows are saved', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, UNIT);
    await page.goto(`/school/reviews/${reviewId}`);
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(3);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载考核表（Excel）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/年度考核表\.xlsx$/);
    const sheet = openWorkbook(readFileSync(await file.path()), DEFAULT_ZIP_LIMITS).sheet(ASSESSMENT_SHEET);
    const read = [...(sheet?.rows.values() ?? [])].map((cells) => [...cells.values()].map((c) => String(c.value)));
    expect(read[0]).toEqual(['人员编号', '姓名', '考核等次', '考核分数', '考核主体', '梯队']);
    // The members with empty grade and score columns.
    expect(read.slice(1).map((r) => r.slice(0, 2)).sort()).toEqual(ours.map((m) => [m.personId, m.name]).sort());
    expect(read.slice(1).every((r) => r.length === 3 && r[2] === '第三梯队')).toBe(true);

    const [a, b, c] = ours as [Seeded, Seeded, Seeded];
    const filled = writeWorkbook([{
      name: ASSESSMENT_SHEET,
      rows: [
        ['人员编号', '姓名', '考核等次', '考核分数', '考核主体', '梯队'],
        [a.personId, a.name, '优秀', 95, '学校党组织', '第三梯队'],
        [b.personId, b.name, '合格', 88, HOSTILE, '第三梯队'],
        [c.personId, c.name, '良好', 80, '学校党组织', '第三梯队'],
        [other.personId, other.name, '合格', 90, '学校党组织', '第三梯队'],
      ],
    }], { sharedStrings: true });
    await page.locator('input[type="file"]').setInputFiles({ name: '考核表-已填.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(filled) });
    const preview = page.getByTestId('sheet-preview');
    await poll(() => preview.innerText()).toContain('共 4 行，可报送 2 行，有问题 2 行');
    expect(await preview.innerText()).toMatch(/考核表!C4：考核等次“良好”不是方案规定的等次/);
    expect(await preview.innerText()).toMatch(new RegExp(`考核表!A5：人员“${other.name}”不在本次考核名单中`));
    // Hostile text in a cell renders as text.
    expect(await preview.innerText()).toContain(HOSTILE);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    await checkPage(page, '44-school-excel-preview');

    await page.getByRole('button', { name: '报送无问题的 2 行' }).click();
    await poll(() => preview.locator('.tp-saved').count()).toBe(2);
    await poll(() => page.locator('main').innerText()).toMatch(/已报送\s+2 \/ 3 人/);
    for (const m of [a, b]) await poll(() => rowOf(page, m.name).last().innerText()).toMatch(/已报送（/);
    await checkPage(page, '45-school-excel-saved');
    const api = await bureau.review(reviewId) as { assessments: Array<{ personId: string; grade: string; score: number; assessedBy?: string }> };
    expect(api.assessments.map((x) => [x.personId, x.grade, x.score]).sort()).toEqual([[a.personId, '优秀', 95], [b.personId, '合格', 88]].sort());
    await context.close();
  });

  it('another school sees none of these members: its own list only, and the API answers for its unit', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, other.unitName);
    await page.goto('/school/members');
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
    await page.goto(`/school/reviews/${reviewId}`);
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
    const text = await page.locator('main').innerText();
    expect(text).toContain(other.name);
    for (const m of ours) expect(text).not.toContain(m.name);
    await checkPage(page, '46-other-school-assessment');
    // The API itself: another unit's member is refused, whatever the console sends.
    const school = await cs.control.client('school', other.unit);
    await expect(school.assess(reviewId, (ours[2] as Seeded).personId, { grade: '合格', score: 80, assessedBy: '学校党组织' })).rejects.toThrow();
    await context.close();
  });

  it('a school with no members under review is told what happens next, not shown an empty grid', async () => {
    const { context, page } = await cs.newPage();
    const lonely = '金坛区西旸中心小学';
    expect([UNIT, other.unitName]).not.toContain(lonely);
    await signIn(page, lonely);
    await page.goto('/school/members');
    await poll(() => page.getByText(/本单位暂无列入年度考核名单的后备人才。区教育局启动年度考核后/).count()).toBe(1);
    for (const m of [...ours, other]) expect(await page.locator('main').innerText()).not.toContain(m.name);
    await checkPage(page, '48-school-members-empty');
    await page.goto(`/school/reviews/${reviewId}`);
    await poll(() => page.getByText(/本次考核没有本单位需要报送的后备人才，无需填报/).count()).toBe(1);
    await checkPage(page, '49-school-assessment-empty');
    await context.close();
  });

  it('once the window closes the page is read-only, with a note saying so', async () => {
    await cs.control.advance({ to: new Date(Date.parse(closesAt) + 3_600_000).toISOString() });
    await cs.control.settle();
    const { context, page } = await cs.newPage();
    await signIn(page, UNIT);
    await page.goto(`/school/reviews/${reviewId}`);
    await poll(() => page.getByText('报送期已结束，考核表只读').count()).toBe(1);
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(3);
    expect(await page.getByRole('button', { name: /报送/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '下载考核表（Excel）' }).count()).toBe(0);
    expect(await rowOf(page, (ours[0] as Seeded).name).innerText()).toMatch(/优秀[\s\S]*95/);
    await checkPage(page, '47-school-assessment-closed');
    await context.close();
  });
});
