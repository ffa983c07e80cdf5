/**
 * The VM views and tables of an experiment (host + guests), in the host's time: virtual resources (vCPUs of each
 * VM), guest threads with the vCPU preemption overlay, fused physical CPUs, the VM analysis tables, and the guest
 * critical path (table and view) that counts vCPU preemption as its own state. Behind `Trace.vmResources()`,
 * `vmGuestThreads()`, `vmFused()`, `vm()`, `vmCriticalPath()` and `vmCriticalPathView()`.
 *
 * Scope: composition of `src/analysis/vm` and the view builders; no cell API knowledge.
 */
import type { Table } from 'apache-arrow';
import {
  guestCriticalPath,
  guestCriticalPathTable,
  VM_TABLES,
  vmAnalysis,
  vmTables
} from '../../analysis/vm';
import type { GuestCriticalPath, VmTable } from '../../analysis/vm';
import type { Experiment } from '../../analysis/trace/types';
import { CRITICALPATH_VERSION, nsToString, TRACELAB_COMM_TARGET } from '../../protocol';
import type { ICriticalPathPayload, ILegendEntry, ITimeGraphRow } from '../../protocol';
import type { IViewData } from './control-flow';
import { IntervalSource } from './interval-source';
import { LINK_KINDS } from './legends';
import { threadRowId } from './row-ids';
import { CriticalPathView, TimeGraphView } from './timegraph-view';
import type { IViewOptions } from './timegraph-view';
import type { IViewContext, IWindow } from './trace-views';
import type { ViewStore } from './view-store';
import { guestThreadsData } from './vm-guest-threads';
import { GUEST_PATH_LEGEND, GUEST_THREAD_LEGEND } from './vm-legends';
import { FUSED_LEGEND, fusedCpusData, VCPU_LEGEND, virtualResourcesData } from './vm-resources';

/** Options of the VM views: a window (host ns), snapshot bounds, and for guest threads one VM. */
export interface IVmViewQuery extends IWindow, IViewOptions {
  vm?: string;
}

/** The VM tables `vm({ table })` gives. */
export const VM_VIEW_TABLES = [...VM_TABLES, 'guest-critical-path'] as const;
export type VmTableName = (typeof VM_VIEW_TABLES)[number];

/** Options of `vm()`: rows overlapping [start, end] (host ns), of thread `tid`, of host or VM `host`. */
export interface IVmTableQuery extends IWindow {
  table?: VmTableName;
  tid?: number;
  host?: string;
  /** The VM of `tid` (guest-critical-path; `host` is accepted too). */
  vm?: string;
}

/** Options of the guest critical path. */
export interface IVmPathQuery extends IWindow {
  tid: number;
  vm?: string;
  /** Clock of start / end: the host's (default) or the guest's own. */
  clock?: 'host' | 'guest';
}

function rangeOf(exp: Experiment, w: IWindow): { start: bigint; end: bigint } {
  const m = vmAnalysis(exp).model;
  return { start: w.start ?? m.start, end: w.end ?? m.end };
}

/** A time graph of VM data over the query's window (the whole experiment by default). */
function vmView(
  ctx: IViewContext,
  q: IVmViewQuery,
  title: string,
  legend: readonly ILegendEntry[],
  data: IViewData
): TimeGraphView {
  const input = { experimentId: ctx.experimentId, title, range: rangeOf(ctx.experiment, q), legend, data };
  return new TimeGraphView(input, ctx.store, q);
}

/** Virtual resources: one row per VM and vCPU with the vCPU states and the causes of preemption. */
export function vmResourcesView(ctx: IViewContext, q: IVmViewQuery = {}): TimeGraphView {
  const a = vmAnalysis(ctx.experiment);
  return vmView(ctx, q, 'Virtual resources (vCPUs)', VCPU_LEGEND, virtualResourcesData(a, q));
}

/** Guest threads by VM and process, with VCPU_PREEMPTED / VCPU_VMM where they only look running. */
export function vmGuestThreadsView(ctx: IViewContext, q: IVmViewQuery = {}): TimeGraphView {
  const a = vmAnalysis(ctx.experiment);
  if (q.vm !== undefined && !a.model.guests.has(q.vm)) {
    throw new Error(`vmGuestThreads: '${q.vm}' is not a guest (${[...a.model.guests.keys()].join(', ')})`);
  }
  return vmView(
    ctx,
    q,
    `Guest threads${q.vm === undefined ? '' : ` of ${q.vm}`} with vCPU preemption`,
    GUEST_THREAD_LEGEND,
    guestThreadsData(a, ctx.analyze('thread-states', {}), q)
  );
}

/** Fused physical CPUs: what really ran on each host CPU (host thread, hypervisor, or guest thread). */
export function vmFusedView(ctx: IViewContext, q: IVmViewQuery = {}): TimeGraphView {
  const a = vmAnalysis(ctx.experiment);
  return vmView(ctx, q, 'Fused physical CPUs (host and guests)', FUSED_LEGEND, fusedCpusData(a, q));
}

