/**
 * One selection round walked end to end in a real Chromium, as its users do it (issue #14's
 * done-when, issue #10): the bureau opens a round with 民主推荐 (a scoring component and a
 * threshold), 考察 and 公示 through the form; a school uploads its Excel file and sees its forms
 * accepted; the bureau issues codes and downloads the slips; a voter on a phone votes once (a
 * second use of the code is refused in Chinese); after the ballot's deadline the bureau reads
 * turnout and shares, enters scores, records 考察 for each 考察对象 and closes it; the approver
 * approves; the public 公示 page (signed out) lists them without ID numbers; the bureau records
 * an objection and upholds it; after the period the pool holds the others, not the one upheld;
 * the 通知 page shows what the units were told. Everything the console offers is done in the
 * console; only the simulated clock is moved, through the control port. axe-core and a
 * screenshot (.screenshots/console/round-*.png) on every page visited.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fillNominationWorkbook, rowFor } from '../support/xlsx';
import { idNumberFor } from '../support/forms';
import { paragraphTexts, parts } from '../documents/docx-parts';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const ROUND = '2026-QC';
const TITLE = '2026 年度金坛区教育系统后备人才遴选（民主推荐、考察、公示）';
const UNIT = { code: 'JT-XYZXXX', name: '金坛区西旸中心小学' };
/** Three the voter recommends, one the voter does not (below the 50 % threshold: not ranked). */
const PEOPLE = [
  { name: '周文静', birth: '1991-04-12', seq: '462', interview: 92 },
  { name: '孙浩然', birth: '1992-08-03', seq: '473', interview: 85 },
  { name: '陈雨桐', birth: '1993-11-20', seq: '482', interview: 88 },
  { name: '马立新', birth: '1994-02-14', seq: '495', interview: 80 },
] as const;
const [ZHOU, SUN, CHEN, MA] = PEOPLE;

let cs: ConsoleSystem;
let codes: string[] = [];
/** The simulated clock at the start, and the round's deadlines as typed (Beijing wall time). */
let t0 = 0;
const HOUR = 3_600_000;
const intakeAt = () => t0 + 26 * HOUR;
const ballotAt = () => t0 + 50 * HOUR;
const scoringAt = () => t0 + 74 * HOUR;
let publicityEndsOn = '';

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, timeout: 15_000, ...opts });
const wallOf = (ms: number) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, dateTime: `${p.year}-${p.month}-${p.day} ${p.hour}:00` };
};
/** The deadline the form sends: the wall time typed, to the whole hour. */
const typed = (ms: number) => Date.parse(`${wallOf(ms).dateTime.replace(' ', 'T')}:00+08:00`);

beforeAll(async () => {
  cs = await startConsoleSystem();
  t0 = Date.parse(await cs.control.now());
}, 180_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

/** Every page: a screenshot, axe-core, and Chinese for people — no status code, no UTC stamp, no ID number. */
async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, `round-${name}`);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('body').innerText();
  expect(text, name).not.toMatch(/\b(open|accepted|rejected|balloting|inspecting|awaiting-decision|publicising|admitting|closed|pending|upheld|dismissed|for|against|abstain|below-threshold)\b/);
  expect(text, name).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
  expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text, name).not.toMatch(/\b\d{17}[\dX]\b/);
}

async function signIn(page: Page, who: 'bureau' | 'approver' | { name: string }): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/signin$/);
  if (who === 'bureau') await page.getByRole('button', { name: /区教育局/ }).click();
  else if (who === 'approver') await page.getByRole('button', { name: /区委组织部/ }).click();
  else {
    await page.getByRole('combobox', { name: '选择单位' }).click();
    await page.keyboard.type(who.name);
    await page.locator(`.ant-select-item-option[title="${who.name}"]`).click();
    await page.getByRole('button', { name: '以所选单位登录' }).click();
  }
  await page.waitForURL(/\/(bureau|approver|school)$/);
}

async function pickDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

