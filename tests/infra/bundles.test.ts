import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsFor } from '../../infra/bundling';
import { synthTalentPool } from '../../infra/synth';
import { localLambdas } from '../../local/asl';
import type { CfnTemplate } from '../../local/template';

/**
 * The bundles as the CDK app builds them (same esbuild options). What is checked here is what
 * a cold start pays for: a Lambda loads, at import, only the SDK packages every request of it
 * needs; the rest is imported on first use.
 */

interface Bundle { kb: number; staticSdk: Set<string>; dynamicSdk: Set<string>; code: string }

async function bundle(entry: string): Promise<Bundle> {
  const out = await build({ ...esbuildOptionsFor(entry), write: false, logLevel: 'silent' });
  const code = out.outputFiles[0]?.text ?? '';
  const names = (re: RegExp) => new Set([...code.matchAll(re)].map((m) => m[1] ?? ''));
  return {
    kb: Buffer.byteLength(code) / 1024,
    code,
    staticSdk: names(/from\s*"(@aws-sdk\/[a-z0-9-]+)"/g),
    dynamicSdk: names(/import\(\s*"(@aws-sdk\/[a-z0-9-]+)"\s*\)/g),
  };
}

const bundles = new Map<string, Bundle>();

/** A function with a reason to be larger than 500 KB names it here. */
const BUDGET_KB: Record<string, number> = {
  // The Word documents (DESIGN.md §8: the 公示 notice, the 干部任免审批表) are written with the
  // `docx` package, 229.6 KiB of the 627.0 KiB measured 2026-12-01 (zod 100 KiB, the X-Ray SDK
  // 68 KiB, the app 140 KiB). The bundle is one file (no code splitting in the CDK's bundling),
  // so the dynamic import in app/exports/produce.ts defers evaluating it, not its bytes; the
  // exports are their own function precisely so that this weight stays out of the API and intake.
  'functions/exports/handler.ts': 650,
  // The API serves 民主推荐's ballots, 考察, 公示 and the notices since 2026-12-02 (issue #14):
  // 517 KiB measured that day, over the 500 KiB aim. Not evaluated at import (its routes load
  // lazily, tests/infra/cold-import.test.ts), but parsed: the next step is the public routes
  // (ballot, 公示 page) and the selection steps' routes in a function of their own, which also
  // narrows what the public routes' function may touch. Until then a named budget, not 500.
  'functions/api/handler.ts': 530,
};

beforeAll(async () => {
  const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
  const modules = [...new Set(localLambdas(template).map((l) => l.handlerModule))];
  await Promise.all(modules.map(async (m) => bundles.set(m, await bundle(m))));
}, 120_000);

describe('Lambda bundles', () => {
  it('every function of the app bundles under 500 KB (issue #12.7), the SDK left to the runtime', () => {
    expect(bundles.size).toBeGreaterThanOrEqual(5);
    for (const [mod, b] of bundles) {
      expect(b.kb, mod).toBeLessThan(BUDGET_KB[mod] ?? 500);
      expect(b.kb, mod).toBeGreaterThan(10); // really bundled, not a stub
    }
  });

  it('the API loads only DynamoDB at import; S3, presigned POST, Step Functions and SQS (the notice queue) on first use', () => {
    const api = bundles.get('functions/api/handler.ts');
    expect(api).toBeDefined();
    expect([...api!.staticSdk].sort()).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    expect([...api!.dynamicSdk].sort()).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sfn', '@aws-sdk/client-sqs', '@aws-sdk/s3-presigned-post']);
  });

  it('the export writer lives in the exports bundle alone: the API and intake did not grow by it (issue #13)', () => {
    // Markers of formats/export/write.ts: the autofilter's defined name and the inert-text style.
    const writer = (b: Bundle) => b.code.includes('_xlnm._FilterDatabase') && b.code.includes('quotePrefix');
    const exports = bundles.get('functions/exports/handler.ts');
    expect(exports && writer(exports)).toBe(true);
    for (const [mod, b] of bundles) if (mod !== 'functions/exports/handler.ts') expect(writer(b), mod).toBe(false);
    // And the Word writer (the docx package, whose section properties write the line grid): the exports bundle alone.
    const word = (b: Bundle) => b.code.includes('w:docGrid');
    expect(exports && word(exports)).toBe(true);
    for (const [mod, b] of bundles) if (mod !== 'functions/exports/handler.ts') expect(word(b), mod).toBe(false);
    // Measured 2026-12-01: api 881.7 KiB, intake 827.8 KiB before and after the exports landed.
    expect(bundles.get('functions/api/handler.ts')!.kb).toBeLessThan(900);
    expect(bundles.get('functions/intake/handler.ts')!.kb).toBeLessThan(850);
  });

  it('the exports function loads DynamoDB at import; S3 and the presigner on first use', () => {
    const exports = bundles.get('functions/exports/handler.ts')!;
    expect([...exports.staticSdk].sort()).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    // SQS through the shared use-case context's notice queue (unused without a queue URL).
    expect([...exports.dynamicSdk].sort()).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/s3-request-presigner']);
  });

  it('the step functions load no S3 or Step Functions SDK at all; SQS only on first use, to announce a notice', () => {
    for (const [mod, b] of bundles) {
      if (/\/(api|intake|exports|notifier)\//.test(mod)) continue;
      for (const pkg of b.staticSdk) expect(pkg, mod).toMatch(/dynamodb/);
      for (const pkg of b.dynamicSdk) expect(pkg, mod).toMatch(/dynamodb|^@aws-sdk\/client-sqs$/);
    }
  });

  it('the notifier loads DynamoDB at import; Secrets Manager and SES v2 on first use', () => {
    const notifier = bundles.get('functions/notifier/handler.ts')!;
    expect([...notifier.staticSdk].sort()).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    expect([...notifier.dynamicSdk].sort()).toEqual(['@aws-sdk/client-secrets-manager', '@aws-sdk/client-sesv2']);
  });

  it('no bundle signs AWS requests itself: every AWS call goes through the SDK the runtime provides', () => {
    for (const [mod, b] of bundles) expect(b.code.includes('AWS4-HMAC-SHA256'), mod).toBe(false);
  });
});
