// Lint setup: typescript-eslint strict rules, React hooks, and the project's import boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from './scripts/eslint/import-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'coverage/',
      'test/e2e/artifacts/',
      'test/fixtures/lint/',
      // Caches and scratch trees (a copy of the sources for the Node 24 run lives here).
      '.tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { kiosk: boundaries },
    rules: {
      'kiosk/import-boundaries': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: 'error',
    },
  },
  {
    // The clinic clock (electron/core/clock) is the core's only reader of the machine's clock: every day
    // and time the core computes is in the clinic's offset, whatever time zone the machine is set to.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/clock/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from the clinic clock (electron/core/clock), not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            'Read the time from the clinic clock (electron/core/clock), or performance.now() for durations.',
        },
      ],
    },
  },
  {
    // The renderer shows the clinic days and times the core sends; the browser's clock and time zone
    // (which may not be Tokyo's) never make a date.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: "Dates come from the core (clinic clock); the browser time zone may not be the clinic's.",
        },
        {
          selector: "CallExpression[callee.object.name='Date']",
          message: 'Use performance.now() for durations; dates come from the core (clinic clock).',
        },
        {
          selector: 'MemberExpression[property.name=/^(getTimezoneOffset|toLocale(Date|Time)?String)$/]',
          message: "Dates come from the core (clinic clock); the browser time zone may not be the clinic's.",
        },
        {
          selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']",
          message: "Dates come from the core (clinic clock); the browser time zone may not be the clinic's.",
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['scripts/**', 'test/**', 'electron/web-host/cli.ts', '**/cli.ts', '**/cli/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