async function pickOption(page: Page, selector: string, title: string): Promise<void> {
  await page.locator(selector).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

/** Moves the simulated clock (the one thing done outside the console) and lets the machines run. */
async function clockTo(ms: number): Promise<void> {
  await cs.control.advance({ to: new Date(ms).toISOString() });
  await cs.control.settle();
}

let bureauTab: { context: BrowserContext; page: Page };

describe('a round with 民主推荐, 考察 and 公示, end to end in the console', { timeout: 120_000 }, () => {
  it('the bureau opens the round with the form: 民主推荐 as a component and a threshold, 考察, 公示', async () => {
    bureauTab = await cs.newPage();
    const { page } = bureauTab;
    await signIn(page, 'bureau');
    await page.goto('/bureau/rounds/new');
    await page.getByLabel('批次编号').fill(ROUND);
    await page.getByLabel('批次名称').fill(TITLE);
    await page.getByRole('checkbox', { name: '第一梯队' }).uncheck();
    await page.getByRole('checkbox', { name: '第二梯队' }).uncheck();
    await pickDate(page, '资格计算基准日', wallOf(t0).date);
    await pickDate(page, '收表截止时间（北京时间）', wallOf(intakeAt()).dateTime);
    await pickDate(page, '评分截止时间（北京时间）', wallOf(scoringAt()).dateTime);
    await page.getByText('民主推荐（各单位投票，按推荐票占有效票比例）').click();
    await pickDate(page, '投票截止时间（北京时间）', wallOf(ballotAt()).dateTime);
    await page.getByLabel('推荐票比例门槛（%）').fill('50');
    await page.getByText('考察（对初步排名靠前者组织考察）').click();
    await page.getByText('公示（批准后、入库前，按工作日计算）').click();
    // The scoring model: 面试 (entered), 民主推荐 (the ballot's share), 考察 (the inspection's score).
    for (let i = 4; i >= 1; i--) await page.getByRole('button', { name: `删除第 ${i} 项` }).click();
    const model = [
      { zh: '面试', id: 'interview', weight: '0.4', source: '评审录入' },
      { zh: '民主推荐', id: 'ballot', weight: '0.3', source: '民主推荐得票率' },
      { zh: '考察', id: 'inspection', weight: '0.3', source: '考察得分' },
    ];
    for (const [i, c] of model.entries()) {
      await page.getByRole('button', { name: '添加评分项' }).click();
      await page.locator(`#components_${i}_nameZh`).fill(c.zh);
      await page.locator(`#components_${i}_id`).fill(c.id);
      await page.locator(`#components_${i}_weight`).fill(c.weight);
      await pickOption(page, `#components_${i}_source`, c.source);
    }
    await poll(() => page.getByText('评分方案（权重合计 1，须为 1）').count()).toBe(1);
    await page.getByLabel('批复文号').fill('坛组干〔2026〕58 号');
    await pickDate(page, '批复日期', wallOf(t0 - 5 * 24 * HOUR).date);
    await checkPage(page, '01-open-form');
    await page.getByRole('button', { name: '发起遴选' }).click();
    await page.waitForURL(new RegExp(`/bureau/rounds/${ROUND}$`));
    await poll(() => page.getByText('受理推荐中').count()).toBeGreaterThan(0);
    // The round page lists the steps this notice turned on, in order, each linking to its page.
    const steps = page.locator('[data-step]');
    await poll(() => steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(['intake', 'ballot', 'scores', 'inspection', 'approval', 'publicity', 'admission']);
    expect(await page.locator('[data-step="ballot"]').innerText()).toMatch(/投票截止 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:00（北京时间）；推荐率不低于 50% 方可参加排名/);
    expect(await page.locator('[data-step="inspection"]').innerText()).toContain('等额考察，考察不合格者不予入库');
    expect(await page.locator('[data-step="publicity"]').innerText()).toContain('批准后第一个工作日起 5 个工作日');
    expect(await page.locator('[data-step="intake"]').innerText()).toContain('进行中');
    await checkPage(page, '02-round-opened');
  });

  it('the school uploads its Excel file on its upload page and sees the four forms accepted', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, { name: UNIT.name });
    await poll(() => page.getByText(TITLE).count()).toBeGreaterThan(0);
    await checkPage(page, '03-school-rounds');
    await page.getByRole('button', { name: '报送推荐表并查看审查结果' }).click();
    await page.waitForURL(new RegExp(`/school/rounds/${ROUND}$`));
    const rows = PEOPLE.map((p, i) => rowFor(idNumberFor(p.birth, p.seq), {
      序号: i + 1, 遴选批次: ROUND, 单位代码: UNIT.code, 单位名称: UNIT.name, 姓名: p.name, 出生日期: p.birth, 性别: i % 2 ? '男' : '女',
      任职1: `班主任/三年级班主任/${UNIT.name}/2015-09-01/至今`,
    }));
    await page.locator('input[type=file]').setInputFiles({ name: '西旸中心小学推荐表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(fillNominationWorkbook(rows)) });
    for (const p of PEOPLE) await poll(() => page.locator('tr.ant-table-row', { hasText: p.name }).innerText(), { timeout: 20_000 }).toMatch(/已受理[\s\S]*(?<!不)符合第三梯队资格条件/);
    await checkPage(page, '04-school-accepted');
    await context.close();
  });

  it('intake closes; the bureau issues codes for the school and downloads the slips', async () => {
    await clockTo(typed(intakeAt()) + 60_000);
    const { page } = bureauTab;
    await page.goto(`/bureau/rounds/${ROUND}`);
    await poll(() => page.locator('[data-step="ballot"]').innerText()).toContain('进行中');
    await page.locator('[data-step="ballot"]').getByRole('link', { name: '发放投票码 · 查看计票' }).click();
    await page.waitForURL(new RegExp(`/bureau/rounds/${ROUND}/ballots$`));
    // Named by the round's title, not its id.
    await poll(() => page.getByRole('heading', { level: 2 }).innerText()).toBe(`${TITLE} · 民主推荐`);
    const row = page.locator('tr.ant-table-row', { hasText: UNIT.name });
    await poll(() => row.innerText()).toContain('4 人');
    await row.getByRole('button', { name: '发放投票码' }).click();
    await page.getByLabel(/发放数量/).fill('2');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '发放并下载投票码条' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`民主推荐投票码-${UNIT.name}-${ROUND}.docx`);
    const texts = paragraphTexts(parts(new Uint8Array(readFileSync(await file.path())))['word/document.xml']!);
    codes = texts.filter((t) => /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(t));
    expect(codes).toHaveLength(2);
    await poll(() => row.innerText()).toContain('2 个');
    await checkPage(page, '05-ballots-issued');
  });

  it('a voter on a phone opens /vote with a code and votes; the same code again is refused in Chinese', async () => {
    const context = await cs.browser.newContext({ baseURL: cs.consoleUrl, locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/vote');
    await checkPage(page, '06-vote-code');
    await page.getByLabel('请输入投票码条上的投票码').fill(codes[0]!);
    await page.getByRole('button', { name: '打开选票' }).click();
    for (const p of PEOPLE) await poll(() => page.getByText(p.name, { exact: true }).count()).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    // The ballot lists the candidates in its own order: mark each by its name.
    for (const p of PEOPLE) {
      const group = page.getByRole('radiogroup', { name: new RegExp(p.name) });
      await group.getByText(p === MA ? '不推荐' : '推荐', { exact: true }).click();
    }
    await checkPage(page, '07-vote-ballot');
    await page.getByRole('button', { name: '提交选票' }).click();
    await poll(() => page.getByText('投票成功').count()).toBe(1);
    await checkPage(page, '08-vote-done');
    await page.goto('/vote');
    await page.getByLabel('请输入投票码条上的投票码').fill(codes[0]!);
    await page.getByRole('button', { name: '打开选票' }).click();
    await poll(() => page.getByRole('alert').innerText()).toContain('已投过票');
    await checkPage(page, '09-vote-used');
    await context.close();
  });

  it('after the ballot\'s deadline the bureau sees turnout and each share; scores entered on the score page', async () => {
    await clockTo(typed(ballotAt()) + 60_000);
    const { page } = bureauTab;
    await page.goto(`/bureau/rounds/${ROUND}/ballots`);
    const row = page.locator('tr.ant-table-row', { hasText: UNIT.name });
    await poll(() => row.innerText()).toContain('已计票');
    expect(await row.innerText()).toContain('50.0%');
    await row.getByRole('button', { name: /展开/ }).click();
    const inner = page.locator('tr.ant-table-expanded-row tr.ant-table-row');
    await poll(() => inner.count()).toBe(4);
    await poll(() => inner.filter({ hasText: MA.name }).innerText()).toContain('0.0%');
    expect(await inner.filter({ hasText: ZHOU.name }).innerText()).toContain('100.0%');
    await checkPage(page, '10-ballots-tallied');

    await page.goto(`/bureau/rounds/${ROUND}`);
    await page.locator('[data-step="scores"]').getByRole('link', { name: '录入成绩' }).click();
    await page.waitForURL(/\/scores$/);
    for (const p of PEOPLE) {
      const input = page.getByLabel(`${p.name}的面试`);
      await poll(() => input.count()).toBe(1);
      await input.fill(String(p.interview));
      const tr = page.locator('tr.ant-table-row', { hasText: p.name });
      await tr.getByRole('button', { name: /保\s?存/ }).click();
      await poll(() => tr.innerText()).toContain('已保存');
    }
    await checkPage(page, '11-scores-entered');
  });

  it('the scoring deadline passes; the bureau records 考察 for each 考察对象 and closes it', async () => {
    await clockTo(typed(scoringAt()) + 60_000);
    const { page } = bureauTab;
    await page.goto(`/bureau/rounds/${ROUND}`);
    await poll(() => page.locator('[data-step="inspection"]').innerText()).toContain('进行中');
    // Intake closed long ago: no countdown to it any more.
    expect(await page.locator('.ant-descriptions').innerText()).toMatch(/收表截止（北京时间）\s+\d{4}年\d{1,2}月\d{1,2}日 \d{2}:00（已截止）/);
    await page.locator('[data-step="inspection"]').getByRole('link', { name: '录入考察记录' }).click();
    await page.waitForURL(/\/inspection$/);
    // 马立新 fell below the threshold: not ranked, not a 考察对象.
    await poll(() => page.locator('main').innerText()).toMatch(/考察对象\s+3 人，已录入 0 人，待录入 3 人/);
    await checkPage(page, '12-inspection');
    const today = wallOf(Date.parse(await cs.control.now())).date;
    for (const p of [ZHOU, SUN, CHEN]) {
      await page.getByLabel(`${p.name}的考察组成员`).fill('王建国、李芳');
      await page.getByLabel(`${p.name}的考察开始日期`).fill(today);
      await page.getByLabel(`${p.name}的考察结束日期`).fill(today);
      await page.getByLabel(`${p.name}的个别谈话人数`).fill('15');
      await page.getByLabel(`${p.name}的考察结论`).fill('政治素质好，工作实绩突出，群众基础较好。');
      const card = page.locator('.ant-card', { hasText: p.name });
      await card.getByRole('radio', { name: '合格', exact: true }).check();
      await page.getByLabel(`${p.name}的考察分数`).fill('85');
      await card.getByRole('button', { name: '保存考察记录' }).click();
      await poll(() => card.innerText()).toMatch(/已保存/);
    }
    await poll(() => page.locator('main').innerText()).toMatch(/已录入 3 人，待录入 0 人/);
    await page.getByRole('button', { name: '结束考察' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '结束考察' }).click();
    await poll(() => page.locator('main').innerText()).toMatch(/考察已结束/);
    await checkPage(page, '13-inspection-closed');
    await cs.control.settle();
  });

  it('the approver approves the shortlist', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'approver');
    await page.getByRole('link', { name: TITLE }).click();
    for (const p of [ZHOU, SUN, CHEN]) await poll(() => page.locator('tr.ant-table-row', { hasText: p.name }).innerText()).toMatch(/拟入库/);
    expect(await page.locator('tr.ant-table-row', { hasText: MA.name }).count()).toBe(0);
    await poll(() => page.getByRole('heading', { level: 2 }).innerText()).toBe(`${TITLE} · 拟入库名单审批`);
    // …but named, with the share that kept him out, so the approver knows why he is missing.
    expect(await page.getByRole('region', { name: '第三梯队民主推荐未达推荐率要求者' }).innerText())
      .toMatch(new RegExp(`民主推荐推荐率未达要求（不低于 50%）、不参与排名[\\s\\S]*${MA.name}（${UNIT.name}），推荐率 0\\.0%`));
    await checkPage(page, '14-approver-shortlist');
    await page.getByRole('button', { name: '批准拟入库名单' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await poll(() => page.getByText(/已审批：批准/).count(), { timeout: 20_000 }).toBe(1);
    await checkPage(page, '15-approver-approved');
    await context.close();
    await cs.control.settle();
  });

  it('the public 公示 page, signed out, lists the three without ID numbers', async () => {
    const { context, page } = await cs.newPage();
    await page.goto(`/publicity/${ROUND}`);
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(3);
    const text = await page.locator('main').innerText();
    for (const p of [ZHOU, SUN, CHEN]) expect(text).toContain(p.name);
    expect(text).not.toContain(MA.name);
    for (const p of PEOPLE) expect(text).not.toContain(idNumberFor(p.birth, p.seq));
    const period = /公示时间：(\d{4})年(\d{1,2})月(\d{1,2})日至(\d{4})年(\d{1,2})月(\d{1,2})日（5 个工作日）/.exec(text);
    expect(period).not.toBeNull();
    const pad = (s: string) => s.padStart(2, '0');
    const startsOn = `${period![1]}-${pad(period![2]!)}-${pad(period![3]!)}`;
    publicityEndsOn = `${period![4]}-${pad(period![5]!)}-${pad(period![6]!)}`;
    await checkPage(page, '16-public-publicity');
    await context.close();
    // Into the period: objections are taken from its first working day.
    await clockTo(Date.parse(`${startsOn}T10:00:00+08:00`));
  });

  it('the bureau records an objection on the 公示 page and upholds it', async () => {
    const { page } = bureauTab;
    await page.goto(`/bureau/rounds/${ROUND}`);
    await poll(() => page.locator('[data-step="publicity"]').innerText()).toMatch(/进行中[\s\S]*\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日（5 个工作日）/);
    await page.locator('[data-step="publicity"]').getByRole('link', { name: '登记和处理异议' }).click();
    await page.waitForURL(/\/publicity$/);
    await poll(() => page.getByRole('heading', { level: 2 }).innerText()).toBe(`${TITLE} · 公示与异议`);
    await poll(() => page.locator('tr.ant-table-row', { hasText: SUN.name }).count()).toBeGreaterThan(0);
    await page.getByLabel('反映对象').click();
    await page.locator('.ant-select-item-option', { hasText: SUN.name }).click();
    await page.getByLabel('反映人姓名').fill('李老师');
    await page.getByLabel('反映的问题').fill('反映该同志存在有偿补课问题');
    await page.getByRole('button', { name: '登记异议' }).click();
    await poll(() => page.getByRole('button', { name: /^处理 / }).count()).toBe(1);
    await page.getByRole('button', { name: /^处理 / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('异议成立（不予入库）').click();
    await dialog.getByLabel('理由').fill('经核查，反映的有偿补课问题属实');
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await poll(() => page.locator('main').innerText()).toContain('异议成立，不予入库');
    await checkPage(page, '17-publicity-upheld');
  });

  it('the period ends: the pool holds the two admitted, not the one upheld; the 通知 page shows the notices', async () => {
    await clockTo(Date.parse(`${publicityEndsOn}T23:59:00+08:00`) + 2 * HOUR);
    const { page } = bureauTab;
    await page.goto(`/bureau/rounds/${ROUND}`);
    const admission = page.locator('[data-step="admission"]');
    await poll(() => admission.innerText()).toMatch(/已完成[\s\S]*已入库 2 人，异议成立不予入库 1 人/);
    // Each step over: its link now offers what is left to see.
    expect(await page.locator('[data-step="inspection"]').getByRole('link').innerText()).toBe('查看考察记录');
    await checkPage(page, '18-round-done');
    await admission.getByRole('link', { name: '查看人才库' }).click();
    await page.waitForURL(/\/bureau\/pool$/);
    for (const p of [ZHOU, CHEN]) await poll(() => page.locator('tr.ant-table-row', { hasText: p.name }).count()).toBe(1);
    expect(await page.locator('tr.ant-table-row', { hasText: SUN.name }).count()).toBe(0);
    expect(await page.locator('tr.ant-table-row', { hasText: MA.name }).count()).toBe(0);
    await checkPage(page, '19-pool');

    await page.getByRole('link', { name: '通知', exact: true }).click();
    await page.waitForURL(/\/bureau\/notices$/);
    // The school heard its ballot open (the newest notices lead), every unit heard the round open.
    const ballotNotice = page.locator('tbody tr.ant-table-row', { hasText: `【民主推荐】${TITLE}：投票已开始` });
    await poll(() => ballotNotice.count()).toBe(1);
    expect(await ballotNotice.innerText()).toContain(UNIT.name);
    expect(await page.locator('tbody').innerText()).toContain(`【后备干部遴选】${TITLE}已开始`);
    await checkPage(page, '20-notices');
    await bureauTab.context.close();
  });

  it('the school reads each nominee\'s outcome on its round page, the deadline shown as passed', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, { name: UNIT.name });
    await page.goto(`/school/rounds/${ROUND}`);
    const sun = page.locator('tr.ant-table-row', { hasText: SUN.name });
    await poll(() => sun.innerText()).toContain('经核查，反映的有偿补课问题属实');
    // Said once, with its reason — not the status name and then the same words again.
    expect((await sun.innerText()).match(/不予入库/g)).toHaveLength(1);
    await poll(() => page.locator('tr.ant-table-row', { hasText: MA.name }).innerText()).toContain('民主推荐未达推荐率要求（不参与排名）');
    expect(await page.locator('.ant-descriptions').innerText()).toMatch(/收表截止（北京时间）\s+\d{4}年\d{1,2}月\d{1,2}日 \d{2}:00（已截止）/);
    await checkPage(page, '21-school-outcome');
    await context.close();
  });
});
