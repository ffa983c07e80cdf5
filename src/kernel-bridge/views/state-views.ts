/**
 * The declarative state-view queries behind `Trace.stateView()`, `Trace.segments()`, `Trace.stateViewGraph()` and
 * `Trace.stateViewChart()`: a spec (native object, or the path of a Trace Compass XML analysis file with an
 * optional analysis id) run once over the whole experiment (results cached per spec), then the interval / segment
 * Arrow tables, the time-graph view (`state-view-data.ts`, displayed like the control flow) and the XY view as a
 * vega-lite line chart (`tracelab.chart`).
 *
 * Scope: composition only; no cell API knowledge beyond the option types.
 */
import * as fs from 'node:fs';
import type { Table } from 'apache-arrow';
import {
  loadTcXml,
  runStateView,
  sampleTimes,
  segments,
  stateIntervals,
  tcAnalysis,
  xySeries
} from '../../analysis/stateview';
import type { StateViewResult, StateViewSpec, XyViewSpec } from '../../analysis/stateview';
import type { Experiment } from '../../analysis/trace/types';
import { makeChart, type ChartView } from '../api/chart';
import { ns, type TimeNs } from '../api/trace-queries';
import { stateViewData } from './state-view-data';
import { TimeGraphView } from './timegraph-view';
import type { IViewOptions } from './timegraph-view';
import type { ViewStore } from './view-store';

/** A state view: a native spec or the path of a Trace Compass XML analysis file. */
export type StateViewSource = StateViewSpec | string;

/** Options of the state-view queries. */
export interface IStateViewQuery {
  /** Analysis id within an XML file (needed when it holds several). */
  id?: string;
  /** Intervals overlapping [start, end] (ns); the analysis itself always runs over the whole trace. */
  start?: TimeNs;
  end?: TimeNs;
}

/** Options of `stateViewGraph()`. */
export interface IStateViewGraphQuery extends IStateViewQuery, IViewOptions {}

/** Options of `stateViewChart()`. */
export interface IStateViewChartQuery extends IStateViewQuery {
  /** XY view id (default: the spec's first). */
  view?: string;
  /** Sample times over the window (default 200). */
  samples?: number;
}

/** Runs specs over one experiment, keeping the results of the few most recent specs. */
export class StateViewRunner {
  constructor(private readonly exp: Experiment) {}

  /** The result of a spec (or of an XML file's analysis `id`). */
  run(source: StateViewSource, id?: string): StateViewResult {
    const key = typeof source === 'string' ? `${source}\n${id ?? ''}` : source;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const result = runStateView(this.exp, resolveSpec(source, id));
    this.cache.set(key, result);
    while (this.cache.size > 4) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private readonly cache = new Map<string | StateViewSpec, StateViewResult>();
}

/** The spec of a source: the object itself, or analysis `id` of an XML file (the only one when omitted). */
export function resolveSpec(source: StateViewSource, id?: string): StateViewSpec {
  if (typeof source !== 'string') {
    if (source === null || typeof source !== 'object') {
      throw new TypeError('state view: give a spec or a path');
    }
    return source;
  }
  return tcAnalysis(loadTcXml(fs.readFileSync(source, 'utf8'), source), id);
}

/** State intervals (attribute, start, end, value, value_num) overlapping the window. */
export function stateViewTable(
  runner: StateViewRunner,
  source: StateViewSource,
  q: IStateViewQuery = {}
): Table {
  return stateIntervals(runner.run(source, q.id), { from: ns(q.start), to: ns(q.end) });
}

/** Pattern segments (name, start, end, fields). */
export function segmentsTable(
  runner: StateViewRunner,
  source: StateViewSource,
  q: IStateViewQuery = {}
): Table {
  return segments(runner.run(source, q.id));
}

/** The time-graph view of a state view. */
export function stateViewGraph(
  runner: StateViewRunner,
  experimentId: string,
  store: ViewStore | undefined,
  source: StateViewSource,
  q: IStateViewGraphQuery = {}
): TimeGraphView {
  const result = runner.run(source, q.id);
  const w = { start: ns(q.start), end: ns(q.end) };
  const { legend, ...data } = stateViewData(result, w);
  const view = result.spec.views?.[0];
  const title = view?.label ?? result.spec.label ?? result.spec.id ?? 'State view';
  const range = { start: w.start ?? result.ss.start ?? 0n, end: w.end ?? result.ss.end ?? 0n };
  return new TimeGraphView({ experimentId, title, range, legend, data }, store, q);
}

function xyViewOf(result: StateViewResult, id: string | undefined): XyViewSpec {
  const views = result.spec.xyViews ?? [];
  const v = id === undefined ? views[0] : views.find(x => x.id === id);
  if (v === undefined) {
    const ids = views.map(x => x.id).join(', ') || 'none';
    throw new Error(
      `stateViewChart: ${id === undefined ? 'the spec has no XY view' : `no XY view '${id}'`} (${ids})`
    );
  }
  return v;
}

/** Long-form chart rows `{ time, series, value }` (time in ms from `origin`) of an XY view. */
export function xyChartValues(
  result: StateViewResult,
  view: XyViewSpec,
  start: bigint,
  end: bigint,
  samples: number
): { time: number; series: string; value: number }[] {
  const times = sampleTimes(start, end, samples);
  const out: { time: number; series: string; value: number }[] = [];
  for (const s of xySeries(result.ss, view, times)) {
    times.forEach((t, k) => out.push({ time: Number(t - start) / 1e6, series: s.name, value: s.values[k] }));
  }
  return out;
}

/** The XY view of a state view as a vega-lite line chart (one line per series). */
export async function stateViewChart(
  runner: StateViewRunner,
  experimentId: string,
  source: StateViewSource,
  q: IStateViewChartQuery = {}
): Promise<ChartView> {
  const result = runner.run(source, q.id);
  const view = xyViewOf(result, q.view);
  const start = ns(q.start) ?? result.ss.start ?? 0n;
  const end = ns(q.end) ?? result.ss.end ?? start;
  const samples = q.samples ?? 200;
  if (!Number.isInteger(samples) || samples < 2) throw new TypeError(`samples: an integer >= 2: ${samples}`);
  const title = view.label ?? view.id;
  const spec = {
    title,
    width: 640,
    data: { values: xyChartValues(result, view, start, end, samples) },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: 'time (ms)' },
      y: { field: 'value', type: 'quantitative', title: view.display ?? 'value' },
      color: { field: 'series', type: 'nominal' }
    }
  };
  return makeChart(spec, { title, experimentId, time: { field: 'time', unit: 'ms', origin: String(start) } });
}
