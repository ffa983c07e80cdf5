/**
 * Per-event-class tables: one row per event of one class, one column per context and payload field.
 *
 * Schema (`tracelab.schema` = `class/1`, metadata `tracelab.class` and `tracelab.host`):
 *   ts Int64 (ns), cpu Int32, stream Dictionary<Int32, Utf8>, then the class's fields in `EventClassInfo.fields`
 *   order (stream event context, event context, payload), named by their dotted display names; types per
 *   `column-writers.ts` and `list-writer.ts`. A field whose name is already taken (by `ts`/`cpu`/`stream` or by a
 *   field of another scope) is renamed `<scope>.<name>` with scope `stream_context`, `context` or `payload`
 *   (then `#2`, `#3`... if still taken).
 */
import { Field, Int32, Int64, Schema, Table } from 'apache-arrow';
import type { Data, RecordBatch } from 'apache-arrow';
import type { EventBatch, EventClassInfo, Experiment, FieldInfo } from '../trace/types';
import {
  dictionaryData,
  gatherBigInt64,
  gatherInt32,
  int32Data,
  int64Data,
  stringDictionary
} from './columns';
import type { StringDictionary } from './columns';
import { scalarWriter } from './column-writers';
import type { ColumnWriter } from './column-writers';
import { recordBatch, streamCount } from './events-table';
import type { TableOptions } from './events-table';
import { inferElementKind, listWriter } from './list-writer';

/** Rows of a batch to look at (for list element inference). */
export interface RowSample {
  batch: EventBatch;
  rows: Int32Array;
  count: number;
}

/** The field columns of one class (without ts/cpu/stream). */
export interface ClassColumns {
  readonly fields: readonly Field[];
  build(batch: EventBatch, rows: Int32Array, count: number): Data[];
}

const SCOPE_PREFIX: Record<FieldInfo['scope'], string> = {
  common_context: 'stream_context',
  context: 'context',
  payload: 'payload'
};

function uniqueName(info: FieldInfo, taken: Set<string>): string {
  let name = info.name;
  if (taken.has(name)) name = `${SCOPE_PREFIX[info.scope]}.${info.name}`;
  for (let n = 2; taken.has(name); n++) name = `${SCOPE_PREFIX[info.scope]}.${info.name}#${n}`;
  taken.add(name);
  return name;
}

function sampleKind(fi: number, sample: RowSample | undefined): ReturnType<typeof inferElementKind> {
  if (!sample) return undefined;
  for (let k = 0; k < sample.count; k++) {
    const kind = inferElementKind(sample.batch.value(sample.rows[k], fi));
    if (kind) return kind;
  }
  return undefined;
}

/** Column writers for every field of `cls`; `reserved` names are avoided (and extended with the names used). */
export function classColumns(cls: EventClassInfo, reserved: Set<string>, sample?: RowSample): ClassColumns {
  const writers: ColumnWriter[] = [];
  cls.fields.forEach((info, fi) => {
    const name = uniqueName(info, reserved);
    const w =
      info.type === 'list'
        ? listWriter(name, fi, sampleKind(fi, sample) ?? 'int64')
        : scalarWriter(name, fi, info);
    if (w) writers.push(w);
  });
  return {
    fields: writers.flatMap(w => w.fields),
    build: (batch, rows, count) => writers.flatMap(w => w.build(batch, rows, count))
  };
}

/** Indices of the events of class `classId` in `batch`. */
export function rowsOfClass(batch: EventBatch, classId: number): { rows: Int32Array; count: number } {
  const rows = new Int32Array(batch.length);
  let count = 0;
  const ids = batch.classId;
  for (let i = 0; i < batch.length; i++) if (ids[i] === classId) rows[count++] = i;
  return { rows, count };
}

/** Builds the record batches of one class table; the schema is fixed by the first `layout` call. */
export class ClassTableBuilder {
  private _schema: Schema | undefined;
  private _columns: ClassColumns | undefined;
  private readonly _streams: StringDictionary;
  constructor(
    readonly exp: Experiment,
    readonly classId: number
  ) {
    const labels: string[] = [];
    for (let s = 0, n = streamCount(exp); s < n; s++) labels.push(exp.streamName(s));
    this._streams = stringDictionary(labels);
  }
  /** The schema, inferring list element types from `sample` the first time it is called. */
  layout(sample?: RowSample): Schema {
    if (this._schema) return this._schema;
    const cls = this.exp.eventClasses[this.classId];
    this._columns = classColumns(cls, new Set(['ts', 'cpu', 'stream']), sample);
    const base = [
      new Field('ts', new Int64(), false, new Map([['unit', 'ns']])),
      new Field('cpu', new Int32(), false),
      new Field('stream', this._streams.type, false)
    ];
    const meta = new Map([
      ['tracelab.schema', 'class/1'],
      ['tracelab.class', cls.name],
      ['tracelab.host', this.exp.traces[cls.traceIndex]?.hostname ?? '']
    ]);
    this._schema = new Schema([...base, ...this._columns.fields], meta);
    return this._schema;
  }
  /** The record batch of this class's events in `batch`, or undefined when it has none. */
  recordBatch(batch: EventBatch): RecordBatch | undefined {
    const { rows, count } = rowsOfClass(batch, this.classId);
    if (count === 0) return undefined;
    const schema = this.layout({ batch, rows, count });
    const columns = [
      int64Data(gatherBigInt64(batch.ts, rows, count)),
      int32Data(gatherInt32(batch.cpu, rows, count)),
      dictionaryData(this._streams, gatherInt32(batch.stream, rows, count)),
      ...this._columns!.build(batch, rows, count)
    ];
    return recordBatch(schema, columns, count);
  }
}

/** The table of all events of class `classId` (one record batch per event batch that has some). */
export function classTable(exp: Experiment, classId: number, opts: TableOptions = {}): Table {
  if (!(classId >= 0 && classId < exp.eventClasses.length)) throw new RangeError(`no event class ${classId}`);
  const builder = new ClassTableBuilder(exp, classId);
  const batches: RecordBatch[] = [];
  for (const batch of exp.batches({ ...opts, classIds: new Set([classId]) })) {
    const rb = builder.recordBatch(batch);
    if (rb) batches.push(rb);
  }
  return batches.length > 0 ? new Table(batches) : new Table(builder.layout());
}
