/**
 * The critical-path view's payload from a `CriticalPath` of the execution graph: one worker row per thread (or
 * kernel softirq context) the path visits, the path's segments in order, and its links between workers. Worker
 * row ids are the control-flow thread row ids, so the views of one experiment follow the same thread.
 *
 * Scope: analysis result -> protocol payload + interval source (for zooming).
 */
import type { CriticalPath } from '../../analysis/graph';
import { CRITICALPATH_VERSION, nsToString } from '../../protocol';
import type { IArrowColumns, ICriticalPathPayload, ICommRef, ITimeGraphRow } from '../../protocol';
import { IntervalSource } from './interval-source';
import { EDGE_LEGEND, LINK_KINDS } from './legends';
import { kernelWorkerRowId, threadRowId } from './row-ids';

/** The payload (without comm) and the segments as an interval source over the worker rows. */
export interface ICriticalPathData {
  payload: ICriticalPathPayload;
  source: IntervalSource;
}

function workerRow(p: CriticalPath, w: number): ITimeGraphRow {
  const g = p.graph;
  const host = g.hosts[g.wHost.buf[w]] ?? '';
  const tid = g.wTid.buf[w];
  if (tid < 0) {
    const cpu = -1 - tid;
    return {
      id: kernelWorkerRowId(host, cpu),
      label: g.wName[w] ?? `kernel/${cpu}`,
      parent: -1,
      kind: 'other',
      host,
      cpu
    };
  }
  return {
    id: threadRowId(host, tid),
    label: `${g.wName[w] || 'thread'} [${tid}]`,
    parent: -1,
    kind: 'thread',
    host,
    tid
  };
}

/** Builds the critical-path payload of `p` for experiment `experimentId`. */
export function criticalPathData(p: CriticalPath, experimentId: string, comm?: ICommRef): ICriticalPathData {
  const start = p.start;
  const end = p.end > p.start ? p.end : p.start + 1n;
  const len = Number(end - start);
  const off = (t: bigint): number => Math.min(len, Math.max(0, Number(t - start)));
  const index = new Map<number, number>();
  const workers: ITimeGraphRow[] = [];
  const rowOf = (w: number): number => {
    let r = index.get(w);
    if (r === undefined) {
      r = workers.push(workerRow(p, w)) - 1;
      index.set(w, r);
    }
    return r;
  };
  const subjectRow = rowOf(p.worker);
  const segments = { row: [] as number[], start: [] as number[], end: [] as number[], state: [] as number[] };
  for (let k = 0; k < p.segW.length; k++) {
    segments.row.push(rowOf(p.segW[k]));
    segments.start.push(off(p.segStart[k]));
    segments.end.push(off(p.segEnd[k]));
    segments.state.push(p.segType[k] < EDGE_LEGEND.length ? p.segType[k] : EDGE_LEGEND.length - 1);
  }
  const links: IArrowColumns = { fromRow: [], fromTime: [], toRow: [], toTime: [], kind: [] };
  for (let k = 0; k < p.linkType.length; k++) {
    links.fromRow.push(rowOf(p.linkFromW[k]));
    links.fromTime.push(off(p.linkFromTs[k]));
    links.toRow.push(rowOf(p.linkToW[k]));
    links.toTime.push(off(p.linkToTs[k]));
    links.kind.push(p.linkType[k] < LINK_KINDS.length ? p.linkType[k] : 0);
  }
  const subject = workers[subjectRow];
  const payload: ICriticalPathPayload = {
    version: CRITICALPATH_VERSION,
    experimentId,
    title: `Critical path of ${subject.label}`,
    range: { start: nsToString(start), end: nsToString(end) },
    subject: { rowId: subject.id, label: subject.label, host: subject.host, tid: subject.tid },
    workers,
    legend: [...EDGE_LEGEND],
    segments,
    links,
    linkKinds: [...LINK_KINDS]
  };
  if (comm) payload.comm = comm;
  const source = new IntervalSource(
    workers.map(w => w.id),
    {
      row: Int32Array.from(segments.row),
      start: BigInt64Array.from(p.segStart),
      end: BigInt64Array.from(p.segEnd),
      state: Uint8Array.from(segments.state)
    }
  );
  return { payload, source };
}
