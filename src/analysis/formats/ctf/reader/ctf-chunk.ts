/**
 * A chunk of CTF events of one stream: per-event timestamp (ns halves), class, cpu and row, plus the frozen column
 * trees of the classes present. Built from the writers after `decodeEvents`; immutable afterwards.
 */
import type { EventChunk } from '../../../trace/source';
import type { FieldValue } from '../../../trace/types';
import type { CompiledEvent } from '../decode/compile';
import type { ClockConverter } from '../decode/clock';
import type { ClassView } from './class-view';
import { classView } from './class-view';
import type { StructCol } from '../decode/compound-columns';
import { colAt } from '../decode/field-info';
import { frozenAlloc, frozenCopy } from '../decode/freeze-arena';
import type { EventRefs } from './event-loop';

/** Where the CPU of an event comes from. */
export type CpuSource = { kind: 'packet' } | { kind: 'field'; fieldOf: Int32Array };

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
    private readonly views: (ClassView | undefined)[]
  ) {
    this.classReaders = views;
    this.classRows = rows;
  }

  /** For the merger: event k is row rows[k] of views[cls[k]]. */
  readonly classReaders: readonly (ClassView | undefined)[];
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
  failed: boolean
): CtfChunk | null {
  const n = refs.n;
  const fields: (ClassView | undefined)[] = new Array(events.length);
  // After a failure, the failing event may have left a partial row after the recorded ones.
  const used = failed ? rowsUsed(refs) : undefined;
  for (const ev of refs.touched) {
    const code = ev.prepare();
    const rows = used ? (used.get(ev.local) ?? 0) : code.rows.n;
    const frozen = code.cols.map(c => c.freeze(rows) as StructCol);
    code.rows.n = 0;
    if (rows > 0) fields[ev.local] = classView(ev.fields.map(f => colAt(frozen, f.path)));
  }
  refs.touched = [];
  let ts = frozenAlloc(Uint32Array, 2 * n);
  let key = frozenAlloc(Float64Array, n);
  clock.convert(refs.cyc, n, ts, key);
  let cls = frozenCopy(refs.cls, n);
  let rows = frozenCopy(refs.row, n);
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
  if (m === 0) return null;
  const cpu = frozenAlloc(Int32Array, m);
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
  return new CtfChunk(m, ts, key, cls, cpu, stream, rows, fields);
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
