/**
 * Jest for the JupyterLab renderers and the protocol: jsdom, ts-jest (transpile only; `npm run typecheck`
 * type-checks), babel-jest for the ESM-only dependencies (@jupyterlab/*, vega, d3), see machine.md section 8.
 */
const esm = [
  '@jupyterlab',
  '@jupyter',
  '@codemirror',
  '@lezer',
  '@marijn',
  '@microsoft',
  'lib0',
  'y-protocols',
  'yjs',
  'nanoid',
  'marked',
  'color',
  'exenv-es6',
  'vega',
  'vega-[^/]+',
  'd3-[^/]+',
  'internmap',
  'delaunator',
  'robust-predicates',
  'json-stringify-pretty-compact',
  'lodash-es',
  'markdown-to-jsx',
  'json-with-bigint'
].join('|');

module.exports = {
  displayName: 'renderers',
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { customExportConditions: ['browser'] },
  roots: ['<rootDir>/test/renderers'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/renderers/setup.js'],
  moduleNameMapper: {
    '^vega-canvas$': '<rootDir>/node_modules/vega-canvas/build/vega-canvas.browser.js',
    '\\.svg$': '<rootDir>/test/renderers/mocks/svg.js',
    '\\.(css|less)$': '<rootDir>/test/renderers/mocks/style.js'
  },
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        diagnostics: false,
        tsconfig: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node10',
          esModuleInterop: true,
          isolatedModules: true,
          lib: ['ES2022', 'DOM', 'DOM.Iterable']
        }
      }
    ],
    '^.+\\.m?jsx?$': ['babel-jest', { presets: [['@babel/preset-env', { targets: { node: 'current' } }]] }]
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esm})/)`],
  testTimeout: 60000
};
