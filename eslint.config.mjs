// ESLint for bugs the compiler lets through: promises nobody awaits or handles, promises passed
// where a plain value is expected, `await` on non-promises, unused code, thrown non-Errors,
// switches that miss a case. Type-aware, on the TypeScript sources of packages/ and examples/cli,
// through one program over all of them (tsconfig.eslint.json), which keeps it fast.
// Style is not linted here. Run: npm run lint (or npx eslint . for this part alone).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/site/**', 'coverage/**', '.nx/**', '.cache/**', 'artifacts/**', 'mrnet-demo/**', 'examples/browser/**'] },
  {
    files: ['**/*.mjs', 'examples/cli/bin/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', ecmaVersion: 2022 },
    // No globals package here: tsc does not check these scripts either, and Node's globals are many.
    rules: { 'no-undef': 'off', 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    files: ['packages/*/src/**/*.ts', 'examples/cli/src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Promises: the bugs that lose errors or run things out of order.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      // Dead code and wrong types that still compile.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-array-delete': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/restrict-plus-operands': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      // tsc already reports undefined names, and with better messages.
      'no-undef': 'off',
      // Off on purpose: an initial value that a try/catch overwrites is a safe idiom here, and
      // tfjs's method-heavy API makes unbound-method report calls like getWeights.call(model).
      'no-useless-assignment': 'off',
    },
  },
);
