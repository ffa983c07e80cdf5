/**
 * The call-stack queries behind `Trace.callStacks()`, `Trace.flameGraph()` and `Trace.flameChart()`: option
 * normalisation (times as bigint ns, symbol files by path), the Arrow tables of `src/analysis/callstack`, and the
 * flame-chart time-graph view (`flame-chart.ts` data, displayed like the control flow).
 *
 * Scope: composition only; no cell API knowledge beyond the option types.
 */
import type { Table } from 'apache-arrow';
import { callStacks, callStackTable, flameGraph } from '../../analysis/callstack';
import type { CallStackOptions, FlameGraphOptions } from '../../analysis/callstack';
import type { ResolverOptions, SymbolResolver } from '../../analysis/symbols';
import type { Experiment } from '../../analysis/trace/types';
import { ns, type TimeNs } from '../api/trace-queries';
import { flameChartData } from './flame-chart';
import { TimeGraphView } from './timegraph-view';
import type { IViewOptions } from './timegraph-view';
import type { ViewStore } from './view-store';

/** Options of the call-stack queries. */
export interface ICallStackQuery {
  /** Only this thread id. */
  tid?: number;
  /** Calls overlapping [start, end] (ns); calls open at the bounds are cut there. */
  start?: TimeNs;
  end?: TimeNs;
  /**
   * Symbols: nm mapping / ELF file path(s) for absolute addresses, resolver options, or a resolver. The trace's
   * LTTng-UST statedump is always used to locate binaries (unless the options turn it off).
   */
  symbols?: string | readonly string[] | ResolverOptions | SymbolResolver;
}

/** Options of `flameGraph()`: a call-stack query plus the grouping of the tree. */
export interface IFlameGraphQuery extends ICallStackQuery {
  groupBy?: FlameGraphOptions['groupBy'];
}

/** Options of `flameChart()`: a call-stack query plus snapshot bounds. */
export interface IFlameChartQuery extends ICallStackQuery, IViewOptions {}

/** The analysis options of a query. */
export function callStackOptions(
  q: ICallStackQuery = {}
): CallStackOptions & { start?: bigint; end?: bigint } {
  if (q.tid !== undefined && !Number.isInteger(q.tid)) throw new TypeError(`tid: not an integer: ${q.tid}`);
  const s = q.symbols;
  const symbols =
    typeof s === 'string' ? { symbolFiles: [s] } : isList(s) ? { symbolFiles: [...s] } : (s ?? {});
  return { tid: q.tid, start: ns(q.start), end: ns(q.end), symbols };
}

function isList(s: ICallStackQuery['symbols']): s is readonly string[] {
  return Array.isArray(s);
}

/** One row per call (host, pid, tid, thread, depth, start, end, address, symbol, start_known, end_known). */
export function callStacksQuery(exp: Experiment, q: ICallStackQuery = {}): Table {
  const o = callStackOptions(q);
  return callStackTable(callStacks(exp, o), { tid: o.tid, start: o.start, end: o.end });
}

/** The call tree over the range (id, parent, depth, symbol, path, total, self, calls). */
export function flameGraphQuery(exp: Experiment, q: IFlameGraphQuery = {}): Table {
  const o = callStackOptions(q);
  return flameGraph(callStacks(exp, o), {
    tid: o.tid,
    start: o.start,
    end: o.end,
    groupBy: q.groupBy
  }).table();
}

/** The flame-chart view: per thread, one row per call depth, calls labelled with their symbols. */
export function flameChartView(
  exp: Experiment,
  experimentId: string,
  store: ViewStore | undefined,
  q: IFlameChartQuery = {}
): TimeGraphView {
  const o = callStackOptions(q);
  const cs = callStacks(exp, o);
  const { legend, ...data } = flameChartData(cs, { tid: o.tid, start: o.start, end: o.end });
  const title = q.tid === undefined ? 'Flame chart' : `Flame chart: thread ${q.tid}`;
  const range = { start: o.start ?? cs.start, end: o.end ?? cs.end };
  return new TimeGraphView({ experimentId, title, range, legend, data }, store, q);
}
