/**
 * The `tracelab` object cells see (also `require('tracelab')` / `import * as tracelab from 'tracelab'`):
 * the one public entry point of the notebook API.
 *
 * @example
 * ```ts
 * const t = await tracelab.open('../shared/traces/tracecompass/many-threads');
 * t.info()                       // traces, hosts, event classes, time range
 * tracelab.display.html('<b>hi</b>');
 * const p = tracelab.progress('work', 100); p.update(50); p.finish();
 * t.controlFlow()                // a zoomable view of threads
 * await tracelab.chart({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } })
 * ```
 */
import { resolve } from 'node:path';
import { mpiImbalanceSpec, runStateView } from '../../analysis/stateview';
import { customTimeGraphView, type ITimeGraphSpec } from '../views/custom-view';
import { mpiKernelView, ustKernelShiftNs } from '../views/mpi-view';
import type { IViewOptions, TimeGraphView } from '../views/timegraph-view';
import type { IDisplay } from './display';
import { documented } from './doc';
import { experimentOpener } from './experiment-opener';
import { viewStore } from '../views/view-store';
import { makeChart, type ChartView, type IChartOptions } from './chart';
import { createMpiBuiltins, type IMpiBuiltins } from './mpi-builtins';
import { createProgress, type IProgress } from './progress';
import { PROGRESS_MIN_BYTES, Trace, type IViewQuery } from './trace';
import { ns, type TimeNs } from './trace-queries';
import { pathBytes } from './trace-size';

/** The notebook API. */
export interface ITracelab {
  /** Opens one trace or several (merged into one experiment). Relative paths are from the kernel's cwd. */
  open(paths: string | string[]): Promise<Trace>;
  /** Same as the global `display`. */
  display: IDisplay;
  /** A vega-lite chart (inline data) as a tracelab chart view with an SVG fallback. */
  chart(spec: unknown, options?: IChartOptions): Promise<ChartView>;
  /** Shows a progress display in the cell. */
  progress(label: string, total?: number): IProgress;
  /**
   * A time graph of the cell's own intervals (an Arrow table or columns: row, start, end, state), displayed
   * like `t.controlFlow()`: a bounded snapshot whatever the size, zoomable over the comm.
   */
  timeGraph(spec: ITimeGraphSpec, options?: IViewOptions): TimeGraphView;
  /**
   * The MPI ranks' compute / wait (LTTng-UST `mpi_demo` events) over the kernel thread states of the same ranks,
   * on the kernel's time axis (window `start`/`end` in kernel ns; `offsetNs` = UST ns − kernel ns, default from
   * the CTF clock offsets).
   */
  mpiKernelView(ust: Trace | string, kernel: Trace | string, q?: IMpiKernelQuery): Promise<TimeGraphView>;
  /** The built-in MPI compute / wait state view: its spec, phases per rank, wait shares, clock shift. */
  readonly mpi: IMpiBuiltins;
  /** tracelab's version. */
  readonly version: string;
}

/** Options of `tracelab.mpiKernelView()`. */
export interface IMpiKernelQuery extends IViewQuery {
  offsetNs?: TimeNs;
}

