/**
 * Rebuilds fine-grained thread and CPU state rows from what the model stores (scheduling intervals, syscall spans,
 * IRQ rows, attribute rows, current-thread intervals), when a table is asked for.
 *
 * - A thread's RUN interval on CPU c is INTERRUPTED where an IRQ/softirq row of c interrupted that thread, else
 *   RUN_SYSCALL inside one of its syscall spans, else RUN_USERMODE; every row carries the syscall span it lies in
 *   (also while blocked inside it) and the pid/name of the last attribute row.
 * - A CPU is IRQ/SOFTIRQ (number of the innermost context) inside an IRQ row of that CPU, else UNKNOWN / IDLE /
 *   RUN_SYSCALL / RUN_USERMODE from its current thread and that thread's syscall spans.
 * Adjacent rows that came out equal are merged. All times are model offsets.
 */
import type { KernelModel } from './model';
import { CpuState, IrqKind, ThreadState } from './state-values';

/** Key of a (host, tid) or (host, cpu) pair (ids below 2^22, as Linux pid_max). */
export function key(host: number, id: number): number {
  return host * 4194304 + id;
}

/** Rows grouped by a key, each list in time order. */
interface Indexes {
  schedByThread: Map<number, number[]>;
  syscallsByThread: Map<number, number[]>;
  attrsByThread: Map<number, number[]>;
  /** Interrupt contexts (not softirq-raised rows) per `host:cpu`, sorted by start, with the running max of ends. */
  irqsByCpu: Map<number, number[]>;
  irqMaxEnd: Map<number, Float64Array>;
  cpuByCpu: Map<number, number[]>;
}

const cache = new WeakMap<KernelModel, Indexes>();

function groupBy(
  n: number,
  keyOf: (r: number) => number,
  keep: (r: number) => boolean = () => true
): Map<number, number[]> {
  const by = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    if (!keep(r)) continue;
    const k = keyOf(r);
    const list = by.get(k);
    if (list === undefined) by.set(k, [r]);
    else list.push(r);
  }
  return by;
}

export function indexes(model: KernelModel): Indexes {
  let ix = cache.get(model);
  if (ix !== undefined) return ix;
  const { threads: th, syscalls: sc, attrs: at, irqs: iq, cpus: cp } = model.out;
  const irqsByCpu = groupBy(
    iq.length,
    r => key(iq.host.get(r), iq.cpu.get(r)),
    r => iq.kind.get(r) !== IrqKind.SOFTIRQ_RAISED
  );
  for (const list of irqsByCpu.values()) list.sort((a, b) => iq.start.get(a) - iq.start.get(b));
  const syscallsByThread = groupBy(sc.length, r => key(sc.host.get(r), sc.tid.get(r)));
  for (const list of syscallsByThread.values()) list.sort((a, b) => sc.start.get(a) - sc.start.get(b));
  const irqMaxEnd = new Map<number, Float64Array>();
  for (const [k, list] of irqsByCpu) {
    const max = new Float64Array(list.length);
    list.forEach((r, j) => (max[j] = Math.max(j > 0 ? max[j - 1] : -Infinity, iq.end.get(r))));
    irqMaxEnd.set(k, max);
  }
  ix = {
    irqMaxEnd,
    schedByThread: groupBy(th.length, r => key(th.host.get(r), th.tid.get(r))),
    syscallsByThread,
    attrsByThread: groupBy(at.length, r => key(at.host.get(r), at.tid.get(r))),
    irqsByCpu,
    cpuByCpu: groupBy(cp.length, r => key(cp.host.get(r), cp.cpu.get(r)))
  };
  cache.set(model, ix);
  return ix;
}

/** First index k of `rows` (sorted by start, non-overlapping ends not required) whose end is after `t`. */
function firstEndingAfter(rows: readonly number[], end: (r: number) => number, t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end(rows[mid]) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** IRQ rows of a CPU overlapping [a, b). */
function irqsOverlapping(model: KernelModel, ix: Indexes, cpuKey: number, a: number, b: number): number[] {
  const rows = ix.irqsByCpu.get(cpuKey);
  const max = ix.irqMaxEnd.get(cpuKey);
  if (rows === undefined || max === undefined) return [];
  const iq = model.out.irqs;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (max[mid] <= a) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let k = lo; k < rows.length && iq.start.get(rows[k]) < b; k++) {
    if (iq.end.get(rows[k]) > a) out.push(rows[k]);
  }
  return out;
}

