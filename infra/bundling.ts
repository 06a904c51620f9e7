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
  // Chinese text stays UTF-8 (3 bytes a character) instead of \uXXXX escapes (6): the
  // messages are Chinese first, and every byte is parsed at each cold start (issue #12.7:
  // API 505 → 477 KB, intake 502 → 481).
  charset: 'utf8',
  // Deployed with NODE_OPTIONS=--enable-source-maps, which reads the map at load: stack
  // traces keep file and line, the map leaves out the sources' text (API 2.3 MB → 0.7 MB,
  // ~half of the ~25 ms of CPU the map cost an API cold start, measured 2026-12-02).
  sourcemap: true,
  sourcesContent: false,
  nodeOptions: '--enable-source-maps',
  mainFields: ['module', 'main'],
  // The nodejs22.x runtime ships SDK v3; bundling it would only grow cold starts.
  external: ['@aws-sdk/*'],
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: "import { createRequire as __tpRequire } from 'node:module'; const require = __tpRequire(import.meta.url);",
} as const;

/**
 * The same, as esbuild options for one handler module (the bench and the bundle tests). No
 * source map unless asked for (`sourcemap: true`, as the bench does to measure what deploys).
 */
export function esbuildOptionsFor(entry: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    charset: LAMBDA_BUNDLING.charset,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.external],
    banner: { js: LAMBDA_BUNDLING.banner },
    logLevel: 'error',
  };
}
