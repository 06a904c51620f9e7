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
