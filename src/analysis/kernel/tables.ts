/**
 * Result tables of the kernel model (Arrow; times are int64 ns, intervals half-open [start, end)).
 *
 * - thread-states: host, tid, pid, name, start, end, state, syscall, cpu — one row per change of a thread's
 *   state, syscall, pid, name or CPU; pid null when unknown; syscall: the syscall the thread is in (also while
 *   blocked or waiting inside it), null outside one; cpu the CPU it runs on (null when not running). Threads
 *   appear at their first event; idle threads (tid 0) are not listed (see cpu-states). Intervals still open at
 *   the end of a host's events end 1 ns after its last event.
 * - cpu-states: host, cpu, start, end, state, tid, irq — state IDLE | RUN_USERMODE | RUN_SYSCALL | IRQ |
 *   SOFTIRQ | UNKNOWN, tid the current thread (null unknown, 0 idle), irq the IRQ/softirq number.
 * - irqs: host, cpu, kind (irq | softirq | softirq_raised), irq, name, start, end, tid (interrupted thread).
 * - processes: host, tid, pid, ppid, name, start, end, exit, forked — one row per thread lifetime; ppid is the
 *   parent thread (forking thread, or the statedump's ppid).
 * - syscalls: host, tid, name, start, end, duration, ret — completed calls only (entry and exit seen).
 * - sched-latency: host, tid, name, prio, start, end — from the first wake-up to the switch-in.
 * - handoffs: host, cpu, from_tid, to_tid, time — CPU hand-offs at sched_switch (when the previous thread is known).
 * Options select rows overlapping [start, end] (inclusive bounds), of one tid (cpu-states: current thread;
 * irqs: interrupted thread), of one host. thread-states and cpu-states are rebuilt from the stored model on
 * each call (`derive.ts`).
 */
import type { Table } from 'apache-arrow';
import { TableBuilder } from './arrow-build';
import { SYSCALL_ENTRY_SEEN, SYSCALL_EXIT_SEEN } from './columns';
import { cpuStateRows, threadStateRows } from './derive';
import type { RowFilter, Rows } from './derive';
import type { ReadColumn } from './columns';
import type { KernelModel } from './model';
import { cpuStateName, IRQ_KIND_NAMES, THREAD_STATE_NAMES } from './state-values';

export interface AnalyzeOptions {
  /** Inclusive time bounds (ns). */
  start?: bigint;
  end?: bigint;
  tid?: number;
  host?: string;
}

/** Row filter shared by the tables. */
export function hostFilter(model: KernelModel, opts: AnalyzeOptions): (host: number) => boolean {
  if (opts.host === undefined) return () => true;
  const keep = new Set(model.hosts.filter(h => h.name === opts.host).map(h => h.index));
  return h => keep.has(h);
}

interface RowSource {
  readonly length: number;
  readonly host: ReadColumn;
  readonly start?: ReadColumn;
  readonly end?: ReadColumn;
  readonly tid?: ReadColumn;
}

/** Option time bounds as model offsets (±Infinity when absent). */
export function relBounds(model: KernelModel, opts: AnalyzeOptions): [number, number] {
  return [
    opts.start === undefined ? -Infinity : model.clock.toRel(opts.start),
    opts.end === undefined ? Infinity : model.clock.toRel(opts.end)
  ];
}

export function selectRows(model: KernelModel, src: RowSource, opts: AnalyzeOptions): Int32Array {
  const keepHost = hostFilter(model, opts);
  const [lo, hi] = relBounds(model, opts);
  const rows: number[] = [];
  for (let r = 0; r < src.length; r++) {
    if (!keepHost(src.host.get(r))) continue;
    if (opts.tid !== undefined && src.tid !== undefined && src.tid.get(r) !== opts.tid) continue;
    if (src.start && src.end) {
      if (src.end.get(r) <= lo || src.start.get(r) > hi) continue;
    }
    rows.push(r);
  }
  return Int32Array.from(rows);
}

/** Model time offset → absolute int64 ns. */
export function absOf(model: KernelModel): (rel: number) => bigint {
  return rel => model.clock.abs(rel);
}

function hostNames(model: KernelModel): string[] {
  return model.hosts.map(h => h.name);
}

/** The row filter of `derive.ts` for these options. */
function rowFilter(model: KernelModel, opts: AnalyzeOptions): RowFilter {
  const [lo, hi] = relBounds(model, opts);
  return { keepHost: hostFilter(model, opts), tid: opts.tid, lo, hi };
}

/** Keeps derived rows overlapping the option range (derivation works per stored interval). */
function inRange(rows: Rows, lo: number, hi: number): Int32Array {
  const keep = new Int32Array(rows.length);
  let n = 0;
  for (let k = 0; k < rows.length; k++) if (rows.end[k] > lo && rows.start[k] <= hi) keep[n++] = k;
  return keep.subarray(0, n);
}

export function threadStatesTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const f = rowFilter(model, opts);
  const rows = threadStateRows(model, f);
  const [host, tid, pid, name, state, syscall, cpu] = rows.ints;
  const pool = model.out.pool.strings;
  return new TableBuilder(inRange(rows, f.lo, f.hi))
    .dict('host', k => host[k], hostNames(model))
    .int32('tid', k => tid[k])
    .int32(
      'pid',
      k => pid[k],
      v => v < 0
    )
    .dict(
      'name',
      k => name[k],
      pool,
      id => id === 0
    )
    .time('start', model.clock.base, k => rows.start[k])
    .time('end', model.clock.base, k => rows.end[k])
    .dict('state', k => state[k], THREAD_STATE_NAMES)
    .dict(
      'syscall',
      k => syscall[k],
      pool,
      id => id === 0
    )
    .int32(
      'cpu',
      k => cpu[k],
      v => v < 0
    )
    .build();
}

