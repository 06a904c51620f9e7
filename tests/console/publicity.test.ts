/**
 * 公示 in a real Chromium (issue #14 part 3, S-PUBLICITY): the public 公示 page, opened without
 * signing in, shows the list with §7's fields and the period in Chinese; the bureau's 公示 page
 * shows the period with its working days, records an objection through its form and resolves
 * it with a reason (upheld: the candidate is marked 不予入库); the open-round form offers the
 * three selection steps' options. A round goes through the real state machine to its 公示.
 * axe-core on every page, a screenshot of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PoolClient } from '../../cli/api-client';
import { validForm } from '../support/forms';
import { jsonBytes, registerUnits } from '../e2e/support';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const ROUND = `${new Date().getUTCFullYear()}-GSUI`;
const UNIT = 'JT-XYXX';
const NAMES = ['周公示', '吴异议', '郑入库'];

let cs: ConsoleSystem;
let bureau: PoolClient;

/** Waits (bounded) until `probe` holds, outside a test (expect.poll is for tests only). */
async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, timeout: 15_000, ...opts });

beforeAll(async () => {
  cs = await startConsoleSystem();
  bureau = await cs.control.client('bureau');
  const approver = await cs.control.client('approver');
  await registerUnits(bureau, [{ code: UNIT, name: '金坛区西旸小学', type: 'primary' }]);
  const school = await cs.control.client('school', UNIT);
  const now = Date.parse(await cs.control.now());
  await bureau.openRound({
    roundId: ROUND, title: '后备人才遴选（公示页面）', referenceDate: new Date(now).toISOString().slice(0, 10),
    intakeClosesAt: new Date(now + 3_600_000).toISOString(), scoringClosesAt: new Date(now + 7_200_000).toISOString(), tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕50 号', date: new Date(now - 86_400_000 * 3).toISOString().slice(0, 10) },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
    selection: { publicity: { workingDays: 5 } },
  });
  for (const [i, name] of NAMES.entries()) {
    await school.upload(ROUND, `${name}.json`, jsonBytes(validForm({ roundId: ROUND, name, seq: String(500 + 2 * i) })));
  }
  await until(async () => ((await bureau.nominations(ROUND)) as { nominations: Array<{ status: string }> }).nominations.filter((n) => n.status === 'accepted').length === 3, 'three accepted nominations');
  await cs.control.advance({ to: new Date(now + 3 * 3_600_000).toISOString() });
  await cs.control.settle();
  await approver.decide(ROUND, { decision: 'approve' });
  await cs.control.settle();
  await until(async () => ((await bureau.getRound(ROUND)) as { round: { status: string } }).round.status === 'publicising', 'the round in 公示');
  // Into the period: objections are taken from its first working day.
  const { startsOn } = ((await bureau.getRound(ROUND)) as { round: { publicity: { startsOn: string } } }).round.publicity;
  await cs.control.advance({ to: `${startsOn}T10:00:00+08:00` });
}, 240_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

/** The card whose title starts with `title` (a card's body may mention another's title). */
const card = (page: Page, title: RegExp) => page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('body').innerText();
  expect(text, name).not.toMatch(/\b(publicising|pending|upheld|dismissed|S-PUBLICITY)\b/);
  expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text, name).not.toMatch(/320482\d{8}/);
}

describe('公示 in Chromium', () => {
  it('the public 公示 page needs no sign-in: the list (name, gender, year-month of birth, unit and post, tier) and the period, in Chinese', async () => {
    const { context, page } = await cs.newPage();
    await page.goto(`/publicity/${ROUND}`);
    await poll(() => page.locator('tr.ant-table-row').count()).toBe(3);
    const text = await page.locator('main').innerText();
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toMatch(/公示时间：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日（5 个工作日）/);
    expect(text).toContain('学校中层后备');
    expect(text).toContain('中共常州市金坛区教育工作委员会');
    expect(text).not.toContain('登录');
    await checkPage(page, '60-public-publicity');
    // A round not in 公示 is "not found", whatever exists.
    await page.goto('/publicity/2026-NONE');
    await poll(() => page.locator('main, .ant-result').first().innerText()).toContain('未找到该公示');
    await context.close();
  });

  it('the bureau\'s 公示 page: records an objection through the form and upholds it with a reason', async () => {
    const { context, page } = await cs.newPage();
    await page.goto('/');
    await page.waitForURL(/\/signin$/);
    await page.getByRole('button', { name: /区教育局/ }).click();
    await page.waitForURL(/\/bureau$/);
    await page.goto(`/bureau/rounds/${ROUND}/publicity`);
    await poll(() => card(page, /^公示名单（/).locator('tr.ant-table-row').count()).toBe(3);
    expect(await page.locator('.ant-descriptions').innerText()).toMatch(/5 个工作日（按国务院节假日及调休安排计算）/);
    await checkPage(page, '61-bureau-publicity');

    await page.getByLabel('反映对象').click();
    await page.locator('.ant-select-item-option', { hasText: '吴异议' }).click();
    await page.getByLabel('反映人姓名').fill('李老师');
    await page.getByLabel('反映的问题').fill('反映该同志存在有偿补课问题');
    await page.getByRole('button', { name: '登记异议' }).click();
    const objections = card(page, /^异议（/);
    await poll(() => objections.locator('tr.ant-table-row').count()).toBe(1);
    expect(await objections.innerText()).toContain('待核查');

    await page.getByRole('button', { name: '处理 OBJ-001' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('异议成立（不予入库）').click();
    await dialog.getByRole('button', { name: '确认处理' }).click();
    // No reason: refused on the field, in Chinese.
    await poll(() => dialog.innerText()).toContain('处理异议须写明理由');
    await dialog.getByLabel('理由').fill('经核查，反映的有偿补课问题属实');
    await dialog.getByRole('button', { name: '确认处理' }).click();
    await poll(() => objections.innerText()).toContain('异议成立');
    await poll(() => card(page, /^公示名单（/).innerText()).toContain('异议成立，不予入库');
    expect(await objections.innerText()).toContain('经核查，反映的有偿补课问题属实');
    await checkPage(page, '62-bureau-publicity-upheld');
    await context.close();
  });

  it('the open-round form offers the selection steps: 民主推荐 (deadline, threshold), 考察 (ratio, gate), 公示 (working days)', async () => {
    const { context, page } = await cs.newPage();
    await page.goto('/');
    await page.waitForURL(/\/signin$/);
    await page.getByRole('button', { name: /区教育局/ }).click();
    await page.waitForURL(/\/bureau$/);
    await page.goto('/bureau/rounds/new');
    await page.getByText('民主推荐（各单位投票，按推荐票占有效票比例）').click();
    await page.getByText('考察（对初步排名靠前者组织考察）').click();
    await page.getByText('公示（批准后、入库前，按工作日计算）').click();
    await poll(() => page.getByLabel('公示工作日').count()).toBe(1);
    expect(await page.getByLabel('公示工作日').inputValue()).toBe('5');
    expect(await page.getByLabel('投票截止时间（北京时间）').count()).toBe(1);
    expect(await page.getByLabel('考察人数与空余名额之比').inputValue()).toMatch(/^1(\.0)?$/);
    await checkPage(page, '63-open-round-selection');
    await context.close();
  });
});
