// The boundaries the project keeps, enforced in `npm test`: every import a package makes is declared in its
// own package.json, no import cycles, and no file reaches into another package by a relative path (a test
// imports a service through its package exports, never another service's src/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = import.meta.dirname;

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/generated/**', '**/target/**', '.data/**', '.turbo/**', '**/dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { 'import-x': importX },
    settings: {
      // The dependency graph (no-cycle) is built by parsing imported .ts files, which needs the TypeScript parser.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', '*/tsconfig.json', '*/*/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-extraneous-dependencies': ['error', { includeTypes: true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-relative-packages': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The system level (scripts, end-to-end and cross-service tests, benchmarks) is the root package.
    files: ['scripts/**', 'e2e/**', 'bench/**', 'cdc/test/**', '*.ts', '*.js'],
    rules: { 'import-x/no-extraneous-dependencies': ['error', { includeTypes: true, packageDir: [root] }] },
  },
  {
    // Tests, and the helpers they share, read loosely typed GraphQL responses.
    files: ['**/*.test.ts', '**/test/**', '**/src/testing/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
