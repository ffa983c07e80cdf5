// ESLint flat config: strict TypeScript rules plus the layering rules of DEVELOPERS.md
// (analysis is pure; renderers see only protocol).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'lib/**', 'labextension/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/kernel-bridge/**', '**/renderers/**', '**/protocol/**', '@jupyterlab/*', '@lumino/*', 'zeromq'] }
      ]
    }
  },
  {
    files: ['src/renderers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/analysis/**', '**/kernel-bridge/**'] }] }
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  }
);
