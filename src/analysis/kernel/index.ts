/**
 * The kernel model's public API: `analyze(kind, exp, opts)` returns one result table as Arrow; `kernelModel(exp)`
 * builds (once per experiment, cached) the model all tables derive from.
 *
 * Kinds: thread-states, cpu-states, processes, syscalls, cpu-usage, sched-latency, busy-wait, irqs, handoffs.
 * Columns are documented in `tables.ts`, `cpu-usage.ts` and `busy-wait.ts`.
 */
import type { Table } from 'apache-arrow';
import { busyWaitTable } from './busy-wait';
import type { BusyWaitOptions } from './busy-wait';
import { cpuUsageTable } from './cpu-usage';
import { buildKernelModel } from './model';
import type { KernelModel } from './model';
import {
  cpuStatesTable,
  handoffsTable,
  irqsTable,
  processesTable,
  schedLatencyTable,
  syscallsTable,
  threadStatesTable
} from './tables';
import type { AnalyzeOptions } from './tables';
import type { Experiment } from '../trace/types';

export type { AnalyzeOptions } from './tables';
export type { BusyWaitOptions } from './busy-wait';
export type { KernelModel } from './model';
export { buildKernelModel } from './model';
export { cpuUsage } from './cpu-usage';
export { busyWaitSegments } from './busy-wait';
export { ThreadState, THREAD_STATE_NAMES, CpuState } from './state-values';

export const ANALYSIS_KINDS = [
  'thread-states',
  'cpu-states',
  'processes',
  'syscalls',
  'cpu-usage',
  'sched-latency',
  'busy-wait',
  'irqs',
  'handoffs'
] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

const cache = new WeakMap<Experiment, KernelModel>();

/** The kernel model of `exp`, built on first use and kept for the experiment's lifetime. */
export function kernelModel(exp: Experiment): KernelModel {
  let m = cache.get(exp);
  if (m === undefined) {
    m = buildKernelModel(exp);
    cache.set(exp, m);
  }
  return m;
}

/** One analysis of the kernel traces of `exp` as an Arrow table. */
export function analyze(
  kind: AnalysisKind,
  exp: Experiment,
  opts: AnalyzeOptions & BusyWaitOptions = {}
): Table {
  const m = kernelModel(exp);
  switch (kind) {
    case 'thread-states':
      return threadStatesTable(m, opts);
    case 'cpu-states':
      return cpuStatesTable(m, opts);
    case 'processes':
      return processesTable(m, opts);
    case 'syscalls':
      return syscallsTable(m, opts);
    case 'cpu-usage':
      return cpuUsageTable(m, opts);
    case 'sched-latency':
      return schedLatencyTable(m, opts);
    case 'busy-wait':
      return busyWaitTable(m, opts);
    case 'irqs':
      return irqsTable(m, opts);
    case 'handoffs':
      return handoffsTable(m, opts);
  }
}
