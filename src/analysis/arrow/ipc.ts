/**
 * Arrow IPC file output, written incrementally: each record batch is encoded and handed to a byte sink as soon as
 * it is built, so an output larger than memory streams through. The file (magic, schema, dictionaries, batches,
 * footer) is the Arrow IPC *file* format (`RecordBatchFileWriter`), readable by pyarrow, DuckDB and arrow-js.
 *
 * Scope: encoding only; the caller's sink does the I/O (the analysis layer touches no files).
 */
import { AsyncByteQueue, RecordBatchFileWriter } from 'apache-arrow';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { Experiment, ReadOptions } from '../trace/types';
import { ClassTableBuilder } from './class-table';
import { eventsLayout, eventsRecordBatch } from './events-table';

/** Receives the encoded bytes in order; may return a promise to apply back-pressure. */
export type ChunkSink = (chunk: Uint8Array) => void | Promise<void>;

/** Collects what the arrow writer emits so it can be drained to the sink after each batch. */
class CollectingQueue extends AsyncByteQueue {
  pending: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.pending.push(value);
  }
}

/** An IPC file being written: `write` batches with the schema given at creation, then `finish`. */
export class IpcFileOutput {
  private readonly _queue = new CollectingQueue();
  private readonly _writer = new RecordBatchFileWriter();
  private _finished = false;
  bytes = 0;
  batches = 0;
  rows = 0;
  constructor(
    readonly schema: Schema,
    private readonly _sink: ChunkSink
  ) {
    this._writer.reset(this._queue, schema);
  }
  private async _drain(): Promise<void> {
    const chunks = this._queue.pending;
    this._queue.pending = [];
    for (const chunk of chunks) {
      this.bytes += chunk.byteLength;
      await this._sink(chunk);
    }
  }
  async write(batch: RecordBatch): Promise<void> {
    if (batch.numRows === 0) return;
    this._writer.write(batch);
    this.batches++;
    this.rows += batch.numRows;
    await this._drain();
  }
  /** Writes the footer (the file is valid from here on). Idempotent. */
  async finish(): Promise<void> {
    if (this._finished) return;
    this._finished = true;
    this._writer.finish();
    await this._drain();
  }
}

export interface IpcSummary {
  rows: number;
  batches: number;
  bytes: number;
}

/** Writes batches to `out`; on an error the footer is still written (so the events before it stay readable). */
async function pump(out: IpcFileOutput, batches: Iterable<RecordBatch | undefined>): Promise<IpcSummary> {
  try {
    for (const rb of batches) if (rb) await out.write(rb);
  } finally {
    await out.finish();
  }
  return { rows: out.rows, batches: out.batches, bytes: out.bytes };
}

/** Streams the events table of `exp` (see `events-table.ts`) as an Arrow IPC file into `sink`. */
export async function streamEventsIPC(
  exp: Experiment,
  sink: ChunkSink,
  opts: ReadOptions = {}
): Promise<IpcSummary> {
  const layout = eventsLayout(exp);
  const out = new IpcFileOutput(layout.schema, sink);
  function* records(): Iterable<RecordBatch> {
    for (const b of exp.batches(opts)) if (b.length > 0) yield eventsRecordBatch(layout, b);
  }
  return pump(out, records());
}

/**
 * Streams the table of class `classId` as an Arrow IPC file. The schema is fixed by the first batch that holds the
 * class (list element types are inferred there), so the file header is written when that batch is seen.
 */
export async function streamClassIPC(
  exp: Experiment,
  classId: number,
  sink: ChunkSink,
  opts: ReadOptions = {}
): Promise<IpcSummary> {
  const builder = new ClassTableBuilder(exp, classId);
  const iter = exp.batches({ ...opts, classIds: new Set([classId]) })[Symbol.iterator]();
  let first: RecordBatch | undefined;
  let error: unknown;
  try {
    while (!first) {
      const r = iter.next();
      if (r.done) break;
      first = builder.recordBatch(r.value);
    }
  } catch (e) {
    error = e;
  }
  const out = new IpcFileOutput(builder.layout(), sink);
  function* rest(): Iterable<RecordBatch | undefined> {
    if (first) yield first;
    if (error !== undefined) throw error;
    for (let r = iter.next(); !r.done; r = iter.next()) yield builder.recordBatch(r.value);
  }
  return pump(out, rest());
}
