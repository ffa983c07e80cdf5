/**
 * What `await tracelab.open(...)` returns in a cell: a handle on an Experiment (the trace API contract in
 * `src/analysis/trace/types.ts`) with the notebook API of issue 5 — tables (`events`, `threadStates`,
 * `cpuStates`, `syscalls`, `cpuUsage`, `criticalPath`, `sync`, `callStacks`, `flameGraph`, `stateView`,
 * `segments`, `vm`, `vmCriticalPath`) and views (`controlFlow`, `resources`, `criticalPathView`, `flameChart`,
 * `stateViewGraph`, `stateViewChart`, `vmResources`, `vmGuestThreads`, `vmFused`, `vmCriticalPathView`). Tables are Arrow tables (displayed as bounded
 * HTML tables); views display as tracelab time graphs with SVG and text fallbacks. The first analysis of a
 * large trace shows a progress display.
 *
 * @example
 * ```ts
 * const t = await tracelab.open('../shared/traces/tracecompass/many-threads');
 * t.info()                                   // summary
 * t.events({ name: 'sched_switch', limit: 100 })
 * t.controlFlow()                            // threads by process, zoomable in JupyterLab
 * ```
 */
import { createHash } from 'node:crypto';
import type { Table } from 'apache-arrow';
import type { AnalysisKind } from '../../analysis/kernel';
import type { Experiment } from '../../analysis/trace/types';
import { callStacksQuery, flameChartView, flameGraphQuery } from '../views/call-stack-views';
import type { ICallStackQuery, IFlameChartQuery, IFlameGraphQuery } from '../views/call-stack-views';
import { controlFlowView, criticalPathView, resourcesView } from '../views/trace-views';
import type { IViewContext, IWindow } from '../views/trace-views';
import type { CriticalPathView, IViewOptions, TimeGraphView } from '../views/timegraph-view';
import type { ViewStore } from '../views/view-store';
import {
  segmentsTable,
  stateViewChart,
  stateViewGraph,
  StateViewRunner,
  stateViewTable
} from '../views/state-views';
import type {
  IStateViewChartQuery,
  IStateViewGraphQuery,
  IStateViewQuery,
  StateViewSource
} from '../views/state-views';
import {
  vmCriticalPathTable,
  vmCriticalPathView,
  vmFusedView,
  vmGuestThreadsView,
  vmResourcesView,
  vmTableQuery
} from '../views/vm-views';
import type { IVmPathQuery, IVmTableQuery, IVmViewQuery } from '../views/vm-views';
import type { ChartView } from './chart';
import type { IDisplay } from './display';
import { DISPLAY, type IDisplayable } from './mime-bundle';
import { createProgress } from './progress';
import { ExperimentInfo } from './trace-handle';
import {
  analysisQuery,
  criticalPathQuery,
  eventsQuery,
  ns,
  syncQuery,
  type IAnalysisQuery,
  type ICriticalPathQuery,
  type IEventsQuery,
  type TimeNs
} from './trace-queries';
import type { MimeBundle } from '../handler/types';

export type { ICallStackQuery, IFlameChartQuery, IFlameGraphQuery } from '../views/call-stack-views';
export type { IVmPathQuery, IVmTableQuery, IVmViewQuery } from '../views/vm-views';
export type {
  IStateViewChartQuery,
  IStateViewGraphQuery,
  IStateViewQuery,
  StateViewSource
} from '../views/state-views';

/** Where a Trace shows progress and registers its views (both optional: none in plain scripts). */
export interface ITraceContext {
  display?: IDisplay;
  store?: ViewStore;
  /** Bytes on disk; analyses of experiments larger than `PROGRESS_MIN_BYTES` show progress. */
  bytes?: number;
}

/** Experiments at least this large (bytes on disk) get a progress display while analysed. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

/** Options of `controlFlow()` / `resources()`: a time window and snapshot bounds. */
export interface IViewQuery extends IViewOptions {
  start?: TimeNs;
  end?: TimeNs;
}

