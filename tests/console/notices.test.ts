/**
 * The 通知 page in a real Chromium (issue #14.4): the bureau sees every unit's notices with
 * each delivery's channel and status (已发送 / 发送失败), Beijing time; a school sees its own
 * only. A robot on 127.0.0.1 that always fails makes one delivery 发送失败 after its retries.
 * axe-core on both pages, a screenshot of each.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateDistrict } from '../../demo/district';
import { DEMO_SEED } from '../../local/console';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const ROUND = '2026-NOTICE';
const TITLE = '2026 年度金坛区教育系统后备人才遴选';

let cs: ConsoleSystem;
let robot: Server;
const [school, other] = generateDistrict(DEMO_SEED);

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

beforeAll(async () => {
  robot = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(502).end('bad gateway')); });
  await new Promise<void>((r) => robot.listen(0, '127.0.0.1', () => r()));
  cs = await startConsoleSystem();
  const bureau = await cs.control.client('bureau');
  await cs.control.call('PUT', '/secrets', { name: 'talent-pool/notify/broken', value: JSON.stringify({ url: `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=x` }) });
  await bureau.putUnit(school!.code, {
    name: school!.name, type: school!.type, orgDeptManaged: false,
    contacts: [{ name: '王老师', email: 'wang@example.cn', wecomSecret: 'talent-pool/notify/broken' }],
  });
  const now = Date.parse(await cs.control.now());
  const at = (h: number) => new Date(now + h * 3_600_000).toISOString();
  await bureau.openRound({
    roundId: ROUND, title: TITLE, referenceDate: at(0).slice(0, 10), tiers: [3], intakeClosesAt: at(48), scoringClosesAt: at(96),
    orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: new Date(now - 3 * 86_400_000).toISOString().slice(0, 10) },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
  await cs.control.settle();
}, 240_000);

afterAll(async () => {
  await cs?.close();
  await new Promise<void>((r) => (robot ? robot.close(() => r()) : r()));
});

describe('通知 in Chromium', () => {
  it('the bureau sees every unit\'s notices, each delivery with its channel and status, and a failed robot as 发送失败', async () => {
    const { context, page } = await cs.newPage();
    try {
      await signIn(page, 'bureau');
      await page.getByRole('link', { name: '通知', exact: true }).click();
      await page.waitForURL(/\/bureau\/notices$/);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toMatch(/^通知（共 \d+ 条，发送失败 1 条）$/);
      const row = page.locator('tbody tr.ant-table-row', { hasText: school!.name });
      await expect.poll(() => row.count()).toBe(1);
      const text = await row.textContent();
      expect(text).toContain('遴选开始');
      expect(text).toContain(`【后备干部遴选】${TITLE}已开始`);
      expect(text).toContain('电子邮件 · wang@example.cn（本地仅记录，未实际发送）');
      expect(text).toContain('企业微信 · 王老师（群机器人）（已尝试 4 次）');
      expect(text).toMatch(/发送失败/);
      // Failures first: the failed row leads, the other units' e-mails (recorded) follow.
      expect(await page.locator('tbody tr.ant-table-row').first().textContent()).toContain(school!.name);
      expect(await page.locator('tbody tr.ant-table-row').nth(1).textContent()).toMatch(/已发送.*电子邮件 · renshi\..+@example\.cn（本地仅记录，未实际发送）/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'notices-bureau');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a school sees its own unit\'s notices only', async () => {
    const { context, page } = await cs.newPage();
    try {
      await signIn(page, { name: school!.name });
      await page.getByRole('link', { name: '通知', exact: true }).click();
      await page.waitForURL(/\/school\/notices$/);
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toBe('通知（共 1 条，发送失败 1 条）');
      expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
      expect(await page.locator('tbody').textContent()).not.toContain(other!.name);
      // The body and the link to the upload page, once expanded.
      await page.getByRole('button', { name: /展开行|Expand row/ }).first().click();
      await expect.poll(() => page.getByRole('link', { name: '打开页面' }).getAttribute('href')).toBe(`/school/rounds/${ROUND}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'notices-school');
    } finally {
      await context.close();
    }
  }, 60_000);
});
