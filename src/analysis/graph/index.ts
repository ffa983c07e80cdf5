/**
 * The execution graph and the critical path: the public API of `src/analysis/graph/`.
 *
 * `executionGraph(exp, opts)` builds (once per experiment, cached) the graph of every kernel trace, in
 * synchronised time when the experiment has several hosts; `criticalPath(graphOrExp, {tid, host, start, end})`
 * extracts the path of one thread over a window; `summarize(path)` says where its time went. Table builders give
 * each result as Arrow (`tables.ts` documents the columns).
 */
import type { Matches } from '../sync/packet-log';
import type { PacketLog } from '../sync/packet-log';
import { synchronize } from '../sync/synchronize';
import type { SyncResult } from '../sync/synchronize';
import type { Experiment } from '../trace/types';
import { buildGraph } from './build-graph';
import type { ExecutionGraph } from './graph-store';
import { criticalPathOfWorker } from './path';
import type { CriticalPath } from './path';

export interface GraphOptions {
  /** Map every host into the reference host's time with `synchronize(exp)` (default true; single host: no-op). */
  sync?: boolean;
}

export interface ExecGraph {
  readonly graph: ExecutionGraph;
  /** Network events read while building (local times), with their vertices, and their matches. */
  readonly packets: PacketLog;
  readonly matches: Matches;
  /** The synchronisation applied (undefined when disabled). */
  readonly sync: SyncResult | undefined;
  /** Events read. */
  readonly events: number;
}

export interface PathQuery {
  tid: number;
  /** Host name; needed only when several hosts have this tid. */
  host?: string;
  /** Window, synchronised ns (defaults: the thread's first and last vertex). */
  start?: bigint;
  end?: bigint;
}

const cache = new WeakMap<Experiment, ExecGraph>();

/** The execution graph of `exp` (cached for the default options). */
export function executionGraph(exp: Experiment, opts: GraphOptions = {}): ExecGraph {
  const useSync = opts.sync !== false;
  if (useSync) {
    const hit = cache.get(exp);
    if (hit) return hit;
  }
  const sync = useSync && new Set(exp.traces.map(t => t.hostname)).size > 1 ? synchronize(exp) : undefined;
  const s = buildGraph(exp, sync);
  const r: ExecGraph = {
    graph: s.g,
    packets: s.log,
    matches: s.matches as Matches,
    sync,
    events: s.events
  };
  if (useSync) cache.set(exp, r);
  return r;
}

function isExecGraph(x: ExecGraph | Experiment): x is ExecGraph {
  return 'graph' in x && 'packets' in x;
}

/** The worker of a thread, by tid and (when ambiguous) host. */
export function findWorker(g: ExecutionGraph, tid: number, host?: string): number {
  let ws = g.workersOfTid(tid);
  if (host !== undefined) ws = ws.filter(w => g.hosts[g.wHost.buf[w]] === host);
  if (ws.length === 0) {
    throw new Error(`thread ${tid}${host === undefined ? '' : ` on host ${host}`} is not in the graph`);
  }
  if (ws.length > 1) {
    throw new Error(
      `thread ${tid} exists on several hosts (${ws.map(w => g.hosts[g.wHost.buf[w]]).join(', ')}): give a host`
    );
  }
  return ws[0];
}

/** The critical path of thread `q.tid` over [q.start, q.end]. */
export function criticalPath(graphOrExp: ExecGraph | Experiment, q: PathQuery): CriticalPath {
  const eg = isExecGraph(graphOrExp) ? graphOrExp : executionGraph(graphOrExp);
  const g = eg.graph;
  const w = findWorker(g, q.tid, q.host);
  const head = g.head.buf[w];
  const tail = g.tail.buf[w];
  const start = q.start ?? g.ts.buf[head];
  let end = q.end ?? g.ts.buf[tail];
  if (end < start) end = start;
  return criticalPathOfWorker(g, w, start, end);
}

export { ExecutionGraph } from './graph-store';
export type { CriticalPath } from './path';
export { criticalPathOfWorker } from './path';
export { summarize } from './summary';
export type { SummaryRow } from './summary';
export { Edge, EDGE_NAMES, Link, LINK_NAMES, Status } from './edge-types';
export {
  criticalPathTable,
  criticalPathLinksTable,
  criticalPathSummaryTable,
  executionGraphTable,
  executionGraphLinksTable
} from './tables';
