/**
 * Test helpers for the CTF decoder: an independent bit writer (CTF 1.8 bit order, computed with BigInt), IR
 * builders, an in-memory file system, and a one-trace experiment built from a hand-made trace class.
 */
import type { ByteSource, FileSystemAccess } from '../../src/analysis/io/byte-source';
import { MemoryByteSource } from '../../src/analysis/io/byte-source';
import type {
  ByteOrder,
  ClockClass,
  EventClass,
  FieldClass,
  IntegerFC,
  StreamClass,
  StructFC,
  TraceClass
} from '../../src/analysis/formats/ctf/ir';
import { CtfTrace } from '../../src/analysis/formats/ctf/reader/ctf-trace';
import { SourceExperiment } from '../../src/analysis/trace/experiment';
import type { Experiment } from '../../src/analysis/trace/types';

/** Writes integers at arbitrary bit positions: LE = LSB first within bytes, BE = MSB first (CTF 1.8 §4.1.5). */
export class BitWriter {
  bytes = new Uint8Array(64);
  pos = 0;

  private bit(b: number, v: number): void {
    const i = Math.floor(b / 8);
    while (i >= this.bytes.length) {
      const n = new Uint8Array(this.bytes.length * 2);
      n.set(this.bytes);
      this.bytes = n;
    }
    if (v) this.bytes[i] |= 1 << (b % 8);
    else this.bytes[i] &= ~(1 << (b % 8));
  }

  private bitBE(b: number, v: number): void {
    const i = Math.floor(b / 8);
    this.bit(i * 8 + (7 - (b % 8)), v);
  }

  align(bits: number): this {
    while (this.pos % bits !== 0) this.pos++;
    return this;
  }

  /** Writes the low `size` bits of `value` (two's complement for negatives). */
  int(value: bigint | number, size: number, order: ByteOrder = 'le', align = 1): this {
    this.align(align);
    const v = BigInt.asUintN(size, BigInt(value));
    for (let i = 0; i < size; i++) {
      if (order === 'le') this.bit(this.pos + i, Number((v >> BigInt(i)) & 1n));
      else this.bitBE(this.pos + i, Number((v >> BigInt(size - 1 - i)) & 1n));
    }
    this.pos += size;
    return this;
  }

  bytesOf(b: Uint8Array | number[], align = 8): this {
    this.align(align);
    for (const x of b) this.int(x, 8, 'le', 8);
    return this;
  }

  cstring(s: string): this {
    this.bytesOf([...new TextEncoder().encode(s), 0]);
    return this;
  }

  f64(x: number, order: ByteOrder = 'le', align = 8): this {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, x, order === 'le');
    return this.int(dv.getBigUint64(0, order === 'le'), 64, order, align);
  }

  f32(x: number, order: ByteOrder = 'le', align = 8): this {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setFloat32(0, x, order === 'le');
    return this.int(dv.getUint32(0, order === 'le'), 32, order, align);
  }

  /** The written bytes (whole bytes up to the position). */
  done(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.pos / 8));
    out.set(this.bytes.subarray(0, Math.min(out.length, this.bytes.length)));
    return out;
  }
}

export function u(size: number, opts: Partial<IntegerFC> = {}): IntegerFC {
  return {
    kind: 'int',
    size,
    signed: false,
    byteOrder: 'le',
    base: 10,
    align: size % 8 === 0 ? 8 : 1,
    ...opts
  };
}

export function s(size: number, opts: Partial<IntegerFC> = {}): IntegerFC {
  return u(size, { signed: true, ...opts });
}

export function struct(members: [string, FieldClass][], minAlign = 1): StructFC {
  const align = Math.max(minAlign, ...members.map(([, fc]) => fc.align), 1);
  return { kind: 'struct', align, members: members.map(([name, fc]) => ({ name, fc })), minAlign };
}

export const u8t = (): IntegerFC => u(8, { encoding: 'utf8' });

/** A trace class with one stream class (optional packet context / header) and the given events. */
export function traceClass(opts: {
  events: EventClass[];
  packetHeader?: StructFC;
  packetContext?: StructFC;
  eventHeader?: StructFC;
  eventContext?: StructFC;
  clock?: ClockClass;
  byteOrder?: ByteOrder;
  env?: TraceClass['env'];
}): TraceClass {
  const sc: StreamClass = {
    id: 0n,
    packetContext: opts.packetContext,
    eventHeader: opts.eventHeader,
    eventContext: opts.eventContext,
    defaultClock: opts.clock?.name,
    events: opts.events
  };
  return {
    major: 1,
    minor: 8,
    byteOrder: opts.byteOrder ?? 'le',
    packetHeader: opts.packetHeader,
    env: opts.env ?? {},
    clocks: opts.clock ? [opts.clock] : [],
    streams: [sc]
  };
}

export const clock1GHz = (offsetSeconds = 0n, offsetCycles = 0n): ClockClass => ({
  name: 'c',
  freq: 1000000000n,
  offsetSeconds,
  offsetCycles
});

/** In-memory folders: path -> bytes (folders are implied by paths). */
export class MemFs implements FileSystemAccess {
  constructor(readonly files: Map<string, Uint8Array>) {}
  isDirectory(p: string): boolean {
    return [...this.files.keys()].some(k => k.startsWith(`${p}/`));
  }
  exists(p: string): boolean {
    return this.files.has(p) || this.isDirectory(p);
  }
  list(dir: string): string[] {
    const names = new Set<string>();
    for (const k of this.files.keys()) {
      if (k.startsWith(`${dir}/`)) names.add(k.slice(dir.length + 1).split('/')[0]);
    }
    return [...names].sort();
  }
  open(p: string): ByteSource {
    const b = this.files.get(p);
    if (!b) throw new Error(`no file ${p}`);
    return new MemoryByteSource(b, p);
  }
  readAll(p: string): Uint8Array {
    const b = this.files.get(p);
    if (!b) throw new Error(`no file ${p}`);
    return b;
  }
  join(...parts: string[]): string {
    return parts.join('/');
  }
}

/** An experiment over one in-memory trace made of a trace class and stream files. */
export function memExperiment(tc: TraceClass, streams: Record<string, Uint8Array>): Experiment {
  const files = new Map<string, Uint8Array>([['/t/metadata', new Uint8Array(1)]]);
  for (const [name, b] of Object.entries(streams)) files.set(`/t/${name}`, b);
  const fsa = new MemFs(files);
  return new SourceExperiment([new CtfTrace('/t', fsa, tc, '/t/metadata', 't')]);
}

/** All events of an experiment as plain objects ({ name, ts, cpu, fields }). */
export function readAll(
  x: Experiment
): { name: string; ts: bigint; cpu: number; fields: Record<string, unknown> }[] {
  const out: { name: string; ts: bigint; cpu: number; fields: Record<string, unknown> }[] = [];
  for (const b of x.batches()) {
    for (let i = 0; i < b.length; i++) {
      const c = x.eventClasses[b.classId[i]];
      const fields: Record<string, unknown> = {};
      c.fields.forEach((f, k) => (fields[f.name] = b.value(i, k)));
      out.push({ name: c.name, ts: b.ts[i], cpu: b.cpu[i], fields });
    }
  }
  return out;
}