function checkPathQuery(q: IVmPathQuery): void {
  if (!q || !Number.isInteger(q.tid)) throw new TypeError('vmCriticalPath: give { tid } (a guest thread id)');
}

/** A VM table (default vcpu-states). */
export function vmTableQuery(exp: Experiment, q: IVmTableQuery = {}): Table {
  const table = q.table ?? 'vcpu-states';
  if (table === 'guest-critical-path') {
    if (q.tid === undefined) throw new TypeError("vm({ table: 'guest-critical-path' }) needs tid");
    return vmCriticalPathTable(exp, { tid: q.tid, vm: q.vm ?? q.host, start: q.start, end: q.end });
  }
  if (!(VM_TABLES as readonly string[]).includes(table)) {
    throw new TypeError(`vm: table '${String(table)}' is not one of ${VM_VIEW_TABLES.join(', ')}`);
  }
  const host = q.host ?? q.vm;
  return vmTables(exp, { table: table as VmTable, start: q.start, end: q.end, tid: q.tid, host });
}

/** The guest critical path as a table (seq, host, tid, name, start, end, state, vcpu, cause columns). */
export function vmCriticalPathTable(exp: Experiment, q: IVmPathQuery): Table {
  checkPathQuery(q);
  return guestCriticalPathTable(guestCriticalPath(exp, q).segments);
}

/** The critical-path payload of a guest path (states: the graph's edges, then VCPU_PREEMPTED and VMM). */
export function guestPathPayload(p: GuestCriticalPath, experimentId: string): ICriticalPathPayload {
  const end = p.end > p.start ? p.end : p.start + 1n;
  const len = Number(end - p.start);
  const off = (t: bigint): number => Math.min(len, Math.max(0, Number(t - p.start)));
  const workers: ITimeGraphRow[] = [];
  const index = new Map<string, number>();
  const rowOf = (host: string, tid: number, comm = ''): number => {
    const id = threadRowId(host, tid);
    let r = index.get(id);
    if (r === undefined) {
      r =
        workers.push({ id, label: `${comm || 'thread'} [${tid}]`, parent: -1, kind: 'thread', host, tid }) -
        1;
      index.set(id, r);
    }
    return r;
  };
  const subjectComm = p.segments.find(s => s.host === p.vm && s.tid === p.tid)?.comm;
  const subject = workers[rowOf(p.vm, p.tid, subjectComm)];
  const ids = GUEST_PATH_LEGEND.map(l => l.id);
  const segments = { row: [] as number[], start: [] as number[], end: [] as number[], state: [] as number[] };
  for (const s of p.segments) {
    segments.row.push(rowOf(s.host, s.tid, s.comm));
    segments.start.push(off(s.start));
    segments.end.push(off(s.end));
    const k = ids.indexOf(s.state);
    segments.state.push(k >= 0 ? k : ids.indexOf('UNKNOWN'));
  }
  const links = {
    fromRow: [] as number[],
    fromTime: [] as number[],
    toRow: [] as number[],
    toTime: [] as number[],
    kind: [] as number[]
  };
  for (const l of p.links) {
    links.fromRow.push(rowOf(l.fromHost, l.fromTid));
    links.fromTime.push(off(l.fromTs));
    links.toRow.push(rowOf(l.toHost, l.toTid));
    links.toTime.push(off(l.toTs));
    links.kind.push(l.type < LINK_KINDS.length ? l.type : 0);
  }
  return {
    version: CRITICALPATH_VERSION,
    experimentId,
    title: `Critical path of ${subject.label} in ${p.vm} (vCPU preemption as a state)`,
    range: { start: nsToString(p.start), end: nsToString(end) },
    subject: { rowId: subject.id, label: subject.label, host: subject.host, tid: subject.tid },
    workers,
    legend: [...GUEST_PATH_LEGEND],
    segments,
    links,
    linkKinds: [...LINK_KINDS]
  };
}

/** The guest critical path as a critical-path view. */
export function vmCriticalPathView(
  exp: Experiment,
  experimentId: string,
  store: ViewStore | undefined,
  q: IVmPathQuery
): CriticalPathView {
  checkPathQuery(q);
  const p = guestCriticalPath(exp, q);
  const payload = guestPathPayload(p, experimentId);
  if (!store) return new CriticalPathView(payload);
  const source = new IntervalSource(
    payload.workers.map(w => w.id),
    {
      row: Int32Array.from(payload.segments.row),
      start: BigInt64Array.from(p.segments, s => s.start),
      end: BigInt64Array.from(p.segments, s => s.end),
      state: Uint8Array.from(payload.segments.state)
    }
  );
  const handle = store.register(source);
  return new CriticalPathView({ ...payload, comm: { target: TRACELAB_COMM_TARGET, handle } }, handle);
}