export function cpuStatesTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const f = rowFilter(model, opts);
  const rows = cpuStateRows(model, f);
  const [host, cpu, state, tid, irq] = rows.ints;
  const codes = [-1, 0, 2, 4, 8, 16];
  const code = new Map(codes.map((v, j) => [v, j]));
  return new TableBuilder(inRange(rows, f.lo, f.hi))
    .dict('host', k => host[k], hostNames(model))
    .int32('cpu', k => cpu[k])
    .time('start', model.clock.base, k => rows.start[k])
    .time('end', model.clock.base, k => rows.end[k])
    .dict('state', k => code.get(state[k]) ?? 0, codes.map(cpuStateName))
    .int32(
      'tid',
      k => tid[k],
      v => v < 0
    )
    .int32(
      'irq',
      k => irq[k],
      v => v < 0
    )
    .build();
}

export function irqsTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const s = model.out.irqs;
  return new TableBuilder(selectRows(model, s, opts))
    .dict('host', r => s.host.get(r), hostNames(model))
    .int32('cpu', r => s.cpu.get(r))
    .dict('kind', r => s.kind.get(r), IRQ_KIND_NAMES)
    .int32('irq', r => s.irq.get(r))
    .dict(
      'name',
      r => s.name.get(r),
      model.out.pool.strings,
      id => id === 0
    )
    .time('start', model.clock.base, r => s.start.get(r))
    .time('end', model.clock.base, r => s.end.get(r))
    .int32(
      'tid',
      r => s.tid.get(r),
      v => v < 0
    )
    .build();
}

/** Syscall spans whose entry and exit were both seen. */
export function completeSyscalls(model: KernelModel, opts: AnalyzeOptions): Int32Array {
  const s = model.out.syscalls;
  const both = SYSCALL_ENTRY_SEEN | SYSCALL_EXIT_SEEN;
  return selectRows(model, s, opts).filter(r => (s.flags.get(r) & both) === both);
}

export function syscallsTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const s = model.out.syscalls;
  return new TableBuilder(completeSyscalls(model, opts))
    .dict('host', r => s.host.get(r), hostNames(model))
    .int32('tid', r => s.tid.get(r))
    .dict('name', r => s.name.get(r), model.out.pool.strings)
    .time('start', model.clock.base, r => s.start.get(r))
    .time('end', model.clock.base, r => s.end.get(r))
    .int64('duration', r => BigInt(s.end.get(r) - s.start.get(r)))
    .int64(
      'ret',
      r => (Number.isNaN(s.ret.get(r)) ? 0n : BigInt(s.ret.get(r))),
      r => Number.isNaN(s.ret.get(r))
    )
    .build();
}

export function schedLatencyTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const s = model.out.latency;
  return new TableBuilder(selectRows(model, s, opts))
    .dict('host', r => s.host.get(r), hostNames(model))
    .int32('tid', r => s.tid.get(r))
    .dict(
      'name',
      r => s.name.get(r),
      model.out.pool.strings,
      id => id === 0
    )
    .int32('prio', r => s.prio.get(r))
    .time('start', model.clock.base, r => s.start.get(r))
    .time('end', model.clock.base, r => s.end.get(r))
    .build();
}

export function handoffsTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const s = model.out.handoffs;
  const [lo, hi] = relBounds(model, opts);
  const rows = selectRows(model, { length: s.length, host: s.host }, opts).filter(
    r => s.time.get(r) >= lo && s.time.get(r) <= hi
  );
  const tidOk = (r: number): boolean =>
    opts.tid === undefined || s.from.get(r) === opts.tid || s.to.get(r) === opts.tid;
  return new TableBuilder(rows.filter(tidOk))
    .dict('host', r => s.host.get(r), hostNames(model))
    .int32('cpu', r => s.cpu.get(r))
    .int32('from_tid', r => s.from.get(r))
    .int32('to_tid', r => s.to.get(r))
    .time('time', model.clock.base, r => s.time.get(r))
    .build();
}

export function processesTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const abs = absOf(model);
  const keepHost = hostFilter(model, opts);
  const [lo, hi] = relBounds(model, opts);
  const rows: { host: number; k: number }[] = [];
  for (const h of model.hosts) {
    if (!keepHost(h.index)) continue;
    h.processes.forEach((p, k) => {
      if (opts.tid !== undefined && p.tid !== opts.tid) return;
      if (p.end <= lo || p.start > hi) return;
      rows.push({ host: h.index, k });
    });
  }
  const p = (r: number) => model.hosts[rows[r].host].processes[rows[r].k];
  return new TableBuilder(rows.map((_, r) => r))
    .dict('host', r => rows[r].host, hostNames(model))
    .int32('tid', r => p(r).tid)
    .int32(
      'pid',
      r => p(r).pid,
      v => v < 0
    )
    .int32(
      'ppid',
      r => p(r).ppid,
      v => v < 0
    )
    .dict(
      'name',
      r => p(r).name,
      model.out.pool.strings,
      id => id === 0
    )
    .time('start', model.clock.base, r => p(r).start)
    .time('end', model.clock.base, r => p(r).end)
    .int64(
      'exit',
      r => abs(Math.max(0, p(r).exit)),
      r => p(r).exit < 0
    )
    .bool('forked', r => p(r).forked)
    .build();
}
