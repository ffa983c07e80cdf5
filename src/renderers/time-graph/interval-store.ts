/**
 * Interval columns ready for drawing and hit-testing: per-row slices over the payload's own arrays (no copy),
 * or over a comm reply whose rows are mapped onto the view's rows and whose offsets are shifted to the view's
 * base. Also the "is this row active in the window" test behind the active-threads filter.
 *
 * Scope: read-only queries; the columns are validated before a store is built.
 */
import { intervalAt, rowOffsets } from '../../protocol/columns';
import type { NumColumn } from '../../protocol/columns';
import type { IRowSlice } from '../../protocol/pixel-runs';
import type { IIntervalColumns } from '../../protocol/timegraph';

/** Intervals of one source (snapshot or reply), addressed by view row index. */
export class IntervalStore {
  /**
   * @param cols - validated columns (payload order).
   * @param rowCount - number of view rows.
   * @param shift - view-base offset of this source's zero (reply range start - payload range start).
   * @param rowMap - source row index -> view row index (-1: unknown); identity when absent.
   * @param coverage - [t0, t1] in view base this source covers (default: everything).
   * @param resolution - ns merge bucket of the source (0: exact).
   */
  constructor(
    cols: IIntervalColumns,
    rowCount: number,
    readonly shift = 0,
    rowMap?: Int32Array,
    readonly coverage: readonly [number, number] = [-Infinity, Infinity],
    readonly resolution = 0,
    readonly strings: readonly string[] = []
  ) {
    this.start = cols.start;
    this.end = cols.end;
    this.state = cols.state;
    this.count = cols.count ?? null;
    this.label = cols.label ?? null;
    this.lo = new Int32Array(rowCount);
    this.hi = new Int32Array(rowCount);
    this.covers = new Uint8Array(rowCount);
    const srcRows = rowMap ? rowMap.length : rowCount;
    const off = rowOffsets(cols.row, srcRows);
    for (let s = 0; s < srcRows; s++) {
      const v = rowMap ? rowMap[s] : s;
      if (v < 0 || v >= rowCount) continue;
      this.lo[v] = off[s];
      this.hi[v] = off[s + 1];
      this.covers[v] = 1;
    }
  }

  readonly start: NumColumn;
  readonly end: NumColumn;
  readonly state: NumColumn;
  readonly count: NumColumn | null;
  readonly label: NumColumn | null;
  /** Slice bounds per view row. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** 1 when this source has data (possibly none) for the view row. */
  readonly covers: Uint8Array;

  /** The row's slice for `pixelRuns` (times in this store's base: subtract `shift` from view offsets). */
  slice(row: number): IRowSlice {
    return {
      start: this.start,
      end: this.end,
      state: this.state,
      count: this.count,
      lo: this.lo[row],
      hi: this.hi[row]
    };
  }

  /** True when this store has the row and covers the whole view-base window [w0, w1]. */
  coversWindow(row: number, w0: number, w1: number): boolean {
    return this.covers[row] === 1 && w0 >= this.coverage[0] && w1 <= this.coverage[1];
  }

  /** Index of the interval of `row` containing view-base time t, or -1. */
  at(row: number, t: number): number {
    return intervalAt(this.start, this.end, this.lo[row], this.hi[row], t - this.shift);
  }

  /** Index of the interval of `row` nearest to t within `tolerance` ns (for hovering thin intervals), or -1. */
  near(row: number, t: number, tolerance: number): number {
    const exact = this.at(row, t);
    if (exact >= 0 || tolerance <= 0) return exact;
    const a = this.at(row, t - tolerance);
    const b = this.at(row, t + tolerance);
    if (a < 0) return b;
    if (b < 0) return a;
    const da = t - this.shift - this.end[a];
    const db = this.start[b] - (t - this.shift);
    return da <= db ? a : b;
  }

  /** Start and end of interval i in view base. */
  bounds(i: number): [number, number] {
    return [this.start[i] + this.shift, this.end[i] + this.shift];
  }

  /** True if `row` has an interval overlapping [w0, w1] (view base) whose state is flagged in `active`. */
  activeIn(row: number, w0: number, w1: number, active: Uint8Array): boolean {
    const lo = this.lo[row];
    const hi = this.hi[row];
    const a = w0 - this.shift;
    const b = w1 - this.shift;
    let i = lo;
    let h = hi;
    while (i < h) {
      const mid = (i + h) >>> 1;
      if (this.end[mid] > a) h = mid;
      else i = mid + 1;
    }
    for (; i < hi && this.start[i] <= b; i++) {
      if (active[this.state[i]] === 1) return true;
    }
    return false;
  }
}
