/**
 * Turns the intervals of one row into drawable pixel runs for a time window: intervals at least a pixel wide
 * are kept (adjacent runs of one state joined), a lone shorter one gets a 1-px run of its own state, and several
 * inside one pixel column become a single 1-px run coloured by the state at the pixel's centre. The cost per
 * row is O(pixels x log n), independent of how many intervals the row holds.
 *
 * Scope: pure; shared by the canvas painter and the SVG fallback. Times are ns offsets (numbers) from one base,
 * so `t - w0` is an exact integer difference below 2^53; only the scale to pixels is floating point.
 */
import { firstEndingAfter, intervalAt } from './columns';
import type { NumColumn } from './columns';

/** Receives runs in increasing x: [x0, x1) in px from the window's left edge. */
export type PixelRunSink = (x0: number, x1: number, state: number, merged: boolean, first: number) => void;

/** The interval columns of one row: indices [lo, hi) of `start`/`end`/`state`. */
export interface IRowSlice {
  start: NumColumn;
  end: NumColumn;
  state: NumColumn;
  /** Merge counts (> 1: the interval is itself a merged run). */
  count?: NumColumn | null;
  lo: number;
  hi: number;
}

/** Emits the pixel runs of `row` over window [w0, w1] (ns offsets) drawn `widthPx` wide. Returns runs emitted. */
export function pixelRuns(
  row: IRowSlice,
  w0: number,
  w1: number,
  widthPx: number,
  sink: PixelRunSink
): number {
  const { start, end, state, lo, hi } = row;
  if (w1 <= w0 || widthPx <= 0) return 0;
  const scale = widthPx / (w1 - w0);
  let emitted = 0;
  let px0 = 0;
  let px1 = -1;
  let pState = -1;
  let pMerged = false;
  let pFirst = -1;
  const flush = (): void => {
    if (pState >= 0) {
      sink(px0, px1, pState, pMerged, pFirst);
      emitted++;
    }
  };
  const push = (x0: number, x1: number, s: number, merged: boolean, first: number): void => {
    if (s === pState && merged === pMerged && x0 <= px1 + 0.5) {
      px1 = Math.max(px1, x1);
      return;
    }
    flush();
    px0 = x0;
    px1 = x1;
    pState = s;
    pMerged = merged;
    pFirst = first;
  };
  let i = firstEndingAfter(end, lo, hi, w0);
  if (i > lo && end[i - 1] === w0 && start[i - 1] === w0) i--;
  // Right edge of the last 1-px column emitted: a wide interval starting inside it starts after it.
  let columnEnd = -Infinity;
  while (i < hi && start[i] <= w1) {
    const x0 = Math.max(columnEnd, (Math.max(start[i], w0) - w0) * scale);
    const x1 = (Math.min(end[i], w1) - w0) * scale;
    if (x1 - x0 >= 1) {
      push(x0, x1, state[i], (row.count?.[i] ?? 1) > 1, i);
      i++;
      continue;
    }
    const col = Math.floor(x0);
    const colEnd = w0 + (col + 1) / scale;
    let j = firstEndingAfter(end, i, hi, colEnd);
    if (j === i) j = i + 1;
    // A lone short interval keeps its own colour (so instants stay visible); several are sampled at the
    // pixel's centre among them and the interval crossing the pixel's right edge.
    const centre = w0 + (col + 0.5) / scale;
    const k = j - i === 1 ? i : intervalAt(start, end, i, Math.min(hi, j + 1), centre);
    const merged = j - i > 1 || (row.count?.[i] ?? 1) > 1;
    push(col, col + 1, state[k >= 0 ? k : i], merged, i);
    columnEnd = col + 1;
    i = j;
  }
  flush();
  return emitted;
}
