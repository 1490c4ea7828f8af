// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The architecture's rules (docs/architecture.md), enforced: an inner layer never imports an outer one. */
const adapters = {
  genesys: { group: ['**/genesys/*', '!**/workflow/**'], message: 'Only the app wiring talks to the Genesys client; depend on a port in src/workflow/ports.ts.' },
  slack: { group: ['**/slack/*', '@slack/*'], message: 'The workflow knows nothing of Slack: return a code, let src/slack render it.' },
  store: { group: ['**/store/*', 'keyv', '@keyv/*', '@redis/*', 'node:sqlite'], message: 'The workflow reaches the store through WorkflowStore (src/workflow/ports.ts).' },
  http: { group: ['axios'], message: 'HTTP belongs to the adapters (src/genesys).' },
};

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'stubs/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Stores, fakes and Bolt handlers implement async interfaces; an async method without await is fine.
      '@typescript-eslint/require-await': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Tests read JSON payloads and fakes' records as loosely typed data on purpose.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // The fakes are objects of closures (no `this`), handed around method by method.
    files: ['dev/**', 'test/**'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['src/workflow/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [adapters.genesys, adapters.slack, adapters.store, adapters.http] },
      ],
    },
  },
  {
    files: ['src/slack/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [adapters.genesys, adapters.http] }] },
  },
  {
    // French typography puts a no-break space (U+00A0) before : ; ! ? and inside « », in catalog templates too
    files: ['src/slack/catalog/**', 'test/**'],
    rules: { 'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }] },
  },
  {
    files: ['dev/**', 'bench/**', 'src/cli/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked] },
);
