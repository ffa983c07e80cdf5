/**
 * A time graph from a cell's own data (`tracelab.timeGraph(...)`): rows, states and interval columns — an Arrow
 * table (from `t.events()`, `t.stateView()`, `tableFromArrays`) or plain / typed arrays. Rows and states may be
 * given by index or by id; unknown ids become new rows / states. Displays like the built-in views: a bounded
 * snapshot, the SVG and text fallbacks, and the full data in the view store for zooming over the comm.
 *
 * Scope: normalising the cell's input into `IViewData` + legend; display is `timegraph-view.ts`.
 */
import type { ILegendEntry, ITimeGraphRowInput, RowKind } from '../../protocol';
import { isHexColor, ROW_KINDS } from '../../protocol';
import type { IViewData } from './control-flow';
import { FLAME_PALETTE } from './flame-chart';
import { IntervalSource } from './interval-source';
import { TimeGraphView } from './timegraph-view';
import type { IViewOptions } from './timegraph-view';
import type { ViewStore } from './view-store';

/** A row: an id, or an id with a label, a parent id, a kind and numbers to search by. */
export type RowSpec =
  | string
  | {
      id: string;
      label?: string;
      parentId?: string;
      kind?: RowKind;
      tid?: number;
      pid?: number;
      cpu?: number;
    };

/** A state: an id, or a legend entry (colour `#rgb`/`#rrggbb`, default from a palette). */
export type StateSpec = string | { id: string; label?: string; color?: string; active?: boolean };

/** A column: typed array, plain array, or anything with `length` and `[i]` (row / state ids as strings). */
type Column = ArrayLike<number | bigint | string | null>;

/** Interval columns: `row` / `state` as indices or ids, `start` / `end` in ns (bigint or number). */
export interface IIntervalColumnsSpec {
  row: Column;
  start: Column;
  end: Column;
  state: Column;
}

/** An Arrow-like table (apache-arrow `Table`): columns read with `getChild(name).toArray()`. */
interface ITableLike {
  numRows: number;
  getChild(name: string): { toArray(): Column } | null;
}

/** What `tracelab.timeGraph` takes. */
export interface ITimeGraphSpec {
  title?: string;
  rows?: RowSpec[];
  states?: StateSpec[];
  intervals: ITableLike | IIntervalColumnsSpec;
  /** Default: from the earliest start to the latest end. */
  range?: { start: bigint | number; end: bigint | number };
  /** Views with one experiment id share their time window (default: `custom`). */
  experimentId?: string;
}

function isTable(x: unknown): x is ITableLike {
  return typeof (x as ITableLike).getChild === 'function' && typeof (x as ITableLike).numRows === 'number';
}

function columnsOf(x: ITimeGraphSpec['intervals']): IIntervalColumnsSpec {
  if (!isTable(x)) return x;
  const col = (name: string): Column => {
    const c = x.getChild(name);
    if (!c) throw new TypeError(`timeGraph: the intervals table has no column ${JSON.stringify(name)}`);
    return c.toArray();
  };
  return { row: col('row'), start: col('start'), end: col('end'), state: col('state') };
}

/** Indices of `ids` (numbers as they are, strings looked up in / appended to `known`). */
function indicesOf(col: Column, known: string[], what: string): Int32Array {
  const index = new Map(known.map((id, i) => [id, i]));
  const out = new Int32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v === 'number' && Number.isInteger(v)) {
      out[i] = v;
    } else if (typeof v === 'string') {
      let k = index.get(v);
      if (k === undefined) k = index.set(v, known.push(v) - 1).get(v)!;
      out[i] = k;
    } else {
      throw new TypeError(`timeGraph: ${what}[${i}] must be an index or an id, got ${String(v)}`);
    }
  }
  return out;
}

/** Times as a `BigInt64Array` (a copy only when not one already). */
function timesOf(col: Column, what: string): BigInt64Array {
  if (col instanceof BigInt64Array) return col;
  const out = new BigInt64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v === 'bigint') out[i] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[i] = BigInt(Math.trunc(v));
    else throw new TypeError(`timeGraph: ${what}[${i}] must be a time in ns, got ${String(v)}`);
  }
  return out;
}

