/**
 * A small CTF 1.8 writer for generated test traces: TSDL metadata text (LTTng-like trace/env/clock/stream
 * declarations) and little-endian binary stream files, one per CPU, in packets of at most `packetEvents` events.
 * Packet header: magic, uuid, stream_id; packet context: timestamp_begin/end, content_size, packet_size,
 * packet_seq_num, events_discarded, cpu_id; event header: uint16 id, uint64 timestamp (clock `monotonic`, 1 GHz).
 * Field types: byte-aligned integers and LTTng's 16-byte `comm` text arrays.
 *
 * Scope: encoding only; what the events are is `scenario.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';

export type FieldType = 'u8' | 'u16' | 'u32' | 'u64' | 'i32' | 'i64' | 'comm';

export interface ClassDecl {
  name: string;
  fields: readonly (readonly [string, FieldType])[];
}

export interface GenEvent {
  ts: bigint;
  cpu: number;
  name: string;
  values: Record<string, number | bigint | string>;
}

export interface TraceSpec {
  hostname: string;
  classes: readonly ClassDecl[];
  events: readonly GenEvent[];
  cpus: number;
  /** Clock origin offset in seconds (metadata `offset_s`). */
  offsetS: number;
  packetEvents?: number;
}

const TSDL_TYPE: Record<Exclude<FieldType, 'comm'>, string> = {
  u8: 'uint8_t',
  u16: 'uint16_t',
  u32: 'uint32_t',
  u64: 'uint64_t',
  i32: 'int32_t',
  i64: 'int64_t'
};

const SIZE: Record<FieldType, number> = { u8: 1, u16: 2, u32: 4, u64: 8, i32: 4, i64: 8, comm: 16 };

function uuidBytes(seed: string): Uint8Array {
  const b = new Uint8Array(16);
  for (let i = 0; i < seed.length; i++) b[i % 16] = (b[i % 16] * 31 + seed.charCodeAt(i)) & 0xff;
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}

