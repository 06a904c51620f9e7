/**
 * 考察 in the console, in a real Chromium (S-INSPECT): a round whose notice makes the inspection
 * a gate and a component waits for the bureau after its preliminary ranking; on the round's 考察
 * page the bureau sees the 考察对象 by tier, a refused record shows its reason on the field in
 * Chinese, a good one is saved and marked, and the close sends the round on; the approver's
 * shortlist then shows each candidate's result and conclusion, and the one found 不合格. axe-core
 * on every page, a screenshot of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PoolClient } from '../../cli/api-client';
import { validForm } from '../support/forms';
import { jsonBytes, registerUnits } from '../e2e/support';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const ROUND = '2026-KC';
const TITLE = '2026 年度后备人才遴选（考察）';
const UNIT = { code: 'JT-XYXX', name: '金坛区西旸小学' };

let cs: ConsoleSystem;
let bureau: PoolClient;
let today = '';

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, timeout: 10_000, ...opts });
const beijingDate = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

beforeAll(async () => {
  cs = await startConsoleSystem();
  bureau = await cs.control.client('bureau');
  const now = Date.parse(await cs.control.now());
  const intake = new Date(now + 3_600_000).toISOString();
  const scoring = new Date(now + 2 * 3_600_000).toISOString();
  await bureau.openRound({
    roundId: ROUND, title: TITLE, referenceDate: '2026-12-01', intakeClosesAt: intake, scoringClosesAt: scoring, tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕16 号', date: '2026-10-28' },
    scoringModel: { components: [
      { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.5, min: 0, max: 100, source: 'entered' },
      { id: 'inspection', name: { zh: '考察', en: 'inspection' }, weight: 0.5, min: 0, max: 100, source: 'inspection' },
    ] },
    selection: { inspection: { ratio: 1, gate: true } },
  });
  await registerUnits(bureau, [{ code: UNIT.code, name: UNIT.name, type: 'primary' }]);
  const school = await cs.control.client('school', UNIT.code);
  for (const [name, seq] of [['周敏', '462'], ['钱立', '472']] as const) {
    await school.upload(ROUND, `${seq}.json`, jsonBytes(validForm({ roundId: ROUND, unitCode: UNIT.code, name, seq })));
  }
  await cs.control.settle();
  await cs.control.advance({ to: new Date(Date.parse(intake) + 60_000).toISOString() });
  await cs.control.settle();
  const noms = await bureau.allNominations(ROUND) as Array<{ nominationId: string; candidateName?: string; status: string }>;
  for (const n of noms.filter((x) => x.status === 'accepted')) await bureau.setScores(ROUND, n.nominationId, { interview: n.candidateName === '周敏' ? 90 : 80 });
  await cs.control.advance({ to: new Date(Date.parse(scoring) + 60_000).toISOString() });
  await cs.control.settle();
  today = beijingDate(await cs.control.now());
}, 180_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('main').innerText();
  expect(text, name).not.toMatch(/\b(inspecting|inspection-failed|not-inspected|INSPECTION_[A-Z_]+)\b/);
  expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
}

async function signIn(page: Page, who: 'bureau' | 'approver'): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/signin$/);
  await page.getByRole('button', { name: who === 'bureau' ? /区教育局/ : /区委组织部/ }).click();
  await page.waitForURL(/\/(bureau|approver)$/);
}

async function fill(page: Page, who: string, r: { team: string; talks: number; conclusion: string; result: '合格' | '不合格'; score: number }) {
  await page.getByLabel(`${who}的考察组成员`).fill(r.team);
  await page.getByLabel(`${who}的考察开始日期`).fill(today);
  await page.getByLabel(`${who}的考察结束日期`).fill(today);
  await page.getByLabel(`${who}的个别谈话人数`).fill(String(r.talks));
  await page.getByLabel(`${who}的考察结论`).fill(r.conclusion);
  await page.locator('.ant-card', { hasText: who }).getByRole('radio', { name: r.result, exact: true }).check();
  await page.getByLabel(`${who}的考察分数`).fill(String(r.score));
}

describe('考察 in the console', () => {
  it('the bureau records each 考察对象\'s inspection on the round\'s 考察 page, and closes it', async () => {
    const { context, page } = await cs.newPage();
    await signIn(page, 'bureau');
    await page.goto(`/bureau/rounds/${ROUND}`);
    await page.getByRole('link', { name: '考察', exact: true }).click();
    await page.waitForURL(/\/inspection$/);
    await poll(() => page.locator('main').innerText()).toMatch(/考察对象\s+2 人，已录入 0 人，待录入 2 人/);
    await poll(() => page.locator('main').innerText()).toMatch(/考察中/);
    expect(await page.locator('.ant-card', { hasText: '周敏' }).innerText()).toMatch(/初步排名第 1 名[\s\S]*待录入/);
    await checkPage(page, '60-bureau-inspection');

    // One team member only: refused, the reason on the form, in Chinese.
    await fill(page, '周敏', { team: '王建国', talks: 16, conclusion: '政治素质好，<b>工作实绩突出</b>。', result: '合格', score: 80 });
    const zhou = page.locator('.ant-card', { hasText: '周敏' });
    await zhou.getByRole('button', { name: '保存考察记录' }).click();
    await poll(() => zhou.getByRole('alert').innerText()).toMatch(/考察组成员：考察组由两名以上成员组成/);
    await checkPage(page, '61-bureau-inspection-refused');

    await page.getByLabel('周敏的考察组成员').fill('王建国、李芳');
    await zhou.getByRole('button', { name: '保存考察记录' }).click();
    await poll(() => zhou.innerText()).toMatch(/已保存/);
    await poll(() => page.locator('main').innerText()).toMatch(/已录入 1 人/);
    expect(await page.evaluate('document.querySelector("main b") === null')).toBe(true);

    await fill(page, '钱立', { team: '王建国、李芳', talks: 12, conclusion: '群众反映该同志工作作风有待改进。', result: '不合格', score: 40 });
    await page.locator('.ant-card', { hasText: '钱立' }).getByRole('button', { name: '保存考察记录' }).click();
    await poll(() => page.locator('main').innerText()).toMatch(/已录入 2 人，待录入 0 人/);
    await checkPage(page, '62-bureau-inspection-recorded');

    await page.getByRole('button', { name: '结束考察' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '结束考察' }).click();
    await poll(() => page.locator('main').innerText()).toMatch(/考察已结束/);
    await checkPage(page, '63-bureau-inspection-closed');
    await context.close();
  }, 90_000);

  it('the approver sees each candidate\'s inspection, and the one found 不合格, on the shortlist', async () => {
    await cs.control.settle();
    const { context, page } = await cs.newPage();
    await signIn(page, 'approver');
    await page.goto(`/approver/rounds/${ROUND}`);
    const zhou = page.locator('tr.ant-table-row', { hasText: '周敏' });
    await poll(() => zhou.innerText()).toMatch(/拟入库/);
    await zhou.getByRole('button', { name: /展开/ }).click();
    await poll(() => page.getByText(/考察结果：合格，80 分/).count()).toBe(1);
    await poll(() => page.getByText(/考察结论：政治素质好/).count()).toBe(1);
    await poll(() => page.locator('main').innerText()).toMatch(/考察不合格、不予提名[\s\S]*钱立[\s\S]*考察结果：不合格/);
    expect(await page.locator('tr.ant-table-row', { hasText: '钱立' }).count()).toBe(0);
    await checkPage(page, '64-approver-shortlist-inspection');
    await context.close();
  }, 60_000);
});
