// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Import boundaries between runtimes. Each folder names where its code runs (see ARCHITECTURE.md);
 * these rules keep Electron out of the core and keep Node out of the renderer.
 */
const electronOnlyInShell = {
  paths: [
    {
      name: 'electron',
      message:
        'Only src-main/index.ts and src-main/electron/ may import electron: the desk core must run under plain Node.',
    },
  ],
};

const sharedDependsOnItself = {
  group: [
    '**/src-main/**',
    '**/src-renderer/**',
    '**/src-preload/**',
    '**/src-gateway/**',
    '**/src-sandbox/**',
  ],
  message: 'src-shared depends on nothing but itself.',
};

/**
 * The layers of src-main, lowest first (README "folder" table): a folder imports only from its own
 * layer and the ones below. Tests and testing/ helpers may drive the whole desk and are exempt.
 */
const mainLayers = [
  ['infra'],
  ['stackone', 'credentials', 'workspaces', 'cache', 'sync', 'outbox', 'notifications', 'packages'],
  ['handlers'],
  ['composition'],
  ['preview', 'electron'],
];
const layerRules = mainLayers.slice(0, -1).map((layer, i) => {
  const above = mainLayers.slice(i + 1).flat();
  return {
    files: layer.map((folder) => `src-main/${folder}/**/*`),
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [
            {
              regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
              message: `Layers point one way: ${layer.join(', ')} must not import ${above.join(', ')}.`,
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'src-main/stackone/generated/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: [
      'src-main/**/*',
      'src-shared/**/*',
      'src-gateway/**/*',
      'src-sandbox/**/*',
      'bench/**/*',
      'test/**/*',
      'scripts/**/*',
    ],
    ignores: ['src-main/index.ts', 'src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  ...layerRules,
  {
    // Test helpers live in testing/ folders beside the code they serve; shipped code never uses them.
    files: ['src-*/**/*'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)testing(/|$)', message: 'Test helpers are for tests only.' }] },
      ],
    },
  },
  {
    // The shared contract is pure TypeScript + zod: it runs in every runtime (its tests run in Node).
    files: ['src-shared/**/*'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'],
              message: 'src-shared runs everywhere, including the renderer: no Node modules.',
            },
            sharedDependsOnItself,
          ],
        },
      ],
    },
  },
  {
    // Except src-shared/db: database code shared by the two Node processes that keep SQLite files
    // (the desk core and the gateway). It may use Node; the renderer and the preload never see it.
    files: ['src-shared/db/**/*'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [sharedDependsOnItself],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in Chromium: no Node modules.' },
            {
              group: [
                '**/src-main/**',
                '**/src-preload/**',
                '**/src-gateway/**',
                '**/src-sandbox/**',
                '**/src-shared/db/**',
              ],
              message: 'The renderer talks to main only through the contract (window.desk).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**/*'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/src-main/**', '**/src-renderer/**', '**/src-shared/db/**'],
              message: 'The preload only bridges the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-gateway/**/*', 'src-sandbox/**/*'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
              message: 'Servers share code only through src-shared.',
            },
          ],
        },
      ],
    },
  },
);
