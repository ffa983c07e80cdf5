/**
 * Closed state intervals in chunked typed arrays (attribute, start, value kind, numeric payload: 21 bytes per
 * interval), with a per-attribute index built once the state system is finished. An interval's end is not stored:
 * the intervals of one attribute tile the analysis range, so it ends where the next one starts (the last one at
 * the end of the analysis).
 *
 * Scope: storage and range queries. Strings and out-of-range integers live in side pools referenced from the
 * numeric column. Chunks (64 Ki intervals) grow without copying.
 */
import { Dbl, Kind, kindOf } from './values';
import type { Value } from './values';

export interface Interval {
  readonly attribute: number;
  readonly start: bigint;
  /** Time of the next change (exclusive), or the state system's end time for an attribute's last interval. */
  readonly end: bigint;
  readonly value: Value;
}

const SHIFT = 16;
const SIZE = 1 << SHIFT;
const MASK = SIZE - 1;

export class IntervalStore {
  length = 0;
  private readonly attrs: Int32Array[] = [];
  private readonly starts: BigInt64Array[] = [];
  private readonly kinds: Uint8Array[] = [];
  private readonly nums: Float64Array[] = [];
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly bigs: bigint[] = [];
  private endT = 0n;
  private offsets: Int32Array | undefined;
  private order: Int32Array | undefined;

  /** Pool id of a string (interned). */
  stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** Appends an interval; returns its index. */
  push(attribute: number, start: bigint, value: Value): number {
    const k = this.length++;
    const c = k >>> SHIFT;
    if (c === this.attrs.length) {
      this.attrs.push(new Int32Array(SIZE));
      this.starts.push(new BigInt64Array(SIZE));
      this.kinds.push(new Uint8Array(SIZE));
      this.nums.push(new Float64Array(SIZE));
    }
    const i = k & MASK;
    this.attrs[c][i] = attribute;
    this.starts[c][i] = start;
    const kind = kindOf(value);
    this.kinds[c][i] = kind;
    const nums = this.nums[c];
    switch (kind) {
      case Kind.Int:
        nums[i] = value as number;
        break;
      case Kind.Double:
        nums[i] = (value as Dbl).v;
        break;
      case Kind.Str:
        nums[i] = this.stringId(value as string);
        break;
      case Kind.Big:
        nums[i] = this.bigs.push(value as bigint) - 1;
        break;
      default:
        break;
    }
    this.offsets = undefined;
    return k;
  }

  /** Removes interval `k` (the attribute's previous interval then extends over it). */
  kill(k: number): void {
    this.attrs[k >>> SHIFT][k & MASK] = -1;
    this.offsets = undefined;
  }

  /** Sets the end of every attribute's last interval. */
  close(end: bigint): void {
    this.endT = end;
  }

  attr(k: number): number {
    return this.attrs[k >>> SHIFT][k & MASK];
  }

  start(k: number): bigint {
    return this.starts[k >>> SHIFT][k & MASK];
  }

  kind(k: number): Kind {
    return this.kinds[k >>> SHIFT][k & MASK] as Kind;
  }

  /** Numeric payload: the number for ints and doubles, NaN otherwise. */
  number(k: number): number {
    const kind = this.kind(k);
    if (kind === Kind.Int || kind === Kind.Double) return this.nums[k >>> SHIFT][k & MASK];
    return kind === Kind.Big ? Number(this.bigs[this.nums[k >>> SHIFT][k & MASK]]) : NaN;
  }

  value(k: number): Value {
    const n = this.nums[k >>> SHIFT][k & MASK];
    switch (this.kind(k)) {
      case Kind.Int:
        return n;
      case Kind.Double:
        return new Dbl(n);
      case Kind.Str:
        return this.strings[n];
      case Kind.Big:
        return this.bigs[n];
      default:
        return null;
    }
  }

  /** Groups interval indices by attribute (stable: each attribute's intervals stay in time order). */
  private index(attributes: number): { offsets: Int32Array; order: Int32Array } {
    if (this.offsets !== undefined && this.offsets.length === attributes + 1) {
      return { offsets: this.offsets, order: this.order! };
    }
    const offsets = new Int32Array(attributes + 1);
    for (let k = 0; k < this.length; k++) {
      const a = this.attr(k);
      if (a >= 0) offsets[a + 1]++;
    }
    for (let a = 0; a < attributes; a++) offsets[a + 1] += offsets[a];
    const fill = offsets.slice(0, attributes);
    const order = new Int32Array(offsets[attributes]);
    for (let k = 0; k < this.length; k++) {
      const a = this.attr(k);
      if (a >= 0) order[fill[a]++] = k;
    }
    this.offsets = offsets;
    this.order = order;
    return { offsets, order };
  }

  /** Positions (in the per-attribute order) of the intervals of `attribute` overlapping [from, to]. */
  query(attribute: number, attributes: number, from?: bigint, to?: bigint): { lo: number; hi: number } {
    const { offsets, order } = this.index(attributes);
    if (attribute < 0 || attribute >= attributes) return { lo: 0, hi: 0 };
    let lo = offsets[attribute];
    let hi = offsets[attribute + 1];
    if (from !== undefined && hi > lo) {
      // last interval starting at or before `from`
      let a = lo;
      let b = hi - 1;
      while (a < b) {
        const m = (a + b + 1) >> 1;
        if (this.start(order[m]) <= from) a = m;
        else b = m - 1;
      }
      lo = a;
    }
    if (to !== undefined) {
      let a = lo;
      let b = hi;
      while (a < b) {
        const m = (a + b) >> 1;
        if (this.start(order[m]) <= to) a = m + 1;
        else b = m;
      }
      hi = Math.max(a, lo);
    }
    return { lo, hi };
  }

  /** Interval index at position `j` of the per-attribute order (valid after `query`). */
  at(j: number): number {
    return this.order![j];
  }

  /** End of the interval at order position `j` of `attribute`. */
  endAt(j: number, attribute: number): bigint {
    const hi = this.offsets![attribute + 1];
    return j + 1 < hi ? this.start(this.order![j + 1]) : this.endT;
  }

  interval(j: number, attribute: number): Interval {
    const k = this.order![j];
    return { attribute, start: this.start(k), end: this.endAt(j, attribute), value: this.value(k) };
  }
}
