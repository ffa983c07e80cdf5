/**
 * An experiment made of experiments of different formats (e.g. CTF traces with XML stub traces): their batches
 * are merged by timestamp with the same merger as streams (`merge.ts`), each sub-experiment acting as one cursor
 * whose chunks are its batches. Class ids, stream indexes and trace indexes are renumbered globally.
 */
import { mergeCursors } from './merge';
import type { MergeInput } from './merge';
import type { EventChunk, StreamCursor } from './source';
import type {
  EventBatch,
  EventClassInfo,
  Experiment,
  FieldValue,
  LossRecord,
  ReadOptions,
  TraceInfo
} from './types';

/** Rounded ns keys of (lo, hi) timestamp halves. */
export function keysOf(ts: Uint32Array, n: number): Float64Array {
  const key = new Float64Array(n);
  for (let k = 0; k < n; k++) key[k] = (ts[2 * k + 1] | 0) * 4294967296 + ts[2 * k];
  return key;
}

class BatchChunk implements EventChunk {
  readonly length: number;
  readonly ts: Uint32Array;
  readonly key: Float64Array;
  readonly cls: Int32Array;
  readonly cpu: Int32Array;
  readonly stream = 0;
  readonly streams: Int32Array;
  constructor(private readonly b: EventBatch) {
    this.length = b.length;
    this.ts = new Uint32Array(b.ts.buffer, b.ts.byteOffset, 2 * b.length);
    this.key = keysOf(this.ts, b.length);
    this.cls = b.classId;
    this.cpu = b.cpu;
    this.streams = b.stream;
  }
  int(k: number, f: number): number {
    return this.b.int(k, f);
  }
  readInts(k: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    this.b.readInts(k, count, num, hi, lo);
  }
  bigint(k: number, f: number): bigint | undefined {
    return this.b.bigint(k, f);
  }
  str(k: number, f: number): string | undefined {
    return this.b.str(k, f);
  }
  value(k: number, f: number): FieldValue | undefined {
    return this.b.value(k, f);
  }
}

class BatchCursor implements StreamCursor {
  private readonly it: Iterator<EventBatch>;
  constructor(batches: Iterable<EventBatch>) {
    this.it = batches[Symbol.iterator]();
  }
  next(): EventChunk | null {
    for (;;) {
      const r = this.it.next();
      if (r.done) return null;
      if (r.value.length > 0) return new BatchChunk(r.value);
    }
  }
}

export class CombinedExperiment implements Experiment {
  readonly traces: TraceInfo[] = [];
  readonly eventClasses: EventClassInfo[] = [];
  private readonly classBase: number[] = [];
  private readonly streamBase: number[] = [];
  private readonly traceBase: number[] = [];
  private readonly streamOwner: [number, number][] = [];

  constructor(private readonly parts: Experiment[]) {
    parts.forEach((x, p) => {
      this.classBase.push(this.eventClasses.length);
      this.traceBase.push(this.traces.length);
      for (const t of x.traces) this.traces.push({ ...t, index: this.traces.length });
      for (const c of x.eventClasses) {
        const info: EventClassInfo = Object.create(c) as EventClassInfo;
        Object.defineProperty(info, 'id', { value: this.eventClasses.length });
        Object.defineProperty(info, 'traceIndex', { value: this.traceBase[p] + c.traceIndex });
        this.eventClasses.push(info);
      }
      this.streamBase.push(this.streamOwner.length);
      const nStreams = x.traces.reduce((s, t) => s + t.streams, 0);
      for (let s = 0; s < nStreams; s++) this.streamOwner.push([p, s]);
    });
  }

  streamName(stream: number): string {
    const o = this.streamOwner[stream];
    return o ? this.parts[o[0]].streamName(o[1]) : `stream ${stream}`;
  }

  batches(opts: ReadOptions = {}): Iterable<EventBatch> {
    const make = (): MergeInput[] =>
      this.parts.map((x, p) => {
        const base = this.classBase[p];
        const ids = opts.classIds
          ? new Set([...opts.classIds].map(i => i - base).filter(i => i >= 0))
          : undefined;
        // The parts' batches serve as chunks that outlive the part's next batch: never streaming below.
        const cursor = new BatchCursor(x.batches({ ...opts, classIds: ids, streaming: false }));
        return { cursor, classBase: base, streamBase: this.streamBase[p] };
      });
    return { [Symbol.iterator]: () => mergeCursors(make(), opts) };
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    let r: { start: bigint; end: bigint } | undefined;
    for (const x of this.parts) {
      const t = x.timeRange();
      if (t) r = r ? { start: t.start < r.start ? t.start : r.start, end: t.end > r.end ? t.end : r.end } : t;
    }
    return r;
  }

  losses(): readonly LossRecord[] {
    return this.parts.flatMap((x, p) =>
      x.losses().map(l => ({ ...l, traceIndex: this.traceBase[p] + l.traceIndex }))
    );
  }

  close(): void {
    for (const x of this.parts) x.close();
  }
}