/** A trace (or several, merged) opened from a cell. */
export class Trace implements IDisplayable {
  constructor(
    /** The underlying experiment (the raw trace API). */
    readonly experiment: Experiment,
    /** The paths it was opened from. */
    readonly paths: readonly string[],
    private readonly _ctx: ITraceContext = {}
  ) {
    this._stateViews = new StateViewRunner(experiment);
    this.experimentId = `exp-${createHash('sha1').update(paths.join('\n')).digest('hex').slice(0, 12)}`;
  }

  /** Views of this trace share this id (time range, selection, followed thread). */
  readonly experimentId: string;

  /** Traces, hosts, event classes and time range. */
  info(): ExperimentInfo {
    return new ExperimentInfo(this.experiment);
  }

  /**
   * Events as an Arrow table (ts, cpu, name, stream, host, class_id), filtered by name (`*` wildcards), time
   * window (inclusive ns) and row limit.
   * @example
   * ```ts
   * t.events({ name: 'sched_*', start: 1457113582800000000n, limit: 1000 })
   * ```
   */
  events(q: IEventsQuery = {}): Table {
    return eventsQuery(this.experiment, q);
  }

  /**
   * Thread states (host, tid, pid, name, start, end, state, syscall, cpu), one row per change.
   * @example
   * ```ts
   * t.threadStates({ tid: 4297 })
   * ```
   */
  threadStates(q: IAnalysisQuery = {}): Table {
    return this._analyze('thread-states', q);
  }

  /** CPU states (host, cpu, start, end, state, tid, irq). @example `t.cpuStates({ start, end })` */
  cpuStates(q: IAnalysisQuery = {}): Table {
    return this._analyze('cpu-states', q);
  }

  /** Completed system calls (host, tid, name, start, end, duration, ret). @example `t.syscalls({ tid: 42 })` */
  syscalls(q: IAnalysisQuery = {}): Table {
    return this._analyze('syscalls', q);
  }

  /** CPU time per (host, cpu, tid) over a window (ns column). @example `t.cpuUsage({ start, end })` */
  cpuUsage(q: IAnalysisQuery = {}): Table {
    return this._analyze('cpu-usage', q);
  }

  /** Thread lifetimes (host, tid, pid, ppid, name, start, end, exit, forked). @example `t.processes()` */
  processes(q: IAnalysisQuery = {}): Table {
    return this._analyze('processes', q);
  }

  /** Any kernel analysis table by kind (also sched-latency, busy-wait, irqs, handoffs). @example `t.analyze('irqs')` */
  analyze(kind: AnalysisKind, q: IAnalysisQuery = {}): Table {
    return this._analyze(kind, q);
  }

  /**
   * The critical path of a thread (seq, host, tid, name, start, end, state), across hosts when synchronised.
   * @example
   * ```ts
   * t.criticalPath({ tid: 4297, start: t.info().start, end: t.info().end })
   * ```
   */
  criticalPath(q: ICriticalPathQuery): Table {
    return this._withProgress('critical path', () => criticalPathQuery(this.experiment, q));
  }

  /** Clock synchronisation between the hosts (one row per host). @example `t.sync()` */
  sync(): Table {
    return syncQuery(this.experiment);
  }

  /**
   * Control flow view: threads grouped by process, thread-state intervals; zoomable in JupyterLab.
   * @example
   * ```ts
   * t.controlFlow()                                  // whole trace
   * t.controlFlow({ start: a, end: b, maxIntervals: 10_000 })
   * ```
   */
  controlFlow(q: IViewQuery = {}): TimeGraphView {
    return this._withProgress('control flow', () => controlFlowView(this._viewContext(), windowOf(q), q));
  }

