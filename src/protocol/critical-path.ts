/**
 * The critical-path payload (`application/vnd.tracelab.criticalpath.v1+json`): the path of one followed thread
 * across threads and hosts (segments per worker, links between workers), with helpers to summarise it and to
 * show it as a time graph.
 *
 * Scope: types, the summary and the conversion, all pure. Validation: `critical-path-validate.ts`.
 *
 * #### Notes
 * Offsets are ns from `range.start`, as in the time graph. Segments are in path order: sorted by start and never
 * overlapping (the path is in exactly one place at a time); each segment's state indexes `legend` (edge types:
 * RUNNING, BLOCKED, PREEMPTED, NETWORK...). Links are the vertical edges (wake-ups, network messages).
 */
import { TIMEGRAPH_VERSION } from './timegraph';
import type {
  IArrowColumns,
  IArrowKind,
  ICommRef,
  IIntervalColumns,
  ILegendEntry,
  ITimeGraphPayload,
  ITimeGraphRow,
  ITimeRangeWire
} from './timegraph';

/** The MIME type of a critical-path payload. */
export const CRITICALPATH_MIME_TYPE = 'application/vnd.tracelab.criticalpath.v1+json';

/** The payload format version carried in `version`. */
export const CRITICALPATH_VERSION = 1;

/** The thread whose critical path this is. */
export interface ICriticalPathSubject {
  /** The row id of that thread in the experiment's time graphs (so views can follow it). */
  rowId: string;
  label: string;
  host?: string;
  tid?: number;
}

/** Path segments in path order, as parallel columns (offsets from range start). */
export interface IPathColumns {
  /** Index into `workers`. */
  row: number[];
  start: number[];
  end: number[];
  /** Index into `legend`. */
  state: number[];
}

/** The critical-path payload. */
export interface ICriticalPathPayload {
  version: 1;
  experimentId: string;
  title?: string;
  range: ITimeRangeWire;
  subject: ICriticalPathSubject;
  /** One row per worker on the path (threads, or `kernel/cpu` pseudo-workers), hosts as parents if wanted. */
  workers: ITimeGraphRow[];
  legend: ILegendEntry[];
  segments: IPathColumns;
  /** Vertical edges between workers, as time-graph arrows over `workers`. */
  links?: IArrowColumns;
  linkKinds?: IArrowKind[];
  comm?: ICommRef;
}

/** One line of a summary: a name, the time spent, and its share of the path length. */
export interface ISummaryLine {
  key: string;
  label: string;
  /** ns spent. */
  duration: number;
  /** duration / total, in [0, 1]. */
  share: number;
}

/** Time on the path per state, per worker (thread) and per host. */
export interface ICriticalPathSummary {
  /** ns covered by segments (the path length minus any gaps). */
  total: number;
  byState: ISummaryLine[];
  byWorker: ISummaryLine[];
  byHost: ISummaryLine[];
}

function lines(map: Map<string, { label: string; duration: number }>, total: number): ISummaryLine[] {
  const out: ISummaryLine[] = [];
  for (const [key, v] of map) {
    out.push({ key, label: v.label, duration: v.duration, share: total > 0 ? v.duration / total : 0 });
  }
  return out.sort((a, b) => b.duration - a.duration || a.key.localeCompare(b.key));
}

function add(map: Map<string, { label: string; duration: number }>, key: string, label: string, d: number) {
  const e = map.get(key);
  if (e) e.duration += d;
  else map.set(key, { label, duration: d });
}

/** Sums the path's time per state, worker and host, longest first. */
export function summarizeCriticalPath(p: ICriticalPathPayload): ICriticalPathSummary {
  const byState = new Map<string, { label: string; duration: number }>();
  const byWorker = new Map<string, { label: string; duration: number }>();
  const byHost = new Map<string, { label: string; duration: number }>();
  let total = 0;
  const s = p.segments;
  for (let i = 0; i < s.row.length; i++) {
    const d = s.end[i] - s.start[i];
    total += d;
    const st = p.legend[s.state[i]];
    const w = p.workers[s.row[i]];
    add(byState, st.id, st.label, d);
    add(byWorker, w.id, w.label, d);
    const host = hostOf(p.workers, s.row[i]);
    add(byHost, host, host, d);
  }
  return {
    total,
    byState: lines(byState, total),
    byWorker: lines(byWorker, total),
    byHost: lines(byHost, total)
  };
}

/** The host of a worker: its own `host`, else the nearest ancestor's, else "". */
function hostOf(rows: ITimeGraphRow[], i: number): string {
  for (let r = i; r >= 0; r = rows[r].parent) {
    if (rows[r].host !== undefined) return rows[r].host!;
  }
  return '';
}

/**
 * Shows a critical path as a time graph: one row per worker, the segments as intervals (sorted per row, as the
 * time-graph order requires) and the links as arrows owned by nobody (always shown).
 */
export function criticalPathToTimeGraph(p: ICriticalPathPayload): ITimeGraphPayload {
  const order = p.segments.row.map((_, i) => i);
  order.sort((a, b) => p.segments.row[a] - p.segments.row[b] || p.segments.start[a] - p.segments.start[b]);
  const intervals: IIntervalColumns = {
    row: order.map(i => p.segments.row[i]),
    start: order.map(i => p.segments.start[i]),
    end: order.map(i => p.segments.end[i]),
    state: order.map(i => p.segments.state[i])
  };
  const tg: ITimeGraphPayload = {
    version: TIMEGRAPH_VERSION,
    experimentId: p.experimentId,
    range: p.range,
    resolution: '0',
    rows: p.workers,
    legend: p.legend,
    intervals
  };
  if (p.title !== undefined) tg.title = p.title;
  if (p.links) {
    const links: IArrowColumns = { ...p.links };
    delete links.owner;
    tg.arrows = links;
    tg.arrowKinds = p.linkKinds ?? [];
  }
  return tg;
}
