/**
 * Builds time-graph payloads from bigint-timed rows, intervals and arrows: orders rows parents-first, converts
 * times to offsets from the range start, clips to the range, sorts, and bounds the interval count with the
 * level-of-detail rule of `lod.ts`.
 *
 * Scope: pure functions for the kernel (and tests); the output always passes `validateTimeGraphPayload`.
 */
import { finishColumns, gatherColumns, isColumnsInput } from './build-columns';
import type { IIntervalColumnsInput, IIntervalColumnsView } from './build-columns';
import { lodIntervals } from './lod';
import { MAX_OFFSET_NS, nsToString } from './ns';
import { TIMEGRAPH_VERSION } from './timegraph';
import type {
  IArrowColumns,
  IArrowKind,
  ICommRef,
  IIntervalColumns,
  ILegendEntry,
  IPathSegmentColumns,
  ITimeGraphPayload,
  ITimeGraphRow,
  RowKind
} from './timegraph';

/** A row as the kernel knows it: parents referenced by id, in any order. */
export interface ITimeGraphRowInput {
  id: string;
  label: string;
  parentId?: string | null;
  kind: RowKind;
  host?: string;
  tid?: number;
  pid?: number;
  cpu?: number;
}

/** A state interval with absolute bigint ns times; `row` indexes the input row list. */
export interface IIntervalInput {
  row: number;
  start: bigint;
  end: bigint;
  state: number;
  /** Extra text such as a syscall name. */
  label?: string;
}

/** An arrow with absolute times; rows index the input row list. */
export interface IArrowInput {
  fromRow: number;
  fromTime: bigint;
  toRow: number;
  toTime: bigint;
  kind: number;
  /** Input row index of the followed thread whose critical path this arrow belongs to. */
  owner?: number;
}

/** A critical-path segment of followed thread `owner`, on `row`. */
export interface IPathSegmentInput {
  owner: number;
  row: number;
  start: bigint;
  end: bigint;
  state: number;
}

/** Everything `buildTimeGraphPayload` needs. */
export interface ITimeGraphInput {
  experimentId: string;
  title?: string;
  range: { start: bigint; end: bigint };
  rows: ITimeGraphRowInput[];
  legend: ILegendEntry[];
  /** Interval objects, or columns with `BigInt64Array` times (the fast path for large inputs). */
  intervals: Iterable<IIntervalInput> | IIntervalColumnsInput;
  arrows?: Iterable<IArrowInput>;
  arrowKinds?: IArrowKind[];
  pathSegments?: Iterable<IPathSegmentInput>;
  comm?: ICommRef;
}

/** Level-of-detail options. */
export interface IBuildOptions {
  /** Pixel width the snapshot is meant for (default 2000): intervals shorter than range/width merge. */
  width?: number;
  /** Upper bound of snapshot intervals (default 200,000). */
  maxIntervals?: number;
  /** Upper bound of arrows (default 20,000): extra arrows between the same rows in one pixel are dropped. */
  maxArrows?: number;
}

/** The payload row of `r` (built field by field: no `delete`, which would slow every later use of the object). */
function outputRow(r: ITimeGraphRowInput, parent: number): ITimeGraphRow {
  const row: ITimeGraphRow = { id: r.id, label: r.label, kind: r.kind, parent };
  if (r.host !== undefined) row.host = r.host;
  if (r.tid !== undefined) row.tid = r.tid;
  if (r.pid !== undefined) row.pid = r.pid;
  if (r.cpu !== undefined) row.cpu = r.cpu;
  return row;
}

