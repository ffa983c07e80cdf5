/**
 * `EventBatch` over merged chunks: the batch owns its per-event arrays (timestamp, cpu, global class id, global
 * stream) and references the immutable chunks its events come from; field accessors delegate to the chunk that
 * holds event i, so no field value is copied or boxed until it is read.
 */
import type { EventChunk } from './source';
import type { EventBatch, FieldValue } from './types';

export class MergedBatch implements EventBatch {
  readonly ts: BigInt64Array;
  /** Same memory as `ts`, written as uint32 halves. */
  readonly ts32: Uint32Array;
  readonly cpu: Int32Array;
  readonly classId: Int32Array;
  readonly stream: Int32Array;
  /** Index in `chunks` of event i's chunk, and its index in that chunk. */
  readonly src: Int32Array;
  readonly at: Int32Array;
  readonly chunks: EventChunk[] = [];
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
    this.src = at(3);
    this.at = at(4);
  }

  /** Trims the arrays to `length` (views, no copy). */
  seal(): MergedBatch {
    const n = this.length;
    const b = Object.create(MergedBatch.prototype) as MergedBatch;
    Object.assign(b, {
      length: n,
      capacity: n,
      ts: this.ts.subarray(0, n),
      ts32: this.ts32.subarray(0, 2 * n),
      cpu: this.cpu.subarray(0, n),
      classId: this.classId.subarray(0, n),
      stream: this.stream.subarray(0, n),
      src: this.src.subarray(0, n),
      at: this.at.subarray(0, n),
      chunks: this.chunks
    });
    return b;
  }

  int(i: number, field: number): number {
    return this.chunks[this.src[i]].int(this.at[i], field);
  }
  bigint(i: number, field: number): bigint | undefined {
    return this.chunks[this.src[i]].bigint(this.at[i], field);
  }
  str(i: number, field: number): string | undefined {
    return this.chunks[this.src[i]].str(this.at[i], field);
  }
  value(i: number, field: number): FieldValue | undefined {
    return this.chunks[this.src[i]].value(this.at[i], field);
  }
}
