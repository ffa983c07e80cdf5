/**
 * Test helper: an in-memory `Experiment` built from a list of events (time, name, cpu, fields), for small traces
 * whose expected states are worked out by hand.
 */
import { readIntsVia } from '../../src/analysis/trace/read-ints';
import type {
  EventBatch,
  EventClassInfo,
  Experiment,
  FieldInfo,
  FieldValue
} from '../../src/analysis/trace/types';

export type EvValue = number | bigint | string | null;

export interface Ev {
  ts: number | bigint;
  name: string;
  cpu?: number;
  trace?: number;
  fields?: Record<string, EvValue>;
}

function typeOf(v: EvValue): FieldInfo['type'] {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' && !Number.isInteger(v)) return 'float';
  return 'int';
}

export function memoryExperiment(events: readonly Ev[], hosts: readonly string[] = ['host']): Experiment {
  const sorted = [...events].sort((a, b) =>
    BigInt(a.ts) < BigInt(b.ts) ? -1 : BigInt(a.ts) > BigInt(b.ts) ? 1 : 0
  );
  const classes: { name: string; trace: number; fields: FieldInfo[]; index: Map<string, number> }[] = [];
  const classOf = (e: Ev): number => {
    const trace = e.trace ?? 0;
    let k = classes.findIndex(c => c.name === e.name && c.trace === trace);
    if (k < 0) k = classes.push({ name: e.name, trace, fields: [], index: new Map() }) - 1;
    const c = classes[k];
    for (const [f, v] of Object.entries(e.fields ?? {})) {
      if (!c.index.has(f)) {
        c.index.set(f, c.fields.length);
        c.fields.push({ name: f, scope: 'payload', type: typeOf(v), bits: 64 });
      }
    }
    return k;
  };
  const ids = sorted.map(classOf);
  const infos: EventClassInfo[] = classes.map((c, id) => ({
    id,
    traceIndex: c.trace,
    name: c.name,
    fields: c.fields,
    fieldIndex: (n: string) => c.index.get(n) ?? -1
  }));
  const raw = (i: number, k: number): EvValue | undefined => {
    const f = infos[ids[i]].fields[k];
    return f === undefined ? undefined : sorted[i].fields?.[f.name];
  };
  const n = sorted.length;
  const batch: EventBatch = {
    length: n,
    ts: BigInt64Array.from(sorted.map(e => BigInt(e.ts))),
    cpu: Int32Array.from(sorted.map(e => e.cpu ?? -1)),
    classId: Int32Array.from(ids),
    stream: new Int32Array(n),
    readerOf: () => batch,
    rowOf: i => i,
    readInts: (i, count, num, hi, lo) => readIntsVia(batch, i, count, num, hi, lo),
    int: (i, k) => {
      const v = raw(i, k);
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
    },
    bigint: (i, k) => {
      const v = raw(i, k);
      return typeof v === 'bigint' ? v : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
    },
    str: (i, k) => {
      const v = raw(i, k);
      return typeof v === 'string' ? v : undefined;
    },
    value: (i, k) => raw(i, k) as FieldValue | undefined
  };
  return {
    traces: hosts.map((h, index) => ({
      index,
      path: `mem:${h}`,
      format: 'memory',
      hostname: h,
      domain: '',
      tracer: '',
      streams: 1,
      env: {}
    })),
    eventClasses: infos,
    streamName: () => 'mem',
    batches: () => (n > 0 ? [batch] : []),
    timeRange: () => (n === 0 ? undefined : { start: batch.ts[0], end: batch.ts[n - 1] }),
    losses: () => [],
    close: () => undefined
  };
}
