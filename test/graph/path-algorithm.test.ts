/**
 * The critical-path algorithm on hand-built graphs (no trace): each case states the chains, the links and the
 * path expected from the rules (bounded backward resolution, glue, window clipping).
 */
import { Edge, ExecutionGraph, Link, criticalPathOfWorker } from '../../src/analysis/graph';
import type { EdgeValue } from '../../src/analysis/graph/edge-types';
import { pathLinks, pathRows } from './graph-helpers';

type Step = [number, EdgeValue?];

/** Builds a graph from chains: tid → [[ts, edge from the previous vertex], ...]. Returns the graph and a vertex finder. */
function build(chains: Record<number, Step[]>) {
  const g = new ExecutionGraph();
  const h = g.hostIndex('h');
  const ws = new Map<number, number>();
  for (const [tid, steps] of Object.entries(chains)) {
    const w = g.thread(h, Number(tid));
    ws.set(Number(tid), w);
    for (const [ts, e] of steps) g.append(w, BigInt(ts), e ?? Edge.NONE);
  }
  /** The k-th vertex of `tid` at `ts` (k for same-time vertices). */
  const at = (tid: number, ts: number, k = 0): number => {
    const w = ws.get(tid) as number;
    let n = 0;
    for (let v = g.head.buf[w]; v >= 0; v = g.next.buf[v]) {
      if (g.ts.buf[v] === BigInt(ts) && n++ === k) return v;
    }
    throw new Error(`no vertex ${tid}@${ts}`);
  };
  const path = (tid: number, start: number, end: number) => {
    g.finish();
    return criticalPathOfWorker(g, ws.get(tid) as number, BigInt(start), BigInt(end));
  };
  return { g, at, path };
}

const { RUNNING: R, BLOCKED: B, PREEMPTED: P, TIMER: T, NETWORK: N } = Edge;

test('self wake-up by a timer: TIMER is not followed', () => {
  const { path } = build({ 1: [[0], [10, R], [30, T], [40, R]] });
  expect(pathRows(path(1, 0, 40))).toEqual(['1 0-10 RUNNING', '1 10-30 TIMER', '1 30-40 RUNNING']);
});

test('a missing or unknown waker: the BLOCKED edge stays on the thread', () => {
  const { path } = build({ 1: [[0], [10, R], [30, B], [40, R]], 2: [[0], [50, R]] });
  const p = path(1, 0, 40);
  expect(pathRows(p)).toEqual(['1 0-10 RUNNING', '1 10-30 BLOCKED', '1 30-40 RUNNING']);
  expect(pathLinks(p)).toEqual([]);
});

test('a simple wake-up: the waker runs while the thread is blocked', () => {
  const { g, at, path } = build({ 1: [[0], [10, R], [30, B], [40, R]], 2: [[0], [30, R], [50, R]] });
  g.link(at(2, 30), at(1, 30), Link.WAKEUP);
  const p = path(1, 0, 40);
  expect(pathRows(p)).toEqual(['1 0-10 RUNNING', '2 10-30 RUNNING', '1 30-40 RUNNING']);
  expect(pathLinks(p)).toEqual(['1@10->2@10 ANCHOR', '2@30->1@30 WAKEUP']);
});

test('nested wake-ups: 1 waits for 2, which waits for 3', () => {
  const { g, at, path } = build({
    1: [[0], [10, R], [50, B], [60, R]],
    2: [[0], [20, R], [40, B], [50, R], [60, R]],
    3: [[0], [40, R], [70, R]]
  });
  g.link(at(3, 40), at(2, 40), Link.WAKEUP);
  g.link(at(2, 50), at(1, 50), Link.WAKEUP);
  const p = path(1, 0, 60);
  expect(pathRows(p)).toEqual([
    '1 0-10 RUNNING',
    '2 10-20 RUNNING',
    '3 20-40 RUNNING',
    '2 40-50 RUNNING',
    '1 50-60 RUNNING'
  ]);
  expect(pathLinks(p)).toEqual([
    '1@10->2@10 ANCHOR',
    '2@20->3@20 ANCHOR',
    '3@40->2@40 WAKEUP',
    '2@50->1@50 WAKEUP'
  ]);
});

test('interleaved wake-ups: the waker blocked before the thread did, bounded by the thread’s block', () => {
  // 2 blocks at 5 (before 1 blocks at 10), is woken by 3 at 30, then wakes 1 at 50
  const { g, at, path } = build({
    1: [[0], [10, R], [50, B], [60, R]],
    2: [[0], [5, R], [30, B], [50, P], [60, R]],
    3: [[0], [30, R], [70, R]]
  });
  g.link(at(3, 30), at(2, 30), Link.WAKEUP);
  g.link(at(2, 50), at(1, 50), Link.WAKEUP);
  expect(pathRows(path(1, 0, 60))).toEqual([
    '1 0-10 RUNNING',
    '3 10-30 RUNNING',
    '2 30-50 PREEMPTED',
    '1 50-60 RUNNING'
  ]);
});

