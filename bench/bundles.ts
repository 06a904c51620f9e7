import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../infra/bundling';
import { synthTalentPool } from '../infra/synth';
import { localLambdas } from '../local/asl';
import type { CfnTemplate } from '../local/template';

/**
 * Each Lambda's bundle size and the time to import it in a fresh Node process — the part of
 * a cold start the code controls. The function list comes from the synthesized template (the
 * `talentPool:handler` metadata); the esbuild options are the CDK app's (infra/bundling.ts).
 * Bundles go under node_modules/.cache so the externalised @aws-sdk/* resolves as it does
 * in the Lambda runtime.
 */
export async function benchBundles(): Promise<Record<string, string | number>> {
  const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
  const modules = [...new Set(localLambdas(template).map((l) => l.handlerModule))].sort();
  const outdir = join('node_modules', '.cache', 'talent-pool-bench');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const out: Record<string, string | number> = {};
  for (const mod of modules) {
    const name = mod.split('/')[1] ?? mod;
    const outfile = join(outdir, `${name}.mjs`);
    await build({ ...esbuildOptionsFor(mod), outfile });
    const kb = statSync(outfile).size / 1024;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e',
        `const t=performance.now(); await import(${JSON.stringify(`./${outfile}`)}); console.log(performance.now()-t);`], {
        encoding: 'utf8',
        env: { ...process.env, POOL_TABLE: 'bench', AUDIT_TABLE: 'bench', IDEMPOTENCY_TABLE: 'bench', UPLOAD_BUCKET: 'bench', AWS_REGION: 'cn-north-1' },
      });
      if (r.status !== 0) throw new Error(`importing ${name} failed: ${r.stderr}`);
      times.push(Number(r.stdout.trim().split('\n').pop()));
    }
    times.sort((a, b) => a - b);
    out[`${name}: bundle KB`] = Number(kb.toFixed(1));
    out[`${name}: import ms (median of 5)`] = Number((times[2] ?? NaN).toFixed(1));
  }
  return out;
}
