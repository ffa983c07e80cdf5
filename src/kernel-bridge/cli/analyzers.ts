/**
 * The analyses `tracelab analyze <kind>` can run, each turning an experiment and the command's options into one
 * Arrow table. Kernel model kinds come from `src/analysis/kernel`, critical path, packets and sync from
 * `src/analysis/graph` and `src/analysis/sync`. A new analysis adds one entry here.
 *
 * Scope: the registry of analyses and their option needs; formatting is `table-output.ts`.
 */
import type { Table } from 'apache-arrow';
import { analyze, ANALYSIS_KINDS } from '../../analysis/kernel';
import type { AnalysisKind } from '../../analysis/kernel';
import {
  criticalPath,
  criticalPathLinksTable,
  criticalPathSummaryTable,
  criticalPathTable,
  executionGraph,
  executionGraphTable
} from '../../analysis/graph';
import { matchPackets, packetsTable, synchronize, syncTable } from '../../analysis/sync';
import type { Experiment } from '../../analysis/trace/types';
import { VM_ANALYZERS } from './analyzers-vm';
import { CALLSTACK_ANALYZERS } from './analyze-callstacks';
import { STATE_VIEW_ANALYZERS } from './analyze-state-view';
import { UsageError } from './context';

/** Options common to every analysis (already parsed). */
export interface AnalyzeArgs {
  start?: bigint;
  end?: bigint;
  tid?: number;
  host?: string;
}

export interface Analyzer {
  readonly name: string;
  readonly summary: string;
  /** The analysis needs `--tid`. */
  readonly needsTid?: boolean;
  run(exp: Experiment, args: AnalyzeArgs): Table;
}

const KERNEL_SUMMARIES: Record<AnalysisKind, string> = {
  'thread-states': 'thread state intervals: host, tid, pid, name, start, end, state, syscall',
  'cpu-states': 'CPU state intervals with the current thread',
  processes: 'processes and threads: the process tree with names over time',
  syscalls: 'syscall latency segments: host, tid, name, start, end, duration, ret',
  'cpu-usage': 'CPU time per CPU and thread over the range: host, cpu, tid, name, ns',
  'sched-latency': 'wake-up to switch-in latency segments: host, tid, name, prio, start, end',
  'busy-wait': 'threads runnable most of a span without blocking syscalls',
  irqs: 'IRQ and softirq intervals',
  handoffs: 'CPU hand-offs between threads (sched_switch arrows)'
};

function pathOf(exp: Experiment, a: AnalyzeArgs) {
  return criticalPath(exp, { tid: a.tid!, host: a.host, start: a.start, end: a.end });
}

export const ANALYZERS: readonly Analyzer[] = [
  ...ANALYSIS_KINDS.map((kind): Analyzer => ({
    name: kind,
    summary: KERNEL_SUMMARIES[kind],
    run: (exp, a) => analyze(kind, exp, a)
  })),
  {
    name: 'critical-path',
    summary: 'the active path of a thread: seq, host, tid, name, start, end, state',
    needsTid: true,
    run: (exp, a) => criticalPathTable(pathOf(exp, a))
  },
  {
    name: 'critical-path-links',
    summary: 'the links of the path: from host/tid/ts to host/tid/ts, type',
    needsTid: true,
    run: (exp, a) => criticalPathLinksTable(pathOf(exp, a))
  },
  {
    name: 'critical-path-summary',
    summary: 'where the path spent its time: per state, thread and host',
    needsTid: true,
    run: (exp, a) => criticalPathSummaryTable(pathOf(exp, a))
  },
  {
    name: 'execution-graph',
    summary: 'the execution graph edges: host, tid, name, start, end, type',
    run: exp => executionGraphTable(executionGraph(exp).graph)
  },
  {
    name: 'packets',
    summary: 'matched network packets: send host/ts, receive host/ts, seq, ack, flags',
    run: exp => packetsTable(matchPackets(exp))
  },
  {
    name: 'sync',
    summary: 'clock synchronisation per host: host, reference, slope, offset, quality, accuracy, matches',
    run: exp => syncTable(synchronize(exp))
  },
  ...CALLSTACK_ANALYZERS,
  ...STATE_VIEW_ANALYZERS,
  ...VM_ANALYZERS
];

export function findAnalyzer(name: string): Analyzer {
  const a = ANALYZERS.find(x => x.name === name);
  if (!a) {
    throw new UsageError(`unknown analysis '${name}' (one of: ${ANALYZERS.map(x => x.name).join(', ')})`);
  }
  return a;
}
