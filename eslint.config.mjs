// ESLint flat config: typescript-eslint's type-aware recommended rules for the TypeScript
// sources (checked against tsconfig.json), plain recommended rules for the CommonJS scripts.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-artifacts/', '.demo/', 'homeconnect-local.html'],
  },
  js.configs.recommended,
  {
    rules: {
      // A variable set once later but read earlier by callbacks (a node's client) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_` marks what is left out on purpose (rest siblings, counted loop variables).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `import x = require('x')` is TypeScript's typed import of a CommonJS `export =` module.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // Node-RED node constructors keep `const node = this` for the callbacks they register.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['node'] }],
      // `async` without `await` is how an implementation of a Promise-returning interface (fake
      // transports, benchmark modules) turns a throw into a rejection; that is intended here.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read untyped JSON (HTTP bodies, Node-RED helper nodes, browser pages) and check it with
    // asserts at run time; typing every body would add noise, not safety. All other type-aware rules
    // (floating promises, misused promises, unnecessary assertions ...) still apply to them.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);
