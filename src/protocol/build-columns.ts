/**
 * Interval input as columns, the fast path for kernels holding Arrow-like tables: bigint times in
 * `BigInt64Array`s are turned into offsets from the range start without allocating a bigint per value (the two
 * 32-bit halves are subtracted as numbers, exact for offsets below 2^53). Also the shared last step of every
 * interval conversion: ordering by row then start and clipping overlaps.
 *
 * Scope: pure array code used by `build.ts`.
 */
import type { IIntervalColumns } from './timegraph';

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

/** Intervals gathered as offsets, before ordering. */
export interface IGathered {
  rows: ArrayLike<number>;
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
  states: ArrayLike<number>;
  labels: ArrayLike<number> | null;
  /** Already in (row, start) order. */
  sorted: boolean;
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
  const stringMap = (c.strings ?? []).map(str => {
    const k = strings.indexOf(str);
    return k >= 0 ? k : strings.push(str) - 1;
  });
  const rows: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const states: number[] = [];
  const labels: number[] = [];
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const src = c.row[i];
    const so = s[i] < 0 ? 0 : s[i];
    const eo = e[i] > len ? len : e[i];
    if (src < 0 || src >= rowMap.length || e[i] < s[i] || eo < so) continue;
    const r = rowMap[src];
    const k = rows.length - 1;
    if (k >= 0 && (r < rows[k] || (r === rows[k] && so < starts[k]))) sorted = false;
    rows.push(r);
    starts.push(so);
    ends.push(eo);
    states.push(c.state[i]);
    const l = c.label ? c.label[i] : -1;
    labels.push(l >= 0 && l < stringMap.length ? stringMap[l] : -1);
  }
  return { rows, starts, ends, states, labels: strings.length > 0 ? labels : null, sorted };
}

/** Orders gathered intervals by row then start and clips overlaps within a row (later starts move right). */
export function finishColumns(g: IGathered): IIntervalColumns {
  const { rows, starts, ends, states, labels } = g;
  let order: ArrayLike<number> | null = null;
  if (!g.sorted) {
    const idx = Uint32Array.from({ length: rows.length }, (_, i) => i);
    idx.sort((a, b) => rows[a] - rows[b] || starts[a] - starts[b] || ends[a] - ends[b]);
    order = idx;
  }
  const cols: IIntervalColumns = { row: [], start: [], end: [], state: [] };
  if (labels) cols.label = [];
  for (let k = 0; k < rows.length; k++) {
    const i = order ? order[k] : k;
    const r = rows[i];
    const e = ends[i];
    const last = cols.row.length - 1;
    const s = last >= 0 && cols.row[last] === r ? Math.max(starts[i], cols.end[last]) : starts[i];
    if (e < s || (e === s && starts[i] !== e)) continue;
    cols.row.push(r);
    cols.start.push(s);
    cols.end.push(e);
    cols.state.push(states[i]);
    if (labels) cols.label!.push(labels[i]);
  }
  return cols;
}
