/**
 * Interval input as columns, the fast path for kernels holding Arrow-like tables: bigint times in
 * `BigInt64Array`s are turned into offsets from the range start without allocating a bigint per value (the two
 * 32-bit halves are subtracted as numbers, exact for offsets below 2^53). Also the shared last step of every
 * interval conversion: ordering by row then start and clipping overlaps.
 *
 * Everything here works on typed arrays (no object or boxed number per interval): a million intervals cost a
 * few tens of milliseconds. Only the bounded level-of-detail output (`lod.ts`) becomes JSON arrays.
 *
 * Scope: pure array code used by `build.ts`.
 */
import type { NumColumn } from './columns';

/** Intervals as columns: absolute bigint ns times, rows indexing the input row list. */
export interface IIntervalColumnsInput {
  row: ArrayLike<number>;
  start: BigInt64Array;
  end: BigInt64Array;
  state: ArrayLike<number>;
  /** Index into `strings` per interval, -1 for none. */
  label?: ArrayLike<number>;
  strings?: string[];
}

/**
 * Interval columns in payload order read by index (typed arrays inside the builders, JSON arrays in payloads):
 * the input of the level-of-detail merge.
 */
export interface IIntervalColumnsView {
  row: NumColumn;
  start: NumColumn;
  end: NumColumn;
  state: NumColumn;
  count?: NumColumn;
  label?: NumColumn;
}

/** Intervals gathered as offsets, before ordering. */
export interface IGathered {
  rows: NumColumn;
  starts: NumColumn;
  ends: NumColumn;
  states: NumColumn;
  labels: NumColumn | null;
  /** Already in (row, start) order. */
  sorted: boolean;
  /** Sorted, and no interval starts before the previous one of its row ends: nothing left to clip. */
  clean?: boolean;
}

/** True for columnar input. */
export function isColumnsInput(x: unknown): x is IIntervalColumnsInput {
  return typeof x === 'object' && x !== null && (x as IIntervalColumnsInput).start instanceof BigInt64Array;
}

/** Offsets of `col` from `base` (exact below 2^53 in magnitude; little-endian layout). */
export function offsetsOf(col: BigInt64Array, base: bigint): Float64Array {
  const lo = new Uint32Array(col.buffer, col.byteOffset, col.length * 2);
  const hi = new Int32Array(col.buffer, col.byteOffset, col.length * 2);
  const baseLo = Number(BigInt.asUintN(32, base));
  const baseHi = Number(BigInt.asIntN(32, base >> 32n));
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    out[i] = (hi[2 * i + 1] - baseHi) * 4294967296 + (lo[2 * i] - baseLo);
  }
  return out;
}

/** `strings` indices of `own` strings, appending the missing ones. */
function mergeStrings(own: readonly string[], strings: string[]): Int32Array {
  const index = new Map(strings.map((s, i) => [s, i]));
  return Int32Array.from(own, s => {
    let k = index.get(s);
    if (k === undefined) {
      k = strings.push(s) - 1;
      index.set(s, k);
    }
    return k;
  });
}

/** Gathers columnar input: offsets, row mapping, dropped entries (empty after clipping or unknown row). */
export function gatherColumns(
  c: IIntervalColumnsInput,
  base: bigint,
  len: number,
  rowMap: Int32Array,
  strings: string[]
): IGathered {
  const n = c.row.length;
  const s = offsetsOf(c.start, base);
  const e = offsetsOf(c.end, base);
  const stringMap = mergeStrings(c.strings ?? [], strings);
  const srcRow = c.row;
  const srcState = c.state;
  const srcLabel = c.label ?? null;
  const rows = new Int32Array(n);
  const states = new Int32Array(n);
  const labels = srcLabel ? new Int32Array(n) : null;
  let sorted = true;
  let clean = true;
  let k = 0;
  let lastRow = -1;
  let lastStart = 0;
  let lastEnd = 0;
  for (let i = 0; i < n; i++) {
    const src = srcRow[i];
    const si = s[i];
    const ei = e[i];
    const so = si < 0 ? 0 : si;
    const eo = ei > len ? len : ei;
    if (src < 0 || src >= rowMap.length || ei < si || eo < so) continue;
    const r = rowMap[src];
    if (r < lastRow || (r === lastRow && so < lastStart)) sorted = false;
    if (r === lastRow && so < lastEnd) clean = false;
    lastRow = r;
    lastStart = so;
    lastEnd = eo;
    rows[k] = r;
    s[k] = so; // in place: k <= i
    e[k] = eo;
    states[k] = srcState[i];
    if (labels) {
      const l = srcLabel![i];
      labels[k] = l >= 0 && l < stringMap.length ? stringMap[l] : -1;
    }
    k++;
  }
  return {
    rows: rows.subarray(0, k),
    starts: s.subarray(0, k),
    ends: e.subarray(0, k),
    states: states.subarray(0, k),
    labels: labels && strings.length > 0 ? labels.subarray(0, k) : null,
    sorted,
    clean: sorted && clean
  };
}

/** The permutation sorting gathered intervals by row, then start, then end. */
function sortOrder(rows: NumColumn, starts: NumColumn, ends: NumColumn): Uint32Array {
  const idx = new Uint32Array(rows.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((a, b) => rows[a] - rows[b] || starts[a] - starts[b] || ends[a] - ends[b]);
  return idx;
}

/**
 * Orders gathered intervals by row then start and clips overlaps within a row (later starts move right).
 * Returns typed columns (`Int32Array` rows, states and labels, `Float64Array` offsets).
 */
export function finishColumns(g: IGathered): IIntervalColumnsView {
  const { rows, starts, ends, states, labels } = g;
  if (g.clean) {
    const done: IIntervalColumnsView = { row: rows, start: starts, end: ends, state: states };
    if (labels) done.label = labels;
    return done;
  }
  const n = rows.length;
  const order = g.sorted ? null : sortOrder(rows, starts, ends);
  const row = new Int32Array(n);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const state = new Int32Array(n);
  const label = labels ? new Int32Array(n) : null;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = order ? order[j] : j;
    const r = rows[i];
    const e = ends[i];
    const s0 = starts[i];
    const s = k > 0 && row[k - 1] === r && end[k - 1] > s0 ? end[k - 1] : s0;
    if (e < s || (e === s && s0 !== e)) continue;
    row[k] = r;
    start[k] = s;
    end[k] = e;
    state[k] = states[i];
    if (label) label[k] = labels![i];
    k++;
  }
  const cols: IIntervalColumnsView = {
    row: row.subarray(0, k),
    start: start.subarray(0, k),
    end: end.subarray(0, k),
    state: state.subarray(0, k)
  };
  if (label) cols.label = label.subarray(0, k);
  return cols;
}
