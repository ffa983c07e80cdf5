/**
 * A `TraceSource` over records already parsed into memory, for small document formats read in one piece (Google
 * Cloud Trace span lists, JSON point series): one stream, one class per record name with widened field types
 * (`ClassSchema`), records served in timestamp order (stable: document order among equal timestamps).
 *
 * Scope: holding, ordering and chunking records; parsing belongs to each format's reader.
 */
import * as path from 'node:path';
import type { EventChunk, CursorOptions, SourceClass, StreamCursor, TraceSource } from '../trace/source';
import type { LossRecord, TraceInfo } from '../trace/types';
import type { ParsedField } from './ftrace/body';
import { ClassSchema, RowChunk } from './ftrace/row-chunk';
import type { Row } from './ftrace/row-chunk';

/** One parsed event: its class name, ns timestamp and fields. */
export interface MemoryRecord {
  readonly name: string;
  readonly ts: bigint;
  readonly fields: readonly ParsedField[];
}

export interface MemorySourceInfo {
  readonly file: string;
  readonly format: string;
  readonly tracer: string;
  readonly env: Record<string, string | bigint>;
}

class MemoryCursor implements StreamCursor {
  private pos: number;

  constructor(
    private readonly src: MemoryRecordSource,
    private readonly opts: CursorOptions
  ) {
    this.pos = opts.start === undefined ? 0 : src.seek(opts.start);
  }

  next(): EventChunk | null {
    const size = Math.max(1, this.opts.chunkSize ?? 4096);
    const ts: bigint[] = [];
    const cls: number[] = [];
    const rows: Row[] = [];
    const { records, classOf, schemas } = this.src;
    while (this.pos < records.length && ts.length < size) {
      const k = this.pos++;
      const c = classOf[k];
      if (this.opts.classes !== undefined && !this.opts.classes.has(c)) continue;
      ts.push(records[k].ts);
      cls.push(c);
      rows.push(schemas[c].row(records[k].fields));
    }
    return ts.length === 0 ? null : new RowChunk(ts, cls, new Array<number>(ts.length).fill(-1), rows);
  }
}

export class MemoryRecordSource implements TraceSource {
  readonly info: Omit<TraceInfo, 'index'>;
  readonly classes: readonly SourceClass[];
  readonly streamNames: readonly string[];
  /** Records in timestamp order, and the class index of each. */
  readonly records: readonly MemoryRecord[];
  readonly classOf: Int32Array;
  readonly schemas: readonly ClassSchema[];

  constructor(records: readonly MemoryRecord[], info: MemorySourceInfo) {
    this.records = records
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (a.r.ts < b.r.ts ? -1 : a.r.ts > b.r.ts ? 1 : a.i - b.i))
      .map(x => x.r);
    const byName = new Map<string, number>();
    const schemas: ClassSchema[] = [];
    this.classOf = new Int32Array(this.records.length);
    this.records.forEach((r, k) => {
      let c = byName.get(r.name);
      if (c === undefined) {
        c = schemas.length;
        byName.set(r.name, c);
        schemas.push(new ClassSchema(r.name));
      }
      for (const f of r.fields) schemas[c].observe(f.name, f.kind);
      this.classOf[k] = c;
    });
    this.schemas = schemas;
    this.classes = schemas.map(s => ({ name: s.name, fields: s.fields() }));
    const name = path.basename(info.file);
    this.streamNames = [name];
    this.info = {
      path: info.file,
      format: info.format,
      hostname: name,
      domain: '',
      tracer: info.tracer,
      streams: 1,
      env: info.env
    };
  }

  /** First record position whose timestamp is >= `start`. */
  seek(start: bigint): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.records[mid].ts < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  cursors(opts: CursorOptions): StreamCursor[] {
    return [new MemoryCursor(this, opts)];
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    const n = this.records.length;
    return n === 0 ? undefined : { start: this.records[0].ts, end: this.records[n - 1].ts };
  }

  losses(): readonly LossRecord[] {
    return [];
  }

  close(): void {}
}

/** Reads a whole JSON document's text (these formats are small documents, parsed in one piece). */
export function documentText(bytes: Uint8Array): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8').decode(bytes.subarray(bom));
}
