/**
 * A chunk of CTF events of one stream: per-event timestamp (ns halves), class, cpu and row, plus the frozen column
 * trees of the classes present. Built from the writers after `decodeEvents`; immutable afterwards.
 *
 * Streaming reads (`ChunkMemory` given): fixed-layout classes read lazily are served from the packet buffer
 * (`LazyView`), which the chunk pins, and the per-event arrays come from a pool; `release()` (called by the merge
 * once the consumer is done with every batch holding the chunk's events) unpins and returns them.
 */
import type { EventChunk } from '../../../trace/source';
import type { FieldValue } from '../../../trace/types';
import type { CompiledEvent } from '../decode/compile';
import type { ClockConverter } from '../decode/clock';
import type { ClassView } from './class-view';
import { classView } from './class-view';
import { LazyView } from './lazy-view';
import type { StructCol } from '../decode/compound-columns';
import { colAt } from '../decode/field-info';
import { frozenAlloc, frozenCopy } from '../decode/freeze-arena';
import type { EventRefs } from './event-loop';
import type { FixedLayout } from '../decode/lazy-layout';

/** Where the CPU of an event comes from. */
export type CpuSource = { kind: 'packet' } | { kind: 'field'; fieldOf: Int32Array };

/** Per-event arrays of a chunk, at the cursor's chunk capacity. */
interface ChunkArrays {
  ts: Uint32Array;
  key: Float64Array;
  cls: Int32Array;
  rows: Int32Array;
  cpu: Int32Array;
  /** Segment starts of lazily read events with strings. */
  aux: Int32Array;
}

/** Recycled per-event arrays of a streaming cursor's chunks. */
export class ChunkPool {
  private readonly free: ChunkArrays[] = [];
  constructor(readonly max: number) {}
  take(): ChunkArrays {
    const n = this.max;
    return (
      this.free.pop() ?? {
        ts: new Uint32Array(2 * n),
        key: new Float64Array(n),
        cls: new Int32Array(n),
        rows: new Int32Array(n),
        cpu: new Int32Array(n),
        aux: new Int32Array(0)
      }
    );
  }
  give(a: ChunkArrays): void {
    this.free.push(a);
  }
}

/** A buffer chunks may pin (the block buffer a packet is decoded from). */
export interface Pinned {
  pins: number;
}

/** Streaming reads: where a chunk's lazy fields and per-event arrays live. */
export interface ChunkMemory {
  pool: ChunkPool;
  /** The packet buffer (positions of the loop are bit offsets in it). */
  buf: Uint8Array;
  block: Pinned;
}

export class CtfChunk implements EventChunk {
  constructor(
    readonly length: number,
    readonly ts: Uint32Array,
    readonly key: Float64Array,
    readonly cls: Int32Array,
    readonly cpu: Int32Array,
    readonly stream: number,
    private readonly rows: Int32Array,
    /** Per trace-local class: its field columns and their fast views, when the class is present. */
    private readonly views: (ClassView | LazyView | undefined)[],
    private onRelease?: () => void
  ) {
    this.classReaders = views;
    this.classRows = rows;
  }

  /** Returns pinned and pooled memory (streaming reads); the chunk must not be read afterwards. */
  release(): void {
    const f = this.onRelease;
    this.onRelease = undefined;
    if (f) f();
  }

  /** For the merger: event k is row rows[k] of views[cls[k]]. */
  readonly classReaders: readonly (ClassView | LazyView | undefined)[];
  readonly classRows: Int32Array;

  int(k: number, f: number): number {
    const v = this.views[this.cls[k]];
    return v === undefined ? NaN : v.int(this.rows[k], f);
  }
  bigint(k: number, f: number): bigint | undefined {
    const v = this.views[this.cls[k]];
    return v === undefined ? undefined : v.bigint(this.rows[k], f);
  }
  str(k: number, f: number): string | undefined {
    return this.views[this.cls[k]]?.str(this.rows[k], f);
  }
  value(k: number, f: number): FieldValue | undefined {
    const v = this.views[this.cls[k]];
    return v === undefined ? undefined : v.value(this.rows[k], f);
  }
  readInts(k: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    const v = this.views[this.cls[k]];
    if (v === undefined) num.fill(NaN, 0, count);
    else v.readInts(this.rows[k], count, num, hi, lo);
  }
}

/**
 * Freezes the touched classes' columns and builds a chunk of the events in `refs` whose ns timestamp is at
 * least `start` (all when undefined).
 */
