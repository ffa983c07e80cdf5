/**
 * The MPI view with the kernel under it (issue 9): per MPI rank, the rank's compute / wait row from the LTTng-UST
 * `mpi_demo` events (`mpiImbalanceSpec`, the `Ranks/<r>/Status` intervals) shifted into kernel time, and under it
 * the kernel thread row(s) of the rank (the tids of `Ranks/<r>/Thread`) with their thread states and syscall
 * names, all on the kernel trace's time axis, so the busy polling during a barrier wait shows as the thread
 * running (user mode / `poll` syscalls) for the whole wait.
 *
 * Clocks: LTTng-UST writes CLOCK_MONOTONIC with offset realtime − monotonic, perf CLOCK_MONOTONIC with offset 0;
 * the shift is the UST clock offset minus the kernel's (`clockOffsetNs`), kernel time = UST time − shift.
 *
 * Scope: state-view result + per-thread `thread-states` tables -> rows, intervals, legend and the view; opening
 * traces and the cell API are the caller's.
 */
import type { Table } from 'apache-arrow';
import { findCtfTraces } from '../../analysis/formats/ctf';
import { nodeFileSystem } from '../../analysis/io/byte-source';
import { clockOffsetNs, valueString } from '../../analysis/stateview';
import type { StateViewResult } from '../../analysis/stateview';
import type { ILegendEntry, ITimeGraphRowInput } from '../../protocol';
import { codesToLegend, dictColumn, int32Column, int64Column } from './arrow-columns';
import type { IViewData } from './control-flow';
import { IntervalSource } from './interval-source';
import { THREAD_LEGEND } from './legends';
import { threadRowId } from './row-ids';
import { TimeGraphView } from './timegraph-view';
import type { IViewOptions } from './timegraph-view';
import type { ViewStore } from './view-store';

/** Legend of the view: the thread states, then the MPI phases. */
export const MPI_KERNEL_LEGEND: readonly ILegendEntry[] = [
  ...THREAD_LEGEND,
  { id: 'MPI_COMPUTE', label: 'MPI compute', color: '#2ca02c', active: true },
  { id: 'MPI_WAIT', label: 'MPI wait (barrier)', color: '#d62728' }
];

const PHASE_STATE: Record<string, number> = {
  compute: THREAD_LEGEND.length,
  wait: THREAD_LEGEND.length + 1
};

/** What the view is built from. */
export interface IMpiKernelInput {
  /** The `mpiImbalanceSpec` result over the UST trace. */
  ust: StateViewResult;
  /** UST ns − kernel ns. */
  shiftNs: bigint;
  /** Kernel `thread-states` rows of thread `tid` overlapping [start, end] (kernel ns). */
  threadStates(tid: number, start: bigint, end: bigint): Table;
  /** Kernel time window (default: the UST state system's span, shifted). */
  start?: bigint;
  end?: bigint;
}

/** Rows, intervals, legend and kernel-time range of the view. */
export interface IMpiKernelData extends IViewData {
  legend: readonly ILegendEntry[];
  range: { start: bigint; end: bigint };
}

/**
 * Clock shift between a UST trace and a kernel trace (paths): UST clock offset − kernel clock offset (0 for a
 * kernel trace that is not CTF, e.g. Trace Compass XML).
 */
export function ustKernelShiftNs(ustPath: string, kernelPath: string): bigint {
  let kernelCtf = false;
  try {
    kernelCtf = findCtfTraces(kernelPath, nodeFileSystem).length > 0;
  } catch {
    kernelCtf = false;
  }
  return clockOffsetNs(ustPath) - (kernelCtf ? clockOffsetNs(kernelPath) : 0n);
}

/** Collects interval columns and a string table. */
class Columns {
  readonly row: number[] = [];
  readonly start: bigint[] = [];
  readonly end: bigint[] = [];
  readonly state: number[] = [];
  readonly label: number[] = [];
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  add(row: number, start: bigint, end: bigint, state: number, label?: string): void {
    this.row.push(row);
    this.start.push(start);
    this.end.push(end);
    this.state.push(state);
    this.label.push(label === undefined ? -1 : this.stringId(label));
  }

  private stringId(s: string): number {
    let k = this.index.get(s);
    if (k === undefined) this.index.set(s, (k = this.strings.push(s) - 1));
    return k;
  }
}

