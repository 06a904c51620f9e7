import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled, in one place: the CDK functions (constructs/pool-function.ts)
 * use it, and so do the bundle benchmark and the bundle tests, so what is measured and tested
 * is what deploys.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  // The nodejs22.x runtime ships SDK v3; bundling it would only grow cold starts.
  external: ['@aws-sdk/*'],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: "import { createRequire as __tpRequire } from 'node:module'; const require = __tpRequire(import.meta.url);",
} as const;

/** The same, as esbuild options for one handler module (the bench and the bundle tests). */
export function esbuildOptionsFor(entry: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.external],
    banner: { js: LAMBDA_BUNDLING.banner },
    logLevel: 'error',
  };
}
