/**
 * Builds Arrow tables from model columns: a row selection gathered into typed arrays, with null bitmaps and
 * dictionary-encoded strings (dictionaries hold only the strings the selected rows use).
 */
import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  Table,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import { AbsTimeColumn } from './time-base';

type Getter<T> = (row: number) => T;

function bitmap(n: number, isNull: (k: number) => boolean): { bits: Uint8Array | undefined; nulls: number } {
  let bits: Uint8Array | undefined;
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    if (!isNull(k)) continue;
    if (bits === undefined) bits = new Uint8Array((n + 7) >> 3).fill(0xff);
    bits[k >> 3] &= ~(1 << (k & 7));
    nulls++;
  }
  return { bits, nulls };
}

/** Collects named columns over a fixed selection of rows (`rows[k]` = source row of output row k). */
export class TableBuilder {
  private readonly cols: Record<string, Vector> = {};
  readonly length: number;

  constructor(private readonly rows: ArrayLike<number>) {
    this.length = rows.length;
  }

  private add(name: string, data: Data<DataType>): this {
    this.cols[name] = new Vector([data]);
    return this;
  }

  int32(name: string, get: Getter<number>, isNull?: (v: number) => boolean): this {
    const n = this.length;
    const v = new Int32Array(n);
    for (let k = 0; k < n; k++) v[k] = get(this.rows[k]);
    const { bits, nulls } = isNull ? bitmap(n, k => isNull(v[k])) : { bits: undefined, nulls: 0 };
    return this.add(
      name,
      makeData({ type: new Int32(), length: n, nullCount: nulls, data: v, nullBitmap: bits })
    );
  }

  int64(name: string, get: Getter<bigint>, isNull?: (row: number) => boolean): this {
    const n = this.length;
    const v = new BigInt64Array(n);
    for (let k = 0; k < n; k++) v[k] = get(this.rows[k]);
    const { bits, nulls } = isNull ? bitmap(n, k => isNull(this.rows[k])) : { bits: undefined, nulls: 0 };
    return this.add(
      name,
      makeData({ type: new Int64(), length: n, nullCount: nulls, data: v, nullBitmap: bits })
    );
  }

  /**
   * Int64 ns times given as float64 offsets from `base` (exact integers below 2^53): written through the 32-bit
   * halves, without a BigInt per value.
   */
  time(name: string, base: bigint, get: Getter<number>, isNull?: (row: number) => boolean): this {
    const n = this.length;
    const col = new AbsTimeColumn(n, base);
    for (let k = 0; k < n; k++) col.set(k, get(this.rows[k]));
    const v = col.values;
    const { bits, nulls } = isNull ? bitmap(n, k => isNull(this.rows[k])) : { bits: undefined, nulls: 0 };
    return this.add(
      name,
      makeData({ type: new Int64(), length: n, nullCount: nulls, data: v, nullBitmap: bits })
    );
  }

  float64(name: string, get: Getter<number>): this {
    const n = this.length;
    const v = new Float64Array(n);
    for (let k = 0; k < n; k++) v[k] = get(this.rows[k]);
    return this.add(name, makeData({ type: new Float64(), length: n, nullCount: 0, data: v }));
  }

  bool(name: string, get: Getter<boolean>): this {
    const n = this.length;
    const v = new Uint8Array((n + 7) >> 3);
    for (let k = 0; k < n; k++) if (get(this.rows[k])) v[k >> 3] |= 1 << (k & 7);
    return this.add(name, makeData({ type: new Bool(), length: n, nullCount: 0, data: v }));
  }

  /** Dictionary-encoded string column from string ids (`strings[id]`); ids for which `isNull` holds are null. */
  dict(
    name: string,
    get: Getter<number>,
    strings: readonly string[],
    isNull?: (id: number) => boolean
  ): this {
    const n = this.length;
    const remap = new Int32Array(strings.length + 1).fill(-1);
    const used: string[] = [];
    const idx = new Int32Array(n);
    const ids = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const id = get(this.rows[k]);
      ids[k] = id;
      if (isNull?.(id)) continue;
      const slot = id >= 0 && id < strings.length ? id : strings.length;
      let j = remap[slot];
      if (j < 0) {
        j = used.length;
        remap[slot] = j;
        used.push(strings[id] ?? String(id));
      }
      idx[k] = j;
    }
    const { bits, nulls } = isNull ? bitmap(n, k => isNull(ids[k])) : { bits: undefined, nulls: 0 };
    const type = new Dictionary(new Utf8(), new Int32());
    const dictionary = vectorFromArray(used, new Utf8());
    return this.add(
      name,
      makeData({ type, length: n, nullCount: nulls, data: idx, nullBitmap: bits, dictionary })
    );
  }

  build(): Table {
    return new Table(this.cols);
  }
}
