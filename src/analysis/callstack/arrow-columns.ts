/**
 * Arrow column makers for the call-stack tables: typed arrays wrapped without copies, optional null bitmaps,
 * dictionary-encoded strings holding only the strings used.
 */
import {
  Bool,
  Dictionary,
  Int32,
  Int64,
  Uint64,
  Utf8,
  Vector,
  makeData,
  vectorFromArray
} from 'apache-arrow';

function bitmap(valid: (k: number) => boolean, n: number): { bits: Uint8Array | undefined; nulls: number } {
  let bits: Uint8Array | undefined;
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    if (valid(k)) continue;
    if (bits === undefined) bits = new Uint8Array((n + 7) >> 3).fill(0xff);
    bits[k >> 3] &= ~(1 << (k & 7));
    nulls++;
  }
  return { bits, nulls };
}

export function int32Vector(v: Int32Array): Vector {
  return new Vector([makeData({ type: new Int32(), length: v.length, nullCount: 0, data: v })]);
}

export function int64Vector(v: BigInt64Array): Vector {
  return new Vector([makeData({ type: new Int64(), length: v.length, nullCount: 0, data: v })]);
}

export function uint64Vector(v: BigUint64Array, valid?: (k: number) => boolean): Vector {
  const { bits, nulls } = valid ? bitmap(valid, v.length) : { bits: undefined, nulls: 0 };
  return new Vector([
    makeData({ type: new Uint64(), length: v.length, nullCount: nulls, data: v, nullBitmap: bits })
  ]);
}

export function boolVector(n: number, get: (k: number) => boolean): Vector {
  const v = new Uint8Array((n + 7) >> 3);
  for (let k = 0; k < n; k++) if (get(k)) v[k >> 3] |= 1 << (k & 7);
  return new Vector([makeData({ type: new Bool(), length: n, nullCount: 0, data: v })]);
}

/** Dictionary column from string ids (`strings[id]`, id < 0 = null). */
export function dictVector(ids: Int32Array, strings: readonly string[]): Vector {
  const n = ids.length;
  const remap = new Map<number, number>();
  const used: string[] = [];
  const idx = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const id = ids[k];
    if (id < 0) continue;
    let j = remap.get(id);
    if (j === undefined) {
      j = used.length;
      remap.set(id, j);
      used.push(strings[id]);
    }
    idx[k] = j;
  }
  const { bits, nulls } = bitmap(k => ids[k] >= 0, n);
  const type = new Dictionary(new Utf8(), new Int32());
  const dictionary = vectorFromArray(used, new Utf8());
  return new Vector([
    makeData({ type, length: n, nullCount: nulls, data: idx, nullBitmap: bits, dictionary })
  ]);
}

/** Gathers `src[order[k]]`. */
export function gather<T extends Int32Array | BigInt64Array | BigUint64Array | Uint8Array>(
  src: T,
  order: Int32Array
): T {
  const Ctor = src.constructor as new (n: number) => T;
  const out = new Ctor(order.length);
  for (let k = 0; k < order.length; k++) out[k] = src[order[k]];
  return out;
}
