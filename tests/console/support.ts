/**
 * Browser-test support: the whole local system with the console (what `npm start` serves),
 * a real headless Chromium from npm (@sparticuz/chromium) driven by playwright-core, axe-core
 * on every page, and a screenshot of every page in .screenshots/console/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CONSOLE_DIST, REPO_ROOT, ensureConsoleBuilt } from '../../local/console-build';
import { startConsoleServer, type ConsoleServer } from '../../local/console';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { Control } from '../e2e/support';

export const SCREENSHOTS = join(REPO_ROOT, '.screenshots', 'console');

export interface ConsoleSystem {
  sys: LocalSystem;
  consoleUrl: string;
  control: Control;
  browser: Browser;
  /** A fresh browser context (its own sessionStorage) on a page of the console. */
  newPage(opts?: { baseUrl?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** A second console on the same API with its own settings (say a short idle sign-out). */
  extraConsole(opts: { idleMinutes: number }): Promise<ConsoleServer>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    // @sparticuz/chromium's flags are made for Lambda; single-process is not needed here.
    args: chromium.args.filter((a) => a !== '--single-process'),
    headless: true,
    timeout: 30_000,
  });
}

export async function startConsoleSystem(): Promise<ConsoleSystem> {
  await ensureConsoleBuilt();
  const sys = await startLocalSystem({ port: 0, controlPort: 0, retryIntervalMs: 0, console: { port: 0, distDir: CONSOLE_DIST, refreshSeconds: 1 } });
  const extras: ConsoleServer[] = [];
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await sys.close();
    throw e;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const consoleUrl = sys.consoleUrl as string;
  return {
    sys,
    consoleUrl,
    control: new Control(sys.controlUrl, sys.apiUrl),
    browser,
    async newPage(opts = {}) {
      // The browser's zone is not Beijing: the console must show Beijing time anyway.
      const context = await browser.newContext({ baseURL: opts.baseUrl ?? consoleUrl, locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1280, height: 900 }, acceptDownloads: true, reducedMotion: 'reduce' });
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(15_000);
      const page = await context.newPage();
      return { context, page };
    },
    async extraConsole({ idleMinutes }) {
      const c = await startConsoleServer({ port: 0, distDir: CONSOLE_DIST, issuer: sys.issuer, idleMinutes, refreshSeconds: 1 });
      c.connect({ apiUrl: sys.apiUrl, uploadOrigins: [sys.stack.s3.endpoint] });
      extras.push(c);
      return c;
    },
    async close() {
      await browser.close().catch(() => {});
      for (const c of extras) await c.close().catch(() => {});
      await sys.close();
    },
  };
}

/** axe-core on the page as it is: the serious and critical violations (there should be none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Waits for the web font (Chinese would render as boxes without it), then a full-page screenshot. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate("document.fonts.ready.then(() => true)");
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A Beijing wall time n days from now, as typed into the console's pickers ("YYYY-MM-DD HH:mm"). */
export function beijingWall(daysFromNow: number, hour = 17): { date: string; dateTime: string } {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return { date, dateTime: `${date} ${String(hour).padStart(2, '0')}:00` };
}
