/**
 * The time-graph payload (`application/vnd.tracelab.timegraph.v1+json`): rows of state intervals, arrows between
 * rows, a legend, and the experiment id that links views of one experiment.
 *
 * Scope: types and constants only. Validation: `timegraph-validate.ts`; building (with level of detail):
 * `lod.ts`; static SVG fallback: `svg-fallback.ts`.
 *
 * #### Notes
 * - Absolute times are decimal strings of bigint ns (`range`). Everything else is a JSON number of ns **relative
 *   to `range.start`**, an integer in [0, range length], and the range length must stay <= 2^53 - 1 so those
 *   numbers are exact.
 * - Intervals are columnar (parallel arrays of equal length), sorted by row, then by start; the intervals of one
 *   row never overlap. A row's gaps mean "no state". Each interval's end is exclusive.
 * - The snapshot is bounded in count whatever the trace size: intervals shorter than `resolution` ns are merged
 *   into runs (`count[i] > 1`, state = the state that covered most of the run).
 */

/** The MIME type of a time-graph payload (bump the version on any incompatible change). */
export const TIMEGRAPH_MIME_TYPE = 'application/vnd.tracelab.timegraph.v1+json';

/** The payload format version carried in `version`. */
export const TIMEGRAPH_VERSION = 1;

/** The comm target the kernel registers for finer data (see `comm.ts`). */
export const TRACELAB_COMM_TARGET = 'tracelab';

/** What a row stands for; drives grouping, icons and the "active threads only" filter. */
export type RowKind = 'host' | 'process' | 'thread' | 'cpu' | 'irq' | 'group' | 'other';

/** The row kinds a payload may use. */
export const ROW_KINDS: readonly RowKind[] = ['host', 'process', 'thread', 'cpu', 'irq', 'group', 'other'];

/** A time range of absolute bigint ns, as decimal strings; `end` > `start`. */
export interface ITimeRangeWire {
  start: string;
  end: string;
}

/** One row of the time graph. */
export interface ITimeGraphRow {
  /** Unique in the payload and stable across payloads of one experiment (pin, hide, follow use it). */
  id: string;
  /** Display text (a thread or process name, "CPU 3"...). Always shown as text, never as markup. */
  label: string;
  /** Index of the parent row, which must come earlier in `rows`; -1 for a top-level row. */
  parent: number;
  kind: RowKind;
  /** Host name, for multi-host experiments. */
  host?: string;
  /** Thread id (threads), process id (threads and processes), CPU number (CPUs): searchable. */
  tid?: number;
  pid?: number;
  cpu?: number;
}

/**
 * State intervals as parallel columns. All offsets are ns relative to `range.start`.
 * Sorted by `row` then `start`; within a row, `start[i+1] >= end[i]`.
 */
export interface IIntervalColumns {
  /** Row index into `rows`. */
  row: number[];
  /** Start offset (inclusive), ns from range start. */
  start: number[];
  /** End offset (exclusive), ns from range start; end >= start. */
  end: number[];
  /** State index into `legend`. */
  state: number[];
  /** Number of source intervals merged into each entry (1 = exact). Absent: all exact. */
  count?: number[];
  /** Optional per-interval extra text (e.g. a syscall name): index into `strings`, -1 for none. */
  label?: number[];
}

/** One state of the legend; the interval column `state` indexes this list. */
export interface ILegendEntry {
  /** Stable id (e.g. 'RUN_USERMODE'). */
  id: string;
  /** Display text. */
  label: string;
  /** Colour as `#rgb` or `#rrggbb` (nothing else is accepted, so it is safe in CSS, canvas and SVG). */
  color: string;
  /** True for states in which a thread counts as active (running, syscall, interrupted). */
  active?: boolean;
}

/** Arrows between rows (wake-ups, CPU hand-offs, critical-path and network links), as parallel columns. */
export interface IArrowColumns {
  fromRow: number[];
  /** ns offset from range start. */
  fromTime: number[];
  toRow: number[];
  toTime: number[];
  /** Index into `arrowKinds`. */
  kind: number[];
  /** Row index of the followed thread whose critical path this arrow belongs to, -1 for a general arrow. */
  owner?: number[];
}

/** The kind of an arrow, with its colour. */
export interface IArrowKind {
  id: string;
  label: string;
  color: string;
}

/**
 * Critical-path segments per followed thread: when the user follows thread `owner[i]`, segment i (on row
 * `row[i]`, from `start[i]` to `end[i]`, in state `state[i]`) is highlighted.
 */
export interface IPathSegmentColumns {
  owner: number[];
  row: number[];
  start: number[];
  end: number[];
  state: number[];
}

/** Where a live kernel serves finer data for this view (see `comm.ts`). */
export interface ICommRef {
  /** The comm target name, `TRACELAB_COMM_TARGET`. */
  target: string;
  /** The kernel-side handle of the data behind this view. */
  handle: string;
}

/** The time-graph payload. */
export interface ITimeGraphPayload {
  version: 1;
  /** Views with the same experiment id share their time range, selection and followed thread. */
  experimentId: string;
  title?: string;
  /** The full time range of the data, absolute bigint ns as decimal strings. */
  range: ITimeRangeWire;
  /** ns below which intervals were merged into runs (decimal string), "0" for an exact snapshot. */
  resolution: string;
  rows: ITimeGraphRow[];
  legend: ILegendEntry[];
  intervals: IIntervalColumns;
  /** The text table `intervals.label` indexes. */
  strings?: string[];
  arrows?: IArrowColumns;
  arrowKinds?: IArrowKind[];
  pathSegments?: IPathSegmentColumns;
  comm?: ICommRef;
}
