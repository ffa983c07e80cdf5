/**
 * Growable typed columns for model outputs, so that memory grows with the number of state changes (one row per
 * interval or segment) and never with the number of events; strings are interned once in a pool. Times are ns
 * offsets from the model's base time (`KernelModel.clock`), read as numbers (exact up to 2^53).
 *
 * Each store writes a whole row in one `push`; columns are chunked (appending never copies, and no large buffer is
 * ever allocated at once); readers use `store.start.get(r)` for r < `store.length`. Bytes per row and allocations
 * are what the model's output costs (fresh memory is slow to get and to touch), so: the chunks of all columns of a
 * store for the same rows share one buffer (one allocation per 16384 rows); integer columns start as narrow as
 * their values allow (int8 / int16) and widen themselves when a value does not fit; `ret` keeps int32 values
 * inline and the rare others (addresses, unknown) aside; times are int32 offsets from a base per 64 rows and
 * interval ends uint32 durations from the start, the rare values out of range aside (exact in every case).
 */
import { EndColumn, I32Column, RowStore, TimeColumn, WideIntColumn } from './chunked-columns';
import type { ChunkedColumn, IntBits } from './chunked-columns';

export { EndColumn, I32Column, TimeColumn, WideIntColumn } from './chunked-columns';
export type { ReadColumn } from './chunked-columns';

const i32 = (bits: IntBits = 32): I32Column => new I32Column(bits);
const times = (): TimeColumn => new TimeColumn();

/** Interned strings: id 0 is always the empty string. */
export class StringPool {
  private readonly ids = new Map<string, number>([['', 0]]);
  readonly strings: string[] = [''];
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.strings.length;
      this.ids.set(s, k);
      this.strings.push(s);
    }
    return k;
  }
  get(id: number): string {
    return this.strings[id];
  }
}

/**
 * Scheduling intervals of threads [start, end): one row per change of scheduling state (the running states —
 * user, syscall, interrupted — are one value, `RUN`) or CPU. Syscalls, interrupts, names and pids are kept apart
 * and merged in when a table is built (`derive.ts`).
 */
export class ThreadIntervals extends RowStore {
  host = i32(0);
  tid = i32(16);
  start = times();
  end = new EndColumn(this.start);
  state = i32(8);
  /** CPU the thread runs on (-1 when not running). */
  cpu = i32(8);
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.tid, this.start, this.end, this.state, this.cpu];
  }
  push(host: number, tid: number, start: number, end: number, state: number, cpu: number): void {
    const r = this.next();
    const row = this.length - 1;
    this.start.put(row, r, start);
    this.end.put(row, r, start, end);
    this.host.put(r, host);
    this.tid.put(r, tid);
    this.state.put(r, state);
    this.cpu.put(r, cpu);
  }
}

/** A thread's pid and name from `time` on (rows in time order per thread; the last row at a time wins). */
export class AttrRows extends RowStore {
  host = i32(0);
  tid = i32(16);
  time = times();
  pid = i32(16);
  name = i32(16);
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.tid, this.time, this.pid, this.name];
  }
  push(host: number, tid: number, time: number, pid: number, name: number): void {
    const r = this.next();
    this.time.put(this.length - 1, r, time);
    this.host.put(r, host);
    this.tid.put(r, tid);
    this.pid.put(r, pid);
    this.name.put(r, name);
  }
}

/** The current thread of each CPU over time (-1 unknown, 0 idle). */
export class CpuIntervals extends RowStore {
  host = i32(0);
  cpu = i32(8);
  start = times();
  end = new EndColumn(this.start);
  tid = i32(16);
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.cpu, this.start, this.end, this.tid];
  }
  push(host: number, cpu: number, start: number, end: number, tid: number): void {
    const r = this.next();
    const row = this.length - 1;
    this.start.put(row, r, start);
    this.end.put(row, r, start, end);
    this.host.put(r, host);
    this.cpu.put(r, cpu);
    this.tid.put(r, tid);
  }
}

