/** Jest: TypeScript tests under test/, transpiled by ts-jest (type checking is `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The renderer tests need jsdom and ESM transforms: `npm run test:renderers` (jest.renderers.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/renderers/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }]
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 120000
};