export function buildChunk(
  refs: EventRefs,
  events: readonly CompiledEvent[],
  clock: ClockConverter,
  stream: number,
  packetCpu: number,
  cpuSource: CpuSource,
  start: bigint | undefined,
  failed: boolean,
  mem?: ChunkMemory
): CtfChunk | null {
  const n = refs.n;
  const fields: (ClassView | LazyView | undefined)[] = new Array(events.length);
  // After a failure, the failing event may have left a partial row after the recorded ones.
  const used = failed ? rowsUsed(refs) : undefined;
  for (const ev of refs.touched) {
    const code = ev.prepare();
    const rows = used ? (used.get(ev.local) ?? 0) : code.rows.n;
    const frozen = code.cols.map(c => c.freeze(rows) as StructCol);
    code.rows.n = 0;
    if (rows > 0) fields[ev.local] = classView(ev.fields.map(f => colAt(frozen, f.path)));
  }
  refs.touched.length = 0;
  const lazy = mem !== undefined && refs.lazyTouched.length > 0;
  const pooled = mem?.pool.take();
  if (mem !== undefined && pooled !== undefined) {
    if (pooled.aux.length < refs.auxN) pooled.aux = new Int32Array(refs.aux.length);
    pooled.aux.set(refs.aux.subarray(0, refs.auxN));
    for (const ev of refs.lazyTouched) {
      fields[ev.local] = new LazyView(mem.buf, ev.fixed() as FixedLayout, pooled.aux);
    }
  }
  refs.lazyTouched.length = 0;
  let ts = pooled ? pooled.ts.subarray(0, 2 * n) : frozenAlloc(Uint32Array, 2 * n);
  let key = pooled ? pooled.key.subarray(0, n) : frozenAlloc(Float64Array, n);
  clock.convert(refs.cyc, n, ts, key);
  let cls = pooled ? copyInto(pooled.cls, refs.cls, n) : frozenCopy(refs.cls, n);
  let rows = pooled ? copyInto(pooled.rows, refs.row, n) : frozenCopy(refs.row, n);
  let m = n;
  if (start !== undefined) {
    const keep = keepFrom(ts, n, start);
    if (keep.length !== n) {
      m = keep.length;
      const t2 = new Uint32Array(2 * m);
      const k2 = new Float64Array(m);
      const c2 = new Int32Array(m);
      const r2 = new Int32Array(m);
      keep.forEach((k, j) => {
        t2[2 * j] = ts[2 * k];
        t2[2 * j + 1] = ts[2 * k + 1];
        k2[j] = key[k];
        c2[j] = cls[k];
        r2[j] = rows[k];
      });
      [ts, key, cls, rows] = [t2, k2, c2, r2];
    }
  }
  if (m === 0) {
    if (pooled && mem) mem.pool.give(pooled);
    return null;
  }
  const cpu = pooled && m <= pooled.cpu.length ? pooled.cpu.subarray(0, m) : frozenAlloc(Int32Array, m);
  if (cpuSource.kind === 'packet') {
    cpu.fill(packetCpu);
  } else {
    for (let k = 0; k < m; k++) {
      const f = cpuSource.fieldOf[cls[k]];
      const view = f >= 0 ? fields[cls[k]] : undefined;
      const v = view ? view.int(rows[k], f) : NaN;
      cpu[k] = Number.isFinite(v) ? v : packetCpu;
    }
  }
  let release: (() => void) | undefined;
  if (mem !== undefined && pooled !== undefined) {
    const { pool, block } = mem;
    if (lazy) block.pins++;
    release = () => {
      pool.give(pooled);
      if (lazy) block.pins--;
    };
  }
  return new CtfChunk(m, ts, key, cls, cpu, stream, rows, fields, release);
}

function copyInto(dst: Int32Array, src: Int32Array, n: number): Int32Array {
  const out = dst.subarray(0, n);
  out.set(src.subarray(0, n));
  return out;
}

function rowsUsed(refs: EventRefs): Map<number, number> {
  const used = new Map<number, number>();
  for (let k = 0; k < refs.n; k++) used.set(refs.cls[k], refs.row[k] + 1);
  return used;
}

function keepFrom(ts: Uint32Array, n: number, start: bigint): number[] {
  const u = BigInt.asUintN(64, start);
  const sh = Number(u >> 32n) | 0;
  const sl = Number(u & 0xffffffffn);
  const keep: number[] = [];
  for (let k = 0; k < n; k++) {
    const hi = ts[2 * k + 1] | 0;
    if (hi > sh || (hi === sh && ts[2 * k] >= sl)) keep.push(k);
  }
  return keep;
}