/** Ranks of the result (numeric order) with their distinct thread ids. */
function ranksOf(ust: StateViewResult): { rank: string; status: number; tids: number[] }[] {
  const ss = ust.ss;
  const root = ss.quark(['Ranks']);
  if (root < 0) throw new Error('mpiKernelView: the UST trace has no MPI ranks (mpi_demo events)');
  return ss
    .children(root)
    .map(q => {
      const rank = ss.name(q);
      const tq = ss.find(q, 'Thread');
      const tids = tq < 0 ? [] : ss.intervals(tq).flatMap(i => (i.value === null ? [] : [Number(i.value)]));
      return { rank, status: ss.find(q, 'Status'), tids: [...new Set(tids)] };
    })
    .sort((a, b) => Number(a.rank) - Number(b.rank) || a.rank.localeCompare(b.rank));
}

/** Adds the kernel thread row of `tid` (under `parentId`) and its intervals. */
function addThread(
  rows: ITimeGraphRowInput[],
  cols: Columns,
  parentId: string,
  tid: number,
  table: Table
): void {
  const host = dictColumn(table, 'host');
  const name = dictColumn(table, 'name');
  const pid = int32Column(table, 'pid');
  const last = table.numRows - 1;
  const hostName = last >= 0 && host.codes[last] >= 0 ? host.strings[host.codes[last]] : '';
  const threadName = last >= 0 && name.codes[last] >= 0 ? name.strings[name.codes[last]] : 'thread';
  const r = rows.push({
    id: threadRowId(hostName, tid),
    label: `${threadName} [${tid}]`,
    parentId,
    kind: 'thread',
    tid,
    ...(last >= 0 && pid.valid[last] ? { pid: pid.values[last] } : {})
  });
  const start = int64Column(table, 'start');
  const end = int64Column(table, 'end');
  const syscall = dictColumn(table, 'syscall');
  const state = codesToLegend(
    dictColumn(table, 'state'),
    THREAD_LEGEND.map(l => l.id),
    0
  );
  for (let i = 0; i < table.numRows; i++) {
    const s = syscall.codes[i];
    cols.add(r - 1, start[i], end[i], state[i], s >= 0 ? syscall.strings[s] : undefined);
  }
}

/** The view's rows and intervals: per rank a group, its MPI status row, then its kernel thread row(s). */
export function mpiKernelData(input: IMpiKernelInput): IMpiKernelData {
  const { ust, shiftNs } = input;
  const ss = ust.ss;
  const start = input.start ?? (ss.start ?? 0n) - shiftNs;
  const end = input.end ?? (ss.end ?? 0n) - shiftNs;
  const rows: ITimeGraphRowInput[] = [];
  const cols = new Columns();
  for (const r of ranksOf(ust)) {
    const groupId = `mpi:rank:${r.rank}`;
    rows.push({ id: groupId, label: `rank ${r.rank}`, kind: 'group' });
    const statusRow =
      rows.push({ id: `${groupId}:status`, label: 'MPI', parentId: groupId, kind: 'other' }) - 1;
    const phases = r.status < 0 ? [] : ss.intervals(r.status, start + shiftNs, end + shiftNs);
    for (const iv of phases) {
      if (iv.value === null) continue;
      const v = valueString(iv.value);
      const state = PHASE_STATE[v];
      cols.add(
        statusRow,
        iv.start - shiftNs,
        iv.end - shiftNs,
        state ?? 0,
        state === undefined ? v : undefined
      );
    }
    for (const tid of r.tids) addThread(rows, cols, groupId, tid, input.threadStates(tid, start, end));
  }
  const source = new IntervalSource(
    rows.map(r => r.id),
    {
      row: Int32Array.from(cols.row),
      start: BigInt64Array.from(cols.start),
      end: BigInt64Array.from(cols.end),
      state: Uint8Array.from(cols.state),
      label: Int32Array.from(cols.label),
      strings: cols.strings
    }
  );
  return { rows, source, legend: MPI_KERNEL_LEGEND, range: { start, end } };
}

/** The MPI + kernel time graph (kernel time axis), registered in `store` for zooming. */
export function mpiKernelView(
  input: IMpiKernelInput,
  experimentId: string,
  store: ViewStore | undefined,
  options: IViewOptions = {}
): TimeGraphView {
  const { legend, range, ...data } = mpiKernelData(input);
  const title = 'MPI ranks over the kernel (compute / wait, thread states)';
  return new TimeGraphView({ experimentId, title, range, legend, data }, store, options);
}
