// `npm start -- --start ISO`: the simulated clock starts where the operator says (the demo's
// 公示 must fall in a year the working-day calendar covers), and a time without its offset is
// refused rather than read in this machine's zone. Runs local/start.ts itself, from the project
// root (CDK's bundling looks for the lock file there), its session file in a scratch directory
// (POOL_LOCAL_SESSION) so no other test finds this stack as "the running npm start".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const START = resolve(import.meta.dirname, '../../local/start.ts');
const TSX = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'pool-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  const child = spawn(TSX, [START, ...args], { cwd: resolve(import.meta.dirname, '../..'), env: { ...process.env, POOL_LOCAL_SESSION: join(dir, '.data', 'local.json') }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (b: Buffer) => { text += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { text += b.toString(); });
  return { child, out: () => text, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start --start', () => {
  it('refuses a time without its offset, with usage, exit 2', async () => {
    const r = run(['--start', '2026-11-02T09:00:00']);
    expect(await r.exit).toBe(2);
    expect(r.out()).toContain('--start 应为带时区的时间');
  }, 60_000);

  it('starts the simulated clock there and runs on from it', async () => {
    const r = run(['--start', '2026-11-02T09:00:00+08:00', '--port', '0', '--control-port', '0', '--console-port', '0']);
    await until(() => r.out().includes('Ctrl-C') || r.child.exitCode !== null, 240_000);
    expect(r.out()).toContain('模拟时钟 clock   2026-11-02 09:0');
    const session = JSON.parse(readFileSync(join(dir, '.data', 'local.json'), 'utf8')) as { controlUrl: string };
    const clock = (await (await fetch(`${session.controlUrl}/clock`)).json()) as { now: string };
    const now = Date.parse(clock.now);
    const start = Date.parse('2026-11-02T09:00:00+08:00');
    expect(now).toBeGreaterThanOrEqual(start);
    expect(now - start).toBeLessThan(10 * 60_000);
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(0);
  }, 300_000);
});