/** Derived rows: float64 start/end and named int32 columns, in capacity-bounded typed arrays. */
export class Rows {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly ints: Int32Array[];
  length = 0;

  constructor(
    readonly names: readonly string[],
    capacity: number
  ) {
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.ints = names.map(() => new Int32Array(capacity));
  }

  col(name: string): Int32Array {
    return this.ints[this.names.indexOf(name)];
  }

  /** Appends [s, e) with `v` (one value per int column), or extends the previous row when it is equal and adjacent. */
  add(s: number, e: number, v: readonly number[]): void {
    const k = this.length - 1;
    if (k >= 0 && this.end[k] === s) {
      let same = true;
      for (let j = 0; j < v.length && same; j++) same = this.ints[j][k] === v[j];
      if (same) {
        this.end[k] = e;
        return;
      }
    }
    const n = this.length++;
    this.start[n] = s;
    this.end[n] = e;
    for (let j = 0; j < v.length; j++) this.ints[j][n] = v[j];
  }
}

export interface RowFilter {
  keepHost(host: number): boolean;
  tid?: number;
  lo: number;
  hi: number;
}

/** Sorted distinct values of `cuts` within [a, b). */
function points(cuts: number[], a: number, b: number): number[] {
  const p = cuts.filter(x => x >= a && x < b).sort((x, y) => x - y);
  let n = 0;
  for (let k = 0; k < p.length; k++) if (k === 0 || p[k] !== p[n - 1]) p[n++] = p[k];
  p.length = n;
  return p;
}

export const THREAD_ROW_INTS = ['host', 'tid', 'pid', 'name', 'state', 'syscall', 'cpu'] as const;

/** Fine thread-state rows: start, end and the ints of THREAD_ROW_INTS. */
export function threadStateRows(model: KernelModel, f: RowFilter): Rows {
  const ix = indexes(model);
  const { threads: th, syscalls: sc, irqs: iq, attrs: at } = model.out;
  const out = new Rows(THREAD_ROW_INTS, th.length + 2 * sc.length + 2 * iq.length + at.length);
  for (const [threadKey, rows] of ix.schedByThread) {
    const tid = th.tid.get(rows[0]);
    if (!f.keepHost(th.host.get(rows[0])) || (f.tid !== undefined && f.tid !== tid)) continue;
    const w = new ThreadWalk(model, ix, threadKey);
    const k0 = firstEndingAfter(rows, r => th.end.get(r), f.lo);
    for (let k = k0; k < rows.length && th.start.get(rows[k]) <= f.hi; k++) w.split(rows[k], out);
  }
  return out;
}

/** Walks one thread's stored rows in time order, splitting its scheduling intervals into fine states. */
class ThreadWalk {
  private readonly spans: readonly number[];
  private readonly attrs: readonly number[];
  private sp = 0;
  private ap = -1;
  private readonly v = [0, 0, 0, 0, 0, 0, 0];

  constructor(
    private readonly model: KernelModel,
    private readonly ix: Indexes,
    key: number
  ) {
    this.spans = ix.syscallsByThread.get(key) ?? [];
    this.attrs = ix.attrsByThread.get(key) ?? [];
  }

  /** The syscall span covering t (t never decreases between calls), or -1. */
  private spanAt(t: number): number {
    const sc = this.model.out.syscalls;
    while (this.sp < this.spans.length && sc.end.get(this.spans[this.sp]) <= t) this.sp++;
    const r = this.spans[this.sp];
    return r !== undefined && sc.start.get(r) <= t ? r : -1;
  }

  /** The last attribute row at or before t (t never decreases), or -1. */
  private attrAt(t: number): number {
    const at = this.model.out.attrs;
    while (this.ap + 1 < this.attrs.length && at.time.get(this.attrs[this.ap + 1]) <= t) this.ap++;
    return this.ap >= 0 ? this.attrs[this.ap] : -1;
  }

