/**
 * Level of detail for state intervals: merges intervals shorter than one pixel's duration into runs, so a
 * snapshot (or a comm reply) holds a bounded number of intervals whatever the trace size.
 *
 * Scope: pure functions over columns that are sorted by row then start (the payload order). The kernel calls
 * them through `buildTimeGraphPayload` (`build.ts`) and for comm replies; tests check them against hand-made
 * columns.
 *
 * #### The rule
 * Time is cut into buckets of `bucket` ns aligned on the range start. An interval at least `bucket` long is kept
 * as is. Consecutive short intervals of one row that start in the same bucket become one run from the first
 * start to the last end; its state is the one that covered the most time in the run, its `count` the number of
 * source intervals, its label the common label or -1. A row thus holds at most about 2 entries per bucket, and
 * `lodIntervals` grows the bucket until the total fits `maxIntervals` (it cannot go below one entry per row
 * with data).
 */
import type { IIntervalColumnsView } from './build-columns';
import type { IIntervalColumns } from './timegraph';

/** An empty set of columns (with optional count/label columns). */
export function emptyIntervals(withExtra = true): IIntervalColumns {
  const c: IIntervalColumns = { row: [], start: [], end: [], state: [] };
  if (withExtra) {
    c.count = [];
    c.label = [];
  }
  return c;
}

/** Accumulates per-state time for the dominant state of a run without allocating per run. */
class StateTally {
  constructor(states: number) {
    this._dur = new Float64Array(Math.max(1, states));
  }

  add(state: number, dur: number): void {
    if (state >= this._dur.length) {
      const grown = new Float64Array(state + 1);
      grown.set(this._dur);
      this._dur = grown;
    }
    if (this._dur[state] === 0) this._touched.push(state);
    // Zero-length intervals still vote, with a tiny weight, so a run of them gets a state.
    this._dur[state] += dur > 0 ? dur : 1e-9;
  }

  /** The state with the largest total (lowest index on ties), then resets. */
  takeDominant(): number {
    let best = -1;
    let bestDur = -1;
    for (const s of this._touched) {
      const d = this._dur[s];
      if (d > bestDur || (d === bestDur && s < best)) {
        best = s;
        bestDur = d;
      }
      this._dur[s] = 0;
    }
    this._touched.length = 0;
    return best;
  }

  private _dur: Float64Array;
  private _touched: number[] = [];
}

/**
 * Merges runs of short intervals with buckets of `bucket` ns. With `out` null it only counts the entries it
 * would produce. Input columns (JSON or typed arrays) must be in payload order.
 */
export function mergeIntervals(
  src: IIntervalColumnsView,
  bucket: number,
  out: IIntervalColumns | null
): number {
  const { row, start, end, state } = src;
  const countCol = src.count ?? null;
  const labelCol = src.label ?? null;
  const n = row.length;
  const tally = out ? new StateTally(16) : null;
  let produced = 0;
  let i = 0;
  while (i < n) {
    const r = row[i];
    const s = start[i];
    if (end[i] - s >= bucket || bucket <= 1) {
      if (out) {
        pushInterval(out, r, s, end[i], state[i], countCol ? countCol[i] : 1, labelCol ? labelCol[i] : -1);
      }
      produced++;
      i++;
      continue;
    }
    const bucketEnd = (Math.floor(s / bucket) + 1) * bucket;
    let j = i;
    while (j < n && row[j] === r && start[j] < bucketEnd && end[j] - start[j] < bucket) j++;
    produced++;
    if (out) {
      let count = 0;
      let label = labelCol ? labelCol[i] : -1;
      for (let k = i; k < j; k++) {
        tally!.add(state[k], end[k] - start[k]);
        count += countCol ? countCol[k] : 1;
        if (labelCol && labelCol[k] !== label) label = -1;
      }
      pushInterval(out, r, s, end[j - 1], tally!.takeDominant(), count, label);
    }
    i = j;
  }
  return produced;
}

function pushInterval(
  c: IIntervalColumns,
  row: number,
  s: number,
  e: number,
  st: number,
  n: number,
  l: number
) {
  c.row.push(row);
  c.start.push(s);
  c.end.push(e);
  c.state.push(st);
  c.count?.push(n);
  c.label?.push(l);
}

/** The result of `lodIntervals`. */
export interface ILodResult {
  intervals: IIntervalColumns;
  /** The bucket used, ns (0 when the input was already small enough and kept exact). */
  resolution: number;
}

/**
 * Bounds an interval set for display over `rangeLength` ns at `width` pixels: starts with one bucket per pixel
 * and grows it (at least doubling) until at most `maxIntervals` entries remain (or one bucket spans the range). Sub-pixel detail
 * is invisible at `width`, so it is merged even when the input would fit; pass `width` = Infinity to keep the
 * input exact when it fits. `resolution` is 0 when nothing was merged.
 */
export function lodIntervals(
  src: IIntervalColumnsView,
  rangeLength: number,
  width: number,
  maxIntervals: number
): ILodResult {
  let bucket = width === Infinity ? 1 : Math.max(1, Math.ceil(rangeLength / Math.max(1, width)));
  let count = mergeIntervals(src, bucket, null);
  while (count > maxIntervals && bucket < rangeLength) {
    // Dense rows shrink about in proportion to the bucket: jump by the overshoot, at least doubling.
    bucket = Math.min(rangeLength, bucket * Math.max(2, Math.ceil(count / maxIntervals)));
    count = mergeIntervals(src, bucket, null);
  }
  const out = emptyIntervals(true);
  mergeIntervals(src, bucket, out);
  const exact = out.count!.every(c => c === 1);
  if (!src.label) delete out.label;
  if (exact) delete out.count;
  return { intervals: out, resolution: exact ? 0 : bucket };
}