/** Orders rows parents-first (depth-first, keeping input order among siblings). Returns input -> output index. */
export function orderRows(rows: ITimeGraphRowInput[]): { rows: ITimeGraphRow[]; map: Int32Array } {
  const byId = new Map<string, number>();
  rows.forEach((r, i) => {
    if (byId.has(r.id)) throw new Error(`duplicate row id ${JSON.stringify(r.id)}`);
    byId.set(r.id, i);
  });
  const children: number[][] = rows.map(() => []);
  const roots: number[] = [];
  rows.forEach((r, i) => {
    if (r.parentId == null) {
      roots.push(i);
      return;
    }
    const p = byId.get(r.parentId);
    if (p === undefined) {
      throw new Error(`row ${JSON.stringify(r.id)}: unknown parent ${JSON.stringify(r.parentId)}`);
    }
    children[p].push(i);
  });
  const map = new Int32Array(rows.length).fill(-1);
  const out: ITimeGraphRow[] = [];
  const visit = (i: number, parent: number): void => {
    map[i] = out.length;
    out.push(outputRow(rows[i], parent));
    const self = map[i];
    for (const c of children[i]) visit(c, self);
  };
  for (const r of roots) visit(r, -1);
  if (out.length !== rows.length) throw new Error('row parents form a cycle');
  return { rows: out, map };
}

/** Converts, clips and sorts intervals into payload-order columns (overlaps in a row are clipped away). */
export function toIntervalColumns(
  intervals: Iterable<IIntervalInput> | IIntervalColumnsInput,
  range: { start: bigint; end: bigint },
  rowMap: Int32Array,
  strings: string[]
): IIntervalColumnsView {
  const len = Number(range.end - range.start);
  if (isColumnsInput(intervals)) {
    return finishColumns(gatherColumns(intervals, range.start, len, rowMap, strings));
  }
  const stringIndex = new Map<string, number>(strings.map((s, i) => [s, i]));
  const rows: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const states: number[] = [];
  const labels: number[] = [];
  let sorted = true;
  const r0 = range.start;
  for (const iv of intervals) {
    // Two bigint subtractions per interval; everything else on numbers (exact once clipped to the range).
    const so0 = Number(iv.start - r0);
    const eo0 = Number(iv.end - r0);
    const so = so0 < 0 ? 0 : so0;
    const eo = eo0 > len ? len : eo0;
    if (eo < so || iv.end < iv.start || iv.row < 0 || iv.row >= rowMap.length) continue;
    let label = -1;
    if (iv.label !== undefined) {
      label = stringIndex.get(iv.label) ?? -1;
      if (label < 0) {
        label = strings.push(iv.label) - 1;
        stringIndex.set(iv.label, label);
      }
    }
    const r = rowMap[iv.row];
    const k = rows.length - 1;
    if (k >= 0 && (r < rows[k] || (r === rows[k] && so < starts[k]))) sorted = false;
    rows.push(r);
    starts.push(so);
    ends.push(eo);
    states.push(iv.state);
    labels.push(label);
  }
  return finishColumns({ rows, starts, ends, states, labels: strings.length > 0 ? labels : null, sorted });
}

