/**
 * An ftrace text file as a `TraceSource`: a first pass streams the file line by line, learns the event classes
 * and their field types, indexes each event line (timestamp, offset, length) and reads the header (`# tracer:`,
 * `#P:n` / `cpus=n`); cursors re-read and re-parse the lines in time order (the file's order when it is sorted).
 *
 * Classes are `system:event` (see `systems.ts`); every class starts with the common fields `common_comm`,
 * `common_pid`, and `common_flags` / `common_tgid` when the file prints them (scope `common_context`).
 */
import * as path from 'node:path';
import type { ByteSource, FileSystemAccess } from '../../io/byte-source';
import type { CursorOptions, EventChunk, SourceClass, StreamCursor, TraceSource } from '../../trace/source';
import type { LossRecord, TraceInfo } from '../../trace/types';
import { parseBody } from './body';
import type { ParsedField } from './body';
import { parseLine } from './line';
import type { LineHeader } from './line';
import { forEachLine, RecordIndex, RecordReader } from './record-index';
import { ClassSchema, RowChunk } from './row-chunk';
import type { Row } from './row-chunk';
import { qualifiedName } from './systems';

export const FTRACE_FORMAT_ID = 'ftrace';

const decoder = new TextDecoder('utf-8');

function commonFields(h: LineHeader): ParsedField[] {
  const out: ParsedField[] = [
    { name: 'common_comm', kind: 'string', value: h.comm, raw: h.comm },
    { name: 'common_pid', kind: 'int', value: h.pid, raw: String(h.pid) }
  ];
  if (h.tgid >= 0) out.push({ name: 'common_tgid', kind: 'int', value: h.tgid, raw: String(h.tgid) });
  if (h.flags !== '') out.push({ name: 'common_flags', kind: 'string', value: h.flags, raw: h.flags });
  return out;
}

/** All fields of an event line: common ones first. */
export function lineFields(h: LineHeader): ParsedField[] {
  return [...commonFields(h), ...parseBody(h.event, h.body)];
}

interface ScanResult {
  schemas: ClassSchema[];
  index: RecordIndex;
  env: Record<string, string | bigint>;
  losses: LossRecord[];
}

function scanHeaderLine(text: string, env: Record<string, string | bigint>): void {
  const tracer = /^#\s*tracer:\s*(\S+)/.exec(text);
  if (tracer !== null) env.tracer = tracer[1];
  const cpus = /#P:(\d+)/.exec(text) ?? /^cpus=(\d+)/.exec(text);
  if (cpus !== null) env.cpus = BigInt(cpus[1]);
  const entries = /entries-in-buffer\/entries-written:\s*(\d+)\/(\d+)/.exec(text);
  if (entries !== null) {
    env.entries_in_buffer = BigInt(entries[1]);
    env.entries_written = BigInt(entries[2]);
  }
  if (/^cpus=\d+/.test(text) || /^version\s*=/.test(text)) env.producer = 'trace-cmd';
}

function scan(src: ByteSource): ScanResult {
  const byName = new Map<string, ClassSchema>();
  const schemas: ClassSchema[] = [];
  const index = new RecordIndex();
  const env: Record<string, string | bigint> = {};
  const losses: LossRecord[] = [];
  let lastTs = 0n;
  forEachLine(src, (bytes, offset) => {
    const text = decoder.decode(bytes);
    const parsed = parseLine(text);
    if (parsed.kind === 'other') {
      if (index.length === 0) scanHeaderLine(text, env);
      return;
    }
    if (parsed.kind === 'lost') {
      const stream = `cpu${parsed.cpu}`;
      losses.push({ traceIndex: 0, stream, kind: 'events', count: parsed.count, start: lastTs, end: lastTs });
      return;
    }
    const h = parsed.header;
    const name = qualifiedName(h.event);
    let schema = byName.get(name);
    if (schema === undefined) {
      schema = new ClassSchema(name);
      byName.set(name, schema);
      schemas.push(schema);
    }
    for (const f of lineFields(h)) {
      schema.observe(f.name, f.kind, f.name.startsWith('common_') ? 'common_context' : 'payload');
    }
    index.push(h.ts, offset, bytes.length);
    lastTs = h.ts;
  });
  return { schemas, index, env, losses };
}

class FtraceCursor implements StreamCursor {
  private pos: number;
  private readonly reader: RecordReader;

  constructor(
    private readonly src: FtraceSource,
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
      const r = this.order[this.pos++];
      const line = decoder.decode(this.reader.read(idx.offset[r], idx.size[r]));
      const parsed = parseLine(line);
      if (parsed.kind !== 'event') continue;
      const c = this.src.classIndex.get(qualifiedName(parsed.header.event));
      if (c === undefined || (this.opts.classes !== undefined && !this.opts.classes.has(c))) continue;
      const schema = this.src.schemas[c];
      const row = schema.row(lineFields(parsed.header));
      ts.push(parsed.header.ts);
      cls.push(c);
      cpu.push(parsed.header.cpu);
      rows.push(row);
    }
    return ts.length === 0 ? null : new RowChunk(ts, cls, cpu, rows);
  }
}

export class FtraceSource implements TraceSource {
  readonly info: Omit<TraceInfo, 'index'>;
  readonly classes: readonly SourceClass[];
  readonly streamNames: readonly string[];
  readonly schemas: readonly ClassSchema[];
  readonly index: RecordIndex;
  readonly classIndex = new Map<string, number>();
  readonly byteSource: ByteSource;
  private readonly lost: LossRecord[];
  private orderCache: Int32Array | undefined;

  constructor(file: string, fsa: FileSystemAccess) {
    this.byteSource = fsa.open(file);
    const s = scan(this.byteSource);
    this.schemas = s.schemas;
    this.index = s.index;
    this.lost = s.losses;
    s.schemas.forEach((c, i) => this.classIndex.set(c.name, i));
    this.classes = s.schemas.map(c => ({ name: c.name, fields: c.fields() }));
    const name = path.basename(file);
    this.streamNames = [name];
    this.info = {
      path: file,
      format: FTRACE_FORMAT_ID,
      hostname: name,
      domain: 'kernel',
      tracer: s.env.producer === 'trace-cmd' ? 'trace-cmd' : 'ftrace',
      streams: 1,
      env: s.env
    };
  }

  cursors(opts: CursorOptions): StreamCursor[] {
    this.orderCache ??= this.index.order();
    return [new FtraceCursor(this, this.orderCache, opts)];
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    return this.index.timeRange();
  }

  losses(): readonly LossRecord[] {
    return this.lost;
  }

  close(): void {
    this.byteSource.close();
  }
}
