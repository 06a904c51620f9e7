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
  // `docx` package: 229.5 KiB of the 517.7 KiB measured 2026-12-02 (zod 100 KiB, the app ≈ 150 KiB;
  // 627 KiB before the X-Ray SDK left every bundle). The bundle is one file (no code splitting in
  // the CDK's bundling), so the dynamic import in app/exports/produce.ts defers evaluating it
  // (tests/infra/cold-import.test.ts: a list's export never runs it), not its bytes; and the
  // documents share POST /exports with the lists, so no route can send them to a function of
  // their own. The exports are their own function precisely so that this weight stays out of
  // the API and intake.
  'functions/exports/handler.ts': 530,
};

beforeAll(async () => {
  const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
  const modules = [...new Set(localLambdas(template).map((l) => l.handlerModule))];
  await Promise.all(modules.map(async (m) => bundles.set(m, await bundle(m))));
}, 120_000);

describe('Lambda bundles', () => {
  it('every function of the app bundles under 500 KB (issue #12.7), the SDK left to the runtime', () => {
    expect(bundles.size).toBeGreaterThanOrEqual(9);
    for (const [mod, b] of bundles) {
      expect(b.kb, mod).toBeLessThan(BUDGET_KB[mod] ?? 500);
      expect(b.kb, mod).toBeGreaterThan(10); // really bundled, not a stub
    }
  });

  it('the Api and the selection steps\' routes are separate bundles: neither carries the other\'s route modules (issue #12.7)', () => {
    // Markers: 考察's close (INSPECTION_INCOMPLETE), the ballot's one-time-code claim, the 公示 page's office;
    // on the Api's side, the round opening's ROUND_TOO_LONG.
    const selection = (b: Bundle) => b.code.includes('INSPECTION_INCOMPLETE');
    const publicPage = (b: Bundle) => b.code.includes('中共常州市金坛区教育工作委员会');
    const api = bundles.get('functions/api/handler.ts')!;
    expect(selection(api) || publicPage(api)).toBe(false);
    expect(selection(bundles.get('functions/selection/handler.ts')!)).toBe(true);
    expect(publicPage(bundles.get('functions/public/handler.ts')!)).toBe(true);
    expect(selection(bundles.get('functions/public/handler.ts')!)).toBe(false);
    expect(api.code.includes('ROUND_TOO_LONG')).toBe(true);
    expect(bundles.get('functions/public/handler.ts')!.code.includes('ROUND_TOO_LONG')).toBe(false);
  });

  it('no bundle carries the X-Ray SDK: Lambda\'s active tracing records the segments, nothing is imported for it (pool-function.ts)', () => {
    for (const [mod, b] of bundles) expect(b.code.includes('AWS_XRAY_DAEMON_ADDRESS'), mod).toBe(false);
  });

  it('the public function loads DynamoDB alone: no S3, no Step Functions, no SQS, not even on first use', () => {
    const pub = bundles.get('functions/public/handler.ts')!;
    expect([...pub.staticSdk].sort()).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    expect([...pub.dynamicSdk]).toEqual([]);
  });

  it('the selection function loads DynamoDB at import; Step Functions (a task token answered) and SQS on first use', () => {
    const sel = bundles.get('functions/selection/handler.ts')!;
    expect([...sel.staticSdk].sort()).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    for (const pkg of sel.dynamicSdk) expect(['@aws-sdk/client-s3', '@aws-sdk/client-sfn', '@aws-sdk/client-sqs']).toContain(pkg);
    expect(sel.dynamicSdk.has('@aws-sdk/client-sfn')).toBe(true);
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
      if (/\/(api|intake|exports|notifier|selection|public)\//.test(mod)) continue;
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