/** Builds the tracelab object around a display function. */
export function createTracelab(display: IDisplay, version: string): ITracelab {
  const open = documented(
    async (paths: string | string[]): Promise<Trace> => {
      const list = (Array.isArray(paths) ? paths : [paths]).map(p => resolve(String(p)));
      if (list.length === 0) throw new Error('tracelab.open: no path given');
      const bytes = pathBytes(list);
      const p =
        bytes >= PROGRESS_MIN_BYTES ? createProgress(display, `opening ${list.length} path(s)`) : undefined;
      const t0 = Date.now();
      try {
        const experiment = await experimentOpener()(list);
        p?.finish(`opened in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
        return new Trace(experiment, list, { display, store: viewStore, bytes });
      } catch (e) {
        p?.finish('failed');
        throw e;
      }
    },
    'tracelab.open(path: string | string[]): Promise<Trace>\n\n' +
      'Opens a trace directory or file (CTF, perf CTF, Trace Compass XML), or several merged into one\n' +
      'experiment. Returns a Trace: t.info(), t.events({name, start, end, limit}), t.threadStates(),\n' +
      't.cpuStates(), t.syscalls(), t.cpuUsage(), t.criticalPath({tid}), t.sync(); views t.controlFlow(),\n' +
      't.resources(), t.criticalPathView({tid}); host + guests (KVM): t.vm({table}), t.vmResources(),\n' +
      't.vmGuestThreads({vm}), t.vmFused(), t.vmCriticalPath({tid}), t.vmCriticalPathView({tid}).\n\n' +
      "Example: const t = await tracelab.open('traces/many-threads'); t.info()"
  );
  const progress = documented(
    (label: string, total?: number): IProgress => createProgress(display, label, { total }),
    'tracelab.progress(label: string, total?: number): { update(done, total?), finish(message?) }\n\n' +
      'Shows a progress bar in the cell, updated in place (throttled to 5 updates a second).'
  );
  const chart = documented(
    (spec: unknown, options?: IChartOptions): Promise<ChartView> => makeChart(spec, options),
    'tracelab.chart(vegaLiteSpec, { title?, time? }): Promise<ChartView>\n\n' +
      'Shows a vega-lite chart (inline data only) with a static SVG fallback.\n\n' +
      "Example: await tracelab.chart({ data: { values }, mark: 'bar', encoding: { ... } })"
  );
  const timeGraph = documented(
    (spec: ITimeGraphSpec, options: IViewOptions = {}): TimeGraphView =>
      customTimeGraphView(spec, viewStore, options),
    'tracelab.timeGraph({ title?, rows?, states?, intervals, range?, experimentId? }, { width?, maxIntervals? })\n\n' +
      'A zoomable time graph of your own intervals. intervals: an Arrow table or { row, start, end, state }\n' +
      'columns (row / state as indices into rows / states or as ids; start / end in ns, bigint or number).\n' +
      "rows: ids or { id, label?, parentId?, kind? }; states: ids or { id, label?, color: '#rrggbb' }.\n\n" +
      "Example: tracelab.timeGraph({ states: ['idle', 'busy'], intervals: { row: ['a', 'b'],\n" +
      "  start: [0n, 5n], end: [10n, 20n], state: ['busy', 'idle'] } })"
  );
  const mpiKernel = documented(
    async (ust: Trace | string, kernel: Trace | string, q: IMpiKernelQuery = {}): Promise<TimeGraphView> => {
      const opened: Trace[] = [];
      const use = async (t: Trace | string): Promise<Trace> => {
        if (t instanceof Trace) return t;
        const o = await open(t);
        opened.push(o);
        return o;
      };
      try {
        const u = await use(ust);
        const k = await use(kernel);
        const shiftNs = ns(q.offsetNs) ?? ustKernelShiftNs(u.paths[0], k.paths[0]);
        const input = {
          ust: runStateView(u.experiment, mpiImbalanceSpec),
          shiftNs,
          threadStates: (tid: number, start: bigint, end: bigint) => k.threadStates({ tid, start, end }),
          start: ns(q.start),
          end: ns(q.end)
        };
        return mpiKernelView(input, k.experimentId, viewStore, q);
      } finally {
        for (const o of opened) o.close();
      }
    },
    'tracelab.mpiKernelView(ust: Trace | path, kernel: Trace | path, { start?, end?, offsetNs? }): ' +
      'Promise<TimeGraphView>\n\n' +
      "Per MPI rank, its compute / wait row (LTTng-UST mpi_demo events) and under it the rank's kernel\n" +
      "thread(s) with thread states and syscalls, on the kernel trace's time axis.\n\n" +
      "Example: await tracelab.mpiKernelView('recorded/mpi-imbalance/ust', 'recorded/mpi-imbalance/ctf')"
  );
  return {
    open,
    display,
    progress,
    chart,
    timeGraph,
    mpiKernelView: mpiKernel,
    mpi: createMpiBuiltins(),
    version
  };
}
