/**
 * `tracelab.mpiKernelView()` on `recorded/mpi-imbalance` (issue 9): per rank the MPI compute / wait row from the
 * LTTng-UST events, shifted into kernel time, over the rank's kernel thread row. Known answers: the UST events as
 * babeltrace2 prints them (exact ns from origin) minus the UST clock offset 1795660384365511483 ns (realtime −
 * monotonic; perf's clock has offset 0), and the ranks' tids from `ranks.tsv` (27382, 27383). The faster rank 1
 * busy-polls during its barrier waits (Open MPI's poll loop), so its thread is running (user mode or a syscall)
 * for nearly all of each wait; rank 0 runs while it computes.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { createCellApi } from '../../src/kernel-bridge/api';
import type { IDisplayPublisher, Trace } from '../../src/kernel-bridge/api';
import { DISPLAY } from '../../src/kernel-bridge/api/mime-bundle';
import type { TimeGraphView } from '../../src/kernel-bridge/views';
import { TIMEGRAPH_MIME_TYPE, validateTimeGraphPayload } from '../../src/protocol';
import type { ITimeGraphPayload } from '../../src/protocol';

const DIR = path.join(process.cwd(), '..', 'shared', 'traces', 'recorded', 'mpi-imbalance');
const UST = path.join(DIR, 'ust');
const CTF = path.join(DIR, 'ctf');
const UST_OFFSET = 1795660384365511483n;
const TIDS = [27382, 27383];

const quiet: IDisplayPublisher = { display: () => undefined, clear: () => undefined };
const api = createCellApi(quiet, 'test');

interface Phase {
  rank: number;
  phase: 'compute' | 'wait';
  start: bigint;
  end: bigint;
}

/** Compute / wait phases per rank from babeltrace2's UST output, in kernel (monotonic) ns. */
function expectedPhases(): Phase[] {
  const text = execFileSync('babeltrace2', ['--clock-seconds', UST], { encoding: 'utf8' });
  const re = /^\[(\d+)\.(\d{9})\] .* mpi_demo:(\w+)_(begin|end): .*\{ rank = (\d+), iteration = (\d+) \}$/;
  const open = new Map<string, bigint>();
  const out: Phase[] = [];
  for (const line of text.trim().split('\n')) {
    const m = re.exec(line);
    if (!m) throw new Error(`unexpected line: ${line}`);
    const t = BigInt(m[1]) * 1000000000n + BigInt(m[2]) - UST_OFFSET;
    const key = `${m[3]}:${m[5]}`;
    if (m[4] === 'begin') open.set(key, t);
    else {
      const phase = m[3] === 'compute' ? 'compute' : 'wait';
      out.push({ rank: Number(m[5]), phase, start: open.get(key)!, end: t });
    }
  }
  return out.sort((a, b) => a.rank - b.rank || (a.start < b.start ? -1 : 1));
}

interface Iv {
  row: string;
  state: string;
  label: string | undefined;
  start: bigint;
  end: bigint;
}

/** Every payload interval with absolute times, its row id and legend id. */
function intervals(p: ITimeGraphPayload): Iv[] {
  const base = BigInt(p.range.start);
  const iv = p.intervals;
  return iv.row.map((r, i) => {
    const l = iv.label?.[i] ?? -1;
    return {
      row: p.rows[r].id,
      state: p.legend[iv.state[i]].id,
      label: l >= 0 ? p.strings?.[l] : undefined,
      start: base + BigInt(iv.start[i]),
      end: base + BigInt(iv.end[i])
    };
  });
}

/** Time of [a, b) covered by `ivs` (non-overlapping). */
function covered(ivs: readonly Iv[], a: bigint, b: bigint): bigint {
  let sum = 0n;
  for (const x of ivs) {
    const lo = x.start > a ? x.start : a;
    const hi = x.end < b ? x.end : b;
    if (hi > lo) sum += hi - lo;
  }
  return sum;
}

const RUNNING = new Set(['RUN_USERMODE', 'RUN_SYSCALL']);
const phases = expectedPhases();
let kernel: Trace;
let exact: TimeGraphView;
let p: ITimeGraphPayload;
let all: Iv[];
let threadRow: string[];

beforeAll(async () => {
  kernel = await api.tracelab.open(CTF);
  // Exact snapshot (no merging): every interval at full resolution.
  exact = await api.tracelab.mpiKernelView(UST, kernel, { width: Infinity, maxIntervals: 10_000_000 });
  p = exact.payload;
  all = intervals(p);
  threadRow = TIDS.map(tid => p.rows.find(r => r.tid === tid)!.id);
}, 60_000);

afterAll(() => kernel?.close());

