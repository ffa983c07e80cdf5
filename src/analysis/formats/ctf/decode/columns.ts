/**
 * Column storage written by the compiled decoders and read by the `EventBatch` accessors.
 *
 * One column object per field class node (built once per trace by `buildColumn`); the compiled code holds them as
 * closure constants and appends values into their typed arrays. Every group of columns that gains rows together
 * (the fields of an event class; the elements of one array/sequence field; one option of a variant; the value of
 * an optional) shares a `Rows` counter that grows all of them at once. At the end of a chunk, `freeze()` copies
 * the used part of every array into a new, exact-size column tree (owned by the chunk, immutable) and resets the
 * writer for the next chunk, keeping its capacity.
 *
 * Storage per kind: integers <= 32 bits in Int32Array/Uint32Array; wider integers and varints as (lo, hi) uint32
 * pairs in a Uint32Array (exact, no BigInt; sign-extended to 64 bits for signed values); floats in Float64Array;
 * booleans in Uint8Array; strings, text arrays and BLOBs as bytes in a pool plus row offsets (decoded lazily);
 * lists as row offsets into their element columns; variants as (option, row-in-option) pairs (compound columns in
 * `compound-columns.ts`).
 *
 * Values (`val`): integers as numbers when exact (|v| <= 2^53), as bigint beyond (64-bit fields); enumerations
 * as `{ label, value }` (several matching labels as an array, none as null); structures as objects keyed by
 * display names; arrays as arrays; variants as their selected option's value; absent optionals as null; text as
 * strings; BLOBs as Uint8Array.
 */
import type { FieldValue } from '../../../trace/types';
import { TextCache } from './text-cache';
import { frozenCopy } from './freeze-arena';

const TWO32 = 4294967296;

/** Grows the typed arrays of a group of columns that gain rows together. */
export class Rows {
  n = 0;
  cap: number;
  constructor(
    readonly cols: Col[],
    cap = 16
  ) {
    this.cap = cap;
    for (const c of cols) c.resize(cap);
  }
  grow(): void {
    this.cap *= 2;
    for (const c of this.cols) c.resize(this.cap);
  }
}

export function resized<T extends Uint32Array | Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}

/** Base of all columns: value readers by row. */
export abstract class Col {
  abstract resize(cap: number): void;
  /** Exact-size copy of rows [0, n) with its own row counters; resets the writer. */
  abstract freeze(n: number): Col;
  /** Number (exact up to 2^53), NaN when not numeric. */
  num(_r: number): number {
    return NaN;
  }
  big(_r: number): bigint | undefined {
    return undefined;
  }
  str(_r: number): string | undefined {
    return undefined;
  }
  abstract val(r: number): FieldValue;
}

/** Label of an enumeration (or CTF 2 mapped integer) value: first matching mapping, or null. */
export interface LabelMap {
  labels: string[];
  /** Flattened [lo, hi, labelIndex] triples. */
  ranges: number[];
  /** Exact bigint ranges, consulted for values beyond 2^53. */
  bigRanges: [bigint, bigint, number][];
}

/** Labels whose ranges contain the value: one label as a string, several as an array, none as null. */
export function labelOf(m: LabelMap, v: number, b: () => bigint): string | string[] | null {
  const hits: number[] = [];
  if (Number.isSafeInteger(v)) {
    for (let k = 0; k < m.ranges.length; k += 3) {
      if (v >= m.ranges[k] && v <= m.ranges[k + 1] && !hits.includes(m.ranges[k + 2])) {
        hits.push(m.ranges[k + 2]);
      }
    }
  } else {
    const x = b();
    for (const [lo, hi, i] of m.bigRanges) if (x >= lo && x <= hi && !hits.includes(i)) hits.push(i);
  }
  if (hits.length === 0) return null;
  return hits.length === 1 ? m.labels[hits[0]] : hits.map(i => m.labels[i]);
}

