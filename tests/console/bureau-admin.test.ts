/**
 * The bureau's administrative pages in a real Chromium (issues #10, #11.6, #11.7): score
 * entry for a closed round's eligible candidates (a score saved and shown after reload, an
 * out-of-range value refused on its row, a round with nothing to enter says so); the unit
 * registry (a unit registered through the drawer, a bad phone refused on its field, the new
 * unit in the list and in the pool's unit filter); the filed-list import (two people filed
 * from a JSON file and seen in the pool, a malformed list refused with its reason per entry).
 * axe-core on every page, a screenshot of each, Chinese only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PoolClient } from '../../cli/api-client';
import { generateDemo, type DemoNomination } from '../../demo/forms';
import { idNumberFor } from '../support/forms';
import { fillNominationWorkbook, rowFor } from '../support/xlsx';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const ROUND = '2026-SCORES';
const TITLE = '2026 年度金坛区教育系统后备人才遴选';
const PLAIN = '2026-NOENTRY';
const EXCEL_NAME = '顾晓岚';

let cs: ConsoleSystem;
let bureau: PoolClient;
let scored: DemoNomination[];
let filed: DemoNomination[];
const files = mkdtempSync(join(tmpdir(), 'tp-admin-'));

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, timeout: 10_000, ...opts });
const beijingDate = (iso: string, days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(Date.parse(iso) + days * 86_400_000));
const nameOf = (n: DemoNomination) => (n.form as { candidate: { name: string } }).candidate.name;

const MODEL = {
  components: [
    { id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 0.4, min: 0, max: 8, source: 'form', derive: 'honour' },
    { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.2, min: 0, max: 10, source: 'form', derive: 'experience' },
    { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.4, min: 0, max: 100, source: 'entered' },
  ],
};

beforeAll(async () => {
  cs = await startConsoleSystem();
  bureau = await cs.control.client('bureau');
  const now = await cs.control.now();
  const today = beijingDate(now);
  const data = generateDemo(2020, { roundId: ROUND, referenceDate: today, attestationDate: today });
  const eligible = data.nominations.filter((n) => n.label === 'eligible');
  // Two tier-3 candidates from two units for the round; two tier-2 people of other units for the filed list.
  scored = eligible.filter((n) => n.tier === 3).filter((n, i, all) => all.findIndex((m) => m.unit.code === n.unit.code) === i).slice(0, 2);
  const taken = new Set(scored.map((n) => n.unit.code));
  filed = eligible.filter((n) => n.tier === 2 && !taken.has(n.unit.code)).slice(0, 2);
  for (const n of [...scored, ...filed]) {
    await bureau.putUnit(n.unit.code, { name: n.unit.name, type: n.unit.type, orgDeptManaged: filed.includes(n) });
  }
  const at = (h: number) => new Date(Date.parse(now) + h * 3_600_000).toISOString();
  const round = { title: TITLE, referenceDate: today, tiers: [3], orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: beijingDate(now, -3) } };
  await bureau.openRound({ ...round, roundId: ROUND, intakeClosesAt: at(1), scoringClosesAt: at(72), scoringModel: MODEL });
  await bureau.openRound({ ...round, roundId: PLAIN, title: '2026 年度机关事业单位后备人才遴选', intakeClosesAt: at(1), scoringClosesAt: at(72),
    scoringModel: { components: MODEL.components.filter((c) => c.source === 'form').map((c) => ({ ...c, weight: 0.5 })) } });
  for (const n of scored) {
    const school = await cs.control.client('school', n.unit.code);
    await school.upload(ROUND, `${n.ref}.json`, new TextEncoder().encode(JSON.stringify(n.form)));
  }
  await cs.control.settle();
  await cs.control.advance({ to: at(2) });
  await cs.control.settle();
  writeFileSync(join(files, '备案名单.json'), JSON.stringify(filed.map((n) => ({ ...n.form, source: 'org-dept-list' }))));
  // The Excel template filled in for one more person of a Department-managed unit, tier 3.
  const unit = (filed[0] as DemoNomination).unit;
  writeFileSync(join(files, '备案名单.xlsx'), fillNominationWorkbook([rowFor(idNumberFor('1992-05-01', '518'), {
    姓名: EXCEL_NAME, 单位代码: unit.code, 单位类型: ({ primary: '小学', middle: '中学', kindergarten: '幼儿园', 'bureau-office': '局机关科室', institution: '直属事业单位' } as Record<string, string>)[unit.type] ?? '小学', 单位名称: unit.name, 人选来源: '组织部备案名单', 遴选批次: ROUND,
  })]));
  writeFileSync(join(files, '有误名单.json'), JSON.stringify([{ ...filed[0]?.form, source: 'org-dept-list', candidate: { name: '缺信息' } }]));
}, 180_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('main').innerText();
  expect(text, name).not.toMatch(/\b(closed|open|org-dept-list|legacy-young-cadre|primary|SCORE_OUT_OF_RANGE|IMPORT_REFUSED|FORM_INVALID)\b/);
  expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
}

async function signInBureau(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/signin$/);
  await page.getByRole('button', { name: /区教育局/ }).click();
  await page.waitForURL(/\/bureau$/);
}

describe('the bureau\'s administrative pages in Chromium', () => {
  it('enters a candidate\'s interview score, sees it kept after reload, and an out-of-range value refused on its row', async () => {
    const { context, page } = await cs.newPage();
    await signInBureau(page);
    await page.goto(`/bureau/rounds/${ROUND}`);
    await page.getByRole('link', { name: '成绩录入' }).click();
    await page.waitForURL(new RegExp(`/bureau/rounds/${ROUND}/scores$`));
    const [a, b] = scored.map(nameOf) as [string, string];
    const rowA = page.locator('tr.ant-table-row', { hasText: a });
    const rowB = page.locator('tr.ant-table-row', { hasText: b });
    await poll(() => rowA.innerText()).toContain((scored[0] as DemoNomination).unit.name);
    expect(await rowA.innerText()).toContain('第三梯队');
    await poll(() => page.getByText('评分截止（北京时间）').count()).toBe(1);
    await page.getByLabel(`${a}的面试`).fill('88.5');
    await rowA.getByRole('button', { name: /保\s?存/ }).click();
    await poll(() => rowA.innerText()).toContain('已保存');
    await page.getByLabel(`${b}的面试`).fill('101');
    await rowB.getByRole('button', { name: /保\s?存/ }).click();
    await poll(() => rowB.getByRole('alert').innerText()).toMatch(/未保存：评分项“面试”应在 0 至 100 之间/);
    await checkPage(page, '40-bureau-scores');
    await page.reload();
    await poll(() => page.getByLabel(`${a}的面试`).inputValue()).toBe('88.5');
    expect(await page.getByLabel(`${b}的面试`).inputValue()).toBe('');
    const saved = await bureau.allNominations(ROUND) as Array<{ candidateName?: string; enteredScores?: Record<string, number> }>;
    expect(saved.find((n) => n.candidateName === a)?.enteredScores).toEqual({ interview: 88.5 });

    await page.goto(`/bureau/rounds/${PLAIN}/scores`);
    await poll(() => page.getByText(/没有需要录入的评分项/).count()).toBe(1);
    await checkPage(page, '41-bureau-scores-none');
    await context.close();
  });

  it('registers a unit through the drawer (a bad phone refused on its field) and finds it in the list and the pool\'s unit filter', async () => {
    const { context, page } = await cs.newPage();
    await signInBureau(page);
    await page.getByRole('menuitem', { name: '单位名册' }).click();
    await page.waitForURL(/\/bureau\/units$/);
    // The demo district's units are registered at start, and the four this test added.
    for (const n of [...scored, ...filed]) {
      await page.getByLabel('按名称查找单位').fill(n.unit.name);
      await poll(() => page.locator('tr.ant-table-row', { hasText: n.unit.name }).count()).toBe(1);
    }
    await page.getByLabel('按名称查找单位').fill('');
    await page.getByRole('button', { name: '登记单位' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('单位代码').fill('JT-CSSY');
    await drawer.getByLabel('单位名称').fill('金坛区城东实验小学');
    await drawer.getByLabel('所属集团校').fill('金坛区华罗庚实验学校教育集团');
    await drawer.getByRole('button', { name: '添加联系人' }).click();
    await drawer.getByLabel('联系人', { exact: true }).fill('王老师');
    await drawer.getByLabel('电话').fill('12345');
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await poll(() => drawer.getByText(/应为 11 位手机号或固定电话/).count()).toBeGreaterThan(0);
    await screenshot(page, '42-bureau-unit-refused');
    expect(await seriousViolations(page)).toEqual([]);
    await drawer.getByLabel('电话').fill('0519-82812345');
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    const row = page.locator('tr.ant-table-row', { hasText: '金坛区城东实验小学' });
    await poll(() => page.getByText('已登记单位：金坛区城东实验小学').count()).toBe(1);
    await page.getByLabel('按名称查找单位').fill('城东实验');
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
    await poll(() => row.innerText()).toMatch(/JT-CSSY[\s\S]*小学[\s\S]*否[\s\S]*华罗庚实验学校教育集团[\s\S]*王老师 0519-82812345/);
    await checkPage(page, '43-bureau-units');
    // Edited in the same drawer: now managed by the Organization Department (S-ORGLIST).
    await row.getByRole('button', { name: /修\s?改/ }).click();
    await poll(() => drawer.getByLabel('单位名称').inputValue()).toBe('金坛区城东实验小学');
    expect(await drawer.getByLabel('单位代码').isDisabled()).toBe(true);
    await drawer.getByRole('switch').click();
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await poll(() => page.getByText('已保存单位：金坛区城东实验小学').count()).toBe(1);
    await poll(() => row.innerText()).toMatch(/JT-CSSY[\s\S]*小学\s+是\s/);
    expect((await bureau.units() as { units: Array<{ code: string; orgDeptManaged: boolean; contacts: unknown[] }> }).units.find((u) => u.code === 'JT-CSSY'))
      .toMatchObject({ orgDeptManaged: true, contacts: [{ name: '王老师', phone: '0519-82812345' }] });

    await page.getByRole('menuitem', { name: '人才库' }).click();
    await page.waitForURL(/\/bureau\/pool/);
    await page.locator('input#unit').click();
    await page.keyboard.type('城东');
    await poll(() => page.locator('.ant-select-item-option[title="金坛区城东实验小学"]').count()).toBe(1);
    await context.close();
  });

  it('imports a filed list of two from a JSON file and sees them in the pool; a malformed list is refused with its reason per entry', async () => {
    const { context, page } = await cs.newPage();
    await signInBureau(page);
    await page.getByRole('menuitem', { name: '备案名单导入' }).click();
    await page.waitForURL(/\/bureau\/imports$/);
    const on = beijingDate(await cs.control.now());
    const date = page.getByLabel('备案日期');
    await date.click();
    await date.fill(on);
    await date.press('Tab');
    await page.getByLabel('文号').fill('坛组干〔2026〕21号');

    await page.locator('input[type=file]').setInputFiles(join(files, '有误名单.json'));
    await poll(() => page.getByText(/已选择：有误名单\.json（1 人）/).count()).toBe(1);
    await page.getByRole('button', { name: '提交导入' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '未能导入' });
    await poll(() => refused.innerText()).toMatch(/第 1 条（缺信息）：/);
    await checkPage(page, '44-bureau-import-refused');

    await page.locator('input[type=file]').setInputFiles(join(files, '备案名单.json'));
    const [a, b] = filed.map(nameOf) as [string, string];
    await poll(() => page.locator('tr', { hasText: a }).count()).toBeGreaterThan(0);
    await checkPage(page, '46-bureau-import-preview');
    // The list says 组织部备案名单: entered as 原优秀中青年干部 it is refused whole, each entry with its reason.
    await page.getByRole('radio', { name: '原优秀中青年干部' }).check();
    await page.getByRole('button', { name: '提交导入' }).click();
    await poll(() => refused.innerText()).toMatch(/导入名单不符合规定，整批未导入[\s\S]*第 1 条（[^）]+）：来源为组织部备案名单，与本次导入（原优秀中青年干部）不符/);
    await checkPage(page, '45-bureau-import-wrong-source');
    await page.getByRole('radio', { name: '组织部备案名单' }).check();
    await page.getByRole('button', { name: '提交导入' }).click();
    await poll(() => page.getByText('已导入 2 人').count()).toBe(1);
    expect(await refused.count()).toBe(0);
    const answer = page.locator('.ant-card', { hasText: '已导入 2 人' });
    await poll(() => answer.innerText()).toMatch(new RegExp(`${a}[\\s\\S]*第二梯队[\\s\\S]*已入库`));
    await checkPage(page, '47-bureau-import-filed');

    // The Excel template, read in the browser: a chunk of its own, fetched only now.
    await page.getByLabel('文号').fill('坛组干〔2026〕22号');
    await page.locator('input[type=file]').setInputFiles(join(files, '备案名单.xlsx'));
    await poll(() => page.locator('tr', { hasText: EXCEL_NAME }).count()).toBeGreaterThan(0);
    expect(await page.locator('tr', { hasText: EXCEL_NAME }).innerText()).toMatch(/第 2 行[\s\S]*第三梯队[\s\S]*组织部备案名单/);
    await page.getByRole('button', { name: '提交导入' }).click();
    await poll(() => page.locator('main').innerText()).toMatch(/已导入 1 人/);
    await checkPage(page, '48-bureau-import-excel');

    await page.getByRole('menuitem', { name: '人才库' }).click();
    await page.waitForURL(/\/bureau\/pool/);
    for (const name of [a, b, EXCEL_NAME]) await poll(() => page.locator('tr.ant-table-row', { hasText: name }).count()).toBe(1);
    await context.close();
  });
});
