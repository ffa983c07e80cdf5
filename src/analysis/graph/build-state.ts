/**
 * State of the graph builder while it reads events: per host, per CPU the current thread, the interrupt-context
 * stack (IRQ, softirq with its vector, hrtimer, IPI, complete IRQ, packet reception) and the NET softirqs raised
 * from thread context; per worker its status; and what the post-pass needs to add network links.
 */
import { GrowI32 } from '../sync/growable';
import { PacketLog } from '../sync/packet-log';
import type { Matches } from '../sync/packet-log';
import { Edge, edgeOfStatus, Status } from './edge-types';
import type { EdgeValue } from './edge-types';
import { ExecutionGraph } from './graph-store';

export const Ctx = {
  NONE: 0,
  IRQ: 1,
  SOFTIRQ: 2,
  HRTIMER: 3,
  IPI: 4,
  COMPLETE_IRQ: 5,
  PACKET_RX: 6
} as const;
export type CtxValue = (typeof Ctx)[keyof typeof Ctx];

/** IRQ number used for the local timer vector (x86 `local_timer`), which has no IRQ line. */
export const LOCAL_TIMER_IRQ = -2;

export interface Frame {
  readonly kind: CtxValue;
  /** IRQ number or softirq vector (-1 when none). */
  readonly num: number;
  readonly entryTs: bigint;
  /** Vertex of the thread that raised this (NET) softirq from thread context, or -1. */
  readonly raiser: number;
  /** Packet-log row of the latest receive inside this frame, or -1. */
  lastRecv: number;
  /** Last IRQ handled inside a complete-IRQ frame, or -1. */
  lastIrq: number;
  /** The kernel worker's segment for this frame has been opened. */
  kernelOpen: boolean;
}

export class CpuState {
  /** Current thread (0 idle, -1 unknown). */
  cur = -1;
  readonly stack: Frame[] = [];
  /** Raise vertex per softirq vector, waiting for the softirq to run. */
  readonly pendingRaise = new Int32Array(16).fill(-1);
  constructor(readonly cpu: number) {}

  top(): CtxValue {
    return this.stack.length === 0 ? Ctx.NONE : this.stack[this.stack.length - 1].kind;
  }

  /** The context below a packet-reception frame (or the top one otherwise). */
  effective(): CtxValue {
    const n = this.stack.length;
    if (n === 0) return Ctx.NONE;
    if (this.stack[n - 1].kind !== Ctx.PACKET_RX) return this.stack[n - 1].kind;
    return n >= 2 ? this.stack[n - 2].kind : Ctx.NONE;
  }

  push(kind: CtxValue, num: number, ts: bigint, raiser = -1): void {
    if (this.stack.length >= 32) this.stack.length = 0; // unbalanced entries (lost exits): start over
    this.stack.push({ kind, num, entryTs: ts, raiser, lastRecv: -1, lastIrq: -1, kernelOpen: false });
  }

  /** Pops the top frame if it is of `kind` (Trace Compass pops only on a match). */
  pop(kind: CtxValue): Frame | undefined {
    const n = this.stack.length;
    if (n === 0 || this.stack[n - 1].kind !== kind) return undefined;
    return this.stack.pop();
  }

  /** The innermost IRQ or softirq frame (the kernel worker's context), if any. */
  kernelFrame(): Frame | undefined {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const f = this.stack[k];
      if (f.kind === Ctx.SOFTIRQ || f.kind === Ctx.IRQ) return f;
    }
    return undefined;
  }

  /** Raiser of the innermost NET softirq frame, or -1. */
  netRaiser(): number {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const f = this.stack[k];
      if (f.kind === Ctx.SOFTIRQ) return f.raiser;
    }
    return -1;
  }
}

export class HostState {
  readonly cpus: CpuState[] = [];
  readonly irqNames = new Map<number, string>([[LOCAL_TIMER_IRQ, 'local_timer']]);
  constructor(
    /** Graph host index (also the packet-log host index). */
    readonly host: number,
    readonly name: string
  ) {}

  cpu(n: number): CpuState {
    let c = this.cpus[n];
    if (c === undefined) {
      c = new CpuState(n);
      this.cpus[n] = c;
    }
    return c;
  }
}

/** Everything the builder writes: the graph, worker statuses, packets, and links to resolve after reading. */
export class BuildState {
  readonly g = new ExecutionGraph();
  readonly status: number[] = [];
  readonly log = new PacketLog();
  /** Wake-ups in NET softirq / packet-reception context: target vertex, receive row, raiser vertex. */
  readonly netTarget = new GrowI32();
  readonly netRecv = new GrowI32();
  readonly netRaiser = new GrowI32();
  /** Raiser vertex → first vertex of the kernel worker's softirq segment. */
  readonly softFrom = new GrowI32();
  readonly softTo = new GrowI32();
  events = 0;
  matches: Matches | undefined;

  thread(host: number, tid: number, name?: string): number {
    const w = this.g.thread(host, tid);
    if (this.status.length <= w) this.status[w] = Status.UNKNOWN;
    if (name) this.g.wName[w] = name;
    return w;
  }

  /** Appends a vertex closing the edge with the type of the worker's current status (Trace Compass stateExtend). */
  extend(w: number, ts: bigint): number {
    return this.g.append(w, ts, edgeOfStatus(this.status[w]));
  }

  /** Appends a vertex closing the edge with an explicit type. */
  touch(w: number, ts: bigint, edge: EdgeValue, qualifier?: string): number {
    const t = this.g.tail.buf[w];
    const v = this.g.append(w, ts, edge);
    if (qualifier !== undefined && t >= 0) this.g.qualifiers.set(t, qualifier);
    return v;
  }

  /** A vertex of the thread running on `c` at `ts` (waker, sender, raiser), or -1 when idle or unknown. */
  current(h: HostState, c: CpuState, ts: bigint): number {
    if (c.cur <= 0) return -1;
    return this.extend(this.thread(h.host, c.cur), ts);
  }

  /** A vertex on the kernel worker of `c`'s innermost IRQ/softirq frame (opening its segment if needed). */
  kernelTouch(h: HostState, c: CpuState, ts: bigint): number {
    const f = c.kernelFrame();
    if (f === undefined) return -1;
    const w = this.g.kernel(h.host, c.cpu);
    if (this.status.length <= w) this.status[w] = Status.RUN;
    if (!f.kernelOpen) {
      f.kernelOpen = true;
      const t = this.g.tail.buf[w];
      const at = t >= 0 && this.g.ts.buf[t] > f.entryTs ? this.g.ts.buf[t] : f.entryTs;
      const first = this.g.append(w, at, Edge.NONE);
      if (f.raiser >= 0) {
        this.softFrom.push(f.raiser);
        this.softTo.push(first);
      }
    }
    return this.g.append(w, ts, Edge.RUNNING);
  }
}
