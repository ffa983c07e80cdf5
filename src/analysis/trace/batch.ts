/**
 * `EventBatch` over merged chunks: the batch owns its per-event arrays (timestamp, cpu, global class id, global
 * stream) and, per event, the reader of its fields in the immutable chunk it comes from (the chunk, or its event
 * class's columns) and its row there; field accessors are one call on that reader, so no field value is copied
 * or boxed until it is read.
 */
import type { RowReader } from './source';
import type { EventBatch, FieldValue } from './types';

export class MergedBatch implements EventBatch {
  readonly ts: BigInt64Array;
  /** Same memory as `ts`, written as uint32 halves. */
  readonly ts32: Uint32Array;
  readonly cpu: Int32Array;
  readonly classId: Int32Array;
  readonly stream: Int32Array;
  /** Readers of the fields (chunks, or event classes' columns in chunks) the events come from. */
  readonly readers: RowReader[] = [];
  /** Index in `readers` of event i's reader, and its row in that reader. */
  readonly rix: Int32Array;
  readonly row: Int32Array;
  length = 0;

  constructor(readonly capacity: number) {
    // One allocation for all per-event arrays: 8 bytes of timestamp and 5 x 4 bytes per event.
    const buf = new ArrayBuffer(capacity * 28);
    this.ts = new BigInt64Array(buf, 0, capacity);
    this.ts32 = new Uint32Array(buf, 0, 2 * capacity);
    const at = (k: number): Int32Array => new Int32Array(buf, capacity * (8 + 4 * k), capacity);
    this.cpu = at(0);
    this.classId = at(1);
    this.stream = at(2);
    this.rix = at(3);
    this.row = at(4);
  }

  /** Empties the batch for reuse (streaming reads). */
  reset(): void {
    this.length = 0;
    this.readers.length = 0;
  }

  /** Trims the arrays to `length` (views, no copy). */
  seal(): MergedBatch {
    const n = this.length;
    // Made by the constructor, then its fields replaced: the same object shape as the batches before it, so code
    // optimized on those does not deoptimize on the last one.
    const b = new MergedBatch(0);
    Object.assign(b, {
      length: n,
      capacity: n,
      ts: this.ts.subarray(0, n),
      ts32: this.ts32.subarray(0, 2 * n),
      cpu: this.cpu.subarray(0, n),
      classId: this.classId.subarray(0, n),
      stream: this.stream.subarray(0, n),
      rix: this.rix.subarray(0, n),
      row: this.row.subarray(0, n),
      readers: this.readers
    });
    return b;
  }

  readerOf(i: number): RowReader {
    return this.readers[this.rix[i]];
  }
  rowOf(i: number): number {
    return this.row[i];
  }

  int(i: number, field: number): number {
    return this.readers[this.rix[i]].int(this.row[i], field);
  }
  bigint(i: number, field: number): bigint | undefined {
    return this.readers[this.rix[i]].bigint(this.row[i], field);
  }
  str(i: number, field: number): string | undefined {
    return this.readers[this.rix[i]].str(this.row[i], field);
  }
  value(i: number, field: number): FieldValue | undefined {
    return this.readers[this.rix[i]].value(this.row[i], field);
  }
  readInts(i: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    this.readers[this.rix[i]].readInts(this.row[i], count, num, hi, lo);
  }
}
