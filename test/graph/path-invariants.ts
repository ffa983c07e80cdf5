/**
 * Invariants every critical path must satisfy on real traces, and its agreement with the kernel model:
 * - rows cover the window exactly: first start = window start, each end = next start, last end = window end;
 * - one row at a time, each non-empty; the last row is on the followed thread;
 * - each row on a thread agrees with that thread's state in the kernel model's thread-states table (RUNNING ↔
 *   running states, PREEMPTED ↔ waiting for a CPU, the wait types ↔ WAIT_BLOCKED); returns the agreeing share of
 *   the compared time (UNKNOWN rows and kernel workers are not compared).
 */
import type { Table } from 'apache-arrow';
import { EDGE_NAMES } from '../../src/analysis/graph';
import type { CriticalPath } from '../../src/analysis/graph';

export function checkCoverage(p: CriticalPath): void {
  const n = p.segW.length;
  expect(n).toBeGreaterThan(0);
  expect(p.segStart[0]).toBe(p.start);
  expect(p.segEnd[n - 1]).toBe(p.end);
  for (let k = 0; k < n; k++) {
    expect(p.segEnd[k] > p.segStart[k]).toBe(true);
    if (k > 0) expect(p.segStart[k]).toBe(p.segEnd[k - 1]);
  }
  expect(p.segW[n - 1]).toBe(p.worker);
}

interface StateRow {
  tid: number;
  start: bigint;
  end: bigint;
  state: string;
}

const COMPATIBLE: Record<string, readonly string[]> = {
  RUNNING: ['RUN_USERMODE', 'RUN_SYSCALL', 'INTERRUPTED'],
  PREEMPTED: ['WAIT_FOR_CPU', 'WAIT_FORK', 'WAIT_UNKNOWN']
};

/** Index of the kernel model's thread-states rows by tid (one host). */
export function statesByTid(t: Table): Map<number, StateRow[]> {
  const m = new Map<number, StateRow[]>();
  for (const r of t.toArray()) {
    const row = r.toJSON() as unknown as StateRow;
    const l = m.get(row.tid) ?? [];
    l.push(row);
    m.set(row.tid, l);
  }
  for (const l of m.values()) l.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
  return m;
}

/** First row of `rows` (sorted by start, non-overlapping) ending after `t`. */
function firstEndingAfter(rows: StateRow[], t: bigint): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Share of the compared path time whose row agrees with the kernel model (1 = all). */
export function agreement(p: CriticalPath, states: Map<number, StateRow[]>, host?: number): number {
  const g = p.graph;
  let good = 0n;
  let all = 0n;
  for (let k = 0; k < p.segW.length; k++) {
    const w = p.segW[k];
    const tid = g.wTid.buf[w];
    const type = EDGE_NAMES[p.segType[k]];
    if (tid <= 0 || type === 'UNKNOWN' || (host !== undefined && g.wHost.buf[w] !== host)) continue;
    const ok = COMPATIBLE[type] ?? ['WAIT_BLOCKED'];
    const a = p.segStart[k];
    const b = p.segEnd[k];
    all += b - a;
    const rows = states.get(tid) ?? [];
    for (let i = firstEndingAfter(rows, a); i < rows.length && rows[i].start < b; i++) {
      const r = rows[i];
      const s = r.start > a ? r.start : a;
      const e = r.end < b ? r.end : b;
      if (e > s && ok.includes(r.state)) good += e - s;
    }
  }
  return all === 0n ? 1 : Number(good) / Number(all);
}