describe('tracelab.mpiKernelView on recorded/mpi-imbalance', () => {
  it('is a valid time-graph payload on the kernel time axis, exact', () => {
    const v = validateTimeGraphPayload(p);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(p.resolution).toBe('0');
    expect(p.experimentId).toBe(kernel.experimentId);
    // The default window is the UST trace's span in kernel time.
    expect(BigInt(p.range.start)).toBe(1795662814781049116n - UST_OFFSET);
    expect(BigInt(p.range.end)).toBe(1795662815541623955n - UST_OFFSET);
  });

  it('has one group per rank with its MPI row, then its kernel thread row', () => {
    const rows = p.rows.map(r => [r.id, r.label, r.kind, r.parent < 0 ? null : p.rows[r.parent].id]);
    expect(rows).toEqual([
      ['mpi:rank:0', 'rank 0', 'group', null],
      ['mpi:rank:0:status', 'MPI', 'other', 'mpi:rank:0'],
      [threadRow[0], expect.stringContaining('[27382]'), 'thread', 'mpi:rank:0'],
      ['mpi:rank:1', 'rank 1', 'group', null],
      ['mpi:rank:1:status', 'MPI', 'other', 'mpi:rank:1'],
      [threadRow[1], expect.stringContaining('[27383]'), 'thread', 'mpi:rank:1']
    ]);
    expect(threadRow).toEqual([expect.stringMatching(/^t:.*:27382$/), expect.stringMatching(/^t:.*:27383$/)]);
  });

  it('the MPI rows are the UST phases, shifted by the clock offset, exactly', () => {
    expect(phases).toHaveLength(40);
    const got = all
      .filter(x => x.row.endsWith(':status'))
      .map(x => ({
        rank: Number(x.row.split(':')[2]),
        phase: x.state === 'MPI_COMPUTE' ? 'compute' : x.state === 'MPI_WAIT' ? 'wait' : x.state,
        start: x.start,
        end: x.end
      }));
    expect(got).toEqual(phases);
  });

  it('the kernel rows are the thread-states rows of each rank thread, exactly', () => {
    const start = BigInt(p.range.start);
    const end = BigInt(p.range.end);
    TIDS.forEach((tid, k) => {
      const t = kernel.threadStates({ tid, start, end }).toArray();
      const got = all.filter(x => x.row === threadRow[k]);
      expect(got.length).toBeGreaterThan(100);
      expect(got.map(x => [x.start, x.end, x.state, x.label ?? null])).toEqual(
        t.map(r => [r.start < start ? start : r.start, r.end > end ? end : r.end, r.state, r.syscall ?? null])
      );
    });
  });

  it("rank 1's waits are busy polling: its thread runs (user / syscall, poll among them) >= 80% of each wait", () => {
    const thread = all.filter(x => x.row === threadRow[1] && RUNNING.has(x.state));
    const waits = phases.filter(x => x.rank === 1 && x.phase === 'wait');
    expect(waits).toHaveLength(10);
    for (const w of waits) {
      const share = Number(covered(thread, w.start, w.end)) / Number(w.end - w.start);
      expect(share).toBeGreaterThanOrEqual(0.8);
      const inside = thread.filter(x => x.start >= w.start && x.end <= w.end && x.state === 'RUN_SYSCALL');
      expect(inside.some(x => x.label === 'poll')).toBe(true);
    }
  });

  it("rank 0's compute intervals line up with its thread running", () => {
    const thread = all.filter(x => x.row === threadRow[0] && RUNNING.has(x.state));
    const computes = phases.filter(x => x.rank === 0 && x.phase === 'compute');
    expect(computes).toHaveLength(10);
    for (const c of computes) {
      expect(Number(covered(thread, c.start, c.end)) / Number(c.end - c.start)).toBeGreaterThan(0.9);
    }
  });

  it('displays as the time-graph MIME type with SVG and text fallbacks (default snapshot bounds)', async () => {
    const view = await api.tracelab.mpiKernelView(UST, CTF);
    const bundle = view[DISPLAY]() as unknown as Record<string, unknown>;
    expect(Object.keys(bundle).sort()).toEqual([TIMEGRAPH_MIME_TYPE, 'image/svg+xml', 'text/plain'].sort());
    expect(validateTimeGraphPayload(bundle[TIMEGRAPH_MIME_TYPE]).ok).toBe(true);
    expect(String(bundle['image/svg+xml'])).toMatch(/^<svg/);
    expect(String(bundle['text/plain'])).toContain('6 rows');
    expect(view.intervalCount).toBe(exact.intervalCount);
  }, 60_000);

  it('a window and an explicit offset move the view', async () => {
    const w = phases.find(x => x.rank === 1 && x.phase === 'wait')!;
    const view = await api.tracelab.mpiKernelView(UST, kernel, {
      start: w.start,
      end: w.end,
      offsetNs: UST_OFFSET + 1000n,
      width: Infinity
    });
    // kernel time = UST time − offset: 1 µs earlier, the start clipped to the window
    const ivs = intervals(view.payload).filter(x => x.row === 'mpi:rank:1:status');
    expect(ivs.map(x => [x.state, x.start, x.end])).toEqual([['MPI_WAIT', w.start, w.end - 1000n]]);
    expect([view.payload.range.start, view.payload.range.end]).toEqual([String(w.start), String(w.end)]);
  });
});
