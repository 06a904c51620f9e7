/**
 * 民主推荐 in a real Chromium (issue #14 part 1, S-RECOMMEND): the bureau issues codes for a
 * unit on the round's 民主推荐 page and downloads the slips (.docx, built in the browser); a
 * voter opens the public /vote page on a phone (375 × 740, no sign-in) with a code from the
 * slips, marks every candidate and casts the ballot; the same code then opens nothing; after
 * the tally at the ballot's deadline (the round machine's TallyBallot) the bureau sees turnout
 * and each candidate's share. axe-core and a screenshot on every page.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PoolClient } from '../../cli/api-client';
import { generateDemo, type DemoNomination } from '../../demo/forms';
import { paragraphTexts, parts } from '../documents/docx-parts';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const ROUND = '2026-VOTE';
let cs: ConsoleSystem;
let bureau: PoolClient;
let unit: DemoNomination['unit'];
let names: string[];
let codes: string[] = [];
let ballotClosesAt = '';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { interval: 100, timeout: 10_000 });
const beijingDate = (iso: string, days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(Date.parse(iso) + days * 86_400_000));

beforeAll(async () => {
  cs = await startConsoleSystem();
  bureau = await cs.control.client('bureau');
  const now = await cs.control.now();
  const today = beijingDate(now);
  const data = generateDemo(2020, { roundId: ROUND, referenceDate: today, attestationDate: today });
  const eligible = data.nominations.filter((n) => n.label === 'eligible' && n.tier === 3);
  // The unit with the most eligible nominees: a ballot of three.
  const count = (code: string) => eligible.filter((n) => n.unit.code === code).length;
  unit = [...eligible].sort((a, b) => count(b.unit.code) - count(a.unit.code))[0]!.unit;
  const mine = eligible.filter((n) => n.unit.code === unit.code).slice(0, 3);
  if (mine.length < 3) throw new Error(`the demo district has no unit with three tier-3 nominees (best: ${mine.length})`);
  names = mine.map((n) => (n.form as { candidate: { name: string } }).candidate.name);
  await bureau.putUnit(unit.code, { name: unit.name, type: unit.type, orgDeptManaged: false });
  const at = (h: number) => new Date(Date.parse(now) + h * 3_600_000).toISOString();
  await bureau.openRound({
    roundId: ROUND, title: '2026 年度金坛区教育系统后备人才遴选', referenceDate: today, tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: beijingDate(now, -3) }, intakeClosesAt: at(1), scoringClosesAt: at(72),
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
    // 民主推荐 as a bar only: the ballot from intake's close to 48 hours on.
    selection: { recommendation: { closesAt: at(48), threshold: 0.5 } },
  });
  ballotClosesAt = at(48);
  const school = await cs.control.client('school', unit.code);
  for (const n of mine) await school.upload(ROUND, `${n.ref}.json`, new TextEncoder().encode(JSON.stringify(n.form)));
  await cs.control.settle();
  // Intake closes: OpenBallot opens the unit's ballot.
  await cs.control.advance({ to: at(2) });
  await cs.control.settle();
}, 180_000);

afterAll(async () => {
  await cs?.close();
}, 60_000);

async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  const text = await page.locator('main').innerText();
  expect(text, name).not.toMatch(/\b(for|against|abstain|BALLOT_[A-Z_]+|S-RECOMMEND)\b/);
}

describe('民主推荐 in Chromium', () => {
  it('the bureau issues codes for a unit and downloads the slips, the codes in them', async () => {
    const { context, page } = await cs.newPage();
    await page.goto('/');
    await page.waitForURL(/\/signin$/);
    await page.getByRole('button', { name: /区教育局/ }).click();
    await page.waitForURL(/\/bureau$/);
    await page.goto(`/bureau/rounds/${ROUND}`);
    await page.getByRole('link', { name: '民主推荐' }).click();
    await page.waitForURL(new RegExp(`/bureau/rounds/${ROUND}/ballots$`));
    const row = page.locator('tr.ant-table-row', { hasText: unit.name });
    await poll(() => row.innerText()).toContain('3 人');
    await row.getByRole('button', { name: '发放投票码' }).click();
    await page.getByLabel(/发放数量/).fill('10');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '发放并下载投票码条' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`民主推荐投票码-${unit.name}-${ROUND}.docx`);
    const texts = paragraphTexts(parts(new Uint8Array(readFileSync(await file.path())))['word/document.xml']!);
    codes = texts.filter((t) => /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(t));
    expect(codes).toHaveLength(10);
    expect(texts.some((t) => t.includes('/vote'))).toBe(true);
    await poll(() => row.innerText()).toContain('10 个');
    await checkPage(page, '60-bureau-ballots');
    await context.close();
  });

  it('a voter on a phone opens the ballot with a code, marks every candidate, casts it once', async () => {
    const context = await cs.browser.newContext({ baseURL: cs.consoleUrl, locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/vote');
    // No sign-in: the page itself, not the sign-in page.
    expect(page.url()).toMatch(/\/vote$/);
    await page.getByLabel('请输入投票码条上的投票码').fill('ABCD-EFGH-JKMN');
    await page.getByRole('button', { name: '打开选票' }).click();
    await poll(() => page.getByRole('alert').innerText()).toContain('未找到该投票码');
    await checkPage(page, '61-vote-code');
    await page.getByLabel('请输入投票码条上的投票码').fill(codes[0]!.toLowerCase());
    await page.getByRole('button', { name: '打开选票' }).click();
    for (const name of names) await poll(() => page.getByText(name, { exact: true }).count()).toBe(1);
    // Nothing wider than the phone; the touch targets at least 44 px high.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    const button = page.getByRole('radio', { name: '推荐', exact: true }).first();
    expect((await button.locator('xpath=..').boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const submit = page.getByRole('button', { name: /未选择|提交选票/ });
    expect(await submit.innerText()).toContain('还有 3 位候选人未选择');
    const groups = page.getByRole('radiogroup');
    await groups.nth(0).getByText('推荐', { exact: true }).click();
    await groups.nth(1).getByText('不推荐', { exact: true }).click();
    await groups.nth(2).getByText('弃权', { exact: true }).click();
    await checkPage(page, '62-vote-ballot');
    await page.getByRole('button', { name: '提交选票' }).click();
    await poll(() => page.getByText('投票成功').count()).toBe(1);
    await checkPage(page, '63-vote-done');
    // The same code again: told it has voted.
    await page.goto('/vote');
    await page.getByLabel('请输入投票码条上的投票码').fill(codes[0]!);
    await page.getByRole('button', { name: '打开选票' }).click();
    await poll(() => page.getByRole('alert').innerText()).toContain('已投过票');
    await context.close();
  });

  it('after the tally the bureau sees turnout and each candidate\'s share of 推荐', async () => {
    // The ballot's deadline: TallyBallot counts.
    await cs.control.advance({ to: new Date(Date.parse(ballotClosesAt) + 1000).toISOString() });
    await cs.control.settle();
    const { context, page } = await cs.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: /区教育局/ }).click();
    await page.waitForURL(/\/bureau$/);
    await page.goto(`/bureau/rounds/${ROUND}/ballots`);
    const row = page.locator('tr.ant-table-row', { hasText: unit.name });
    await poll(() => row.innerText()).toContain('已计票');
    expect(await row.innerText()).toContain('10.0%'); // 1 of 10 codes used
    await row.getByRole('button', { name: /展开/ }).click();
    const inner = page.locator('tr.ant-table-expanded-row tr.ant-table-row');
    await poll(() => inner.count()).toBe(3);
    // One ballot: 推荐, 不推荐, 弃权 for the three in the ballot's order — shares 100%, 0%, 0%.
    const shares = (await inner.allInnerTexts()).map((t) => /(\d+\.\d)%/.exec(t)?.[1]);
    expect(shares).toEqual(['100.0', '0.0', '0.0']);
    await checkPage(page, '64-bureau-ballots-tallied');
    await context.close();
  });
});
