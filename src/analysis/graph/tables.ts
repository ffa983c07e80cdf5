/**
 * Arrow tables of the execution graph and of critical paths (times are int64 ns, synchronised time).
 *
 * - critical-path: seq, host, tid, name, start, end, state — in time order, covering the window without gaps;
 *   kernel workers have tid = -1 - cpu and name `kernel/<cpu>`; time between hosts is a NETWORK row on the
 *   receiving side.
 * - critical-path-links: from_host, from_tid, from_ts, to_host, to_tid, to_ts, type (WAKEUP | NETWORK | FORK |
 *   SOFTIRQ | ANCHOR).
 * - critical-path-summary: by, host, tid, name, state, duration, fraction (see `summary.ts`).
 * - execution-graph: host, tid, name, start, end, type — one row per horizontal edge.
 * - execution-graph-links: like critical-path-links, for every vertical link of the graph.
 */
import type { Table } from 'apache-arrow';
import { TableBuilder } from '../kernel/arrow-build';
import { EDGE_NAMES, Edge, LINK_NAMES } from './edge-types';
import type { ExecutionGraph } from './graph-store';
import type { CriticalPath } from './path';
import { summarize } from './summary';

function workerColumns(
  tb: TableBuilder,
  g: ExecutionGraph,
  prefix: string,
  w: (r: number) => number
): TableBuilder {
  return tb
    .dict(`${prefix}host`, r => g.wHost.buf[w(r)], g.hosts)
    .int32(`${prefix}tid`, r => g.wTid.buf[w(r)]);
}

export function criticalPathTable(p: CriticalPath): Table {
  const g = p.graph;
  const rows = Int32Array.from(p.segW, (_, k) => k);
  const tb = new TableBuilder(rows).int32('seq', k => k);
  return workerColumns(tb, g, '', k => p.segW[k])
    .dict('name', k => p.segW[k], g.wName)
    .int64('start', k => p.segStart[k])
    .int64('end', k => p.segEnd[k])
    .dict('state', k => p.segType[k], EDGE_NAMES)
    .build();
}

export function criticalPathLinksTable(p: CriticalPath): Table {
  const g = p.graph;
  const rows = Int32Array.from(p.linkType, (_, k) => k);
  let tb = workerColumns(new TableBuilder(rows), g, 'from_', k => p.linkFromW[k]).int64(
    'from_ts',
    k => p.linkFromTs[k]
  );
  tb = workerColumns(tb, g, 'to_', k => p.linkToW[k]).int64('to_ts', k => p.linkToTs[k]);
  return tb.dict('type', k => p.linkType[k], LINK_NAMES).build();
}

export function criticalPathSummaryTable(p: CriticalPath): Table {
  const g = p.graph;
  const rows = summarize(p);
  const by = ['state', 'host', 'thread', 'thread-state'];
  return new TableBuilder(Int32Array.from(rows, (_, k) => k))
    .dict('by', k => by.indexOf(rows[k].by), by)
    .dict(
      'host',
      k => rows[k].host,
      g.hosts,
      id => id < 0
    )
    .int32(
      'tid',
      k => (rows[k].worker < 0 ? 0 : g.wTid.buf[rows[k].worker]),
      v => v === 0
    )
    .dict(
      'name',
      k => rows[k].worker,
      g.wName,
      id => id < 0
    )
    .dict(
      'state',
      k => rows[k].state,
      EDGE_NAMES,
      id => id < 0
    )
    .int64('duration', k => rows[k].duration)
    .float64('fraction', k => rows[k].fraction)
    .build();
}

export function executionGraphTable(g: ExecutionGraph): Table {
  const edges: number[] = [];
  for (let v = 0; v < g.vertexCount; v++) if (g.next.buf[v] >= 0 && g.out.buf[v] !== Edge.NONE) edges.push(v);
  edges.sort(
    (a, b) =>
      g.worker.buf[a] - g.worker.buf[b] ||
      (g.ts.buf[a] < g.ts.buf[b] ? -1 : g.ts.buf[a] > g.ts.buf[b] ? 1 : 0)
  );
  const rows = Int32Array.from(edges);
  return workerColumns(new TableBuilder(rows), g, '', v => g.worker.buf[v])
    .dict('name', v => g.worker.buf[v], g.wName)
    .int64('start', v => g.ts.buf[v])
    .int64('end', v => g.ts.buf[g.next.buf[v]])
    .dict('type', v => g.out.buf[v], EDGE_NAMES)
    .build();
}

export function executionGraphLinksTable(g: ExecutionGraph): Table {
  const targets: number[] = [];
  for (let v = 0; v < g.vertexCount; v++) if (g.inV.buf[v] >= 0) targets.push(v);
  targets.sort((a, b) => (g.ts.buf[a] < g.ts.buf[b] ? -1 : g.ts.buf[a] > g.ts.buf[b] ? 1 : 0));
  const rows = Int32Array.from(targets);
  const src = (t: number): number => g.inV.buf[t];
  let tb = workerColumns(new TableBuilder(rows), g, 'from_', t => g.worker.buf[src(t)]).int64(
    'from_ts',
    t => g.ts.buf[src(t)]
  );
  tb = workerColumns(tb, g, 'to_', t => g.worker.buf[t]).int64('to_ts', t => g.ts.buf[t]);
  return tb.dict('type', t => g.inVType.buf[t], LINK_NAMES).build();
}
