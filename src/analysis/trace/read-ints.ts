/**
 * `RowReader.readInts` for readers without a faster way: one `int` per field, and for an integer too wide to be
 * exact as a number, its 64-bit words from `bigint` (the contract is in `types.ts`; only such values allocate).
 * `OwnRows`: the base of batches that read their own fields.
 */
import type { FieldValue, RowReader } from './types';

/** Sets `hi[f]` and `lo[f]` from `bigint(r, f)` when `v` (its `int`) is an integer beyond the safe range. */
export function setWideWords(
  rd: RowReader,
  r: number,
  f: number,
  v: number,
  hi: Uint32Array,
  lo: Uint32Array
): void {
  if (!Number.isInteger(v) || Number.isSafeInteger(v)) return;
  const b = rd.bigint(r, f);
  if (b === undefined) return;
  const u = BigInt.asUintN(64, b);
  hi[f] = Number(u >> 32n);
  lo[f] = Number(u & 0xffffffffn);
}

export function readIntsVia(
  rd: RowReader,
  r: number,
  count: number,
  num: Float64Array,
  hi: Uint32Array,
  lo: Uint32Array
): void {
  for (let f = 0; f < count; f++) {
    const v = rd.int(r, f);
    num[f] = v;
    setWideWords(rd, r, f, v, hi, lo);
  }
}

/** A batch that reads its own fields: event i is row i of the batch itself (`readerOf`, `rowOf`, `readInts`). */
export abstract class OwnRows implements RowReader {
  abstract int(r: number, field: number): number;
  abstract bigint(r: number, field: number): bigint | undefined;
  abstract str(r: number, field: number): string | undefined;
  abstract value(r: number, field: number): FieldValue | undefined;
  readerOf(): this {
    return this;
  }
  rowOf(i: number): number {
    return i;
  }
  readInts(i: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    readIntsVia(this, i, count, num, hi, lo);
  }
}