/** Converts arrows, dropping those outside the range, and thins them to `maxArrows` per pixel buckets. */
export function toArrowColumns(
  arrows: Iterable<IArrowInput>,
  range: { start: bigint; end: bigint },
  rowMap: Int32Array,
  bucket: number,
  maxArrows: number
): IArrowColumns {
  const list: number[][] = [];
  for (const a of arrows) {
    if (
      a.fromTime < range.start ||
      a.toTime > range.end ||
      a.toTime < range.start ||
      a.fromTime > range.end
    ) {
      continue;
    }
    const owner = a.owner === undefined ? -1 : rowMap[a.owner];
    const from = Number(a.fromTime - range.start);
    list.push([rowMap[a.fromRow], from, rowMap[a.toRow], Number(a.toTime - range.start), a.kind, owner]);
  }
  let kept = list;
  for (let b = Math.max(1, bucket); kept.length > maxArrows; b *= 2) {
    const seen = new Set<string>();
    kept = list.filter(a => {
      const key = `${a[0]},${a[2]},${a[4]},${a[5]},${Math.floor(a[1] / b)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (b > MAX_OFFSET_NS) break;
  }
  const cols: IArrowColumns = { fromRow: [], fromTime: [], toRow: [], toTime: [], kind: [], owner: [] };
  for (const a of kept) {
    cols.fromRow.push(a[0]);
    cols.fromTime.push(a[1]);
    cols.toRow.push(a[2]);
    cols.toTime.push(a[3]);
    cols.kind.push(a[4]);
    cols.owner!.push(a[5]);
  }
  if (cols.owner!.every(o => o < 0)) delete cols.owner;
  return cols;
}

function toPathColumns(
  segs: Iterable<IPathSegmentInput>,
  range: { start: bigint; end: bigint },
  rowMap: Int32Array
): IPathSegmentColumns {
  const cols: IPathSegmentColumns = { owner: [], row: [], start: [], end: [], state: [] };
  for (const s of segs) {
    const a = s.start < range.start ? range.start : s.start;
    const b = s.end > range.end ? range.end : s.end;
    if (b < a) continue;
    cols.owner.push(rowMap[s.owner]);
    cols.row.push(rowMap[s.row]);
    cols.start.push(Number(a - range.start));
    cols.end.push(Number(b - range.start));
    cols.state.push(s.state);
  }
  return cols;
}

/** The interval part of a payload or reply, bounded by the level-of-detail rule. */
export interface IIntervalParts {
  intervals: IIntervalColumns;
  /** The merge bucket used, ns (0: exact). */
  resolution: number;
  strings: string[];
  arrows?: IArrowColumns;
}

/**
 * Converts, sorts and bounds intervals (and arrows) whose rows are already output row indices (identity map of
 * `rowCount` rows unless `rowMap` is given).
 */
export function buildIntervalParts(
  range: { start: bigint; end: bigint },
  rowCount: number,
  intervals: Iterable<IIntervalInput> | IIntervalColumnsInput,
  arrows: Iterable<IArrowInput> | undefined,
  options: IBuildOptions,
  rowMap?: Int32Array
): IIntervalParts {
  const map = rowMap ?? Int32Array.from({ length: rowCount }, (_, i) => i);
  const width = options.width ?? 2000;
  const rangeLength = Number(range.end - range.start);
  const strings: string[] = [];
  const exact = toIntervalColumns(intervals, range, map, strings);
  const lod = lodIntervals(exact, rangeLength, width, options.maxIntervals ?? 200_000);
  const parts: IIntervalParts = { intervals: lod.intervals, resolution: lod.resolution, strings };
  if (arrows) {
    const bucket = width === Infinity ? 1 : Math.max(1, Math.ceil(rangeLength / width));
    parts.arrows = toArrowColumns(arrows, range, map, bucket, options.maxArrows ?? 20_000);
  }
  return parts;
}

/**
 * Builds a bounded time-graph payload.
 *
 * @example
 * const p = buildTimeGraphPayload({ experimentId: 'exp-1', range: { start: 0n, end: 1_000_000n },
 *   rows: [{ id: 't1', label: 'worker', kind: 'thread', tid: 42 }], legend: [{ id: 'RUN', label: 'Running',
 *   color: '#33aa33', active: true }], intervals: [{ row: 0, start: 10n, end: 500n, state: 0 }] },
 *   { width: 1000, maxIntervals: 50_000 });
 */
export function buildTimeGraphPayload(
  input: ITimeGraphInput,
  options: IBuildOptions = {}
): ITimeGraphPayload {
  const { start, end } = input.range;
  if (end <= start || end - start > BigInt(MAX_OFFSET_NS)) {
    throw new RangeError('range must be 1..2^53-1 ns long');
  }
  const { rows, map } = orderRows(input.rows);
  const parts = buildIntervalParts(input.range, rows.length, input.intervals, input.arrows, options, map);
  const payload: ITimeGraphPayload = {
    version: TIMEGRAPH_VERSION,
    experimentId: input.experimentId,
    range: { start: nsToString(start), end: nsToString(end) },
    resolution: String(parts.resolution),
    rows,
    legend: input.legend,
    intervals: parts.intervals
  };
  if (input.title !== undefined) payload.title = input.title;
  if (parts.strings.length > 0) payload.strings = parts.strings;
  if (parts.arrows) {
    payload.arrows = parts.arrows;
    payload.arrowKinds = input.arrowKinds ?? [];
  }
  if (input.pathSegments) payload.pathSegments = toPathColumns(input.pathSegments, input.range, map);
  if (input.comm) payload.comm = input.comm;
  return payload;
}
