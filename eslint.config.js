import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const typedFiles = ['{apps,packages,proof,e2e,bench}/**/*.{ts,tsx}'];
const testFiles = [
  '**/*.test.{ts,tsx}',
  '**/test-support/**',
  '**/*fixtures.ts',
  'proof/**',
  'e2e/**',
  'bench/**',
];
const dataLayerFiles = [
  'apps/server/src/**/*-store.ts',
  'apps/server/src/**/*-queries.ts',
  'apps/server/src/**/*schema.ts',
  'apps/server/src/db/**',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'test-results/**', '**/drizzle/meta/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The strictest typescript-eslint preset, with the type checker, on every TypeScript project.
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: typedFiles })),
  {
    files: typedFiles,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Numbers and booleans read naturally in messages; objects and nullish values do not.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // `() => void run()` and `onClick={() => setOpen(false)}` say what they mean.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // Tests read JSON bodies and fixture rows they then assert on: a wrong shape fails the
    // assertion, so `any` from `res.json()` and `rows[0]!` are allowed there, and only there.
    files: testFiles,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Layers: SQL is built only in stores, queries and schema files (and the db module).
    // Services, routes and workers call those; type-only imports are fine.
    files: ['apps/server/src/**/*.ts'],
    ignores: [...dataLayerFiles, ...testFiles],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*'],
              allowTypeImports: true,
              message: 'Build queries in a *-store.ts or *-queries.ts file and call it from here.',
            },
            {
              regex: '(^|/)([a-z-]+-)?schema\\.ts$',
              allowTypeImports: true,
              message: 'Tables are read and written in *-store.ts or *-queries.ts files only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Radio labels wrap their text in <span><strong>: look that deep for it.
      'jsx-a11y/label-has-associated-control': ['error', { depth: 3 }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
