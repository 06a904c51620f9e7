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
  const env = { ...process.env, POOL_TABLE: 'bench', AUDIT_TABLE: 'bench', IDEMPOTENCY_TABLE: 'bench', UPLOAD_BUCKET: 'bench', AWS_REGION: 'cn-north-1' };
  /** Median of five fresh-process imports of `specifiers` (resolved from the bundles' folder). */
  const importMs = (specifiers: string[]): number => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e',
        `const t=performance.now(); ${specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ')} console.log(performance.now()-t);`], { encoding: 'utf8', env, cwd: outdir });
      if (r.status !== 0) throw new Error(`importing ${specifiers.join(', ')} failed: ${r.stderr}`);
      times.push(Number(r.stdout.trim().split('\n').pop()));
    }
    times.sort((a, b) => a - b);
    return times[2] ?? NaN;
  };
  // The floor, in the same run: what importing the DynamoDB client alone costs on this machine
  // (every handler needs it at init). Aim: each handler's import ≤ 1.2 × the floor.
  const floor = importMs(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
  const out: Record<string, string | number> = { 'floor: import @aws-sdk/client-dynamodb + lib-dynamodb ms (median of 5)': Number(floor.toFixed(1)) };
  for (const mod of modules) {
    const name = mod.split('/')[1] ?? mod;
    const outfile = join(outdir, `${name}.mjs`);
    await build({ ...esbuildOptionsFor(mod), outfile });
    const kb = statSync(outfile).size / 1024;
    const ms = importMs([`./${name}.mjs`]);
    out[`${name}: bundle KB`] = Number(kb.toFixed(1));
    out[`${name}: import ms (median of 5)`] = Number(ms.toFixed(1));
    out[`${name}: import ÷ floor (aim ≤ 1.2)`] = Number((ms / floor).toFixed(2));
  }
  return out;
}
