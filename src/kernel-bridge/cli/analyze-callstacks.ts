/**
 * The call-stack kinds of `tracelab analyze`: `callstacks` (one row per function call: host, pid, tid, thread,
 * depth, start, end, address, symbol, start_known, end_known) and `flame-graph` (the call tree over the range:
 * id, parent, depth, symbol, path, total, self, calls), from LTTng-UST cyg-profile, ftrace function_graph and
 * trace-event B/E/X events (see `src/analysis/callstack`).
 *
 * Symbols: LTTng-UST statedumps of the trace locate binaries on disk; `args.symbols` (nm mappings or ELF files for
 * absolute addresses, e.g. `--symbols cyg-profile-mapping.txt`) is used when the command passes it.
 */
import type { Table } from 'apache-arrow';
import { callStacks, callStackTable, flameGraph } from '../../analysis/callstack';
import type { CallStackOptions } from '../../analysis/callstack';
import type { Experiment } from '../../analysis/trace/types';
import type { AnalyzeArgs, Analyzer } from './analyzers';

/** Options the call-stack kinds read beyond the common ones (when the command provides them). */
interface SymbolArgs {
  symbols?: string | string[];
  targetPrefix?: string;
  debugDir?: string | string[];
}

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

function options(a: AnalyzeArgs & SymbolArgs): CallStackOptions {
  const debugDirs = list(a.debugDir);
  return {
    tid: a.tid,
    start: a.start,
    end: a.end,
    symbols: {
      symbolFiles: list(a.symbols),
      targetPrefix: a.targetPrefix,
      ...(debugDirs !== undefined ? { debugDirs } : {})
    }
  };
}

function stacksTable(exp: Experiment, a: AnalyzeArgs): Table {
  const cs = callStacks(exp, options(a));
  return callStackTable(cs, { tid: a.tid, start: a.start, end: a.end });
}

function flameTable(exp: Experiment, a: AnalyzeArgs): Table {
  return flameGraph(callStacks(exp, options(a)), { start: a.start, end: a.end, tid: a.tid }).table();
}

export const CALLSTACK_ANALYZERS: readonly Analyzer[] = [
  {
    name: 'callstacks',
    summary: 'function calls per thread: host, tid, thread, depth, start, end, address, symbol',
    run: stacksTable
  },
  {
    name: 'flame-graph',
    summary: 'call tree over the range: symbol path, total and self time, calls',
    run: flameTable
  }
];
