/**
 * Reading whole columns of the analysis Arrow tables as typed arrays (chunks concatenated), without a JS object
 * per row: int64 times as `BigInt64Array`, int32 with a validity mask, dictionary strings as codes into one
 * merged string list. (A chunk's value buffer is already sliced; its `offset` applies to the null bitmap only.)
 * Scope: the views' input side; no protocol knowledge.
 */
import type { Table } from 'apache-arrow';

/** One chunk of a column, as apache-arrow's `Data` exposes it. */
interface IChunk {
  length: number;
  offset: number;
  values: ArrayLike<number> | BigInt64Array;
  nullBitmap?: Uint8Array | null;
  nullCount: number;
  dictionary?: { length: number; get(i: number): unknown };
}

function chunks(table: Table, name: string): IChunk[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`analysis table has no column ${JSON.stringify(name)}`);
  return col.data as unknown as IChunk[];
}

function hasNulls(c: IChunk): c is IChunk & { nullBitmap: Uint8Array } {
  return c.nullCount !== 0 && !!c.nullBitmap && c.nullBitmap.length > 0;
}

function isValid(c: IChunk, i: number): boolean {
  if (!hasNulls(c)) return true;
  const bit = c.offset + i;
  return (c.nullBitmap[bit >> 3] & (1 << (bit & 7))) !== 0;
}

/** An int64 column as one `BigInt64Array` (nulls read as 0). */
export function int64Column(table: Table, name: string): BigInt64Array {
  const out = new BigInt64Array(table.numRows);
  let at = 0;
  for (const c of chunks(table, name)) {
    const v = c.values as BigInt64Array;
    out.set(v.subarray(0, c.length), at);
    at += c.length;
  }
  return out;
}

/** An int32 column: values, and `valid[i]` = 0 where null. */
export function int32Column(table: Table, name: string): { values: Int32Array; valid: Uint8Array } {
  const values = new Int32Array(table.numRows);
  const valid = new Uint8Array(table.numRows);
  let at = 0;
  for (const c of chunks(table, name)) {
    const v = c.values as Int32Array;
    if (!hasNulls(c)) {
      values.set(v.subarray(0, c.length), at);
      valid.fill(1, at, at + c.length);
      at += c.length;
      continue;
    }
    for (let i = 0; i < c.length; i++, at++) {
      if (!isValid(c, i)) continue;
      values[at] = v[i];
      valid[at] = 1;
    }
  }
  return { values, valid };
}

/** A dictionary-encoded string column: `codes[i]` indexes `strings`, -1 where null. */
export function dictColumn(table: Table, name: string): { codes: Int32Array; strings: string[] } {
  const codes = new Int32Array(table.numRows).fill(-1);
  const strings: string[] = [];
  const index = new Map<string, number>();
  let at = 0;
  for (const c of chunks(table, name)) {
    const dict = c.dictionary;
    const remap = new Int32Array(dict?.length ?? 0).fill(-1);
    const v = c.values as ArrayLike<number>;
    const nulls = hasNulls(c);
    for (let i = 0; i < c.length; i++, at++) {
      if (!dict || (nulls && !isValid(c, i))) continue;
      const d = v[i];
      let k = remap[d];
      if (k < 0) {
        const s = String(dict.get(d));
        k = index.get(s) ?? strings.push(s) - 1;
        index.set(s, k);
        remap[d] = k;
      }
      codes[at] = k;
    }
  }
  return { codes, strings };
}

/** Maps string codes through `legend` ids: result[i] = legend index of strings[codes[i]], `fallback` if absent. */
export function codesToLegend(
  col: { codes: Int32Array; strings: string[] },
  legendIds: readonly string[],
  fallback: number
): Uint8Array {
  const map = col.strings.map(s => {
    const k = legendIds.indexOf(s);
    return k >= 0 ? k : fallback;
  });
  const out = new Uint8Array(col.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = col.codes[i] >= 0 ? map[col.codes[i]] : fallback;
  return out;
}
