import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Imports flow one way (design.md): renderer, main, server -> shared.
const sideImports = (...sides) =>
  sides.map((side) => ({
    group: [`**/${side}/**`, `../${side}`, `../../${side}`, `${side}/**`],
    message: `Sides must not import each other; move shared logic to shared/ (design.md "Parts").`,
  }));

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'worker_threads', 'stream', 'events', 'util', 'zlib']
  .flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**', '.tmp/**', '.bench-cache/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, 'electron', 'react', 'react-dom', 'dexie', 'fastify', 'pg', '@electric-sql/pglite'].map((name) => ({
          name, message: 'shared/ is pure: no environment-specific imports (style.md habit 1).',
        })),
        patterns: sideImports('renderer', 'main', 'server', 'e2e'),
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: ['electron', 'fastify', 'pg', '@electric-sql/pglite'].map((name) => ({ name, message: 'The renderer talks to the desktop only through renderer/platform.' })),
        patterns: sideImports('main', 'server', 'e2e'),
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: sideImports('renderer', 'server', 'e2e') }] },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: sideImports('renderer', 'main', 'e2e') }] },
  },
);
