/**
 * The bureau's console pages in a real Chromium (issue #10): the dashboard with the tiers
 * against their caps, terms, warnings, talks and charts; the pool filtered as C-PRIORITY asks;
 * a member's timeline, each event with its clause; a talk recorded through the form (hostile
 * text in it stays text) and a refused date shown on its field in Chinese; the talks due; a
 * review's calibration confirmed by choosing a person by name; and a school sent to a bureau
 * address gets the refusal page, not data. The pool is the demo district's people entered as
 * a filed list (quick), and a yearly review started through the API. axe-core on every page,
 * a screenshot of each, Chinese only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Worksheet } from 'exceljs';
import type { PoolClient } from '../../cli/api-client';
import { seedFiledPool, type FiledPool } from '../../demo/filed-pool';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const HOSTILE = '<img src=x onerror="window.__pwned=1">谈话要点';
const SCHOOL = '金坛区西旸中心小学';

let cs: ConsoleSystem;
let bureau: PoolClient;
let seeded: FiledPool;
let reviewId: string;
let warnedName: string;

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, timeout: 10_000, ...opts });
const beijingDate = (iso: string, days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(Date.parse(iso) + days * 86_400_000));

beforeAll(async () => {
  cs = await startConsoleSystem();
  bureau = await cs.control.client('bureau');
  const now = await cs.control.now();
  // Two of each tier, filed 60 days ago: a review today assesses year 1 of their term.
  seeded = await seedFiledPool(bureau, { on: beijingDate(now, -60), perTier: { 1: 2, 2: 2, 3: 2 } });
  const started = await bureau.startReview() as { reviewId: string };
  reviewId = started.reviewId;
  await cs.control.settle();
  const [low, ...rest] = seeded.members;
  warnedName = (low as FiledPool['members'][number]).name;
  for (const [i, m] of [low, ...rest].entries()) {
    const school = await cs.control.client('school', (m as FiledPool['members'][number]).unit);
    await school.assess(reviewId, (m as FiledPool['members'][number]).personId, { grade: i === 0 ? '基本合格' : '合格', score: i === 0 ? 60 : 80 + i, assessedBy: '学校党组织' });
  }
  const review = (await bureau.review(reviewId) as { review: { windowClosesAt: string } }).review;
  await cs.control.advance({ to: new Date(Date.parse(review.windowClosesAt) + 3_600_000).toISOString() });
  await cs.control.settle();
}, 180_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('main').innerText();
  // Chinese throughout: no raw status or outcome code, no ISO time stamp, no field path.
  expect(text, name).not.toMatch(/\b(active|removal-pending|org-dept-list|awaiting-confirmation|satisfactory|warned|regular|TERM_ENDING|WARNED|RECORD_DATE_FUTURE)\b/);
  expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text, name).not.toMatch(/「(on|by)」/);
}

async function signIn(page: Page, who: 'bureau' | { name: string }): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/signin$/);
  if (who === 'bureau') await page.getByRole('button', { name: /区教育局/ }).click();
  else {
    await page.getByRole('combobox', { name: '选择单位' }).click();
    await page.keyboard.type(who.name);
    await page.locator(`.ant-select-item-option[title="${who.name}"]`).click();
    await page.getByRole('button', { name: '以所选单位登录' }).click();
  }
  await page.waitForURL(/\/(bureau|school)$/);
}

async function pickDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

describe('the bureau\'s pages in Chromium', () => {
  it('the bureau sees the pool within its caps on the dashboard: tiers, terms, warnings, talks and charts', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    await poll(() => page.locator('[data-ready="true"]').count()).toBe(1);
    for (const [tier, cap] of [['第一梯队（党政正职后备）', 20], ['第二梯队（党政副职后备）', 35], ['第三梯队（学校中层后备）', 50]] as const) {
      const card = page.locator('.ant-card', { hasText: tier });
      await poll(() => card.innerText()).toMatch(new RegExp(`2\\s*/\\s*${cap} 人[\\s\\S]*空余名额 ${cap - 2} 人`));
    }
    const terms = page.locator('.ant-card', { hasText: '任期届满（按年份）' });
    await poll(() => terms.innerText()).toMatch(/\d{4} 年届满\s+6 人/);
    await poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('img', { name: /^按单位类型：/ }).count()).toBe(1);
    // The menu of the bureau's pages.
    for (const item of ['工作台', '人才库', '谈话提醒', '年度考核', '遴选批次']) expect(await page.getByRole('menuitem', { name: item }).count()).toBe(1);
    await checkPage(page, '20-bureau-dashboard');
    await context.close();
  });

  it('the pool as a filtered table: by tier, by unit chosen by its Chinese name; paging and sorting', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    await page.getByRole('menuitem', { name: '人才库' }).click();
    await page.waitForURL(/\/bureau\/pool$/);
    const rows = page.locator('tr.ant-table-row');
    await poll(() => rows.count()).toBe(6);
    await page.locator('input#tier').click();
    await page.locator('.ant-select-item-option[title="第二梯队"]').click();
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await page.waitForURL(/tier=2/);
    await poll(() => rows.count()).toBe(2);
    await poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('第二梯队'), expect.stringContaining('第二梯队')]);
    await checkPage(page, '21-bureau-pool-tier2');

    const one = seeded.members.find((m) => m.tier === 3) as FiledPool['members'][number];
    const unitName = (seeded.units.find((u) => u.code === one.unit) as { name: string }).name;
    await page.getByRole('button', { name: '清除条件' }).click();
    await page.waitForURL(/\/bureau\/pool$/);
    await page.locator('input#unit').click();
    await page.keyboard.type(unitName);
    await page.locator(`.ant-select-item-option[title="${unitName}"]`).click();
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await page.waitForURL(new RegExp(`unit=${one.unit}`));
    await poll(() => page.locator('tr.ant-table-row', { hasText: one.name }).count()).toBe(1);
    expect(await page.locator('main').innerText()).not.toContain(one.unit);
    await context.close();
  });

  it('exports where the list is shown: the tier 2 roster as Excel (ID numbers masked), a member\'s 任免审批表 as Word', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    await page.goto('/bureau/pool?tier=2');
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(2);
    const roster = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出第二梯队名册（Excel）' }).click();
    const file = await roster;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const sheet = book.worksheets[0] as Worksheet;
    const text = sheet.getSheetValues().flat().map(String).join(' ');
    for (const m of seeded.members.filter((x) => x.tier === 2)) expect(text).toContain(m.name);
    // Masked unless the bureau ticks the full-ID box (audited): no 18-digit ID number in the file.
    expect(text).not.toMatch(/\b\d{17}[\dX]\b/);
    await poll(() => page.getByText(/已生成「.*\.xlsx」（2 行）/).count()).toBeGreaterThan(0);
    await checkPage(page, '22-bureau-pool-exported');

    const one = seeded.members.find((m) => m.tier === 2) as FiledPool['members'][number];
    await page.goto(`/bureau/pool/members/${one.personId}`);
    await poll(() => page.getByText(`${one.name} · 后备人才档案`).count()).toBe(1);
    const form = page.waitForEvent('download');
    await page.getByRole('button', { name: '干部任免审批表（Word）' }).click();
    const docx = await form;
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const { readFileSync } = await import('node:fs');
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(readFileSync(await docx.path()))['word/document.xml'] as Uint8Array);
    expect(xml).toContain('干部任免审批表');
    expect(xml).toContain(one.name);
    await context.close();
  });

  it('a member\'s page: the timeline with clauses; a refused date on its field; a talk recorded and seen in the timeline, hostile text as text', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    const m = seeded.members.find((x) => x.tier === 1) as FiledPool['members'][number];
    await page.goto('/bureau/pool');
    await page.getByRole('link', { name: m.name }).click();
    await page.waitForURL(new RegExp(`/bureau/pool/members/${m.personId}$`));
    const timeline = page.locator('.tp-timeline');
    await poll(() => timeline.innerText()).toMatch(/入库[\s\S]*组织部备案名单（S-ORGLIST，方案第三\(三\)条）/);
    await checkPage(page, '22-bureau-member');

    const now = await cs.control.now();
    await page.getByRole('button', { name: '记录谈话' }).click();
    const drawer = page.getByRole('dialog', { name: '记录谈话' });
    await pickDate(page, '谈话日期', beijingDate(now, 30));
    await drawer.getByLabel('谈话人').fill('区教育工委 王书记');
    await drawer.getByLabel('必谈情形（四必谈，可多选）').click();
    await page.locator('.ant-select-item-option[title="考察考核后必谈"]').click();
    await page.keyboard.press('Escape');
    await drawer.getByLabel('谈话要点').fill(HOSTILE);
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    // The API refuses a date ahead of today: on the date's field, in Chinese, with Chinese dates.
    const explain = drawer.locator('.ant-form-item', { hasText: '谈话日期' }).locator('.ant-form-item-explain-error');
    await poll(() => explain.innerText()).toMatch(/「日期」\d{4}年\d{1,2}月\d{1,2}日 晚于今天/);
    await screenshot(page, '23-bureau-talk-refused');
    expect(await seriousViolations(page)).toEqual([]);

    await pickDate(page, '谈话日期', beijingDate(now));
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await poll(() => page.getByRole('dialog', { name: '记录谈话' }).count()).toBe(0);
    const talk = timeline.locator('[data-event="talked"]');
    await poll(() => talk.count()).toBe(1);
    expect(await talk.innerText()).toContain(HOSTILE);
    expect(await talk.innerText()).toContain('谈心谈话（C-TALK，方案第五(三)条）');
    expect(await talk.innerText()).toContain('考察考核后必谈');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    await page.getByRole('tab', { name: '操作记录' }).click();
    await poll(() => page.locator('tr.ant-table-row', { hasText: '记录谈话' }).count()).toBe(1);
    await checkPage(page, '24-bureau-member-talk-recorded');
    const api = await bureau.member(m.personId) as { member: { talks: number } };
    expect(api.member.talks).toBe(1);
    await context.close();
  });

  it('a review\'s calibration: a proposed outcome changed for a person chosen by name, with a reason, and confirmed', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    await page.getByRole('menuitem', { name: '年度考核' }).click();
    await page.waitForURL(/\/bureau\/reviews$/);
    await poll(() => page.locator('tr.ant-table-row', { hasText: '待教育局校准确认' }).count()).toBe(1);
    await checkPage(page, '25-bureau-reviews');
    await page.locator('tr.ant-table-row a').first().click();
    await page.waitForURL(new RegExp(`/bureau/reviews/${reviewId}$`));
    const calibration = page.locator('.ant-card', { hasText: '校准确认（拟定结论' });
    await poll(() => calibration.locator('tr.ant-table-row').count()).toBe(6);
    expect(await calibration.locator('tr.ant-table-row', { hasText: warnedName }).innerText()).toContain('提醒');
    await checkPage(page, '26-bureau-review-calibration');

    await page.getByRole('combobox', { name: '人员' }).click();
    await page.keyboard.type(warnedName);
    await page.locator('.ant-select-item-option', { hasText: warnedName }).click();
    await page.getByRole('combobox', { name: '改为' }).click();
    await page.locator('.ant-select-item-option[title="合格"]').click();
    await page.getByLabel('理由').fill('所在单位补充说明：考核期间因病缺勤');
    await page.getByRole('button', { name: '加入修改' }).click();
    await poll(() => page.locator('tr.ant-table-row', { hasText: '所在单位补充说明' }).count()).toBe(1);
    await page.getByRole('button', { name: '确认考核结论' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s?认/ }).click();
    await poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('已完成');
    const row = page.locator('tr.ant-table-row', { hasText: warnedName });
    await poll(() => row.innerText()).toMatch(/合格[\s\S]*区教育局校准[\s\S]*已执行/);
    const confirmed = (await bureau.review(reviewId) as { review: { status: string; confirmation: { changes: Array<{ outcome: string }> } } }).review;
    expect(confirmed.confirmation.changes).toEqual([expect.objectContaining({ outcome: 'satisfactory' })]);
    await checkPage(page, '27-bureau-review-confirmed');
    await context.close();
  });

  it('the talks due pool-wide, each linking to the member', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    await page.getByRole('menuitem', { name: '谈话提醒' }).click();
    await page.waitForURL(/\/bureau\/talks$/);
    const due = await bureau.talksDue() as { counts: { total: number } };
    await poll(() => page.getByRole('heading', { level: 2 }).innerText()).toContain(`应谈 ${due.counts.total} 项`);
    if (due.counts.total > 0) await poll(() => page.locator('tr.ant-table-row').count()).toBeGreaterThan(0);
    await checkPage(page, '28-bureau-talks-due');
    await context.close();
  });

  it('a one-vote veto recorded through the form: the member leaves at once, only the owed talk can still be recorded', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    const m = seeded.members.filter((x) => x.tier === 3)[1] as FiledPool['members'][number];
    await page.goto(`/bureau/pool/members/${m.personId}`);
    await page.getByRole('button', { name: '记录一票否决' }).click();
    const drawer = page.getByRole('dialog', { name: '记录一票否决' });
    await pickDate(page, '事项发生日期', beijingDate(await cs.control.now()));
    await drawer.getByLabel('一票否决事项').fill('违反师德师风（有偿补课）');
    await drawer.getByLabel('报告单位').fill('区纪委驻局纪检组');
    await drawer.getByLabel('文号（如有）').fill('坛教纪〔2027〕1号');
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await poll(() => page.getByRole('dialog', { name: '记录一票否决' }).count()).toBe(0);
    const timeline = page.locator('.tp-timeline');
    await poll(() => timeline.innerText()).toMatch(/一票否决[\s\S]*一票否决（M-VETO，方案第五\(一\)条）[\s\S]*违反师德师风（有偿补课）（报告：区纪委驻局纪检组），文号 坛教纪〔2027〕1号/);
    await poll(() => page.locator('main').innerText()).toMatch(/不再列入/);
    await poll(() => page.locator('main').innerText()).toMatch(/不再列入时组织谈话（\d{4}年\d{1,2}月\d{1,2}日 前）/);
    expect(await page.getByRole('button', { name: '记录培训' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '记录谈话' }).count()).toBe(1);
    await checkPage(page, '30-bureau-member-vetoed');
    const pool = await bureau.pool({ tier: 3 }) as { tiers: Array<{ tier: number; held: number }> };
    expect(pool.tiers.find((t) => t.tier === 3)?.held).toBe(1);
    await context.close();
  });

  it('a school sent to a bureau address gets the refusal page, not data', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, { name: SCHOOL });
    const m = seeded.members[0] as FiledPool['members'][number];
    for (const path of ['/bureau', '/bureau/pool', `/bureau/pool/members/${m.personId}`, `/bureau/reviews/${reviewId}`]) {
      await page.goto(path);
      await poll(() => page.getByText('无权访问').count()).toBe(1);
      expect(await page.locator('main').innerText()).not.toContain(m.name);
    }
    expect(await page.getByRole('menuitem', { name: '人才库' }).count()).toBe(0);
    await checkPage(page, '29-school-refused-bureau-page');
    await context.close();
  });
});
