// Lint = code quality + the architecture's layer rules. A forbidden import is an
// error here, so `npm run check` fails on it (tested in build/layer-rules.test.ts).
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { ENGINE_FOLDERS, engineFoldersRule } from './build/engine-folders.js'
import { fileNameRule } from './build/eslint-file-names.js'

const NATIVE_MODULES = ['better-sqlite3', 'hnswlib-node', 'onnxruntime-node']
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'worker_threads']

/** A `no-restricted-imports` rule forbidding the given folders and packages. */
function forbid({ folders = [], packages = [], message }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...folders.map((folder) => ({ group: [`**/${folder}/**`, `**/${folder}`], message: `${message} (${folder}/)` })),
          ...(packages.length > 0 ? [{ group: packages, message }] : []),
        ],
      },
    ],
  }
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', '.demo-workspace/**', 'models/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { local: { rules: { 'file-names': fileNameRule, 'engine-folders': engineFoldersRule } } },
    rules: {
      'local/file-names': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['contract/**'],
    rules: forbid({
      folders: ['engine', 'native', 'electron', 'renderer', 'models', 'build'],
      packages: [...NATIVE_MODULES, 'electron', ...nodeBuiltins],
      message: 'contract/ imports nothing but zod',
    }),
  },
  {
    files: ['native/**'],
    rules: forbid({ folders: ['engine', 'electron', 'renderer'], packages: ['electron'], message: 'native/ sees contract/ only' }),
  },
  {
    files: ['engine/**'],
    rules: forbid({
      folders: ['electron', 'renderer'],
      packages: [...NATIVE_MODULES, 'electron'],
      message: 'engine/ never imports electron or a native module directly: use native/ adapters',
    }),
  },
  {
    // Inside engine/, folder by folder (the table and why: build/engine-folders.js).
    files: ['engine/**/*.ts'],
    rules: { 'local/engine-folders': ['error', ENGINE_FOLDERS] },
  },
  {
    files: ['electron/**'],
    rules: forbid({ folders: ['renderer', 'native'], packages: NATIVE_MODULES, message: 'electron/ talks to the engine, not to natives or the renderer' }),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid({
      folders: ['engine', 'native', 'electron', 'models', 'build'],
      packages: [...NATIVE_MODULES, 'electron', ...nodeBuiltins],
      message: 'renderer/ sees contract/ only',
    }),
  },
)
