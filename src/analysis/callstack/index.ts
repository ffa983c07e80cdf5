/**
 * Function call stacks (per-thread frames from entry / exit events, with symbols) and flame graphs (call trees
 * aggregated over a range): the public API of `src/analysis/callstack/`.
 *
 * - `callStacks(exp, opts)` → `CallStacks` (frames as columns, `stackAt`, `list`);
 * - `callStackTable(stacks, opts)` → Arrow table (host, pid, tid, thread, depth, start, end, address, symbol,
 *   start_known, end_known);
 * - `flameGraph(stacks, opts)` → `FlameGraph` (`nodes`, `table()`, `folded()`).
 */
import type { Table } from 'apache-arrow';
import type { Experiment } from '../trace/types';
import { callStacks } from './call-stacks';
import type { CallStackOptions } from './call-stacks';
import { flameGraph } from './flame-graph';
import type { FlameGraphOptions } from './flame-graph';
import { callStackTable } from './tables';

export { callStacks, CallStacks } from './call-stacks';
export type { CallStackOptions } from './call-stacks';
export type { Frame, ThreadInfo } from './frames';
export { callStackTable, threadLabel } from './tables';
export type { FrameTableOptions } from './tables';
export { flameGraph, FlameGraph } from './flame-graph';
export type { FlameGraphOptions, FlameNode } from './flame-graph';
export { classRole, classRoles } from './roles';
export type { ClassRole } from './roles';

/** Call stacks of `exp` as an Arrow table in one call. */
export function callStacksTable(exp: Experiment, opts: CallStackOptions = {}): Table {
  return callStackTable(callStacks(exp, opts), { tid: opts.tid, start: opts.start, end: opts.end });
}

/** The flame graph (call tree) table of `exp` over a range in one call. */
export function flameGraphTable(exp: Experiment, opts: CallStackOptions & FlameGraphOptions = {}): Table {
  return flameGraph(callStacks(exp, opts), opts).table();
}
