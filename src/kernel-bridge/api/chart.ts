/**
 * `tracelab.chart(spec)`: a vega-lite chart as a tracelab chart view — the chart MIME type (rendered by the
 * JupyterLab extension), a static `image/svg+xml` rendered in the kernel by vega (headless, no external data),
 * and `text/plain`. When vega cannot load (e.g. no ESM loader in a test VM), the SVG is a labelled placeholder.
 *
 * @example
 * ```ts
 * await tracelab.chart({ data: { values: [{ cpu: 0, ns: 5 }] }, mark: 'bar',
 *   encoding: { x: { field: 'cpu', type: 'ordinal' }, y: { field: 'ns', type: 'quantitative' } } })
 * ```
 */
import { CHART_MIME_TYPE, CHART_VERSION, escapeXml, validateChartPayload } from '../../protocol';
import type { IChartPayload, IChartTimeAxis } from '../../protocol';
import type { MimeBundle } from '../handler/types';
import { DISPLAY, type IDisplayable, jsonSafe } from './mime-bundle';

/** Options of `tracelab.chart`. */
export interface IChartOptions {
  title?: string;
  /** Views with the same id share the time range (default `'charts'`). */
  experimentId?: string;
  /** How the x field maps to trace time, for charts over time. */
  time?: IChartTimeAxis;
}

/** A displayable chart. */
export class ChartView implements IDisplayable {
  constructor(
    readonly payload: IChartPayload,
    readonly svg: string
  ) {}

  toString(): string {
    const spec = this.payload.spec;
    const values = (spec.data as { values?: unknown[] } | undefined)?.values;
    const mark = typeof spec.mark === 'string' ? spec.mark : JSON.stringify(spec.mark ?? 'layered');
    const rows = Array.isArray(values) ? `, ${values.length} data rows` : '';
    return `Chart${this.payload.title ? ` "${this.payload.title}"` : ''}: ${mark}${rows}`;
  }

  [DISPLAY](): MimeBundle {
    const bundle = {
      [CHART_MIME_TYPE]: this.payload,
      'image/svg+xml': this.svg,
      'text/plain': this.toString()
    };
    return bundle as unknown as MimeBundle;
  }
}

type Importer = (m: string) => Promise<Record<string, unknown>>;
// A real dynamic import (vega and vega-lite are ES modules; this file compiles to CommonJS).
const importEsm = new Function('m', 'return import(m)') as Importer;

interface IVegaApi {
  View: new (rt: unknown, o: { renderer: string }) => { toSVG(): Promise<string>; finalize(): void };
  parse(spec: unknown): unknown;
}

/** Renders a vega-lite spec to SVG with vega (throws when vega is not loadable). */
export async function renderChartSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = (await importEsm('vega')) as unknown as IVegaApi;
  const vl = (await importEsm('vega-lite')) as unknown as { compile(s: unknown): { spec: unknown } };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function placeholderSvg(title: string): string {
  const text = escapeXml(`${title} (open in JupyterLab with the tracelab extension to see this chart)`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="40"><text x="8" y="24" font-family="sans-serif" font-size="13">${text}</text></svg>`;
}

/** Builds a chart view from a vega-lite spec with inline data. */
export async function makeChart(spec: unknown, options: IChartOptions = {}): Promise<ChartView> {
  const payload: IChartPayload = {
    version: CHART_VERSION,
    experimentId: options.experimentId ?? 'charts',
    spec: jsonSafe(spec) as Record<string, unknown>
  };
  if (options.title !== undefined) payload.title = options.title;
  if (options.time !== undefined) payload.time = options.time;
  const v = validateChartPayload(payload);
  if (!v.ok) throw new TypeError(`tracelab.chart: ${v.errors.join('; ')}`);
  let svg: string;
  try {
    svg = await renderChartSvg(payload.spec);
  } catch {
    svg = placeholderSvg(options.title ?? 'Chart');
  }
  return new ChartView(payload, svg);
}
