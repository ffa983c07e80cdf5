/**
 * Fast field access for one event class in a frozen chunk: the field columns plus, per field, a kind code and
 * monomorphic typed-array views of the integer columns, so that `int` / `bigint` / `value` on plain integers
 * read one typed array instead of dispatching through the column classes (one of the hottest paths of a full
 * read). Everything else (floats, enumerations in `value`, strings, compound fields) goes to the column.
 *
 * Semantics are the columns' own (`decode/columns.ts`): a 64-bit value as a number is hi * 2^32 + lo (rounded
 * beyond 2^53), as a bigint exact; `value` gives numbers when safe, bigints beyond.
 */
import type { RowReader } from '../../../trace/source';
import { setWideWords } from '../../../trace/read-ints';
import type { FieldValue } from '../../../trace/types';
import type { Col } from '../decode/columns';
import { IntCol, WideCol } from '../decode/columns';

const TWO32 = 4294967296;

/** Kind codes: integers of <= 32 bits (signed / unsigned) and 33..64 bits (unsigned / signed). */
const GENERIC = 0;
const I32 = 1;
const U32 = 2;
const U64 = 3;
const S64 = 4;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const NO_I32 = new Int32Array(0);
const NO_U64 = new BigUint64Array(0);
const NO_S64 = new BigInt64Array(0);

const UNSET = new Uint8Array(0);

export class ClassView implements RowReader {
  /**
   * Per field: kind code for `int`/`bigint`, and for `value` (GENERIC when the column has label mappings). Built
   * on the first field access (a read that touches no field, e.g. counting, never pays for the views).
   */
  private kind: Uint8Array = UNSET;
  private vkind: Uint8Array = UNSET;
  /** Per field: the integer storage as Int32Array (wide fields: lo, hi pairs), or an empty array. */
  private i32: Int32Array[] = [];
  /** Per wide field: the same storage as 64-bit views (little-endian platforms only), or empty arrays. */
  private u64: BigUint64Array[] = [];
  private s64: BigInt64Array[] = [];

  constructor(readonly cols: readonly Col[]) {}

  /** Builds the views; false when already built. */
  private prepare(): boolean {
    if (this.kind !== UNSET) return false;
    const n = this.cols.length;
    this.kind = new Uint8Array(n);
    this.vkind = new Uint8Array(n);
    this.i32 = new Array<Int32Array>(n).fill(NO_I32);
    this.u64 = new Array<BigUint64Array>(n).fill(NO_U64);
    this.s64 = new Array<BigInt64Array>(n).fill(NO_S64);
    for (let f = 0; f < n; f++) this.install(f, this.cols[f]);
    return true;
  }

  private install(f: number, c: Col): void {
    let k = GENERIC;
    if (c instanceof IntCol) {
      const a = c.a;
      this.i32[f] = a instanceof Int32Array ? a : new Int32Array(a.buffer, a.byteOffset, a.length);
      k = c.signed ? I32 : U32;
    } else if (c instanceof WideCol && LITTLE_ENDIAN && c.a.byteOffset % 8 === 0) {
      const a = c.a;
      this.i32[f] = new Int32Array(a.buffer, a.byteOffset, a.length);
      if (c.signed) this.s64[f] = new BigInt64Array(a.buffer, a.byteOffset, a.length >> 1);
      else this.u64[f] = new BigUint64Array(a.buffer, a.byteOffset, a.length >> 1);
      k = c.signed ? S64 : U64;
    }
    this.kind[f] = k;
    this.vkind[f] = (c as IntCol | WideCol).mappings === undefined ? k : GENERIC;
  }

  int(r: number, f: number): number {
    switch (this.kind[f]) {
      case I32:
        return this.i32[f][r];
      case U32:
        return this.i32[f][r] >>> 0;
      case U64: {
        const a = this.i32[f];
        return (a[2 * r + 1] >>> 0) * TWO32 + (a[2 * r] >>> 0);
      }
      case S64: {
        const a = this.i32[f];
        return a[2 * r + 1] * TWO32 + (a[2 * r] >>> 0);
      }
      default: {
        if (this.prepare()) return this.int(r, f);
        const c = this.cols[f];
        return c === undefined ? NaN : c.num(r);
      }
    }
  }

  readInts(r: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    for (let f = 0; f < count; f++) {
      const k = this.kind[f];
      if (k === U64 || k === S64) {
        // Stored as (lo, hi) int32 pairs: the exact words as they are.
        const a = this.i32[f];
        const h = a[2 * r + 1];
        const l = a[2 * r] >>> 0;
        num[f] = (k === U64 ? h >>> 0 : h) * TWO32 + l;
        hi[f] = h;
        lo[f] = l;
      } else {
        const v = this.int(r, f);
        num[f] = v;
        setWideWords(this, r, f, v, hi, lo);
      }
    }
  }

  bigint(r: number, f: number): bigint | undefined {
    switch (this.kind[f]) {
      case I32:
        return BigInt(this.i32[f][r]);
      case U32:
        return BigInt(this.i32[f][r] >>> 0);
      case U64:
        return this.u64[f][r];
      case S64:
        return this.s64[f][r];
      default:
        if (this.prepare()) return this.bigint(r, f);
        return this.cols[f]?.big(r);
    }
  }

  str(r: number, f: number): string | undefined {
    return this.cols[f]?.str(r);
  }

  value(r: number, f: number): FieldValue | undefined {
    switch (this.vkind[f]) {
      case I32:
        return this.i32[f][r];
      case U32:
        return this.i32[f][r] >>> 0;
      case U64:
      case S64: {
        const n = this.int(r, f);
        return Number.isSafeInteger(n) ? n : (this.bigint(r, f) as bigint);
      }
      default:
        if (this.prepare()) return this.value(r, f);
        return this.cols[f]?.val(r);
    }
  }
}

export function classView(cols: Col[]): ClassView {
  return new ClassView(cols);
}
