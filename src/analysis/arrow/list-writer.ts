/**
 * List columns for CTF arrays and sequences. `FieldInfo` says only `list`, so the element type is inferred from
 * the first non-empty value seen when the table's schema is made (then fixed for the whole table):
 *   integers (number/bigint) → List<Int64>;  any non-integer number → List<Float64>;  strings → List<Utf8>;
 *   booleans → List<Bool>;  anything else (structs, enums, nested lists) → List<Utf8> holding each element as JSON.
 * With no non-empty value to look at, the element type is Int64. An element that does not fit the chosen type
 * (e.g. a string in an Int64 list) is written as a null element.
 */
import { Bool, Field, Float64, Int64, List, Utf8, makeData } from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import type { EventBatch, FieldValue } from '../trace/types';
import { NullMask, VarBuffer } from './buffers';
import type { ColumnWriter } from './column-writers';
import { jsonValue } from './value-json';

export type ElementKind = 'int64' | 'float64' | 'utf8' | 'bool' | 'json';

function kindOf(v: FieldValue): ElementKind {
  switch (typeof v) {
    case 'bigint':
      return 'int64';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'string':
      return 'utf8';
    case 'boolean':
      return 'bool';
    default:
      return 'json';
  }
}

/** The element kind of a list value's elements, or undefined when the value says nothing (empty or absent). */
export function inferElementKind(v: FieldValue | undefined): ElementKind | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  let kind = kindOf(v[0]);
  for (let i = 1; i < v.length && kind === 'int64'; i++) if (kindOf(v[i]) === 'float64') kind = 'float64';
  return kind;
}

function elementType(kind: ElementKind): DataType {
  switch (kind) {
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    default:
      return new Utf8();
  }
}

/** Accumulates elements of one kind; `finish` makes the child Data. */
class ElementSink {
  private _n = 0;
  private _cap = 256;
  private _nums: BigInt64Array | Float64Array | Uint8Array;
  private _nullAt: number[] = [];
  private readonly _var: VarBuffer | undefined;
  constructor(readonly kind: ElementKind) {
    this._nums = this._alloc(this._cap);
    this._var = kind === 'utf8' || kind === 'json' ? new VarBuffer(256) : undefined;
  }
  private _alloc(n: number): BigInt64Array | Float64Array | Uint8Array {
    if (this.kind === 'int64') return new BigInt64Array(n);
    if (this.kind === 'float64') return new Float64Array(n);
    return new Uint8Array(this.kind === 'bool' ? (n + 7) >> 3 : 0);
  }
  private _grow(): void {
    this._cap *= 2;
    const next = this._alloc(this._cap);
    next.set(this._nums as never);
    this._nums = next;
  }
  push(v: FieldValue): void {
    if (this._n >= this._cap) this._grow();
    const k = this._n++;
    const ok = this._put(k, v);
    if (!ok) this._nullAt.push(k);
  }
  private _put(k: number, v: FieldValue): boolean {
    switch (this.kind) {
      case 'int64':
        if (typeof v !== 'bigint' && !(typeof v === 'number' && Number.isInteger(v))) return false;
        (this._nums as BigInt64Array)[k] = BigInt(v);
        return true;
      case 'float64':
        if (typeof v !== 'number' && typeof v !== 'bigint') return false;
        (this._nums as Float64Array)[k] = Number(v);
        return true;
      case 'bool':
        if (typeof v !== 'boolean') return false;
        if (v) (this._nums as Uint8Array)[k >> 3] |= 1 << (k & 7);
        return true;
      case 'utf8':
        if (typeof v !== 'string') {
          this._var!.pushEmpty();
          return false;
        }
        this._var!.pushString(v);
        return true;
      default:
        this._var!.pushString(jsonValue(v));
        return true;
    }
  }
  get length(): number {
    return this._n;
  }
  finish(): Data {
    const nulls = new NullMask(this._n);
    for (const k of this._nullAt) nulls.setNull(k);
    const common = { type: elementType(this.kind), length: this._n, nullCount: nulls.nullCount };
    if (this._var) {
      const v = this._var;
      return makeData({
        ...common,
        nullBitmap: nulls.bitmap,
        valueOffsets: v.offsets,
        data: v.bytes
      } as never);
    }
    const data = this.kind === 'bool' ? this._nums : this._nums.subarray(0, this._n);
    return makeData({ ...common, nullBitmap: nulls.bitmap, data } as never);
  }
}

/** A List column writer for field `fi` with the given element kind. */
export function listWriter(name: string, fi: number, kind: ElementKind): ColumnWriter {
  const child = new Field('item', elementType(kind), true);
  const type = new List(child);
  return {
    fields: [new Field(name, type, true)],
    build(batch: EventBatch, rows: Int32Array, count: number): Data[] {
      const nulls = new NullMask(count);
      const offsets = new Int32Array(count + 1);
      const sink = new ElementSink(kind);
      for (let k = 0; k < count; k++) {
        const v = batch.value(rows[k], fi);
        if (Array.isArray(v)) for (const e of v) sink.push(e);
        else if (v instanceof Uint8Array) for (const e of v) sink.push(e);
        else nulls.setNull(k);
        offsets[k + 1] = sink.length;
      }
      const data = makeData({
        type,
        length: count,
        nullCount: nulls.nullCount,
        nullBitmap: nulls.bitmap,
        valueOffsets: offsets,
        child: sink.finish()
      });
      return [data];
    }
  };
}