test('mutual wake-ups (ping-pong): the path alternates and each link starts where the other blocked', () => {
  const { g, at, path } = build({
    1: [[0], [10, R], [20, B], [30, R], [40, B], [50, R]],
    2: [[0], [10, B], [20, R], [30, B], [40, R], [50, B]]
  });
  g.link(at(1, 10), at(2, 10), Link.WAKEUP);
  g.link(at(2, 20), at(1, 20), Link.WAKEUP);
  g.link(at(1, 30), at(2, 30), Link.WAKEUP);
  g.link(at(2, 40), at(1, 40), Link.WAKEUP);
  const p = path(1, 0, 50);
  expect(pathRows(p)).toEqual([
    '1 0-10 RUNNING',
    '2 10-20 RUNNING',
    '1 20-30 RUNNING',
    '2 30-40 RUNNING',
    '1 40-50 RUNNING'
  ]);
  expect(pathLinks(p)).toEqual([
    '1@10->2@10 WAKEUP',
    '2@20->1@20 WAKEUP',
    '1@30->2@30 WAKEUP',
    '2@40->1@40 WAKEUP'
  ]);
});

test('a wake-up from before the window: the waker is clipped at the window start', () => {
  const { g, at, path } = build({ 1: [[0], [30, B], [40, R]], 2: [[5], [30, R], [50, R]] });
  g.link(at(2, 30), at(1, 30), Link.WAKEUP);
  expect(pathRows(path(1, 20, 40))).toEqual(['2 20-30 RUNNING', '1 30-40 RUNNING']);
});

test('a waker chain that starts before the bound keeps its first link when the blocked thread caused it', () => {
  // 1 sends at 10 (vertex 10), keeps running to 12, blocks; 2 was woken by 1's packet at 11 and replies at 30
  const { g, at, path } = build({ 1: [[0], [10, R], [12, R], [30, N], [40, R]], 2: [[0], [11, N], [30, R]] });
  g.link(at(1, 10), at(2, 11), Link.NETWORK);
  g.link(at(2, 30), at(1, 30), Link.NETWORK);
  const p = path(1, 0, 40);
  expect(pathRows(p)).toEqual(['1 0-12 RUNNING', '2 12-30 RUNNING', '1 30-40 RUNNING']);
  expect(pathLinks(p)).toEqual(['1@12->2@12 NETWORK', '2@30->1@30 NETWORK']);
});

test('time between hosts on a link is a NETWORK row on the receiver', () => {
  const { g, at, path } = build({ 1: [[0], [10, R], [50, N], [60, R]], 2: [[0], [20, N], [35, R], [70, R]] });
  g.link(at(1, 10), at(2, 20), Link.NETWORK);
  g.link(at(2, 35), at(1, 50), Link.NETWORK);
  expect(pathRows(path(1, 0, 60))).toEqual([
    '1 0-10 RUNNING',
    '2 10-20 NETWORK',
    '2 20-35 RUNNING',
    '1 35-50 NETWORK',
    '1 50-60 RUNNING'
  ]);
});

test('a forked child: its first vertex leads back to the parent (alternative branch)', () => {
  // 1 waits (BLOCKED 10-40) for child 3, forked by 2 at 15; 3 wakes 1 at 40
  const { g, at, path } = build({
    1: [[0], [10, R], [40, B], [50, R]],
    2: [[0], [15, R], [60, R]],
    3: [[15], [20, P], [40, R]]
  });
  g.link(at(2, 15), at(3, 15), Link.FORK);
  g.link(at(3, 40), at(1, 40), Link.WAKEUP);
  expect(pathRows(path(1, 0, 50))).toEqual([
    '1 0-10 RUNNING',
    '2 10-15 RUNNING',
    '3 15-20 PREEMPTED',
    '3 20-40 RUNNING',
    '1 40-50 RUNNING'
  ]);
});

test('zero-length edges are walked (Trace Compass defect 1): the link on a same-time vertex is found', () => {
  const { g, at, path } = build({ 1: [[0], [10, R], [30, B], [30, R], [40, R]], 2: [[0], [30, R]] });
  g.link(at(2, 30), at(1, 30, 1), Link.WAKEUP);
  expect(pathRows(path(1, 0, 40))).toEqual(['1 0-10 RUNNING', '2 10-30 RUNNING', '1 30-40 RUNNING']);
});

test('a cycle of same-time links terminates', () => {
  const { g, at, path } = build({ 1: [[0], [10, R], [20, B], [30, R]], 2: [[20], [20, R]] });
  g.link(at(2, 20, 1), at(1, 20), Link.WAKEUP);
  g.link(at(1, 20), at(2, 20, 0), Link.WAKEUP);
  const rows = pathRows(path(1, 0, 30));
  expect(rows[0]).toBe('1 0-10 RUNNING');
  expect(rows[rows.length - 1]).toBe('1 20-30 RUNNING');
});

test('the window outside the thread’s life is UNKNOWN on the thread; the path ends in it', () => {
  const { path } = build({ 1: [[10], [20, R]] });
  expect(pathRows(path(1, 0, 30))).toEqual(['1 0-10 UNKNOWN', '1 10-20 RUNNING', '1 20-30 UNKNOWN']);
});
