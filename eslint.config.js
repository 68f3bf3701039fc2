// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * The process split is enforced here: src/shared (the contract) and renderer/ (the browser
 * side) may not import Electron, Node built-ins or anything from main/. Only main/electron/
 * imports electron (DESIGN.md §2).
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const browserSafe = {
  paths: [
    { name: 'electron', message: 'Only main/electron/ may import electron.' },
    ...nodeBuiltins.map((name) => ({ name, message: 'Node built-ins do not exist in the renderer or the shared contract.' })),
  ],
  patterns: [
    { group: ['**/main/**', '../main/*', '../../main/*'], message: 'Reach main only through the IPC client.' },
    { group: ['node:*'], message: 'Node built-ins do not exist in the renderer or the shared contract.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', '.harv-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }] }],
    },
  },
  {
    files: ['main/electron/**', 'scripts/start-desktop.ts', 'electron.vite.config.ts', 'test/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**', 'renderer/**'],
    ignores: ['renderer/vite.config.ts', '**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', browserSafe] },
  },
);
