/**
 * Queries over interval columns in payload order (sorted by row, then start, no overlap within a row): the
 * slice of each row, and binary searches by time inside a row.
 *
 * Scope: pure functions on array-likes (plain arrays from JSON or typed arrays in the renderer).
 */

/** Read-only numeric column: a JSON array or a typed array. */
export type NumColumn = ArrayLike<number>;

/**
 * Start offsets of each row's slice: row r owns indices [off[r], off[r + 1]). `row` must be sorted.
 */
export function rowOffsets(row: NumColumn, rowCount: number): Int32Array {
  const off = new Int32Array(rowCount + 1);
  for (let i = 0; i < row.length; i++) off[row[i] + 1]++;
  for (let r = 0; r < rowCount; r++) off[r + 1] += off[r];
  return off;
}

/** First index in [lo, hi) whose end is > t (ends are sorted within a row), or hi. */
export function firstEndingAfter(end: NumColumn, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (end[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index in [lo, hi) whose start is >= t, or hi. */
export function firstStartingAtOrAfter(start: NumColumn, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The interval of slice [lo, hi) containing time t (start <= t < end; a zero-length interval at t counts),
 * or -1.
 */
export function intervalAt(start: NumColumn, end: NumColumn, lo: number, hi: number, t: number): number {
  const i = firstEndingAfter(end, lo, hi, t);
  if (i > lo && end[i - 1] === t && start[i - 1] === t) return i - 1;
  return i < hi && start[i] <= t ? i : -1;
}
