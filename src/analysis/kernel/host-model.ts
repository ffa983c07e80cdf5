/**
 * The mutable state of the kernel model for one host: live threads, CPUs, and the shared output columns.
 *
 * Scope: the records and the output sinks. The operations that change them live in `thread-ops.ts` and
 * `cpu-ops.ts`; handlers (`handlers/`) call those operations, never write columns themselves.
 */
import type {
  AttrRows,
  CpuIntervals,
  HandoffRows,
  IrqIntervals,
  LatencyRows,
  StringPool,
  SyscallRows,
  ThreadIntervals
} from './columns';
import type { PrevStateDecoder } from './prev-state';
import type { TimeBase } from './time-base';

/** A live thread (one incarnation of a tid). */
export interface ThreadRec {
  readonly tid: number;
  /** Process id, -1 unknown. */
  pid: number;
  /** Parent thread id (the forking thread, or the statedump's ppid), -1 unknown. */
  ppid: number;
  /** Name id in the string pool (0 = unknown). */
  name: number;
  /** Fine state (ThreadState); intervals are cut only when its scheduling level (`schedLevel`) changes. */
  state: number;
  /** Syscall name id while in a syscall (0 = none). */
  syscall: number;
  /** Start of the current syscall span. */
  sysStart: number;
  /** SyscallRows flags of the current span so far (entry seen, blocked). */
  sysFlags: number;
  /** Name and pid as last written to the attribute rows. */
  attrName: number;
  attrPid: number;
  /** CPU the thread runs on, -1 when not running. */
  cpu: number;
  /** Start of the open state interval. */
  ivStart: number;
  /** Time of the first wake-up not yet followed by a switch-in, -1 when none. */
  wake: number;
  /** Index of the thread's row in `HostModel.processes`. */
  readonly proc: number;
  /** Whether this incarnation is the live one (in `HostModel.threads`). */
  live: boolean;
}

/** One row of the process table per thread incarnation. */
export interface ProcessRow {
  tid: number;
  pid: number;
  ppid: number;
  name: number;
  start: number;
  /** End of life (death or free), or -1 while alive. */
  end: number;
  /** Time of sched_process_exit, -1 if not seen. */
  exit: number;
  /** Created by a fork seen in the trace. */
  forked: boolean;
}

export interface CpuRec {
  readonly cpu: number;
  /** Current thread: -1 unknown, 0 idle. */
  cur: number;
  /** Cache of the live record of `cur` (checked before use: see `curThread`). */
  curTh: ThreadRec | undefined;
  /** Interrupt contexts, innermost last: kind (IrqKind), number, start, interrupted thread. */
  readonly ctxKind: number[];
  readonly ctxNum: number[];
  readonly ctxStart: number[];
  readonly ctxTid: number[];
  /** Raised softirq vectors and when they were raised. */
  readonly raised: Map<number, number>;
  /** Start of the open current-thread interval. */
  ivStart: number;
  /** Whether the current thread has ever been known. */
  known: boolean;
  /** The first thread known to run here was the `prev` of a sched_switch at this time (else -1). */
  firstPrevAt: number;
  firstPrevTid: number;
}

/** Thread attributes known before the thread itself shows up (perf's synthesized comm/fork records). */
export interface ThreadInfo {
  pid: number;
  ppid: number;
  name: number;
}

/** Output sinks shared by all hosts of an experiment. */
export interface ModelSinks {
  readonly pool: StringPool;
  readonly threads: ThreadIntervals;
  readonly attrs: AttrRows;
  readonly cpus: CpuIntervals;
  readonly irqs: IrqIntervals;
  readonly syscalls: SyscallRows;
  readonly latency: LatencyRows;
  readonly handoffs: HandoffRows;
}

export class HostModel {
  readonly threads = new Map<number, ThreadRec>();
  readonly cpus: CpuRec[] = [];
  readonly processes: ProcessRow[] = [];
  readonly info = new Map<number, ThreadInfo>();
  readonly irqNames = new Map<number, number>();
  /** First and last event times of the host (model offsets; -1 before the first event). */
  first = -1;
  last = -1;
  /** The model's clock (set when the model is built). */
  clock: TimeBase | undefined;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly out: ModelSinks,
    readonly decoders: Map<number, PrevStateDecoder>
  ) {}

  /** End (exclusive) of the host's time span: intervals still open at the end stop here. */
  get end(): number {
    return this.last + 1;
  }

  private abs(t: number): bigint {
    return this.clock === undefined ? BigInt(t) : this.clock.abs(t);
  }

  /** First event, last event, and exclusive end, in absolute ns. */
  get firstTime(): bigint {
    return this.abs(this.first);
  }
  get lastTime(): bigint {
    return this.abs(this.last);
  }
  get endTime(): bigint {
    return this.abs(this.end);
  }
}
