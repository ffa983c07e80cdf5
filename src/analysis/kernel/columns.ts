/**
 * Growable typed columns for model outputs, so that memory grows with the number of state changes (one row per
 * interval or segment) and never with the number of events; strings are interned once in a pool. Times are ns
 * offsets from the model's base time (`KernelModel.clock`), as float64 (exact up to 2^53).
 *
 * Each store writes a whole row in one `push`; columns are chunked (appending never copies, and no large buffer is
 * ever allocated at once); readers use `store.start.get(r)` for r < `store.length`.
 */

const SHIFT = 14;
/** Rows per chunk: 16384 (64 KiB of int32, 128 KiB of float64 — sizes the allocator reuses cheaply). */
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** An int32 column in fixed-size chunks: appending never copies what is written. */
export class I32Column {
  readonly chunks: Int32Array[] = [new Int32Array(CHUNK)];
  cur: Int32Array = this.chunks[0];
  get(r: number): number {
    return this.chunks[r >>> SHIFT][r & MASK];
  }
  addChunk(): void {
    this.cur = new Int32Array(CHUNK);
    this.chunks.push(this.cur);
  }
}

/** A float64 column in fixed-size chunks. */
export class F64Column {
  readonly chunks: Float64Array[] = [new Float64Array(CHUNK)];
  cur: Float64Array = this.chunks[0];
  get(r: number): number {
    return this.chunks[r >>> SHIFT][r & MASK];
  }
  addChunk(): void {
    this.cur = new Float64Array(CHUNK);
    this.chunks.push(this.cur);
  }
}

/** Base of the row stores: `next()` gives the index of a new row in the current chunk of every column. */
abstract class RowStore {
  length = 0;
  protected abstract columns(): readonly (I32Column | F64Column)[];

  protected next(): number {
    const k = this.length & MASK;
    if (k === 0 && this.length > 0) for (const c of this.columns()) c.addChunk();
    this.length++;
    return k;
  }
}

const i32 = (): I32Column => new I32Column();
const f64 = (): F64Column => new F64Column();

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
  host = i32();
  tid = i32();
  start = f64();
  end = f64();
  state = i32();
  /** CPU the thread runs on (-1 when not running). */
  cpu = i32();
  protected columns(): readonly (I32Column | F64Column)[] {
    return [this.host, this.tid, this.start, this.end, this.state, this.cpu];
  }
  push(host: number, tid: number, start: number, end: number, state: number, cpu: number): void {
    const r = this.next();
    this.host.cur[r] = host;
    this.tid.cur[r] = tid;
    this.start.cur[r] = start;
    this.end.cur[r] = end;
    this.state.cur[r] = state;
    this.cpu.cur[r] = cpu;
  }
}

/** A thread's pid and name from `time` on (rows in time order per thread; the last row at a time wins). */
export class AttrRows extends RowStore {
  host = i32();
  tid = i32();
  time = f64();
  pid = i32();
  name = i32();
  protected columns(): readonly (I32Column | F64Column)[] {
    return [this.host, this.tid, this.time, this.pid, this.name];
  }
  push(host: number, tid: number, time: number, pid: number, name: number): void {
    const r = this.next();
    this.host.cur[r] = host;
    this.tid.cur[r] = tid;
    this.time.cur[r] = time;
    this.pid.cur[r] = pid;
    this.name.cur[r] = name;
  }
}

/** The current thread of each CPU over time (-1 unknown, 0 idle). */
export class CpuIntervals extends RowStore {
  host = i32();
  cpu = i32();
  start = f64();
  end = f64();
  tid = i32();
  protected columns(): readonly (I32Column | F64Column)[] {
    return [this.host, this.cpu, this.start, this.end, this.tid];
  }
  push(host: number, cpu: number, start: number, end: number, tid: number): void {
    const r = this.next();
    this.host.cur[r] = host;
    this.cpu.cur[r] = cpu;
    this.start.cur[r] = start;
    this.end.cur[r] = end;
    this.tid.cur[r] = tid;
  }
}

/** IRQ, softirq and softirq-raised intervals; `tid` is the interrupted thread (-1 unknown, 0 idle). */
export class IrqIntervals extends RowStore {
  host = i32();
  cpu = i32();
  kind = i32();
  irq = i32();
  name = i32();
  start = f64();
  end = f64();
  tid = i32();
  protected columns(): readonly (I32Column | F64Column)[] {
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
    this.host.cur[r] = host;
    this.cpu.cur[r] = cpu;
    this.kind.cur[r] = kind;
    this.irq.cur[r] = irq;
    this.name.cur[r] = name;
    this.start.cur[r] = start;
    this.end.cur[r] = end;
    this.tid.cur[r] = tid;
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
  host = i32();
  tid = i32();
  name = i32();
  start = f64();
  end = f64();
  ret = f64();
  flags = i32();
  protected columns(): readonly (I32Column | F64Column)[] {
    return [this.host, this.tid, this.name, this.start, this.end, this.ret, this.flags];
  }
  push(
    host: number,
    tid: number,
    name: number,
    start: number,
    end: number,
    ret: number,
    flags: number
  ): void {
    const r = this.next();
    this.host.cur[r] = host;
    this.tid.cur[r] = tid;
    this.name.cur[r] = name;
    this.start.cur[r] = start;
    this.end.cur[r] = end;
    this.ret.cur[r] = ret;
    this.flags.cur[r] = flags;
  }
}

/** Wake-up to switch-in segments. */
export class LatencyRows extends RowStore {
  host = i32();
  tid = i32();
  name = i32();
  prio = i32();
  start = f64();
  end = f64();
  protected columns(): readonly (I32Column | F64Column)[] {
    return [this.host, this.tid, this.name, this.prio, this.start, this.end];
  }
  push(host: number, tid: number, name: number, prio: number, start: number, end: number): void {
    const r = this.next();
    this.host.cur[r] = host;
    this.tid.cur[r] = tid;
    this.name.cur[r] = name;
    this.prio.cur[r] = prio;
    this.start.cur[r] = start;
    this.end.cur[r] = end;
  }
}

/** CPU hand-offs: at `time` on `cpu`, `from` (the known previous current thread) gave the CPU to `to`. */
export class HandoffRows extends RowStore {
  host = i32();
  cpu = i32();
  from = i32();
  to = i32();
  time = f64();
  protected columns(): readonly (I32Column | F64Column)[] {
    return [this.host, this.cpu, this.from, this.to, this.time];
  }
  push(host: number, cpu: number, from: number, to: number, time: number): void {
    const r = this.next();
    this.host.cur[r] = host;
    this.cpu.cur[r] = cpu;
    this.from.cur[r] = from;
    this.to.cur[r] = to;
    this.time.cur[r] = time;
  }
}
