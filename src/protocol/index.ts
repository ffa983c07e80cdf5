/**
 * tracelab's protocol: the MIME types and payload schemas shared by the kernel and the JupyterLab renderers,
 * their runtime validators, the level-of-detail builders and the static SVG fallbacks.
 *
 * Scope: pure TypeScript, no DOM, no Node APIs, no imports from the rest of the project.
 */
export * from './ns';
export * from './timegraph';
export * from './timegraph-validate';
export * from './row-columns';
export * from './validate-util';
export * from './columns';
export * from './pixel-runs';
export * from './lod';
export * from './build';
export * from './build-columns';
export * from './critical-path';
export * from './critical-path-validate';
export * from './chart';
export * from './comm';
export * from './time-ticks';
export * from './svg-fallback';
