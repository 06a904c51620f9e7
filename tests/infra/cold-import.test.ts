import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build, type Loader, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsFor } from '../../infra/bundling';

/**
 * What a cold start evaluates (issue #12.7). The handler is bundled with the CDK app's
 * options plus one thing: every module of the app and of its packages ends by recording its
 * path. A fresh Node process imports the bundle, and the test reads which modules ran — so it
 * fails when someone makes a deferred module eager again (a static import of a route module,
 * of the xlsx reader, of the Word writer), while the bytes themselves may well stay in the file.
 */

const ROOT = resolve('.');
const OUT = join('node_modules', '.cache', `talent-pool-cold-import-${process.pid}`);

/** Appends `globalThis.__tpEvaluated.push(<path>)` to every module it loads. */
const markEvaluated: Plugin = {
  name: 'mark-evaluated',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mjs|cjs|js)$/ }, (args) => {
      const path = relative(ROOT, args.path).replace(/^(\.\.\/)*([^/]+\/)*node_modules\//, 'node_modules/');
      const loader: Loader = args.path.endsWith('.ts') ? 'ts' : 'js';
      const source = readFileSync(args.path, 'utf8');
      return { contents: `${source}\n;globalThis.__tpEvaluated?.push(${JSON.stringify(path)});\n`, loader, resolveDir: join(args.path, '..') };
    });
  },
};

interface Cold { bundled: Set<string>; evaluated: Set<string> }

async function coldImport(entry: string): Promise<Cold> {
  const name = entry.split('/')[1] ?? 'handler';
  const outfile = join(OUT, `${name}.mjs`);
  const result = await build({ ...esbuildOptionsFor(entry), plugins: [markEvaluated], metafile: true, outfile, logLevel: 'silent' });
  const bundled = new Set(Object.keys(result.metafile.inputs).map((p) => p.replace(/^(\.\.\/)*([^/]+\/)*node_modules\//, 'node_modules/')));
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `globalThis.__tpEvaluated = []; await import(${JSON.stringify(`./${name}.mjs`)}); console.log(JSON.stringify(globalThis.__tpEvaluated));`], {
    cwd: OUT, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, POOL_TABLE: 'cold', AUDIT_TABLE: 'cold', IDEMPOTENCY_TABLE: 'cold', UPLOAD_BUCKET: 'cold', AWS_REGION: 'cn-north-1' },
  });
  if (r.status !== 0) throw new Error(`importing ${entry} failed: ${r.stderr}`);
  return { bundled, evaluated: new Set(JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as string[]) };
}

const cold = new Map<string, Cold>();

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const entry of ['functions/api/handler.ts', 'functions/exports/handler.ts', 'functions/selection/handler.ts', 'functions/public/handler.ts', 'functions/intake/handler.ts']) {
    cold.set(entry, await coldImport(entry));
  }
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

/** The route modules a router loads with `lazy(() => import('./x'), …)` (the Api's) or `route(() => import('../api/x'), …)`. */
function lazyRouteModules(router = 'functions/api/router.ts'): string[] {
  const source = readFileSync(router, 'utf8');
  return [...new Set([...source.matchAll(/(?:lazy|route)\(\(\) => import\('\.\.?\/(?:api\/)?([a-z-]+)'\)/g)].map((m) => `functions/api/${m[1]}.ts`))];
}

describe('the cold import evaluates only what every request needs', () => {
  it('the marker works: the handler, its router and the logger ran', () => {
    const api = cold.get('functions/api/handler.ts')!;
    for (const m of ['functions/api/handler.ts', 'functions/api/router.ts', 'functions/shared/logger.ts']) expect(api.evaluated.has(m), m).toBe(true);
  });

  it('the API evaluates no route module until its route is called, though each is in the bundle', () => {
    const api = cold.get('functions/api/handler.ts')!;
    const lazy = lazyRouteModules();
    expect(lazy.length).toBeGreaterThanOrEqual(15);
    for (const m of lazy) {
      expect(api.bundled.has(m), `${m} bundled`).toBe(true);
      expect(api.evaluated.has(m), `${m} evaluated at import`).toBe(false);
    }
  });

  it('the API evaluates nothing under formats/ at import: the xlsx template writer waits for GET /template', () => {
    const api = cold.get('functions/api/handler.ts')!;
    const formats = [...api.bundled].filter((m) => m.startsWith('formats/'));
    expect(formats).toEqual(expect.arrayContaining(['formats/xlsx/write.ts', 'formats/xlsx/template.ts']));
    expect(formats.filter((m) => api.evaluated.has(m))).toEqual([]);
    // Nor the zip library under it.
    expect([...api.bundled].some((m) => m.startsWith('node_modules/fflate/'))).toBe(true);
    expect([...api.evaluated].filter((m) => m.startsWith('node_modules/fflate/'))).toEqual([]);
  });

  it('the exports function evaluates the Word writer (docx) only when a document is asked for', () => {
    const exports = cold.get('functions/exports/handler.ts')!;
    expect([...exports.bundled].some((m) => m.startsWith('node_modules/docx/'))).toBe(true);
    expect([...exports.evaluated].filter((m) => m.startsWith('node_modules/docx/'))).toEqual([]);
  });

  it('the selection and public functions evaluate none of their route modules (functions/api\'s) at import, though each is bundled', () => {
    for (const [entry, router, least] of [
      ['functions/selection/handler.ts', 'functions/selection/routes.ts', 3],
      ['functions/public/handler.ts', 'functions/public/routes.ts', 2],
    ] as const) {
      const fn = cold.get(entry)!;
      const lazy = lazyRouteModules(router);
      expect(lazy.length, entry).toBeGreaterThanOrEqual(least);
      for (const m of lazy) {
        expect(fn.bundled.has(m), `${entry}: ${m} bundled`).toBe(true);
        expect(fn.evaluated.has(m), `${entry}: ${m} evaluated at import`).toBe(false);
      }
      expect(fn.evaluated.has('functions/api/serve.ts'), entry).toBe(true);
    }
  });

  it('no function evaluates the Api\'s route modules but the Api: the split functions do not even bundle them', () => {
    const apiOnly = lazyRouteModules();
    for (const entry of ['functions/selection/handler.ts', 'functions/public/handler.ts']) {
      expect(apiOnly.filter((m) => cold.get(entry)!.bundled.has(m)), entry).toEqual([]);
    }
  });

  it('intake evaluates no file reader at import: the workbook, the .lrmx and the .zip readers wait for an upload of their kind', () => {
    const intake = cold.get('functions/intake/handler.ts')!;
    const readers = ['formats/xlsx/nomination.ts', 'formats/xlsx/workbook.ts', 'formats/lrmx/read.ts', 'formats/lrmx/archive.ts', 'app/intake/lrmx-forms.ts'];
    for (const m of readers) {
      expect(intake.bundled.has(m), `${m} bundled`).toBe(true);
      expect(intake.evaluated.has(m), `${m} evaluated at import`).toBe(false);
    }
    expect([...intake.evaluated].filter((m) => m.startsWith('node_modules/fflate/'))).toEqual([]);
    // What it does evaluate is what every upload needs: the verdict (eligibility) and the idempotency record.
    expect(intake.evaluated.has('functions/intake/handler.ts')).toBe(true);
    expect([...intake.evaluated].some((m) => m.startsWith('node_modules/@aws-lambda-powertools/idempotency/'))).toBe(true);
  });
});