  /** Resources view: CPUs with CPU-state intervals. @example `t.resources()` */
  resources(q: IViewQuery = {}): TimeGraphView {
    return this._withProgress('resources', () => resourcesView(this._viewContext(), windowOf(q), q));
  }

  /** Critical-path view of a thread. @example `t.criticalPathView({ tid: 4297 })` */
  criticalPathView(q: ICriticalPathQuery): CriticalPathView {
    if (!q || !Number.isInteger(q.tid)) throw new TypeError('criticalPathView: give { tid }');
    const query = { tid: q.tid, host: q.host, start: ns(q.start), end: ns(q.end) };
    return this._withProgress('critical path', () => criticalPathView(this._viewContext(), query));
  }

  /**
   * Function calls (host, pid, tid, thread, depth, start, end, address, symbol, start_known, end_known) from
   * cyg-profile, function_graph or trace-event entry / exit events; `symbols`: nm mapping or ELF file(s).
   * @example `t.callStacks({ tid: 16073, symbols: 'cyg-profile-mapping.txt' })`
   */
  callStacks(q: ICallStackQuery = {}): Table {
    return this._withProgress('call stacks', () => callStacksQuery(this.experiment, q));
  }

  /** Call tree over a range (id, parent, depth, symbol, path, total, self, calls). @example `t.flameGraph({ tid })` */
  flameGraph(q: IFlameGraphQuery = {}): Table {
    return this._withProgress('flame graph', () => flameGraphQuery(this.experiment, q));
  }

  /** Flame chart: per thread, one row per call depth. @example `t.flameChart({ tid: 16073, symbols: file })` */
  flameChart(q: IFlameChartQuery = {}): TimeGraphView {
    const store = this._ctx.store;
    return this._withProgress('flame chart', () =>
      flameChartView(this.experiment, this.experimentId, store, q)
    );
  }

  /**
   * Intervals (attribute, start, end, value, value_num) of a declarative state view — a spec object (e.g.
   * `mpiImbalanceSpec`) or a Trace Compass XML analysis file (`id` picks the analysis) — overlapping the window.
   * @example `t.stateView('my-analysis.xml', { id: 'my.analysis', start, end })`
   */
  stateView(spec: StateViewSource, q: IStateViewQuery = {}): Table {
    return this._withProgress('state view', () => stateViewTable(this._stateViews, spec, q));
  }

  /** Segments (name, start, end, fields) of a state view's patterns. @example `t.segments(spec)` */
  segments(spec: StateViewSource, q: IStateViewQuery = {}): Table {
    return this._withProgress('segments', () => segmentsTable(this._stateViews, spec, q));
  }

  /**
   * A state view as a time graph: rows of the spec's view section (or one per leaf attribute), one state per value.
   * @example `t.stateViewGraph(mpiImbalanceSpec)`
   */
  stateViewGraph(spec: StateViewSource, q: IStateViewGraphQuery = {}): TimeGraphView {
    const store = this._ctx.store;
    return this._withProgress('state view', () =>
      stateViewGraph(this._stateViews, this.experimentId, store, spec, q)
    );
  }

  /** A state view's XY view as a vega-lite line chart. @example `await t.stateViewChart(ustMemorySpec)` */
  stateViewChart(spec: StateViewSource, q: IStateViewChartQuery = {}): Promise<ChartView> {
    return this._withProgress('state view', () =>
      stateViewChart(this._stateViews, this.experimentId, spec, q)
    );
  }

  /**
   * VM analysis tables of a host + guests experiment, host time: `vcpu-states` (default), `guest-preemption`,
   * `fused-cpus`, `thread-overhead`, `vm-sync`, `guest-critical-path` (needs `tid`).
   * @example `t.vm({ table: 'guest-preemption', tid: 1200 })`
   */
  vm(q: IVmTableQuery = {}): Table {
    return this._withProgress('VM analysis', () => vmTableQuery(this.experiment, vmQuery(q)));
  }

