/**
 * `openXmlStubExperiment`: one or more Trace Compass XML stub traces as an `Experiment`.
 *
 * Scope: reads and parses each file whole (stub traces are small), names each trace's host after its file name
 * (as Trace Compass does in multi-trace experiments), takes each event's CPU from its `cpu` field, and merges the
 * events of all files in a stable timestamp order (ties keep file order, then document order). Malformed XML is
 * reported at open time as an `XmlStubError` (a `TraceDataError` naming the file, byte offset, line and column).
 */
import * as path from 'node:path';
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import { TraceDataError } from '../../trace/types';
import type {
  EventBatch,
  EventClassInfo,
  Experiment,
  LossRecord,
  ReadOptions,
  TraceInfo
} from '../../trace/types';
import { StubBatch } from './stub-batch';
import type { StubColumns } from './stub-batch';
import type { StubClassBuilder } from './stub-classes';
import { classify } from './stub-classes';
import { parseStubTrace } from './stub-parser';
import type { StubTrace, StubValue } from './stub-parser';
import { XmlSyntaxError } from './xml-tokenizer';

export const XML_STUB_FORMAT_ID = 'tc-xml-stub';

/** Malformed stub XML: `line`/`column` are 1-based; `offset` is the byte offset in the file. */
export class XmlStubError extends TraceDataError {
  constructor(
    reason: string,
    file: string,
    offset: number,
    readonly line: number,
    readonly column: number
  ) {
    super(`line ${line}, column ${column}: ${reason}`, file, offset);
    this.name = 'XmlStubError';
  }
}

/** Parses one file; XML errors become `XmlStubError`s. */
export function readStubFile(file: string, fsa: FileSystemAccess): StubTrace {
  const text = new TextDecoder('utf-8').decode(fsa.readAll(file));
  try {
    return parseStubTrace(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    const offset = new TextEncoder().encode(text.slice(0, e.pos)).length;
    throw new XmlStubError(e.reason, file, offset, e.line, e.column);
  }
}

interface Loaded {
  traces: TraceInfo[];
  classes: EventClassInfo[];
  cols: StubColumns;
}

function cpuOf(row: readonly (StubValue | undefined)[], k: number): number {
  const v = k < 0 ? undefined : row[k];
  return typeof v === 'number' && Number.isInteger(v) ? v : -1;
}

function load(paths: readonly string[], fsa: FileSystemAccess): Loaded {
  const builders: StubClassBuilder[] = [];
  const traces: TraceInfo[] = [];
  const parts: { ts: bigint; cpu: number; cls: number; stream: number; row: (StubValue | undefined)[] }[] =
    [];
  paths.forEach((file, t) => {
    const stub = readStubFile(file, fsa);
    const { classIds, rows } = classify(stub.events, t, builders);
    stub.events.forEach((ev, e) => {
      const cls = builders[classIds[e]];
      const cpuCol = cls.fields.findIndex(f => f.name === 'cpu');
      parts.push({ ts: ev.ts, cpu: cpuOf(rows[e], cpuCol), cls: cls.id, stream: t, row: rows[e] });
    });
    traces.push({
      index: t,
      path: file,
      format: XML_STUB_FORMAT_ID,
      hostname: path.basename(file),
      domain: '',
      tracer: 'tc-xml-stub',
      streams: 1,
      env: {}
    });
  });
  // Array.prototype.sort is stable: equal timestamps keep file order, then document order.
  parts.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const n = parts.length;
  const cols = {
    ts: new BigInt64Array(n),
    cpu: new Int32Array(n),
    classId: new Int32Array(n),
    stream: new Int32Array(n),
    rows: parts.map(p => p.row)
  };
  parts.forEach((p, i) => {
    cols.ts[i] = p.ts;
    cols.cpu[i] = p.cpu;
    cols.classId[i] = p.cls;
    cols.stream[i] = p.stream;
  });
  return { traces, classes: builders.map(b => b.toInfo()), cols };
}

class XmlStubExperiment implements Experiment {
  readonly traces: readonly TraceInfo[];
  readonly eventClasses: readonly EventClassInfo[];
  private readonly cols: StubColumns;

  constructor(paths: readonly string[], fsa: FileSystemAccess) {
    const loaded = load(paths, fsa);
    this.traces = loaded.traces;
    this.eventClasses = loaded.classes;
    this.cols = loaded.cols;
  }

  streamName(stream: number): string {
    const t = this.traces[stream];
    return t === undefined ? `stream ${stream}` : t.hostname;
  }

  *batches(opts: ReadOptions = {}): Iterable<EventBatch> {
    const size = Math.max(1, opts.batchSize ?? 65536);
    const { ts, classId } = this.cols;
    const pending: number[] = [];
    for (let r = 0; r < ts.length; r++) {
      if (opts.start !== undefined && ts[r] < opts.start) continue;
      if (opts.end !== undefined && ts[r] > opts.end) break;
      if (opts.classIds !== undefined && !opts.classIds.has(classId[r])) continue;
      pending.push(r);
      if (pending.length === size) {
        yield new StubBatch(this.cols, Int32Array.from(pending));
        pending.length = 0;
      }
    }
    if (pending.length > 0) yield new StubBatch(this.cols, Int32Array.from(pending));
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    const ts = this.cols.ts;
    return ts.length === 0 ? undefined : { start: ts[0], end: ts[ts.length - 1] };
  }

  losses(): readonly LossRecord[] {
    return [];
  }

  close(): void {}
}

/** Opens XML stub traces as one experiment (one trace per file, host = file name). */
export function openXmlStubExperiment(
  paths: readonly string[],
  fsa: FileSystemAccess = nodeFileSystem
): Experiment {
  return new XmlStubExperiment(paths, fsa);
}
