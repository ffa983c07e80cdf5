/**
 * Synthetic time-graph payloads for the render benchmark: built directly as payload columns (the shape a
 * parsed notebook output has), deterministic (a small LCG), at 2^60 ns so the exact-time paths are exercised.
 */
import type { ITimeGraphPayload, ITimeGraphRow } from '../../src/protocol/timegraph';

const LEGEND = [
  { id: 'RUN_USERMODE', label: 'Running', color: '#2e7d32', active: true },
  { id: 'RUN_SYSCALL', label: 'System call', color: '#1565c0', active: true },
  { id: 'INTERRUPTED', label: 'Interrupted', color: '#c62828', active: true },
  { id: 'WAIT_BLOCKED', label: 'Blocked', color: '#bdbdbd' },
  { id: 'WAIT_FOR_CPU', label: 'Wait for CPU', color: '#ef6c00' }
];

/** Absolute start of the synthetic traces. */
export const BASE = 2n ** 60n;

/**
 * `threads` thread rows under processes of `perProcess` threads, `perThread` intervals each, over `rangeNs`.
 * Interval lengths vary (a few ns to a few ms) so every zoom level has sub-pixel and wide intervals.
 */
export function makePayload(
  threads: number,
  perProcess: number,
  perThread: number,
  rangeNs: number
): ITimeGraphPayload {
  let seed = 12345;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const rows: ITimeGraphRow[] = [];
  const threadRows: number[] = [];
  for (let t = 0; t < threads; t++) {
    if (t % perProcess === 0) {
      rows.push({ id: `p${t}`, label: `process-${t}`, parent: -1, kind: 'process', pid: 1000 + t });
    }
    const parent = rows.length - 1 - (t % perProcess);
    threadRows.push(rows.length);
    rows.push({
      id: `t${t}`,
      label: `worker-${t}`,
      parent,
      kind: 'thread',
      tid: 1000 + t,
      pid: 1000 + t - (t % perProcess)
    });
  }
  const n = threads * perThread;
  const row = new Array<number>(n);
  const start = new Array<number>(n);
  const end = new Array<number>(n);
  const state = new Array<number>(n);
  let k = 0;
  const mean = rangeNs / perThread;
  for (const r of threadRows) {
    let t = Math.floor(rnd() * mean);
    for (let i = 0; i < perThread; i++) {
      const len = Math.max(1, Math.floor(mean * 1.6 * rnd() ** 3));
      const s = Math.min(t, rangeNs);
      const e = Math.min(s + len, rangeNs);
      row[k] = r;
      start[k] = s;
      end[k] = e;
      state[k] = Math.floor(rnd() * LEGEND.length);
      k++;
      t = e + Math.floor(mean * 0.4 * rnd());
    }
  }
  return {
    version: 1,
    experimentId: `bench-${threads}x${perThread}`,
    title: `${threads} threads x ${perThread} intervals`,
    range: { start: BASE.toString(), end: (BASE + BigInt(rangeNs)).toString() },
    resolution: '0',
    rows,
    legend: LEGEND,
    intervals: { row, start, end, state }
  };
}
