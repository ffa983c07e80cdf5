/**
 * The full-resolution intervals behind a view, kept in the kernel so a renderer can zoom: columns sorted by row
 * then start, with per-row index ranges, and the query that answers a `timegraph.fetch` (the intervals of some
 * rows overlapping a time range, in the columnar input form of the protocol's builders).
 *
 * Scope: typed-array bookkeeping only; level of detail is the protocol's `buildFetchReply`.
 */
import type { IIntervalColumnsInput } from '../../protocol';

/** Intervals of a view, any order, rows indexing `rowIds`. */
export interface IIntervalColumnsRaw {
  row: Int32Array;
  start: BigInt64Array;
  end: BigInt64Array;
  state: Uint8Array;
  /** Index into `strings`, -1 none. */
  label?: Int32Array;
  strings?: string[];
}

/** Intervals sorted by (row, start) with row index ranges; immutable once built. */
export class IntervalSource {
  /** Sorts `raw` (rows index `rowIds`). */
  constructor(
    readonly rowIds: readonly string[],
    raw: IIntervalColumnsRaw
  ) {
    const n = raw.row.length;
    const rowBegin = new Int32Array(rowIds.length + 1);
    const rawRow = raw.row;
    for (let i = 0; i < n; i++) rowBegin[rawRow[i] + 1]++;
    for (let r = 0; r < rowIds.length; r++) rowBegin[r + 1] += rowBegin[r];
    this.rowBegin = rowBegin;
    if (isSorted(raw)) {
      // Already in (row, start) order (e.g. built by a cell): plain copies, no permutation.
      this.row = Int32Array.from(raw.row);
      this.start = raw.start.slice();
      this.end = raw.end.slice();
      this.state = Uint8Array.from(raw.state);
      this.label = raw.label ? Int32Array.from(raw.label) : undefined;
    } else {
      const order = byRowThenStart(raw, this.rowBegin);
      this.row = gather(raw.row, order, new Int32Array(n));
      this.start = gather64(raw.start, order);
      this.end = gather64(raw.end, order);
      this.state = gather(raw.state, order, new Uint8Array(n));
      this.label = raw.label ? gather(raw.label, order, new Int32Array(n)) : undefined;
    }
    this.strings = raw.strings ?? [];
    this._index = new Map(rowIds.map((id, i) => [id, i]));
  }

  readonly row: Int32Array;
  readonly start: BigInt64Array;
  readonly end: BigInt64Array;
  readonly state: Uint8Array;
  readonly label: Int32Array | undefined;
  readonly strings: string[];
  /** Intervals of row r are [rowBegin[r], rowBegin[r + 1]). */
  readonly rowBegin: Int32Array;

  get length(): number {
    return this.row.length;
  }

  /** Everything, as builder input. */
  all(): IIntervalColumnsInput {
    const cols: IIntervalColumnsInput = {
      row: this.row,
      start: this.start,
      end: this.end,
      state: this.state
    };
    if (this.label) {
      cols.label = this.label;
      cols.strings = this.strings;
    }
    return cols;
  }

  /**
   * Intervals of the rows `ids` overlapping [from, to), as builder input whose rows index `ids` (unknown ids have
   * no intervals).
   */
  select(ids: readonly string[], from: bigint, to: bigint): IIntervalColumnsInput {
    // Each row's overlap is a contiguous index range: find them, then copy slices (no per-interval bigint).
    const lo = new Int32Array(ids.length);
    const hi = new Int32Array(ids.length);
    let total = 0;
    ids.forEach((id, k) => {
      const r = this._index.get(id);
      if (r === undefined) return;
      const b = this.rowBegin[r + 1];
      // Intervals of a row do not overlap, so their ends are sorted like their starts.
      lo[k] = this._firstEndingAfter(this.rowBegin[r], b, from);
      hi[k] = this._firstStartingAtOrAfter(lo[k], b, to);
      total += hi[k] - lo[k];
    });
    const row = new Int32Array(total);
    const start = new BigInt64Array(total);
    const end = new BigInt64Array(total);
    const state = new Uint8Array(total);
    const label = this.label ? new Int32Array(total) : undefined;
    let at = 0;
    for (let k = 0; k < ids.length; k++) {
      const a = lo[k];
      const b = hi[k];
      if (b <= a) continue;
      row.fill(k, at, at + b - a);
      start.set(this.start.subarray(a, b), at);
      end.set(this.end.subarray(a, b), at);
      state.set(this.state.subarray(a, b), at);
      label?.set(this.label!.subarray(a, b), at);
      at += b - a;
    }
    const cols: IIntervalColumnsInput = { row, start, end, state };
    if (label) {
      cols.label = label;
      cols.strings = this.strings;
    }
    return cols;
  }

  private _firstStartingAtOrAfter(lo: number, hi: number, t: bigint): number {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.start[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private _firstEndingAfter(lo: number, hi: number, t: bigint): number {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.end[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private readonly _index: Map<string, number>;
}

/** `start[i] >= start[j]` on the 32-bit halves of `w` (no BigInt per comparison; little-endian layout). */
function notBefore(w: Int32Array, i: number, j: number): boolean {
  return w[2 * i + 1] > w[2 * j + 1] || (w[2 * i + 1] === w[2 * j + 1] && w[2 * i] >>> 0 >= w[2 * j] >>> 0);
}

/** True when `raw` is sorted by row, then start. */
function isSorted(raw: IIntervalColumnsRaw): boolean {
  const { row, start } = raw;
  const w = new Int32Array(start.buffer, start.byteOffset, start.length * 2);
  for (let i = 1; i < row.length; i++) {
    if (row[i] < row[i - 1] || (row[i] === row[i - 1] && !notBefore(w, i, i - 1))) return false;
  }
  return true;
}

/**
 * The permutation ordering intervals by row, then start: a stable counting sort by row (analysis tables list each
 * thread's intervals in time order already), then a sort of any row left out of time order.
 */
function byRowThenStart(raw: IIntervalColumnsRaw, rowBegin: Int32Array): Uint32Array {
  const n = raw.row.length;
  const next = rowBegin.slice(0, rowBegin.length - 1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[next[raw.row[i]]++] = i;
  const start = raw.start;
  const w = new Int32Array(start.buffer, start.byteOffset, start.length * 2);
  for (let r = 0; r + 1 < rowBegin.length; r++) {
    const a = rowBegin[r];
    const b = rowBegin[r + 1];
    let sorted = true;
    for (let k = a + 1; k < b && sorted; k++) sorted = notBefore(w, order[k], order[k - 1]);
    if (!sorted) {
      order.subarray(a, b).sort((x, y) => (start[x] < start[y] ? -1 : start[x] > start[y] ? 1 : 0));
    }
  }
  return order;
}

/** `out[k] = src[order[k]]` for every k (a plain loop: `TypedArray.from` with a map function is slow). */
function gather<T extends Int32Array | Uint8Array>(src: ArrayLike<number>, order: Uint32Array, out: T): T {
  for (let k = 0; k < order.length; k++) out[k] = src[order[k]];
  return out;
}

/** `src[order[k]]` for every k, copying 32-bit halves (no BigInt per value). */
function gather64(src: BigInt64Array, order: Uint32Array): BigInt64Array {
  const out = new BigInt64Array(order.length);
  const from = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  const to = new Int32Array(out.buffer);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] * 2;
    to[2 * k] = from[i];
    to[2 * k + 1] = from[i + 1];
  }
  return out;
}
