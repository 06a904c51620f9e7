import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { LAMBDA_BUNDLING, esbuildOptionsFor } from '../infra/bundling';
import { synthTalentPool } from '../infra/synth';
import { localLambdas } from '../local/asl';
import type { CfnTemplate } from '../local/template';

/** Fresh-process imports per figure; the median is printed. */
const RUNS = 7;
/** What every handler needs at init, and what the aim is measured against. */
const FLOOR = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];

interface Times { wall: number[]; cpu: number[] }

/**
 * Each Lambda's bundle size and the time to import it in a fresh Node process — the part of
 * a cold start the code controls. The function list comes from the synthesized template (the
 * `talentPool:handler` metadata); the esbuild options are the CDK app's (infra/bundling.ts),
 * source map included, and the processes run with the deployed NODE_OPTIONS
 * (--enable-source-maps reads the map at load), so what is measured is what deploys.
 * Bundles go under node_modules/.cache so the externalised @aws-sdk/* resolves as it does
 * in the Lambda runtime; one folder per run, so two engineers' benches do not collide.
 *
 * The machine is shared: the floor and every bundle are imported in turn, RUNS rounds, so
 * a burst of load falls on all of them alike; and beside the wall time each process reports
 * its own CPU time (user + system) for the import, which other processes' load disturbs far
 * less. The ratios are of medians of the same run.
 */
export async function benchBundles(): Promise<Record<string, string | number>> {
  const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
  const modules = [...new Set(localLambdas(template).map((l) => l.handlerModule))].sort();
  const outdir = join('node_modules', '.cache', `talent-pool-bench-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  try {
    const env = {
      ...process.env, NODE_OPTIONS: LAMBDA_BUNDLING.nodeOptions,
      POOL_TABLE: 'bench', AUDIT_TABLE: 'bench', IDEMPOTENCY_TABLE: 'bench', UPLOAD_BUCKET: 'bench', AWS_REGION: 'cn-north-1',
    };
    /** One fresh-process import of `specifiers` (resolved from the bundles' folder). */
    const importOnce = (specifiers: string[], into: Times): void => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e',
        'const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };' +
        `const t = performance.now(), c = cpu(); ${specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ')} ` +
        'console.log(performance.now() - t, cpu() - c);'], { encoding: 'utf8', env, cwd: outdir });
      if (r.status !== 0) throw new Error(`importing ${specifiers.join(', ')} failed: ${r.stderr}`);
      const [wall, cpu] = (r.stdout.trim().split('\n').pop() ?? '').split(' ').map(Number);
      into.wall.push(wall ?? NaN);
      into.cpu.push(cpu ?? NaN);
    };

    const bundles: Array<{ name: string; kb: number; sdk: string[] }> = [];
    for (const mod of modules) {
      const name = mod.split('/')[1] ?? mod;
      const outfile = join(outdir, `${name}.mjs`);
      await build({ ...esbuildOptionsFor(mod), sourcemap: LAMBDA_BUNDLING.sourcemap, outfile });
      // The SDK packages it loads at init (static imports; the rest are import()ed on first use).
      const sdk = [...new Set([...readFileSync(outfile, 'utf8').matchAll(/from\s*"(@aws-sdk\/[a-z0-9-]+)"/g)].map((m) => m[1] ?? ''))].sort();
      bundles.push({ name, kb: statSync(outfile).size / 1024, sdk });
    }
    // A handler that needs more of the SDK at init than the floor (intake reads every upload
    // from S3) is also shown against the import of exactly its SDK packages.
    const floors = new Map<string, string[]>([[FLOOR.join(' + '), FLOOR]]);
    for (const b of bundles) if (b.sdk.join(' + ') !== FLOOR.join(' + ')) floors.set(b.sdk.join(' + '), b.sdk);

    const times = new Map<string, Times>([...floors.keys(), ...bundles.map((b) => b.name)].map((k) => [k, { wall: [], cpu: [] }]));
    for (let i = 0; i < RUNS; i++) {
      for (const [key, pkgs] of floors) importOnce(pkgs, times.get(key)!);
      for (const b of bundles) importOnce([`./${b.name}.mjs`], times.get(b.name)!);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
    const wall = (k: string) => median(times.get(k)!.wall);
    const cpu = (k: string) => median(times.get(k)!.cpu);
    const floorKey = FLOOR.join(' + ');

    const out: Record<string, string | number> = {};
    out[`floor: import ${floorKey} ms, wall / CPU (median of ${RUNS})`] = `${wall(floorKey).toFixed(1)} / ${cpu(floorKey).toFixed(1)}`;
    for (const [key] of floors) if (key !== floorKey) out[`floor for its SDK: ${key} ms, wall / CPU`] = `${wall(key).toFixed(1)} / ${cpu(key).toFixed(1)}`;
    for (const b of bundles) {
      out[`${b.name}: bundle KB`] = Number(b.kb.toFixed(1));
      out[`${b.name}: import ms, wall / CPU (median of ${RUNS})`] = `${wall(b.name).toFixed(1)} / ${cpu(b.name).toFixed(1)}`;
      out[`${b.name}: import ÷ floor, wall / CPU (aim ≤ 1.2)`] = `${(wall(b.name) / wall(floorKey)).toFixed(2)} / ${(cpu(b.name) / cpu(floorKey)).toFixed(2)}`;
      const own = b.sdk.join(' + ');
      if (own !== floorKey) out[`${b.name}: import ÷ its SDK floor, wall / CPU`] = `${(wall(b.name) / wall(own)).toFixed(2)} / ${(cpu(b.name) / cpu(own)).toFixed(2)}`;
    }
    return out;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
