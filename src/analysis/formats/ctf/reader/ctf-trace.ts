/**
 * One CTF trace folder as a `TraceSource`: metadata compiled once, streams discovered and grouped, one cursor per
 * stream per read, trace description (format, host, domain, tracer) from the metadata environment.
 *
 * CPU of an event: the packet context's `cpu_id` (LTTng, recent perf); for perf traces without it, the payload
 * field `perf_cpu` (older `perf data convert`).
 */
import type { FileSystemAccess } from '../../../io/byte-source';
import type { CursorOptions, SourceClass, StreamCursor, TraceSource } from '../../../trace/source';
import type { FieldInfo, LossRecord, TraceInfo } from '../../../trace/types';
import { TraceDataError } from '../../../trace/types';
import type { TraceClass } from '../ir';
import { compileTrace } from '../decode/compile';
import type { CompiledEvent } from '../decode/compile';
import type { CpuSource } from './ctf-chunk';
import { CtfStreamCursor } from './stream-cursor';
import { discoverStreams } from './streams';
import type { CtfStream } from './streams';
import { CtfTraceContext } from './trace-context';

const DEFAULT_CHUNK = 8192;

function envString(env: TraceClass['env'], key: string): string | undefined {
  const v = env[key];
  return v === undefined ? undefined : String(v);
}

/** Trace description fields from the metadata. */
export function describeTrace(tc: TraceClass): Pick<TraceInfo, 'format' | 'hostname' | 'domain' | 'tracer'> {
  const env = tc.env;
  const name = envString(env, 'tracer_name') ?? '';
  const parts = ['tracer_major', 'tracer_minor', 'tracer_patchlevel'].map(k => envString(env, k));
  const version = parts[0] !== undefined ? parts.filter(p => p !== undefined).join('.') : '';
  return {
    format: name === 'perf' ? 'perf-ctf' : tc.major === 2 ? 'ctf2' : 'ctf',
    hostname: envString(env, 'hostname') ?? envString(env, 'host') ?? '',
    domain: envString(env, 'domain') ?? '',
    tracer: version ? `${name} ${version}`.trim() : name
  };
}

/** A CTF event class as a trace source: its field list worked out on first use. */
class CtfClass implements SourceClass {
  readonly name: string;
  private list: FieldInfo[] | undefined;
  constructor(private readonly ev: CompiledEvent) {
    this.name = ev.ec.name;
  }
  get fields(): FieldInfo[] {
    return (this.list ??= this.ev.fields.map(f => f.info));
  }
}

export class CtfTrace implements TraceSource {
  readonly info: Omit<TraceInfo, 'index'>;
  readonly classes: SourceClass[];
  readonly streamNames: string[];
  private readonly ctx: CtfTraceContext;
  private readonly streams: CtfStream[];
  private readonly cpuSource: CpuSource;
  private range: { start: bigint; end: bigint } | undefined | null = null;

  constructor(
    readonly dir: string,
    readonly fsa: FileSystemAccess,
    tc: TraceClass,
    metadataFile: string,
    label: string
  ) {
    const ct = compileTrace(tc, metadataFile);
    this.ctx = new CtfTraceContext(ct, fsa, dir);
    this.streams = discoverStreams(dir, fsa, this.ctx.reader, label);
    this.streamNames = this.streams.map(s => s.name);
    this.classes = ct.events.map(e => new CtfClass(e));
    const d = describeTrace(tc);
    this.info = { path: dir, ...d, streams: this.streams.length, env: tc.env };
    this.cpuSource = this.chooseCpuSource(d.format === 'perf-ctf');
  }

  private chooseCpuSource(perf: boolean): CpuSource {
    const ct = this.ctx.ct;
    const packetCpu = [...ct.streams.values()].some(s =>
      s.packetContext?.root.members.some(m => m.name === 'cpu_id')
    );
    if (!perf || packetCpu) return { kind: 'packet' };
    const fieldOf = Int32Array.from(ct.events, e => e.fields.findIndex(f => f.info.name === 'perf_cpu'));
    return { kind: 'field', fieldOf };
  }

  cursors(opts: CursorOptions): StreamCursor[] {
    let keep: Uint8Array | undefined;
    if (opts.classes) {
      keep = new Uint8Array(this.classes.length);
      for (const local of opts.classes) if (local >= 0 && local < keep.length) keep[local] = 1;
    }
    const settings = {
      start: opts.start,
      keep,
      chunkSize: opts.chunkSize ?? DEFAULT_CHUNK,
      cpuSource: this.cpuSource,
      streaming: opts.streaming
    };
    return this.streams.map(s => new CtfStreamCursor(this.ctx, s, settings));
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    if (this.range !== null) return this.range;
    let r: { start: bigint; end: bigint } | undefined;
    for (const s of this.streams) {
      const t = this.streamRange(s);
      if (!t) continue;
      r = r ? { start: t.start < r.start ? t.start : r.start, end: t.end > r.end ? t.end : r.end } : t;
    }
    this.range = r;
    return r;
  }

  /** First event of the stream, and the last event of its last non-empty packet (found through its index). */
  private streamRange(s: CtfStream): { start: bigint; end: bigint } | undefined {
    const settings = { chunkSize: DEFAULT_CHUNK, cpuSource: this.cpuSource };
    const first = new CtfStreamCursor(this.ctx, s, { ...settings, chunkSize: 1 }).next();
    if (!first) return undefined;
    const start = tsAt(first.ts, 0);
    const packets = s.packets(this.ctx.reader, this.fsa, this.dir);
    const clock = this.ctx.clockOf(s.cs);
    const seekable = this.ctx.hasBeginTimestamp(s.cs);
    for (let i = packets.length - 1; i >= 0; i--) {
      const b = packets[i].begin;
      const from = seekable && b !== undefined ? clock.toNs(b) : undefined;
      const end = lastTs(new CtfStreamCursor(this.ctx, s, { ...settings, start: from }));
      if (end !== undefined) return { start, end: end > start ? end : start };
      if (from === undefined) break;
    }
    return { start, end: start };
  }

  losses(): readonly LossRecord[] {
    return this.ctx.lossList;
  }

  close(): void {
    for (const s of this.streams) for (const f of s.files) f.src.close();
  }
}

/** Latest timestamp a cursor yields (stops quietly at corrupt data). */
function lastTs(cursor: StreamCursor): bigint | undefined {
  let end: bigint | undefined;
  try {
    for (let c = cursor.next(); c; c = cursor.next()) {
      for (let k = 0; k < c.length; k++) {
        const t = tsAt(c.ts, k);
        if (end === undefined || t > end) end = t;
      }
    }
  } catch (e) {
    if (!(e instanceof TraceDataError)) throw e;
  }
  return end;
}

function tsAt(ts: Uint32Array, k: number): bigint {
  return BigInt.asIntN(64, (BigInt(ts[2 * k + 1]) << 32n) | BigInt(ts[2 * k]));
}
