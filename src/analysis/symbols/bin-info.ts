/**
 * Which binary is mapped where, per process and over time, from LTTng-UST statedump and dynamic-loader events:
 * `lttng_ust_statedump:{start,bin_info,build_id,debug_link}`, `lttng_ust_dl:{dlopen,build_id,debug_link,dlclose}`
 * and `lttng_ust_lib:{load,build_id,debug_link,unload}` (lttng-ust 2.11+).
 *
 * Semantics (as Trace Compass's UST debug-info analysis): a statedump `start` of a process forgets its previous
 * mappings (the process exec'd); `bin_info`/`dlopen`/`load` map [baddr, baddr + memsz) from that time on;
 * `build_id`/`debug_link` complete the mapping at the same base address; `dlclose`/`unload` end it. Objects
 * loaded by the dynamic loader are position-independent. Processes are keyed by (trace index, vpid); events
 * without a `vpid` context use vpid -1.
 */
import type { EventBatch, EventClassInfo, Experiment } from '../trace/types';

export interface LoadedBinary {
  readonly traceIndex: number;
  readonly vpid: number;
  readonly baddr: bigint;
  readonly memsz: bigint;
  readonly path: string;
  readonly isPic: boolean;
  /** Lower-case hex build id, when the trace gave one. */
  buildId: string | undefined;
  /** Debug link file name and CRC, when the trace gave one. */
  debugLink: { filename: string; crc: number } | undefined;
  /** Mapped from this time (ns) ... */
  readonly from: bigint;
  /** ... until this time (exclusive), undefined while mapped. */
  until: bigint | undefined;
}

export type BinInfoOp = 'start' | 'map' | 'build_id' | 'debug_link' | 'unmap';

const OPS: Record<string, BinInfoOp> = {
  'lttng_ust_statedump:start': 'start',
  'lttng_ust_statedump:bin_info': 'map',
  'lttng_ust_statedump:build_id': 'build_id',
  'lttng_ust_statedump:debug_link': 'debug_link',
  'lttng_ust_dl:dlopen': 'map',
  'lttng_ust_dl:build_id': 'build_id',
  'lttng_ust_dl:debug_link': 'debug_link',
  'lttng_ust_dl:dlclose': 'unmap',
  'lttng_ust_lib:load': 'map',
  'lttng_ust_lib:build_id': 'build_id',
  'lttng_ust_lib:debug_link': 'debug_link',
  'lttng_ust_lib:unload': 'unmap'
};

function hexBytes(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  let s = '';
  for (const b of v) {
    const n = typeof b === 'bigint' ? Number(b) : typeof b === 'number' ? b : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
    s += n.toString(16).padStart(2, '0');
  }
  return s === '' ? undefined : s;
}

/** The binaries of every process of an experiment, with their mapping intervals. */
export class BinaryMaps {
  private readonly byProcess = new Map<string, LoadedBinary[]>();

  private key(traceIndex: number, vpid: number): string {
    return `${traceIndex}/${vpid}`;
  }

  /** Every mapping ever seen, in trace order. */
  all(): LoadedBinary[] {
    return [...this.byProcess.values()].flat();
  }

  /** Mappings of one process. */
  process(traceIndex: number, vpid: number): readonly LoadedBinary[] {
    return this.byProcess.get(this.key(traceIndex, vpid)) ?? [];
  }

  /** The binary mapped at `addr` in process `vpid` at time `ts`, or undefined. */
  find(traceIndex: number, vpid: number, ts: bigint, addr: bigint): LoadedBinary | undefined {
    const list = this.byProcess.get(this.key(traceIndex, vpid));
    if (list === undefined) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const b = list[i];
      if (b.from > ts || (b.until !== undefined && b.until <= ts)) continue;
      if (addr >= b.baddr && addr < b.baddr + b.memsz) return b;
    }
    return undefined;
  }

  /** Applies one event (see the module header). */
  apply(op: BinInfoOp, traceIndex: number, vpid: number, ts: bigint, f: FieldReader): void {
    const k = this.key(traceIndex, vpid);
    let list = this.byProcess.get(k);
    if (list === undefined) this.byProcess.set(k, (list = []));
    const live = list.filter(b => b.until === undefined);
    const baddr = f.big('baddr');
    const at = baddr === undefined ? undefined : live.find(b => b.baddr === baddr);
    switch (op) {
      case 'start':
        for (const b of live) b.until = ts;
        return;
      case 'map': {
        if (baddr === undefined) return;
        if (at !== undefined) at.until = ts;
        const isPic = f.big('is_pic');
        list.push({
          traceIndex,
          vpid,
          baddr,
          memsz: f.big('memsz') ?? 0n,
          path: f.str('path') ?? '',
          isPic: isPic === undefined ? true : isPic !== 0n,
          buildId: undefined,
          debugLink: undefined,
          from: ts,
          until: undefined
        });
        return;
      }
      case 'build_id':
        if (at !== undefined) at.buildId = hexBytes(f.raw('build_id'));
        return;
      case 'debug_link':
        if (at !== undefined) {
          at.debugLink = { filename: f.str('filename') ?? '', crc: Number(f.big('crc') ?? 0n) };
        }
        return;
      case 'unmap':
        if (at !== undefined) at.until = ts;
    }
  }
}

/** Named field access to the current event. */
interface FieldReader {
  big(name: string): bigint | undefined;
  str(name: string): string | undefined;
  raw(name: string): unknown;
}

function reader(b: EventBatch, i: number, cls: EventClassInfo): FieldReader {
  return {
    big: n => b.bigint(i, cls.fieldIndex(n)),
    str: n => b.str(i, cls.fieldIndex(n)),
    raw: n => b.value(i, cls.fieldIndex(n))
  };
}

/** Class ids of the statedump / loader events of an experiment, with their operation. */
export function binInfoClasses(exp: Experiment): Map<number, BinInfoOp> {
  const m = new Map<number, BinInfoOp>();
  for (const c of exp.eventClasses) {
    const op = OPS[c.name];
    if (op !== undefined) m.set(c.id, op);
  }
  return m;
}

/** Reads the statedump and loader events of `exp` (only those classes) into `BinaryMaps`. */
export function collectBinaryMaps(exp: Experiment): BinaryMaps {
  const maps = new BinaryMaps();
  const ops = binInfoClasses(exp);
  if (ops.size === 0) return maps;
  for (const b of exp.batches({ classIds: new Set(ops.keys()) })) {
    for (let i = 0; i < b.length; i++) {
      const cls = exp.eventClasses[b.classId[i]];
      const op = ops.get(cls.id);
      if (op === undefined) continue;
      const vpidField = cls.fieldIndex('vpid');
      const vpid = vpidField < 0 ? -1 : b.int(i, vpidField);
      maps.apply(op, cls.traceIndex, Number.isNaN(vpid) ? -1 : vpid, b.ts[i], reader(b, i, cls));
    }
  }
  return maps;
}
