// The console's build for `npm start` and the browser tests: built with Vite into
// console/dist when its sources changed since the last build, else the built copy is served
// as it is. The inputs' hash is kept beside the build (dist/.inputs-hash).
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const CONSOLE_DIR = join(REPO_ROOT, 'console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');
const HASH_FILE = '.inputs-hash';

/** The console's sources and what they import from outside it (the domain's words, the formats' sheets), and the lock file. */
function inputFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (name === 'dist' || name === 'node_modules' || name.startsWith('.')) continue;
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(CONSOLE_DIR);
  walk(join(REPO_ROOT, 'domain'));
  // The pages' Excel sheets (formats/xlsx/assessment.ts) are built into their chunks too.
  walk(join(REPO_ROOT, 'formats'));
  out.push(join(REPO_ROOT, 'package-lock.json'));
  return out;
}

export function consoleInputsHash(): string {
  const h = createHash('sha256');
  for (const f of inputFiles()) {
    h.update(relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

export function consoleIsBuilt(): boolean {
  const file = join(CONSOLE_DIST, HASH_FILE);
  return existsSync(join(CONSOLE_DIST, 'index.html')) && existsSync(file) && readFileSync(file, 'utf8').trim() === consoleInputsHash();
}

/** Builds the console unless the built copy is up to date. Returns whether it built. */
export async function ensureConsoleBuilt(opts: { force?: boolean } = {}): Promise<{ built: boolean; ms: number }> {
  const t0 = performance.now();
  if (!opts.force && consoleIsBuilt()) return { built: false, ms: 0 };
  const hash = consoleInputsHash();
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await run(process.execPath, [vite, 'build', CONSOLE_DIR, '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      // A production build even when started under a test runner (NODE_ENV=test makes a dev build).
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024, timeout: 300_000 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`控制台构建失败 / the console build failed:\n${err.stderr || err.stdout || err.message}`);
  }
  writeFileSync(join(CONSOLE_DIST, HASH_FILE), `${hash}\n`);
  return { built: true, ms: Math.round(performance.now() - t0) };
}