function rowInputs(specs: RowSpec[], ids: string[]): ITimeGraphRowInput[] {
  const byId = new Map(specs.map(s => (typeof s === 'string' ? [s, { id: s }] : [s.id, s])));
  return ids.map(id => {
    const s = byId.get(id) ?? { id };
    const kind = 'kind' in s && s.kind !== undefined ? s.kind : 'other';
    if (!ROW_KINDS.includes(kind)) throw new TypeError(`timeGraph: row ${id}: unknown kind ${String(kind)}`);
    const { label, parentId, tid, pid, cpu } = s as Exclude<RowSpec, string>;
    return { id, label: label ?? id, parentId: parentId ?? null, kind, tid, pid, cpu };
  });
}

function legendOf(specs: StateSpec[], ids: string[]): ILegendEntry[] {
  const byId = new Map(specs.map(s => (typeof s === 'string' ? [s, { id: s }] : [s.id, s])));
  return ids.map((id, i) => {
    const s: Exclude<StateSpec, string> = byId.get(id) ?? { id };
    const color = s.color ?? FLAME_PALETTE[i % FLAME_PALETTE.length];
    if (!isHexColor(color)) throw new TypeError(`timeGraph: state ${id}: colour must be #rgb or #rrggbb`);
    const e: ILegendEntry = { id, label: s.label ?? id, color };
    if (s.active !== undefined) e.active = s.active;
    return e;
  });
}

/** The earliest start and the latest end of the intervals. */
function extent(start: BigInt64Array, end: BigInt64Array): { start: bigint; end: bigint } {
  if (start.length === 0) return { start: 0n, end: 1n };
  let lo = start[0];
  let hi = end[0];
  for (let i = 1; i < start.length; i++) {
    if (start[i] < lo) lo = start[i];
    if (end[i] > hi) hi = end[i];
  }
  return { start: lo, end: hi };
}

/** The view of `spec` (registered in `store` for zooming when given). */
export function customTimeGraphView(
  spec: ITimeGraphSpec,
  store: ViewStore | undefined,
  options: IViewOptions = {}
): TimeGraphView {
  if (!spec || typeof spec !== 'object' || !spec.intervals) {
    throw new TypeError('timeGraph: give { rows?, states?, intervals: {row, start, end, state} or a table }');
  }
  const rowSpecs = spec.rows ?? [];
  const stateSpecs = spec.states ?? [];
  const rowIds = rowSpecs.map(r => (typeof r === 'string' ? r : r.id));
  const stateIds = stateSpecs.map(s => (typeof s === 'string' ? s : s.id));
  const cols = columnsOf(spec.intervals);
  const row = indicesOf(cols.row, rowIds, 'row');
  const stateIdx = indicesOf(cols.state, stateIds, 'state');
  const start = timesOf(cols.start, 'start');
  const end = timesOf(cols.end, 'end');
  const n = row.length;
  if (start.length !== n || end.length !== n || stateIdx.length !== n) {
    throw new RangeError('timeGraph: row, start, end and state columns differ in length');
  }
  if (stateIds.length > 255) throw new RangeError('timeGraph: at most 255 states');
  for (let i = 0; i < n; i++) {
    if (row[i] < 0 || row[i] >= rowIds.length) throw new RangeError(`timeGraph: row[${i}] out of range`);
    if (stateIdx[i] < 0 || stateIdx[i] >= stateIds.length) {
      throw new RangeError(`timeGraph: state[${i}] out of range`);
    }
  }
  const data: IViewData = {
    rows: rowInputs(rowSpecs, rowIds),
    source: new IntervalSource(rowIds, { row, start, end, state: Uint8Array.from(stateIdx) })
  };
  const r = spec.range;
  const range = r ? { start: BigInt(r.start), end: BigInt(r.end) } : extent(start, end);
  const input = {
    experimentId: spec.experimentId ?? 'custom',
    title: spec.title ?? 'Time graph',
    range,
    legend: legendOf(stateSpecs, stateIds),
    data
  };
  return new TimeGraphView(input, store, options);
}
