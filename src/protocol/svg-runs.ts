/**
 * Pixel runs of payload rows for the SVG fallback: the row slices of a payload and an array-returning wrapper
 * around `pixelRuns`.
 *
 * Scope: pure helpers for `svg-fallback.ts`.
 */
import { rowOffsets } from './columns';
import { pixelRuns } from './pixel-runs';
import type { ITimeGraphPayload } from './timegraph';

/** Row slice offsets of a payload's intervals. */
export function columnsOfRows(p: ITimeGraphPayload): Int32Array {
  return rowOffsets(p.intervals.row, p.rows.length);
}

/** One drawable run. */
export interface IRun {
  x0: number;
  x1: number;
  state: number;
}

/** The pixel runs of row `r` over window [w0, w1] (ns offsets from range start) at `widthPx`. */
export function drawableRuns(
  p: ITimeGraphPayload,
  off: Int32Array,
  r: number,
  w0: number,
  w1: number,
  widthPx: number
) {
  const runs: IRun[] = [];
  const iv = p.intervals;
  pixelRuns(
    { start: iv.start, end: iv.end, state: iv.state, count: iv.count, lo: off[r], hi: off[r + 1] },
    w0,
    w1,
    widthPx,
    (x0, x1, state) => runs.push({ x0, x1, state })
  );
  return runs;
}
