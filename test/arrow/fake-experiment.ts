/**
 * A tiny in-memory `Experiment` for the Arrow and CLI tests: classes, fields and events given literally, so the
 * expected table contents are known by construction.
 */
import type {
  EventBatch,
  EventClassInfo,
  Experiment,
  FieldInfo,
  FieldValue,
  LossRecord,
  ReadOptions,
  TraceInfo
} from '../../src/analysis/trace/types';
import { OwnRows } from '../../src/analysis/trace/read-ints';
import { TraceDataError } from '../../src/analysis/trace/types';

export interface FakeEvent {
  ts: bigint;
  cpu: number;
  cls: number;
  stream: number;
  values: (FieldValue | undefined)[];
}

export interface FakeClass {
  name: string;
  traceIndex: number;
  fields: FieldInfo[];
}

class FakeBatch extends OwnRows implements EventBatch {
  readonly length: number;
  readonly ts: BigInt64Array;
  readonly cpu: Int32Array;
  readonly classId: Int32Array;
  readonly stream: Int32Array;
  constructor(private readonly events: FakeEvent[]) {
    super();
    this.length = events.length;
    this.ts = BigInt64Array.from(events, e => e.ts);
    this.cpu = Int32Array.from(events, e => e.cpu);
    this.classId = Int32Array.from(events, e => e.cls);
    this.stream = Int32Array.from(events, e => e.stream);
  }
  value(i: number, field: number): FieldValue | undefined {
    return this.events[i].values[field];
  }
  int(i: number, field: number): number {
    const v = this.value(i, field);
    if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
    if (typeof v === 'bigint') return Number(v);
    if (v !== null && typeof v === 'object' && 'value' in v && !Array.isArray(v)) return Number(v.value);
    return NaN;
  }
  bigint(i: number, field: number): bigint | undefined {
    const v = this.value(i, field);
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
    if (v !== null && typeof v === 'object' && 'value' in v && !Array.isArray(v)) {
      return BigInt(v.value as bigint);
    }
    return undefined;
  }
  str(i: number, field: number): string | undefined {
    const v = this.value(i, field);
    return typeof v === 'string' ? v : undefined;
  }
}

export interface FakeOptions {
  traces?: Partial<TraceInfo>[];
  streams?: string[];
  /** Throw a TraceDataError after this many events (simulating damage). */
  failAfter?: number;
  losses?: LossRecord[];
}

export function fakeExperiment(classes: FakeClass[], events: FakeEvent[], o: FakeOptions = {}): Experiment {
  const streams = o.streams ?? ['s0'];
  const traces: TraceInfo[] = (o.traces ?? [{}]).map((t, index) => ({
    index,
    path: `/fake/trace${index}`,
    format: 'ctf',
    hostname: `host${index}`,
    domain: 'kernel',
    tracer: 'fake',
    streams: index === 0 ? streams.length : 0,
    env: {},
    ...t
  }));
  const eventClasses: EventClassInfo[] = classes.map((c, id) => ({
    id,
    traceIndex: c.traceIndex,
    name: c.name,
    fields: c.fields,
    fieldIndex: (name: string) => c.fields.findIndex(f => f.name === name)
  }));
  return {
    traces,
    eventClasses,
    streamName: s => streams[s] ?? `stream ${s}`,
    *batches(opts: ReadOptions = {}) {
      const size = opts.batchSize ?? 65536;
      let pending: FakeEvent[] = [];
      let seen = 0;
      for (const e of events) {
        if (o.failAfter !== undefined && seen++ >= o.failAfter) {
          if (pending.length > 0) yield new FakeBatch(pending);
          throw new TraceDataError('bad event header', '/fake/trace0/s0', 4096);
        }
        if (opts.start !== undefined && e.ts < opts.start) continue;
        if (opts.end !== undefined && e.ts > opts.end) continue;
        if (opts.classIds && !opts.classIds.has(e.cls)) continue;
        pending.push(e);
        if (pending.length >= size) {
          yield new FakeBatch(pending);
          pending = [];
        }
      }
      if (pending.length > 0) yield new FakeBatch(pending);
    },
    timeRange: () => (events.length ? { start: events[0].ts, end: events[events.length - 1].ts } : undefined),
    losses: () => o.losses ?? [],
    close: () => undefined
  };
}

/** A two-class experiment exercising every field type. */
export function sampleExperiment(opts: FakeOptions = {}): Experiment {
  const f = (name: string, type: FieldInfo['type'], bits?: number, scope: FieldInfo['scope'] = 'payload') =>
    ({ name, type, bits, scope }) as FieldInfo;
  const classes: FakeClass[] = [
    {
      name: 'sched_switch',
      traceIndex: 0,
      fields: [
        f('tid', 'int', 32, 'context'),
        f('prev_comm', 'string'),
        f('prev_tid', 'int', 32),
        f('prev_state', 'enum', 64),
        f('v.id', 'uint', 64),
        f('v.ratio', 'float'),
        f('cpu', 'uint', 8)
      ]
    },
    {
      name: 'perf_sample',
      traceIndex: 0,
      fields: [
        f('ip', 'uint', 64),
        f('stack', 'list'),
        f('ok', 'bool'),
        f('blob', 'bytes'),
        f('opt', 'variant')
      ]
    }
  ];
  const big = 0xffffffff81000123n;
  const events: FakeEvent[] = [
    {
      ts: 1000n,
      cpu: 0,
      cls: 0,
      stream: 0,
      values: [42, 'bash "q"\n<script>', 42, { label: 'TASK_RUNNING', value: 0 }, 7, 0.5, 0]
    },
    {
      ts: 2000n,
      cpu: 1,
      cls: 1,
      stream: 1,
      values: [big, [1, 2, 3n], true, new Uint8Array([1, 2]), { a: 1 }]
    },
    {
      ts: 9007199254740993n,
      cpu: 1,
      cls: 0,
      stream: 1,
      values: [-1, 'ü€😀', -7, { label: ['A', 'B'], value: 3n }, 18446744073709551615n, undefined, 255]
    },
    { ts: 9007199254740995n, cpu: 0, cls: 1, stream: 0, values: [1n, [], false, undefined, undefined] }
  ];
  return fakeExperiment(classes, events, { streams: ['chan_0', 'chan_1'], ...opts });
}
