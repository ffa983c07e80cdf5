/**
 * Flow events (`ph` s = start, t = step, f = finish) of trace-event traces as arrows: each step or finish links
 * from the previous point of the same flow — same trace, category, `scope` and `id` — and a finish ends the flow
 * (later steps of that id are ignored until a new start), as Trace Compass draws them.
 *
 * Arrow table columns: host (dict), id (utf8, as written), cat (utf8), name (utf8, of the arrow's head event),
 * start / end (int64 ns), start_pid / start_tid / end_pid / end_tid (int32, -1 unknown).
 */
import { Int32, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { EventBatch, Experiment } from '../../trace/types';
import { TRACE_EVENT_FORMAT_ID } from './trace-event-source';

export interface Flow {
  readonly traceIndex: number;
  readonly host: string;
  readonly id: string;
  readonly cat: string;
  readonly name: string;
  readonly start: bigint;
  readonly startPid: number;
  readonly startTid: number;
  readonly end: bigint;
  readonly endPid: number;
  readonly endTid: number;
}

interface Point {
  ts: bigint;
  pid: number;
  tid: number;
}

function num(b: EventBatch, i: number, f: number): number {
  const v = f < 0 ? NaN : b.int(i, f);
  return Number.isNaN(v) ? -1 : v;
}

/** The flow arrows of every trace-event trace of `exp`, in time order of their heads. */
export function traceEventFlows(exp: Experiment): Flow[] {
  const classIds = new Set(
    exp.eventClasses.filter(c => exp.traces[c.traceIndex]?.format === TRACE_EVENT_FORMAT_ID).map(c => c.id)
  );
  const open = new Map<string, Point>();
  const out: Flow[] = [];
  if (classIds.size === 0) return out;
  for (const b of exp.batches({ classIds })) {
    for (let i = 0; i < b.length; i++) {
      const c = exp.eventClasses[b.classId[i]];
      const ph = b.str(i, c.fieldIndex('ph'));
      if (ph !== 's' && ph !== 't' && ph !== 'f') continue;
      const id = b.str(i, c.fieldIndex('id')) ?? '';
      const cat = b.str(i, c.fieldIndex('cat')) ?? '';
      const key = `${c.traceIndex}\0${cat}\0${b.str(i, c.fieldIndex('scope')) ?? ''}\0${id}`;
      const here = { ts: b.ts[i], pid: num(b, i, c.fieldIndex('pid')), tid: num(b, i, c.fieldIndex('tid')) };
      const prev = open.get(key);
      if (prev !== undefined && ph !== 's') {
        const host = exp.traces[c.traceIndex].hostname;
        out.push({
          traceIndex: c.traceIndex,
          host,
          id,
          cat,
          name: c.name,
          start: prev.ts,
          startPid: prev.pid,
          startTid: prev.tid,
          end: here.ts,
          endPid: here.pid,
          endTid: here.tid
        });
      }
      if (ph === 'f') open.delete(key);
      else if (ph === 's' || prev !== undefined) open.set(key, here);
    }
  }
  return out;
}

/** Flows as an Arrow table (columns in the module header). */
export function flowsTable(flows: readonly Flow[]): Table {
  const i32 = (f: (x: Flow) => number) => vectorFromArray(flows.map(f), new Int32());
  const i64 = (f: (x: Flow) => bigint) => vectorFromArray(flows.map(f), new Int64());
  const str = (f: (x: Flow) => string) => vectorFromArray(flows.map(f), new Utf8());
  return new Table({
    host: str(x => x.host),
    id: str(x => x.id),
    cat: str(x => x.cat),
    name: str(x => x.name),
    start: i64(x => x.start),
    end: i64(x => x.end),
    start_pid: i32(x => x.startPid),
    start_tid: i32(x => x.startTid),
    end_pid: i32(x => x.endPid),
    end_tid: i32(x => x.endTid)
  });
}