  /** A guest thread's critical path with vCPU preemption (VCPU_PREEMPTED) and VMM as states. @example `t.vmCriticalPath({ tid: 1200, vm: 'guest1' })` */
  vmCriticalPath(q: IVmPathQuery): Table {
    return this._withProgress('VM critical path', () => vmCriticalPathTable(this.experiment, vmQuery(q)));
  }

  /** The guest critical path as a view. @example `t.vmCriticalPathView({ tid: 1200, start, end })` */
  vmCriticalPathView(q: IVmPathQuery): CriticalPathView {
    const store = this._ctx.store;
    const id = this.experimentId;
    return this._withProgress('VM critical path', () =>
      vmCriticalPathView(this.experiment, id, store, vmQuery(q))
    );
  }

  /** Virtual resources view: each VM's vCPUs (IDLE, RUNNING, VMM, PREEMPT with its cause). @example `t.vmResources()` */
  vmResources(q: IVmViewQuery = {}): TimeGraphView {
    return this._withProgress('VM analysis', () => vmResourcesView(this._viewContext(), vmQuery(q)));
  }

  /** Guest threads with the vCPU preemption overlay. @example `t.vmGuestThreads({ vm: 'guest1' })` */
  vmGuestThreads(q: IVmViewQuery = {}): TimeGraphView {
    return this._withProgress('VM analysis', () => vmGuestThreadsView(this._viewContext(), vmQuery(q)));
  }

  /** Fused physical CPUs: the host or guest thread that really ran. @example `t.vmFused()` */
  vmFused(q: IVmViewQuery = {}): TimeGraphView {
    return this._withProgress('VM analysis', () => vmFusedView(this._viewContext(), vmQuery(q)));
  }

  /** Releases file handles. */
  close(): void {
    this.experiment.close();
  }

  [DISPLAY](): MimeBundle {
    return this.info()[DISPLAY]();
  }

  private _analyze(kind: AnalysisKind, q: IAnalysisQuery): Table {
    return this._withProgress(kind, () => analysisQuery(this.experiment, kind, q));
  }

  private _viewContext(): IViewContext {
    return {
      experiment: this.experiment,
      experimentId: this.experimentId,
      store: this._ctx.store,
      analyze: (kind, w) => {
        const key = `${kind}:${w.start ?? ''}:${w.end ?? ''}`;
        let table = this._viewTables.get(key);
        if (!table) {
          table = analysisQuery(this.experiment, kind, w);
          this._viewTables.set(key, table);
          while (this._viewTables.size > 8) this._viewTables.delete(this._viewTables.keys().next().value!);
        }
        return table;
      }
    };
  }

  /** Declarative state-view results, by spec (the few most recent). */
  private readonly _stateViews: StateViewRunner;

  /** Analysis tables behind views, by kind and window (the few most recent). */
  private readonly _viewTables = new Map<string, Table>();

  /** Runs `fn` under a progress display the first time a large experiment is analysed. */
  private _withProgress<T>(what: string, fn: () => T): T {
    const display = this._ctx.display;
    if (!display || this._analysed || (this._ctx.bytes ?? 0) < PROGRESS_MIN_BYTES) return fn();
    const t0 = Date.now();
    const mb = ((this._ctx.bytes ?? 0) / 1048576).toFixed(1);
    const p = createProgress(display, `${what}: analysing ${mb} MB of trace`, { total: 1 });
    try {
      const r = fn();
      this._analysed = true;
      p.finish(`done in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
      return r;
    } catch (e) {
      p.finish('failed');
      throw e;
    }
  }

  private _analysed = false;
}

function windowOf(q: IViewQuery): IWindow {
  return { start: ns(q.start), end: ns(q.end) };
}

/** A VM query with its times as bigint ns. */
function vmQuery<Q extends { start?: TimeNs; end?: TimeNs }>(q: Q): Q & IWindow {
  return { ...q, start: ns(q.start), end: ns(q.end) };
}
