/**
 * Busy-wait detection: spans where a thread keeps polling without ever blocking — a run of non-blocking polling
 * syscalls (poll, ppoll, select, pselect6, epoll_wait/epoll_pwait/epoll_pwait2 that returned without the thread
 * blocking, i.e. a zero timeout or an immediate return; sched_yield) separated by at most `maxGapNs`, with no
 * WAIT_BLOCKED / WAIT_UNKNOWN state of the thread inside. Such a thread is runnable nearly 100% of the span.
 *
 * Table busy-wait: host, tid, name, start, end, duration, polls, runnable (fraction of the span in a running or
 * WAIT_FOR_CPU state), on_cpu (fraction running).
 */
import type { Table } from 'apache-arrow';
import { TableBuilder } from './arrow-build';
import type { KernelModel } from './model';
import { isRunning, ThreadState } from './state-values';
import type { AnalyzeOptions } from './tables';
import { completeSyscalls } from './tables';
import { SYSCALL_BLOCKED } from './columns';

export interface BusyWaitOptions {
  /** Largest gap between two polls of one span (default 20 ms). */
  maxGapNs?: bigint;
  /** Fewest polls in a span (default 3). */
  minPolls?: number;
  /** Shortest span (default 10 ms). */
  minDurationNs?: bigint;
}

/** A span; `start`/`end` are absolute ns. */
export interface BusyWaitSegment {
  host: number;
  tid: number;
  name: number;
  start: bigint;
  end: bigint;
  polls: number;
  runnable: number;
  onCpu: number;
}

const POLLING = new Set([
  'poll',
  'ppoll',
  'select',
  '_newselect',
  'pselect6',
  'epoll_wait',
  'epoll_pwait',
  'epoll_pwait2',
  'sched_yield'
]);

/** The last name of a thread (its latest lifetime). */
function lastName(model: KernelModel, host: number, tid: number): number {
  const procs = model.hosts[host].processes;
  for (let k = procs.length - 1; k >= 0; k--) {
    if (procs[k].tid === tid && procs[k].name !== 0) return procs[k].name;
  }
  return 0;
}

/** Thread-state rows per `host:tid`, in time order. */
function stateRowsByThread(model: KernelModel): Map<string, number[]> {
  const s = model.out.threads;
  const by = new Map<string, number[]>();
  for (let r = 0; r < s.length; r++) {
    const key = `${s.host.get(r)}:${s.tid.get(r)}`;
    const list = by.get(key) ?? [];
    list.push(r);
    by.set(key, list);
  }
  return by;
}

/** Fractions of [start, end) spent runnable and running, or undefined if the thread waited (blocked) inside. */
function measure(
  model: KernelModel,
  rows: readonly number[],
  start: number,
  end: number
): [number, number] | undefined {
  const s = model.out.threads;
  let runnable = 0;
  let running = 0;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.end.get(rows[mid]) <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < rows.length && s.start.get(rows[k]) < end; k++) {
    const r = rows[k];
    const a = s.start.get(r) > start ? s.start.get(r) : start;
    const b = s.end.get(r) < end ? s.end.get(r) : end;
    if (b <= a) continue;
    const st = s.state.get(r);
    if (st === ThreadState.WAIT_BLOCKED || st === ThreadState.WAIT_UNKNOWN) return undefined;
    if (isRunning(st)) running += b - a;
    if (isRunning(st) || st === ThreadState.WAIT_FOR_CPU) runnable += b - a;
  }
  const d = end - start;
  return d > 0 ? [runnable / d, running / d] : [1, 1];
}

/** Busy-wait spans of every thread (options: see `BusyWaitOptions`; `tid`/`host`/range select threads and spans). */
export function busyWaitSegments(
  model: KernelModel,
  opts: AnalyzeOptions & BusyWaitOptions = {}
): BusyWaitSegment[] {
  const maxGap = Number(opts.maxGapNs ?? 20_000_000n);
  const minPolls = opts.minPolls ?? 3;
  const minDur = Number(opts.minDurationNs ?? 10_000_000n);
  const sc = model.out.syscalls;
  const pool = model.out.pool;
  const byThread = new Map<string, number[]>();
  for (const r of completeSyscalls(model, opts)) {
    if ((sc.flags.get(r) & SYSCALL_BLOCKED) !== 0 || !POLLING.has(pool.get(sc.name.get(r)))) continue;
    const key = `${sc.host.get(r)}:${sc.tid.get(r)}`;
    const list = byThread.get(key) ?? [];
    list.push(r);
    byThread.set(key, list);
  }
  const states = stateRowsByThread(model);
  const out: BusyWaitSegment[] = [];
  for (const [key, calls] of byThread) {
    const rows = states.get(key) ?? [];
    let first = 0;
    const flush = (last: number): void => {
      const start = sc.start.get(calls[first]);
      const end = sc.end.get(calls[last]);
      if (last - first + 1 < minPolls || end - start < minDur) return;
      const m = measure(model, rows, start, end);
      const host = sc.host.get(calls[first]);
      const tid = sc.tid.get(calls[first]);
      const name = lastName(model, host, tid);
      if (m === undefined) return;
      const [a, b] = [model.clock.abs(start), model.clock.abs(end)];
      out.push({ host, tid, name, start: a, end: b, polls: last - first + 1, runnable: m[0], onCpu: m[1] });
    };
    for (let k = 1; k <= calls.length; k++) {
      const split =
        k === calls.length ||
        sc.start.get(calls[k]) - sc.end.get(calls[k - 1]) > maxGap ||
        measure(model, rows, sc.end.get(calls[k - 1]), sc.start.get(calls[k])) === undefined;
      if (split) {
        flush(k - 1);
        first = k;
      }
    }
  }
  return out.sort(
    (a, b) => a.host - b.host || (a.start < b.start ? -1 : a.start > b.start ? 1 : a.tid - b.tid)
  );
}

export function busyWaitTable(model: KernelModel, opts: AnalyzeOptions & BusyWaitOptions = {}): Table {
  const segs = busyWaitSegments(model, opts);
  return new TableBuilder(segs.map((_, k) => k))
    .dict(
      'host',
      k => segs[k].host,
      model.hosts.map(h => h.name)
    )
    .int32('tid', k => segs[k].tid)
    .dict(
      'name',
      k => segs[k].name,
      model.out.pool.strings,
      id => id === 0
    )
    .int64('start', k => segs[k].start)
    .int64('end', k => segs[k].end)
    .int64('duration', k => segs[k].end - segs[k].start)
    .int32('polls', k => segs[k].polls)
    .float64('runnable', k => segs[k].runnable)
    .float64('on_cpu', k => segs[k].onCpu)
    .build();
}
