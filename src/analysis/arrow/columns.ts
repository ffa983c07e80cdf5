/**
 * Low-level Arrow column helpers shared by the events and class tables: fixed string dictionaries, typed-array
 * gathers for row selections, and `Data` makers that wrap typed arrays without copying.
 *
 * Scope: no per-event JS objects; everything here works on typed arrays.
 */
import { Dictionary, Int32, Int64, Utf8, makeData, vectorFromArray } from 'apache-arrow';
import type { Data, Vector } from 'apache-arrow';

/** A string dictionary fixed for a whole table (the IPC file format forbids replacing it). */
export interface StringDictionary {
  readonly type: Dictionary<Utf8, Int32>;
  readonly values: Vector<Utf8>;
}

/** A dictionary over the given strings, in that order (indices are positions in `strings`). */
export function stringDictionary(strings: readonly string[]): StringDictionary {
  return { type: new Dictionary(new Utf8(), new Int32()), values: vectorFromArray([...strings], new Utf8()) };
}

/** Unique strings in first-seen order plus, for each input, the index of its string in that list. */
export function uniqueIndex(strings: readonly string[]): { unique: string[]; index: Int32Array } {
  const seen = new Map<string, number>();
  const index = new Int32Array(strings.length);
  strings.forEach((s, i) => {
    let k = seen.get(s);
    if (k === undefined) seen.set(s, (k = seen.size));
    index[i] = k;
  });
  return { unique: [...seen.keys()], index };
}

/** `src[rows[k]]` for k < count, or `src` itself (no copy) when the selection is every row in order. */
export function gatherInt32(src: Int32Array, rows: Int32Array | undefined, count: number): Int32Array {
  if (rows === undefined) return count === src.length ? src : src.subarray(0, count);
  const out = new Int32Array(count);
  for (let k = 0; k < count; k++) out[k] = src[rows[k]];
  return out;
}

export function gatherBigInt64(
  src: BigInt64Array,
  rows: Int32Array | undefined,
  count: number
): BigInt64Array {
  if (rows === undefined) return count === src.length ? src : src.subarray(0, count);
  const out = new BigInt64Array(count);
  for (let k = 0; k < count; k++) out[k] = src[rows[k]];
  return out;
}

/** `lookup[src[rows[k]]]`: maps class ids to name or host indices in one pass. */
export function mapInt32(
  src: Int32Array,
  lookup: Int32Array,
  rows: Int32Array | undefined,
  count: number
): Int32Array {
  const out = new Int32Array(count);
  if (rows === undefined) for (let k = 0; k < count; k++) out[k] = lookup[src[k]];
  else for (let k = 0; k < count; k++) out[k] = lookup[src[rows[k]]];
  return out;
}

export function int32Data(values: Int32Array): Data<Int32> {
  return makeData({ type: new Int32(), length: values.length, nullCount: 0, data: values });
}

export function int64Data(values: BigInt64Array): Data<Int64> {
  return makeData({ type: new Int64(), length: values.length, nullCount: 0, data: values });
}

export function dictionaryData(dict: StringDictionary, indices: Int32Array): Data<Dictionary<Utf8, Int32>> {
  return makeData({
    type: dict.type,
    length: indices.length,
    nullCount: 0,
    data: indices,
    dictionary: dict.values
  });
}
