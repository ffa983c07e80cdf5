/**
 * `RowReader.readInts` for readers without a faster way: one `int` per field, and for an integer too wide to be
 * exact as a number, its 64-bit words from `bigint` (the contract is in `types.ts`; only such values allocate).
 */
import type { RowReader } from './types';

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