function firstLabel(l: string | string[] | null): string | undefined {
  return l === null ? undefined : typeof l === 'string' ? l : l[0];
}

/** Integers of 1..32 bits (also enum containers, bit arrays). */
export class IntCol extends Col {
  a: Int32Array | Uint32Array;
  constructor(
    readonly signed: boolean,
    readonly mappings?: LabelMap
  ) {
    super();
    this.a = signed ? new Int32Array(0) : new Uint32Array(0);
  }
  resize(cap: number): void {
    this.a = resized(this.a, cap);
  }
  freeze(n: number): IntCol {
    const c = new IntCol(this.signed, this.mappings);
    c.a = frozenCopy(this.a, n);
    return c;
  }
  num(r: number): number {
    return this.a[r];
  }
  big(r: number): bigint {
    return BigInt(this.a[r]);
  }
  str(r: number): string | undefined {
    return this.mappings ? firstLabel(labelOf(this.mappings, this.a[r], () => this.big(r))) : undefined;
  }
  val(r: number): FieldValue {
    const v = this.a[r];
    return this.mappings ? { label: labelOf(this.mappings, v, () => BigInt(v)), value: v } : v;
  }
}

/** Integers of 33..64 bits and variable-length integers: (lo, hi) pairs. */
export class WideCol extends Col {
  a = new Uint32Array(0);
  constructor(
    readonly signed: boolean,
    readonly mappings?: LabelMap
  ) {
    super();
  }
  resize(cap: number): void {
    this.a = resized(this.a, cap * 2);
  }
  freeze(n: number): WideCol {
    const c = new WideCol(this.signed, this.mappings);
    c.a = frozenCopy(this.a, n * 2);
    return c;
  }
  num(r: number): number {
    const hi = this.a[2 * r + 1];
    return (this.signed ? hi | 0 : hi) * TWO32 + this.a[2 * r];
  }
  big(r: number): bigint {
    const hi = this.a[2 * r + 1];
    const b = (BigInt(this.signed ? hi | 0 : hi) << 32n) | BigInt(this.a[2 * r]);
    return b;
  }
  str(r: number): string | undefined {
    return this.mappings ? firstLabel(labelOf(this.mappings, this.num(r), () => this.big(r))) : undefined;
  }
  /** Numbers when exact (|v| <= 2^53), bigint beyond. */
  val(r: number): FieldValue {
    const n = this.num(r);
    const v = Number.isSafeInteger(n) ? n : this.big(r);
    return this.mappings ? { label: labelOf(this.mappings, n, () => this.big(r)), value: v } : v;
  }
}

export class FloatCol extends Col {
  a = new Float64Array(0);
  resize(cap: number): void {
    this.a = resized(this.a, cap);
  }
  freeze(n: number): FloatCol {
    const c = new FloatCol();
    c.a = frozenCopy(this.a, n);
    return c;
  }
  num(r: number): number {
    return this.a[r];
  }
  val(r: number): FieldValue {
    return this.a[r];
  }
}

export class BoolCol extends Col {
  a = new Uint8Array(0);
  resize(cap: number): void {
    this.a = resized(this.a, cap);
  }
  freeze(n: number): BoolCol {
    const c = new BoolCol();
    c.a = frozenCopy(this.a, n);
    return c;
  }
  num(r: number): number {
    return this.a[r];
  }
  big(r: number): bigint {
    return BigInt(this.a[r]);
  }
  val(r: number): FieldValue {
    return this.a[r] !== 0;
  }
}

const utf8 = new TextDecoder('utf-8');
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