  split(r: number, out: Rows): void {
    const { threads: th, syscalls: sc, attrs: at, irqs: iq } = this.model.out;
    const [host, tid, a, b, state, cpu] = [
      th.host.get(r),
      th.tid.get(r),
      th.start.get(r),
      th.end.get(r),
      th.state.get(r),
      th.cpu.get(r)
    ];
    const cuts = [a];
    for (let k = this.sp; k < this.spans.length && sc.start.get(this.spans[k]) < b; k++) {
      cuts.push(sc.start.get(this.spans[k]), sc.end.get(this.spans[k]));
    }
    for (let k = this.ap + 1; k < this.attrs.length && at.time.get(this.attrs[k]) < b; k++) {
      cuts.push(at.time.get(this.attrs[k]));
    }
    const mine: number[] = [];
    if (state === ThreadState.RUN_USERMODE) {
      for (const x of irqsOverlapping(this.model, this.ix, key(host, cpu), a, b)) {
        if (iq.tid.get(x) !== tid) continue;
        mine.push(x);
        cuts.push(iq.start.get(x), iq.end.get(x));
      }
    }
    const p = points(cuts, a, b);
    const v = this.v;
    for (let j = 0; j < p.length; j++) {
      const s = p[j];
      const span = this.spanAt(s);
      const attr = this.attrAt(s);
      let fine = state;
      if (state === ThreadState.RUN_USERMODE) {
        const interrupted = mine.some(x => iq.start.get(x) <= s && s < iq.end.get(x));
        fine = interrupted
          ? ThreadState.INTERRUPTED
          : span >= 0
            ? ThreadState.RUN_SYSCALL
            : ThreadState.RUN_USERMODE;
      }
      v[0] = host;
      v[1] = tid;
      v[2] = attr >= 0 ? at.pid.get(attr) : -1;
      v[3] = attr >= 0 ? at.name.get(attr) : 0;
      v[4] = fine;
      v[5] = span >= 0 ? sc.name.get(span) : 0;
      v[6] = cpu;
      out.add(s, j + 1 < p.length ? p[j + 1] : b, v);
    }
  }
}

export const CPU_ROW_INTS = ['host', 'cpu', 'state', 'tid', 'irq'] as const;

/** Fine CPU-state rows: start, end and the ints of CPU_ROW_INTS. */
export function cpuStateRows(model: KernelModel, f: RowFilter): Rows {
  const ix = indexes(model);
  const { cpus: cp, syscalls: sc, irqs: iq } = model.out;
  const out = new Rows(CPU_ROW_INTS, cp.length + 2 * sc.length + 2 * iq.length);
  const v = [0, 0, 0, 0, 0];
  for (const [cpuKey, rows] of ix.cpuByCpu) {
    if (!f.keepHost(cp.host.get(rows[0]))) continue;
    const k0 = firstEndingAfter(rows, r => cp.end.get(r), f.lo);
    for (let k = k0; k < rows.length && cp.start.get(rows[k]) <= f.hi; k++) {
      const r = rows[k];
      const [host, cpu, a, b, tid] = [
        cp.host.get(r),
        cp.cpu.get(r),
        cp.start.get(r),
        cp.end.get(r),
        cp.tid.get(r)
      ];
      if (f.tid !== undefined && tid !== f.tid) continue;
      const irqs = irqsOverlapping(model, ix, cpuKey, a, b);
      const spans = tid > 0 ? (ix.syscallsByThread.get(key(host, tid)) ?? []) : [];
      const cuts = [a];
      for (const x of irqs) cuts.push(iq.start.get(x), iq.end.get(x));
      let sp = firstEndingAfter(spans, x => sc.end.get(x), a);
      for (let j = sp; j < spans.length && sc.start.get(spans[j]) < b; j++) {
        cuts.push(sc.start.get(spans[j]), sc.end.get(spans[j]));
      }
      const p = points(cuts, a, b);
      for (let j = 0; j < p.length; j++) {
        const s = p[j];
        let inner = -1;
        for (const x of irqs) {
          if (
            iq.start.get(x) <= s &&
            s < iq.end.get(x) &&
            (inner < 0 || iq.start.get(x) >= iq.start.get(inner))
          ) {
            inner = x;
          }
        }
        while (sp < spans.length && sc.end.get(spans[sp]) <= s) sp++;
        const inSyscall = sp < spans.length && sc.start.get(spans[sp]) <= s;
        let state: number;
        if (inner >= 0) state = iq.kind.get(inner) === IrqKind.IRQ ? CpuState.IRQ : CpuState.SOFTIRQ;
        else if (tid < 0) state = CpuState.UNKNOWN;
        else if (tid === 0) state = CpuState.IDLE;
        else state = inSyscall ? CpuState.RUN_SYSCALL : CpuState.RUN_USERMODE;
        v[0] = host;
        v[1] = cpu;
        v[2] = state;
        v[3] = tid;
        v[4] = inner >= 0 ? iq.irq.get(inner) : -1;
        out.add(s, j + 1 < p.length ? p[j + 1] : b, v);
      }
    }
  }
  return out;
}
