import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/ARCHITECTURE.md, "Layers"), innermost first; each may import only what
 * lies further in:
 *   domain/     the plan as data and pure rules
 *   contracts/  what infra, functions, local and cli share: ids, limits, task payloads, API bodies, roles
 *   formats/    file formats (the Excel template and reader), pure
 *   app/        the use cases, over small ports (app/ports)
 *   functions/  Lambda handlers and the adapters behind the ports (functions/shared)
 *   infra/ local/ cli/ demo/ bench/  the outside
 */
const AWS = ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@middy/*', '@aws-lambda-powertools/*'];
const IO = ['fs', 'node:fs', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'];
const OUTER = ['**/functions/**', '**/infra/**', '**/local/**', '**/cli/**', '**/demo/**', '**/bench/**'];

/** The Lambda folders: none imports another's (what they share is in functions/shared, app/ or contracts/). */
const LAMBDAS = ['api', 'intake', 'scoring', 'round-steps', 'review-steps', 'exports', 'notifier'];

/**
 * `import { z } from 'zod'` keeps zod's whole namespace object, every locale included: 454 KB
 * minified against 85 KB for `import * as z`, in every Lambda bundle and at every cold start
 * (measured with esbuild; bench/bundles.ts prints the bundles).
 */
const zodNamespace = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "use `import * as z from 'zod'` (it tree-shakes to a fifth of the size).",
};

const noClock = [
  zodNamespace,
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'reads no clock: pass dates in (a Clock port in app/).' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'reads no clock: pass dates in (a Clock port in app/).' },
  { selector: "MemberExpression[object.name='process']", message: 'reads no environment: configuration comes in through the ports.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '.data/', 'dist/', 'console/dist/', '.screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', zodNamespace],
    },
  },
  {
    // The domain is pure: no I/O, no AWS, no outer layers, no clock.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: AWS, message: 'domain/ is pure: no AWS, no middleware.' },
          { group: ['node:*', ...IO], message: 'domain/ does no I/O.' },
          { group: [...OUTER, '**/app/**', '**/contracts/**'], message: 'Dependencies point inward: domain/ imports only domain/.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...noClock],
    },
  },
  {
    // Contracts are shapes and numbers: zod and the domain, nothing that runs.
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: AWS, message: 'contracts/ are shared by infra and functions: no AWS.' },
          { group: ['node:*', ...IO], message: 'contracts/ do no I/O.' },
          { group: [...OUTER, '**/app/**'], message: 'Dependencies point inward: contracts/ import only domain/ and contracts/.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...noClock],
    },
  },
  {
    // Use cases: the domain and the contracts, over ports; no AWS SDK, no environment, no clock.
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: AWS, message: 'app/ talks to AWS only through its ports (app/ports); the adapters live in functions/shared.' },
          { group: IO, message: 'app/ does no I/O of its own: use a port.' },
          { group: OUTER, message: 'Dependencies point inward: app/ imports domain/, contracts/ and app/.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...noClock],
    },
  },
  {
    // File formats (the Excel template and reader): pure parsing and writing of bytes.
    files: ['formats/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: AWS, message: 'formats/ read and write bytes: no AWS.' },
          { group: [...OUTER, '**/app/**'], message: 'Dependencies point inward: formats/ import only domain/ and contracts/.' },
        ],
      }],
    },
  },
  ...LAMBDAS.map((fn) => ({
    files: [`functions/${fn}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: LAMBDAS.filter((o) => o !== fn).flatMap((o) => [`../${o}/*`, `../../${o}/*`, `**/functions/${o}/*`]), message: `functions/${fn}/ must not import another Lambda's folder: move what is shared to app/, contracts/ or functions/shared/.` },
          { group: ['**/infra/**', '**/local/**', '**/cli/**', '**/demo/**', '**/bench/**'], message: 'Dependencies point inward.' },
        ],
      }],
    },
  })),
  {
    // The adapters serve every Lambda: they import none of them.
    files: ['functions/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: LAMBDAS.flatMap((o) => [`../${o}/*`, `../../${o}/*`, `**/functions/${o}/*`]), message: 'functions/shared/ is imported by the Lambdas, never the other way.' },
          { group: ['**/infra/**', '**/local/**', '**/cli/**', '**/demo/**', '**/bench/**'], message: 'Dependencies point inward.' },
        ],
      }],
    },
  },
  {
    // The CDK app references handlers by path (metadata), never by import.
    files: ['infra/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/functions/**', '**/app/**', '**/local/**', '**/cli/**'], message: 'infra/ imports domain/ and contracts/ only: handlers are named by path.' }],
      }],
    },
  },
);
