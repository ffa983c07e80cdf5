/**
 * The per-experiment events table: one row per event, one Arrow RecordBatch per EventBatch.
 *
 * Schema (`tracelab.schema` = `events/1`):
 *   ts        Int64                    ns from the clock origin (Int64, not Timestamp: trace clocks are often not
 *                                      epoch-based, and Int64 keeps the exact value in every reader)
 *   cpu       Int32                    -1 when unknown
 *   name      Dictionary<Int32, Utf8>  event class name
 *   stream    Dictionary<Int32, Utf8>  stream label (`Experiment.streamName`)
 *   host      Dictionary<Int32, Utf8>  trace host name
 *   class_id  Int32                    index in `Experiment.eventClasses` (joins with `classTable`)
 * The dictionaries are fixed for the experiment (built once from its classes, streams and traces), so every
 * batch shares them and the IPC file format accepts them. No JS object is made per event: `ts`, `cpu`,
 * `class_id` and `stream` reuse the batch's typed arrays; `name` and `host` are one typed-array lookup each.
 */
import { Field, Int32, Int64, RecordBatch, Schema, Struct, Table, makeData } from 'apache-arrow';
import type { Data } from 'apache-arrow';
import type { EventBatch, Experiment, ReadOptions } from '../trace/types';
import {
  dictionaryData,
  gatherBigInt64,
  gatherInt32,
  int32Data,
  int64Data,
  mapInt32,
  stringDictionary,
  uniqueIndex
} from './columns';
import type { StringDictionary } from './columns';

/** What every events record batch of one experiment shares: schema, dictionaries, class lookups. */
export interface EventsLayout {
  readonly schema: Schema;
  readonly fields: readonly Field[];
  readonly names: StringDictionary;
  readonly streams: StringDictionary;
  readonly hosts: StringDictionary;
  /** class id → index in `names` / `hosts`. */
  readonly classToName: Int32Array;
  readonly classToHost: Int32Array;
}

/** Number of global stream indices: the sum of the traces' stream counts. */
export function streamCount(exp: Experiment): number {
  return exp.traces.reduce((n, t) => n + t.streams, 0);
}

/** The event table columns as fields (reused by the CLI's Arrow output). */
export function eventsFields(layout: Pick<EventsLayout, 'names' | 'streams' | 'hosts'>): Field[] {
  return [
    new Field('ts', new Int64(), false, new Map([['unit', 'ns']])),
    new Field('cpu', new Int32(), false),
    new Field('name', layout.names.type, false),
    new Field('stream', layout.streams.type, false),
    new Field('host', layout.hosts.type, false),
    new Field('class_id', new Int32(), false)
  ];
}

export function eventsLayout(exp: Experiment): EventsLayout {
  const classes = exp.eventClasses;
  const names = uniqueIndex(classes.map(c => c.name));
  const hosts = uniqueIndex(exp.traces.map(t => t.hostname));
  const streamLabels: string[] = [];
  for (let s = 0, n = streamCount(exp); s < n; s++) streamLabels.push(exp.streamName(s));
  const dicts = {
    names: stringDictionary(names.unique),
    streams: stringDictionary(streamLabels),
    hosts: stringDictionary(hosts.unique)
  };
  const fields = eventsFields(dicts);
  return {
    ...dicts,
    fields,
    schema: new Schema(fields, new Map([['tracelab.schema', 'events/1']])),
    classToName: names.index,
    classToHost: Int32Array.from(classes, c => hosts.index[c.traceIndex])
  };
}

/**
 * The events columns of `batch` (all rows, or rows `rows[0..count)` in that order). Throws if a stream index is
 * outside the experiment's stream dictionary (a reader bug, caught here rather than writing a corrupt file).
 */
export function eventsColumns(
  layout: EventsLayout,
  batch: EventBatch,
  rows?: Int32Array,
  count: number = rows ? rows.length : batch.length
): Data[] {
  const stream = gatherInt32(batch.stream, rows, count);
  const nStreams = layout.streams.values.length;
  for (let k = 0; k < count; k++) {
    if (stream[k] < 0 || stream[k] >= nStreams) throw new Error(`stream index ${stream[k]} out of range`);
  }
  return [
    int64Data(gatherBigInt64(batch.ts, rows, count)),
    int32Data(gatherInt32(batch.cpu, rows, count)),
    dictionaryData(layout.names, mapInt32(batch.classId, layout.classToName, rows, count)),
    dictionaryData(layout.streams, stream),
    dictionaryData(layout.hosts, mapInt32(batch.classId, layout.classToHost, rows, count)),
    int32Data(gatherInt32(batch.classId, rows, count))
  ];
}

/** A RecordBatch from columns matching `schema`. */
export function recordBatch(schema: Schema, columns: Data[], length: number): RecordBatch {
  const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children: columns });
  return new RecordBatch(schema, struct);
}

export function eventsRecordBatch(layout: EventsLayout, batch: EventBatch): RecordBatch {
  return recordBatch(layout.schema, eventsColumns(layout, batch), batch.length);
}

/** Options of the table builders: the read window and class filter of `Experiment.batches`. */
export type TableOptions = ReadOptions;

/** The whole events table in memory (one record batch per event batch). */
export function eventsTable(exp: Experiment, opts: TableOptions = {}): Table {
  const layout = eventsLayout(exp);
  const batches: RecordBatch[] = [];
  for (const batch of exp.batches(opts)) {
    if (batch.length > 0) batches.push(eventsRecordBatch(layout, batch));
  }
  return batches.length > 0 ? new Table(batches) : new Table(layout.schema);
}
