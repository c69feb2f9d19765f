// Lint rules the code keeps (run by `npm run lint`, part of `npm test`): typescript-eslint's
// recommended set with type information, so a promise nobody awaits and code nobody uses fail CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'bench/out/', 'e2e/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-unused-private-class-members': 'error',
      'no-console': 'off',
    },
  },
  // Layers the code cannot cross (docs/decisions.md, "Layers"); features' imports of each other are
  // checked by src/server/layers.test.ts, which reads the import graph.
  {
    files: ['src/server/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', '!../domain/*'], message: 'domain/ is pure: it imports only itself.' },
            { regex: '^[^.]', message: 'domain/ is pure: no packages, no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)(server|web)/', message: 'The shared contract imports neither the server nor the web app.' },
            { regex: '^(?!zod$)[^.]', message: 'The shared contract uses zod only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/',
              message: 'The web app never imports server code: API shapes come from src/shared/api/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/features/*/routes.ts', 'src/server/features/*/*-routes.ts'],
    // portal/routes.ts still reads its public pages' queries directly (docs/decisions.md).
    ignores: ['src/server/features/portal/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)queries(\\.js)?$', message: 'Routes call services; services call queries.' },
            { regex: '(^|/)db/', message: 'Routes call services; only services and queries touch the database.' },
            { regex: '^kysely$', message: 'Routes call services; only services and queries build SQL.' },
          ],
        },
      ],
    },
  },
  // Tests read untyped JSON answers and poke at them; production code may not.
  { files: ['**/*.test.ts', 'test/**', 'e2e/**', 'bench/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