/** Decodes bytes as text: an ASCII fast path for short strings, TextDecoder otherwise. */
export function decodeText(b: Uint8Array, encoding = 'utf8'): string {
  if (encoding === 'utf8' || encoding === 'ascii') {
    if (b.length < 64) {
      let s = '';
      for (let i = 0; i < b.length; i++) {
        const c = b[i];
        if (c >= 0x80) return utf8.decode(b);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return utf8.decode(b);
  }
  let d = decoders.get(encoding);
  if (!d) {
    const label = encoding.replace(/^utf(\d+)(be|le)$/, 'utf-$1$2');
    d = new TextDecoder(label);
    decoders.set(encoding, d);
  }
  return d.decode(b);
}

/** Strings, text arrays and BLOBs: a byte pool and n+1 row offsets. */
export class BytesCol extends Col {
  off = new Uint32Array(1);
  bytes = new Uint8Array(256);
  used = 0;
  constructor(
    /** 'utf8' | 'utf16le' | ... for text; 'bytes' for BLOBs. */
    readonly encoding: string,
    /** Interned short strings (UTF-8 text only), shared with the frozen copies. */
    readonly cache: TextCache | undefined = encoding === 'utf8' || encoding === 'ascii'
      ? new TextCache()
      : undefined
  ) {
    super();
  }
  resize(cap: number): void {
    this.off = resized(this.off, cap + 1);
  }
  private room(k: number): void {
    if (this.used + k > this.bytes.length) {
      this.bytes = resized(this.bytes, Math.max(this.bytes.length * 2, this.used + k));
    }
  }
  /** Appends u8[from, to) as row r. */
  push(r: number, u8: Uint8Array, from: number, to: number): void {
    const k = to - from;
    if (this.used + k > this.bytes.length) this.room(k);
    const b = this.bytes;
    let u = this.used;
    if (k <= 64) {
      for (let i = from; i < to; i++) b[u++] = u8[i];
    } else {
      b.set(u8.subarray(from, to), u);
      u += k;
    }
    this.used = u;
    this.off[r + 1] = u;
  }
  /** Appends a text array of `len` bytes at `from`, cut at its first NUL (as babeltrace2 prints it). */
  pushText(r: number, u8: Uint8Array, from: number, len: number): void {
    if (this.used + len > this.bytes.length) this.room(len);
    const b = this.bytes;
    let u = this.used;
    const lim = from + len;
    for (let i = from; i < lim; i++) {
      const c = u8[i];
      if (c === 0) break;
      b[u++] = c;
    }
    this.used = u;
    this.off[r + 1] = u;
  }
  /** Appends already-assembled bytes (unaligned text arrays). */
  pushArray(r: number, b: Uint8Array): void {
    this.room(b.length);
    this.bytes.set(b, this.used);
    this.used += b.length;
    this.off[r + 1] = this.used;
  }
  freeze(n: number): BytesCol {
    const c = new BytesCol(this.encoding, this.cache);
    c.off = frozenCopy(this.off, n + 1);
    c.bytes = frozenCopy(this.bytes, this.used);
    c.used = this.used;
    this.used = 0;
    return c;
  }
  raw(r: number): Uint8Array {
    return this.bytes.subarray(this.off[r], this.off[r + 1]);
  }
  /** A DataView of `bytes` (for the text cache), remade when `bytes` is replaced. */
  private dv: DataView | undefined;
  private view(): DataView {
    const b = this.bytes;
    let dv = this.dv;
    if (
      dv === undefined ||
      dv.buffer !== b.buffer ||
      dv.byteOffset !== b.byteOffset ||
      dv.byteLength !== b.length
    ) {
      dv = this.dv = new DataView(b.buffer, b.byteOffset, b.length);
    }
    return dv;
  }
  str(r: number): string | undefined {
    if (this.cache !== undefined) {
      const t = this.cache.get(this.bytes, this.off[r], this.off[r + 1], this.view());
      if (t !== undefined) return t;
    }
    return this.encoding === 'bytes' ? undefined : decodeText(this.raw(r), this.encoding);
  }
  val(r: number): FieldValue {
    return this.encoding === 'bytes' ? this.raw(r).slice() : (this.str(r) as string);
  }
}
