/**
 * A Chrome / Perfetto trace-event JSON file as a `TraceSource`. A first pass streams the file (`json-scan.ts`),
 * parses each event object leniently, learns the classes (one per event name) and field types, and indexes each
 * event (timestamp, byte span); the events are then read in timestamp order (stable: file order among equal
 * timestamps), re-reading and re-parsing each object, so big files are never held in memory.
 *
 * Metadata events (`ph: "M"`: process / thread names, sort indexes, labels) are not events of the stream: they go
 * to the trace environment as `process_name:<pid>`, `thread_name:<pid>:<tid>`, `<name>:<pid>[:<tid>]` — the way
 * Trace Compass counts them. Scalar top-level members of the object form go to the environment too
 * (`displayTimeUnit` ...). Objects that fail even the lenient parse are skipped and counted (`malformed_events`).
 */
import * as path from 'node:path';
import type { ByteSource, FileSystemAccess } from '../../io/byte-source';
import type { CursorOptions, EventChunk, SourceClass, StreamCursor, TraceSource } from '../../trace/source';
import type { LossRecord, TraceInfo } from '../../trace/types';
import { RecordIndex, RecordReader } from '../ftrace/record-index';
import { ClassSchema, RowChunk } from '../ftrace/row-chunk';
import type { Row } from '../ftrace/row-chunk';
import { toRecord } from './event-record';
import type { EventRecord } from './event-record';
import { scanTraceEvents } from './json-scan';
import { parseLenientJson } from './lenient-json';
import type { JsonValue } from './lenient-json';

export const TRACE_EVENT_FORMAT_ID = 'trace-event';

const decoder = new TextDecoder('utf-8');

/** Parses the object bytes into a record, or undefined (not an event / malformed). */
export function parseRecord(bytes: Uint8Array): EventRecord | undefined | 'malformed' {
  let v: JsonValue;
  try {
    v = parseLenientJson(decoder.decode(bytes));
  } catch {
    return 'malformed';
  }
  return toRecord(v);
}

function scalarText(v: JsonValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'raw' in v && typeof v.raw === 'string') return v.raw;
  return JSON.stringify(v);
}

function metadata(r: EventRecord, env: Record<string, string | bigint>): void {
  const f = (n: string): string | undefined => {
    const x = r.fields.find(q => q.name === n);
    return x === undefined ? undefined : x.raw;
  };
  const pid = f('pid') ?? '';
  const tid = f('tid') ?? '';
  const a = r.args ?? {};
  const value = scalarText(a.name ?? a.sort_index ?? a.labels ?? a.number) ?? JSON.stringify(a);
  const key = r.name.startsWith('process_') ? `${r.name}:${pid}` : `${r.name}:${pid}:${tid}`;
  env[key] = value;
}

interface Scan {
  schemas: ClassSchema[];
  index: RecordIndex;
  env: Record<string, string | bigint>;
}

function scan(src: ByteSource): Scan {
  const byName = new Map<string, ClassSchema>();
  const schemas: ClassSchema[] = [];
  const index = new RecordIndex();
  const env: Record<string, string | bigint> = {};
  let malformed = 0;
  let meta = 0;
  const summary = scanTraceEvents(src, {
    object(offset, length, bytes) {
      const r = parseRecord(bytes);
      if (r === 'malformed') malformed++;
      if (r === 'malformed' || r === undefined) return;
      if (r.ph === 'M') {
        meta++;
        metadata(r, env);
        return;
      }
      let schema = byName.get(r.name);
      if (schema === undefined) {
        schema = new ClassSchema(r.name);
        byName.set(r.name, schema);
        schemas.push(schema);
      }
      for (const f of r.fields) schema.observe(f.name, f.kind);
      index.push(r.ts!, offset, length);
    },
    member(key, raw) {
      env[key] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    }
  });
  env.json_form = summary.form;
  env.metadata_events = BigInt(meta);
  env.malformed_events = BigInt(malformed);
  return { schemas, index, env };
}

class TraceEventCursor implements StreamCursor {
  private pos: number;
  private readonly reader: RecordReader;

  constructor(
    private readonly src: TraceEventSource,
    private readonly order: Int32Array,
    private readonly opts: CursorOptions
  ) {
    this.pos = opts.start === undefined ? 0 : src.index.seek(order, opts.start);
    this.reader = new RecordReader(src.byteSource, src.index.inOrder ? 1 << 20 : 1 << 16);
  }

  next(): EventChunk | null {
    const size = Math.max(1, this.opts.chunkSize ?? 4096);
    const ts: bigint[] = [];
    const cls: number[] = [];
    const cpu: number[] = [];
    const rows: Row[] = [];
    const idx = this.src.index;
    while (this.pos < this.order.length && ts.length < size) {
      const e = this.order[this.pos++];
      const r = parseRecord(this.reader.read(idx.offset[e], idx.size[e]));
      if (r === undefined || r === 'malformed') continue;
      const c = this.src.classIndex.get(r.name);
      if (c === undefined || (this.opts.classes !== undefined && !this.opts.classes.has(c))) continue;
      ts.push(idx.ts[e]);
      cls.push(c);
      cpu.push(-1);
      rows.push(this.src.schemas[c].row(r.fields));
    }
    return ts.length === 0 ? null : new RowChunk(ts, cls, cpu, rows);
  }
}

export class TraceEventSource implements TraceSource {
  readonly info: Omit<TraceInfo, 'index'>;
  readonly classes: readonly SourceClass[];
  readonly streamNames: readonly string[];
  readonly schemas: readonly ClassSchema[];
  readonly index: RecordIndex;
  readonly classIndex = new Map<string, number>();
  readonly byteSource: ByteSource;
  private orderCache: Int32Array | undefined;

  constructor(file: string, fsa: FileSystemAccess) {
    this.byteSource = fsa.open(file);
    const s = scan(this.byteSource);
    this.schemas = s.schemas;
    this.index = s.index;
    s.schemas.forEach((c, i) => this.classIndex.set(c.name, i));
    this.classes = s.schemas.map(c => ({ name: c.name, fields: c.fields() }));
    const name = path.basename(file);
    this.streamNames = [name];
    this.info = {
      path: file,
      format: TRACE_EVENT_FORMAT_ID,
      hostname: name,
      domain: '',
      tracer: 'trace-event',
      streams: 1,
      env: s.env
    };
  }

  cursors(opts: CursorOptions): StreamCursor[] {
    this.orderCache ??= this.index.order();
    return [new TraceEventCursor(this, this.orderCache, opts)];
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    return this.index.timeRange();
  }

  losses(): readonly LossRecord[] {
    return [];
  }

  close(): void {
    this.byteSource.close();
  }
}
