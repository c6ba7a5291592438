import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Workflow code runs in Temporal's deterministic sandbox: no Node module (in either spelling,
// `fs` or `node:fs`), no I/O library, nothing from the activity side.
const nodeModules = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.tools/**',
      '.data/**',
      'generated/**',
      'test-output/**',
      'web/dist/**',
      'web/src/api/schema.ts',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'workflow code runs in the deterministic sandbox: no Node modules' })),
          patterns: [
            {
              group: [
                '@prisma/*',
                'ssh2*',
                'pg',
                'pino',
                'express',
                '**/activities/*',
                '**/activities',
                '**/db/*',
                '**/clearinghouse/*',
                '**/api/*',
              ],
              message: 'workflow code does no I/O: ask an activity',
            },
          ],
        },
      ],
    },
  },
  // The staff page (web/): browser code, React's rules of hooks.
  {
    files: ['web/**/*.{ts,tsx,mts}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
);