/** IRQ, softirq and softirq-raised intervals; `tid` is the interrupted thread (-1 unknown, 0 idle). */
export class IrqIntervals extends RowStore {
  host = i32(0);
  cpu = i32(8);
  kind = i32(8);
  irq = i32(16);
  name = i32(16);
  start = times();
  end = new EndColumn(this.start);
  tid = i32(16);
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.cpu, this.kind, this.irq, this.name, this.start, this.end, this.tid];
  }
  push(
    host: number,
    cpu: number,
    kind: number,
    irq: number,
    name: number,
    start: number,
    end: number,
    tid: number
  ): void {
    const r = this.next();
    const row = this.length - 1;
    this.start.put(row, r, start);
    this.end.put(row, r, start, end);
    this.host.put(r, host);
    this.cpu.put(r, cpu);
    this.kind.put(r, kind);
    this.irq.put(r, irq);
    this.name.put(r, name);
    this.tid.put(r, tid);
  }
}

/** `SyscallRows.flags` bits. */
export const SYSCALL_ENTRY_SEEN = 1;
export const SYSCALL_EXIT_SEEN = 2;
export const SYSCALL_BLOCKED = 4;

/**
 * System-call spans of threads: from the entry (or from when the model learned the thread was inside one, e.g. a
 * fork child inside its parent's clone) to the exit (or the thread's end / the trace's end). `ret` is NaN without
 * an exit value; `flags` say which ends were seen and whether the thread blocked inside.
 */
export class SyscallRows extends RowStore {
  host = i32(0);
  tid = i32(16);
  name = i32(16);
  start = times();
  end = new EndColumn(this.start);
  ret = new WideIntColumn();
  flags = i32(8);
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.tid, this.name, this.start, this.end, this.ret, this.flags];
  }
  /**
   * The next row's start, end and return value, for `pushNext`: the model's busiest path (a syscall exit) sets
   * them instead of passing them to a call that is not inlined, which would allocate each of these doubles.
   */
  nextStart = 0;
  nextEnd = 0;
  nextRet = 0;

  push(
    host: number,
    tid: number,
    name: number,
    start: number,
    end: number,
    ret: number,
    flags: number
  ): void {
    this.nextStart = start;
    this.nextEnd = end;
    this.nextRet = ret;
    this.pushNext(host, tid, name, flags);
  }

  /**
   * Writes `nextStart`, `nextEnd` and `nextRet` at row `row`, `k` in the current chunk. A function of its own,
   * called with integers only: inlined where the syscall exit's budget is spent, the column writes it makes are
   * not, and each double passed to them was allocated (72 MB per read of the large perf trace).
   */
  private putStaged(row: number, k: number): void {
    const start = this.nextStart;
    this.start.put(row, k, start);
    this.end.put(row, k, start, this.nextEnd);
    this.ret.put(row, k, this.nextRet);
  }

  /** Adds a row whose start, end and return value are `nextStart`, `nextEnd` and `nextRet`. */
  pushNext(host: number, tid: number, name: number, flags: number): void {
    const r = this.next();
    this.putStaged(this.length - 1, r);
    this.host.put(r, host);
    this.tid.put(r, tid);
    this.name.put(r, name);
    this.flags.put(r, flags);
  }
}

/** Wake-up to switch-in segments. */
export class LatencyRows extends RowStore {
  host = i32(0);
  tid = i32(16);
  name = i32(16);
  prio = i32(16);
  start = times();
  end = new EndColumn(this.start);
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.tid, this.name, this.prio, this.start, this.end];
  }
  push(host: number, tid: number, name: number, prio: number, start: number, end: number): void {
    const r = this.next();
    const row = this.length - 1;
    this.start.put(row, r, start);
    this.end.put(row, r, start, end);
    this.host.put(r, host);
    this.tid.put(r, tid);
    this.name.put(r, name);
    this.prio.put(r, prio);
  }
}

/** CPU hand-offs: at `time` on `cpu`, `from` (the known previous current thread) gave the CPU to `to`. */
export class HandoffRows extends RowStore {
  host = i32(0);
  cpu = i32(8);
  from = i32(16);
  to = i32(16);
  time = times();
  protected columns(): readonly ChunkedColumn[] {
    return [this.host, this.cpu, this.from, this.to, this.time];
  }
  push(host: number, cpu: number, from: number, to: number, time: number): void {
    const r = this.next();
    this.time.put(this.length - 1, r, time);
    this.host.put(r, host);
    this.cpu.put(r, cpu);
    this.from.put(r, from);
    this.to.put(r, to);
  }
}
