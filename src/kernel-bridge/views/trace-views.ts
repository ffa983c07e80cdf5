/**
 * The views of an experiment, from analysis to displayable: control flow (threads by process, thread states),
 * resources (CPUs, CPU states) and the critical path of a thread. Each registers its full-resolution data in the
 * view store (for zooming over the comm) and embeds a bounded snapshot.
 *
 * Scope: composition of the analysis calls and the view builders; no cell API knowledge.
 */
import type { Table } from 'apache-arrow';
import { criticalPath } from '../../analysis/graph';
import type { Experiment } from '../../analysis/trace/types';
import { TRACELAB_COMM_TARGET } from '../../protocol';
import { controlFlowFromColumns } from './control-flow';
import { experimentThreadStateColumns } from './control-flow-model';
import { criticalPathData } from './critical-path';
import { CPU_LEGEND, THREAD_LEGEND } from './legends';
import { resourcesData } from './resources';
import { CriticalPathView, TimeGraphView } from './timegraph-view';
import type { IViewOptions } from './timegraph-view';
import type { ViewStore } from './view-store';

/** Where views of one experiment come from. */
export interface IViewContext {
  experiment: Experiment;
  experimentId: string;
  store: ViewStore | undefined;
  /** Runs a kernel analysis (the caller may add progress and caching). */
  analyze(kind: 'thread-states' | 'cpu-states' | 'processes', window: IWindow): Table;
}

/** A time window (absolute ns). */
export interface IWindow {
  start?: bigint;
  end?: bigint;
}

function rangeOf(ctx: IViewContext, w: IWindow): { start: bigint; end: bigint } {
  const r = ctx.experiment.timeRange();
  if (!r && (w.start === undefined || w.end === undefined)) throw new Error('the experiment has no events');
  return { start: w.start ?? r!.start, end: w.end ?? r!.end };
}

/** The control-flow view over `w` (default: the whole experiment). */
export function controlFlowView(
  ctx: IViewContext,
  w: IWindow = {},
  options: IViewOptions = {}
): TimeGraphView {
  // Straight from the kernel model's typed rows: same data as the `thread-states` table, without building it.
  const data = controlFlowFromColumns(experimentThreadStateColumns(ctx.experiment, w));
  const input = {
    experimentId: ctx.experimentId,
    title: 'Control flow',
    range: rangeOf(ctx, w),
    legend: THREAD_LEGEND,
    data
  };
  return new TimeGraphView(input, ctx.store, options);
}

/** The resources view over `w`. */
export function resourcesView(ctx: IViewContext, w: IWindow = {}, options: IViewOptions = {}): TimeGraphView {
  const data = resourcesData(ctx.analyze('cpu-states', w), ctx.analyze('processes', {}));
  const input = {
    experimentId: ctx.experimentId,
    title: 'Resources',
    range: rangeOf(ctx, w),
    legend: CPU_LEGEND,
    data
  };
  return new TimeGraphView(input, ctx.store, options);
}

/** The critical-path view of thread `q.tid`. */
export function criticalPathView(
  ctx: IViewContext,
  q: { tid: number; host?: string; start?: bigint; end?: bigint }
): CriticalPathView {
  const path = criticalPath(ctx.experiment, q);
  const first = criticalPathData(path, ctx.experimentId);
  if (!ctx.store) return new CriticalPathView(first.payload);
  const handle = ctx.store.register(first.source);
  return new CriticalPathView({ ...first.payload, comm: { target: TRACELAB_COMM_TARGET, handle } }, handle);
}