function uuidText(b: Uint8Array): string {
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function fieldDecl([name, t]: readonly [string, FieldType]): string {
  if (t === 'comm') {
    return `integer { size = 8; align = 8; signed = 0; encoding = UTF8; base = 10; } _${name}[16];`;
  }
  return `${TSDL_TYPE[t]} _${name};`;
}

export function metadataText(spec: TraceSpec, uuid: Uint8Array): string {
  const ints = (['u8', 'u16', 'u32', 'u64'] as const).map(
    t => `typealias integer { size = ${SIZE[t] * 8}; align = 8; signed = false; } := ${TSDL_TYPE[t]};`
  );
  const sints = (['i32', 'i64'] as const).map(
    t => `typealias integer { size = ${SIZE[t] * 8}; align = 8; signed = true; } := ${TSDL_TYPE[t]};`
  );
  const events = spec.classes.map(
    (c, id) =>
      `event {\n\tname = "${c.name}";\n\tid = ${id};\n\tstream_id = 0;\n\tfields := struct {\n` +
      c.fields.map(f => `\t\t${fieldDecl(f)}\n`).join('') +
      `\t};\n};\n`
  );
  return `/* CTF 1.8 */

${[...ints, ...sints].join('\n')}
typealias integer { size = 64; align = 8; signed = false; map = clock.monotonic.value; } := uint64_clock_monotonic_t;

trace {
\tmajor = 1;
\tminor = 8;
\tuuid = "${uuidText(uuid)}";
\tbyte_order = le;
\tpacket.header := struct {
\t\tuint32_t magic;
\t\tuint8_t  uuid[16];
\t\tuint32_t stream_id;
\t};
};

env {
\thostname = "${spec.hostname}";
\tdomain = "kernel";
\tsysname = "Linux";
\tkernel_release = "5.15.0-generated";
\ttracer_name = "lttng-modules";
\ttracer_major = 2;
\ttracer_minor = 13;
\ttracer_patchlevel = 0;
};

clock {
\tname = "monotonic";
\tuuid = "${uuidText(uuidBytes(spec.hostname + '/clock'))}";
\tdescription = "Monotonic Clock";
\tfreq = 1000000000;
\tprecision = 1;
\toffset_s = ${spec.offsetS};
\toffset = 0;
\tabsolute = FALSE;
};

stream {
\tid = 0;
\tevent.header := struct {
\t\tuint16_t id;
\t\tuint64_clock_monotonic_t timestamp;
\t};
\tpacket.context := struct {
\t\tuint64_clock_monotonic_t timestamp_begin;
\t\tuint64_clock_monotonic_t timestamp_end;
\t\tuint64_t content_size;
\t\tuint64_t packet_size;
\t\tuint64_t packet_seq_num;
\t\tuint64_t events_discarded;
\t\tuint32_t cpu_id;
\t};
};

${events.join('\n')}`;
}

/** Little-endian byte sink. */
class Bytes {
  private buf = Buffer.alloc(1 << 16);
  len = 0;
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(b, 0, 0, this.len);
    this.buf = b;
  }
  put(t: FieldType, v: number | bigint | string): void {
    this.room(16);
    const b = this.buf;
    const o = this.len;
    if (t === 'comm') {
      b.fill(0, o, o + 16);
      b.write(String(v).slice(0, 15), o, 'utf8');
    } else if (t === 'u8') b.writeUInt8(Number(v), o);
    else if (t === 'u16') b.writeUInt16LE(Number(v), o);
    else if (t === 'u32') b.writeUInt32LE(Number(v), o);
    else if (t === 'i32') b.writeInt32LE(Number(v), o);
    else if (t === 'u64') b.writeBigUInt64LE(BigInt(v), o);
    else b.writeBigInt64LE(BigInt(v), o);
    this.len += SIZE[t];
  }
  raw(u: Uint8Array): void {
    this.room(u.length);
    this.buf.set(u, this.len);
    this.len += u.length;
  }
  patchU64(at: number, v: bigint): void {
    this.buf.writeBigUInt64LE(v, at);
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

const HEADER_BYTES = 4 + 16 + 4 + 8 * 6 + 4;

function writePacket(
  out: Bytes,
  evs: readonly GenEvent[],
  spec: TraceSpec,
  uuid: Uint8Array,
  cpu: number,
  seq: number
): void {
  const ids = new Map(spec.classes.map((c, i) => [c.name, i] as const));
  const start = out.len;
  out.put('u32', 0xc1fc1fc1);
  out.raw(uuid);
  out.put('u32', 0);
  out.put('u64', evs[0].ts);
  out.put('u64', evs[evs.length - 1].ts);
  const sizeAt = out.len;
  out.put('u64', 0n);
  out.put('u64', 0n);
  out.put('u64', BigInt(seq));
  out.put('u64', 0n);
  out.put('u32', cpu);
  for (const e of evs) {
    const id = ids.get(e.name);
    if (id === undefined) throw new Error(`${spec.hostname}: event ${e.name} not declared`);
    out.put('u16', id);
    out.put('u64', e.ts);
    for (const [f, t] of spec.classes[id].fields) out.put(t, e.values[f] ?? 0);
  }
  const bits = BigInt((out.len - start) * 8);
  out.patchU64(sizeAt, bits);
  out.patchU64(sizeAt + 8, bits);
}

/** Writes the trace folder `dir` (metadata + `channel0_<cpu>` streams); events must be sorted by time. */
export function writeTrace(dir: string, spec: TraceSpec): void {
  fs.mkdirSync(dir, { recursive: true });
  const uuid = uuidBytes(spec.hostname);
  fs.writeFileSync(path.join(dir, 'metadata'), metadataText(spec, uuid));
  const per = spec.packetEvents ?? 4096;
  for (let cpu = 0; cpu < spec.cpus; cpu++) {
    const evs = spec.events.filter(e => e.cpu === cpu);
    const out = new Bytes();
    for (let k = 0, seq = 0; k < evs.length; k += per, seq++) {
      writePacket(out, evs.slice(k, k + per), spec, uuid, cpu, seq);
    }
    fs.writeFileSync(path.join(dir, `channel0_${cpu}`), out.bytes());
  }
}

export const PACKET_HEADER_BYTES = HEADER_BYTES;
