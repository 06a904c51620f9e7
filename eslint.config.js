import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '.data/', 'console/dist/', '.screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure: no I/O, no AWS, no outer layers, no clock.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@middy/*', '@aws-lambda-powertools/*'], message: 'domain/ is pure: no AWS, no middleware.' },
          { group: ['fs', 'node:*', 'net', 'http', 'https', 'child_process'], message: 'domain/ does no I/O.' },
          { group: ['**/functions/**', '**/infra/**', '**/local/**', '**/cli/**'], message: 'Dependencies point inward.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain/ reads no clock: pass dates in.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'domain/ reads no clock: pass dates in.' },
        { selector: "MemberExpression[object.name='process']", message: 'domain/ reads no environment.' },
      ],
    },
  },
);
