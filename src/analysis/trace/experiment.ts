/**
 * `Experiment` over trace sources (one per trace, any format that yields stream cursors): numbers the event
 * classes and streams of all traces globally and merges every stream of every trace in timestamp order.
 */
import { mergeCursors } from './merge';
import type { MergeInput } from './merge';
import type { SourceClass, TraceSource } from './source';
import type {
  EventBatch,
  EventClassInfo,
  Experiment,
  FieldInfo,
  LossRecord,
  ReadOptions,
  TraceInfo
} from './types';

class ClassInfo implements EventClassInfo {
  private byName: Map<string, number> | undefined;
  readonly name: string;
  constructor(
    readonly id: number,
    readonly traceIndex: number,
    private readonly source: SourceClass
  ) {
    this.name = source.name;
  }
  /** The source's list, asked for only when used. */
  get fields(): readonly FieldInfo[] {
    return this.source.fields;
  }
  /** Index of a field by display name; on a name clash the payload wins over the contexts. */
  fieldIndex(name: string): number {
    if (!this.byName) {
      const m = new Map<string, number>();
      const rank = { payload: 0, context: 1, common_context: 2 };
      const order = this.fields
        .map((_, i) => i)
        .sort((a, b) => rank[this.fields[a].scope] - rank[this.fields[b].scope]);
      for (const i of order) if (!m.has(this.fields[i].name)) m.set(this.fields[i].name, i);
      this.byName = m;
    }
    return this.byName.get(name) ?? -1;
  }
}

export class SourceExperiment implements Experiment {
  readonly traces: TraceInfo[];
  readonly eventClasses: EventClassInfo[] = [];
  private readonly classBase: number[] = [];
  private readonly streamBase: number[] = [];
  private readonly names: string[] = [];

  constructor(private readonly sources: TraceSource[]) {
    this.traces = sources.map((s, index) => ({ ...s.info, index }));
    sources.forEach((s, t) => {
      this.classBase.push(this.eventClasses.length);
      for (const c of s.classes) {
        this.eventClasses.push(new ClassInfo(this.eventClasses.length, t, c));
      }
      this.streamBase.push(this.names.length);
      this.names.push(...s.streamNames);
    });
  }

  streamName(stream: number): string {
    return this.names[stream] ?? `stream ${stream}`;
  }

  batches(opts: ReadOptions = {}): Iterable<EventBatch> {
    return {
      [Symbol.iterator]: () =>
        mergeCursors(this.inputs(opts), {
          end: opts.end,
          batchSize: opts.batchSize,
          streaming: opts.streaming
        })
    };
  }

  /** Fresh cursors over every stream of every trace (one set per iteration). */
  private inputs(opts: ReadOptions): MergeInput[] {
    const inputs: MergeInput[] = [];
    this.sources.forEach((s, t) => {
      const base = this.classBase[t];
      let classes: Set<number> | undefined;
      if (opts.classIds) {
        classes = new Set();
        for (const id of opts.classIds) {
          if (id >= base && id < base + s.classes.length) classes.add(id - base);
        }
      }
      for (const cursor of s.cursors({ start: opts.start, classes, streaming: opts.streaming })) {
        inputs.push({ cursor, classBase: base, streamBase: this.streamBase[t] });
      }
    });
    return inputs;
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    let r: { start: bigint; end: bigint } | undefined;
    for (const s of this.sources) {
      const t = s.timeRange();
      if (!t) continue;
      r = r ? { start: t.start < r.start ? t.start : r.start, end: t.end > r.end ? t.end : r.end } : { ...t };
    }
    return r;
  }

  losses(): readonly LossRecord[] {
    const out: LossRecord[] = [];
    this.sources.forEach((s, t) => {
      for (const l of s.losses()) out.push({ ...l, traceIndex: t });
    });
    return out;
  }

  close(): void {
    for (const s of this.sources) s.close();
  }
}
