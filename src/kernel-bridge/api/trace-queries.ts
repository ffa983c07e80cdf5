/**
 * The table queries behind `Trace`'s methods: events (by name, time window, row limit), kernel analyses, the
 * critical path and clock synchronisation, each as an Arrow table from `src/analysis`.
 *
 * Scope: option normalisation and calls into the analysis packages; no display.
 */
import { Table } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';
import { eventsLayout, eventsRecordBatch } from '../../analysis/arrow/events-table';
import { criticalPath, criticalPathTable } from '../../analysis/graph';
import type { CriticalPath } from '../../analysis/graph';
import { analyze } from '../../analysis/kernel';
import type { AnalysisKind } from '../../analysis/kernel';
import { synchronize, syncTable } from '../../analysis/sync';
import type { Experiment } from '../../analysis/trace/types';

/** A time in ns: bigint, or a number (truncated). */
export type TimeNs = bigint | number;

/** Options of `events()`. */
export interface IEventsQuery {
  /** Event name(s); `*` matches any run of characters (e.g. `'sched_*'`). Default: every event. */
  name?: string | string[];
  /** Inclusive time bounds, ns. */
  start?: TimeNs;
  end?: TimeNs;
  /** At most this many rows (the read stops there). */
  limit?: number;
}

/** Options of the kernel analyses: rows overlapping [start, end], of one thread, of one host. */
export interface IAnalysisQuery {
  start?: TimeNs;
  end?: TimeNs;
  tid?: number;
  host?: string;
}

/** Options of `criticalPath()`. */
export interface ICriticalPathQuery {
  /** The followed thread. */
  tid: number;
  /** Its host (when several hosts have this tid). */
  host?: string;
  /** Window, ns (default: the thread's lifetime in the trace). */
  start?: TimeNs;
  end?: TimeNs;
}

/** A time option as bigint ns. */
export function ns(t: TimeNs | undefined): bigint | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'bigint') return t;
  if (!Number.isFinite(t)) throw new RangeError(`not a time: ${t}`);
  return BigInt(Math.trunc(t));
}

function nameMatcher(name: string | string[]): (s: string) => boolean {
  const res = (Array.isArray(name) ? name : [name]).map(n => {
    const body = n
      .split('*')
      .map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${body}$`);
  });
  return s => res.some(r => r.test(s));
}

/** The events table of `exp` for `q` (ts, cpu, name, stream, host, class_id). */
export function eventsQuery(exp: Experiment, q: IEventsQuery = {}): Table {
  const layout = eventsLayout(exp);
  let classIds: Set<number> | undefined;
  if (q.name !== undefined) {
    const match = nameMatcher(q.name);
    classIds = new Set(exp.eventClasses.filter(c => match(c.name)).map(c => c.id));
    if (classIds.size === 0) return new Table(layout.schema);
  }
  const limit = q.limit ?? Infinity;
  if (!(limit >= 0)) throw new RangeError('events: limit must be >= 0');
  const batches: RecordBatch[] = [];
  let rows = 0;
  for (const b of exp.batches({ start: ns(q.start), end: ns(q.end), classIds })) {
    if (rows >= limit) break;
    if (b.length === 0) continue;
    let rb = eventsRecordBatch(layout, b);
    if (rows + rb.numRows > limit) rb = rb.slice(0, limit - rows);
    rows += rb.numRows;
    batches.push(rb);
  }
  return batches.length > 0 ? new Table(batches) : new Table(layout.schema);
}

/** One kernel analysis table. */
export function analysisQuery(exp: Experiment, kind: AnalysisKind, q: IAnalysisQuery = {}): Table {
  return analyze(kind, exp, { start: ns(q.start), end: ns(q.end), tid: q.tid, host: q.host });
}

/** The critical path of a thread (the analysis result). */
export function criticalPathOf(exp: Experiment, q: ICriticalPathQuery): CriticalPath {
  if (!q || !Number.isInteger(q.tid)) {
    throw new TypeError('criticalPath: give { tid } (an integer thread id)');
  }
  return criticalPath(exp, { tid: q.tid, host: q.host, start: ns(q.start), end: ns(q.end) });
}

/** The critical path of a thread as a table (seq, host, tid, name, start, end, state). */
export function criticalPathQuery(exp: Experiment, q: ICriticalPathQuery): Table {
  return criticalPathTable(criticalPathOf(exp, q));
}

/** Clock synchronisation of the experiment's hosts (host, reference, parent, slope, offset, quality, ...). */
export function syncQuery(exp: Experiment): Table {
  return syncTable(synchronize(exp));
}
