/**
 * tracelab's JupyterLab 4 mime extension: renderers for the time graph, the critical path and charts, in the
 * file shape of `@jupyterlab/vega5-extension` (MIME constants, renderer factories, a default-exported list of
 * `IRenderMime.IExtension`).
 *
 * Scope: registration only. The renderers treat payloads as untrusted and never insert markup, hence `safe`
 * (they render in untrusted notebooks too, which is how saved notebooks still show their views).
 */
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { CHART_MIME_TYPE } from '../protocol/chart';
import { CRITICALPATH_MIME_TYPE } from '../protocol/critical-path';
import { TIMEGRAPH_MIME_TYPE } from '../protocol/timegraph';
import { RenderedChart, RenderedCriticalPath, RenderedTimeGraph } from './rendered';

export { CHART_MIME_TYPE, CRITICALPATH_MIME_TYPE, TIMEGRAPH_MIME_TYPE };
export { RenderedChart, RenderedCriticalPath, RenderedTimeGraph };
export { experiments } from './shared/experiment-link';
export { dataProviders } from './shared/data-providers';
export type { IFineDataProvider } from './shared/data-providers';

/** Ranks below the standard SVG/PNG/text factories, so the view wins over the bundle's static fallbacks. */
const RANK = 20;

/** The time-graph renderer factory. */
export const timeGraphRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [TIMEGRAPH_MIME_TYPE],
  defaultRank: RANK,
  createRenderer: options => new RenderedTimeGraph(options)
};

/** The critical-path renderer factory. */
export const criticalPathRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [CRITICALPATH_MIME_TYPE],
  defaultRank: RANK,
  createRenderer: options => new RenderedCriticalPath(options)
};

/** The chart renderer factory. */
export const chartRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [CHART_MIME_TYPE],
  defaultRank: RANK,
  createRenderer: options => new RenderedChart(options)
};

const extensions: IRenderMime.IExtension[] = [
  {
    id: 'tracelab:timegraph',
    description: 'Interactive time graphs of trace state intervals.',
    rendererFactory: timeGraphRendererFactory,
    rank: RANK,
    dataType: 'json'
  },
  {
    id: 'tracelab:criticalpath',
    description: 'Critical paths with their time summary.',
    rendererFactory: criticalPathRendererFactory,
    rank: RANK,
    dataType: 'json'
  },
  {
    id: 'tracelab:chart',
    description: 'Vega-lite charts linked to the trace time range.',
    rendererFactory: chartRendererFactory,
    rank: RANK,
    dataType: 'json'
  }
];

export default extensions;
