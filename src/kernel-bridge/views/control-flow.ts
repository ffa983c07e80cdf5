/**
 * The control-flow view's data: one row per thread, grouped under its process (and under its host when the
 * experiment has several), with the thread-state intervals of the `thread-states` analysis table (syscall names
 * as interval labels). Threads whose process is never known stay at the top level (of their host).
 *
 * Rows carry `host` only in multi-host experiments (it would repeat on every row otherwise).
 * Scope: thread-state columns (from the Arrow table here, or straight from the kernel model in
 * `control-flow-model.ts`) -> rows + interval source; building and displaying the payload is `timegraph-view.ts`.
 */
import type { Table } from 'apache-arrow';
import type { ITimeGraphRowInput } from '../../protocol';
import { codesToLegend, dictColumn, int32Column, int64Column } from './arrow-columns';
import { IntervalSource } from './interval-source';
import { THREAD_LEGEND } from './legends';
import { hostRowId, processRowId, threadRowId } from './row-ids';

/** Rows and intervals of a time-graph view. */
export interface IViewData {
  rows: ITimeGraphRowInput[];
  source: IntervalSource;
}

/** A dictionary-encoded string column: `codes[i]` indexes `strings`, -1 for none. */
export interface IDictColumn {
  codes: Int32Array;
  strings: string[];
}

/** The `thread-states` table as typed columns (one entry per interval, in table order). */
export interface IThreadStateColumns {
  host: IDictColumn;
  tid: Int32Array;
  /** -1 when unknown. */
  pid: Int32Array;
  name: IDictColumn;
  start: BigInt64Array;
  end: BigInt64Array;
  /** Index into `THREAD_LEGEND`. */
  state: Uint8Array;
  syscall: IDictColumn;
}

interface IThread {
  host: number;
  tid: number;
  pid: number;
  name: string;
}

const key = (host: number, tid: number): number => host * 0x1000000 + tid + 1;

/** Threads of the columns: last known pid and name per (host, tid), in first-seen order. */
function threadsOf(c: IThreadStateColumns): { threads: IThread[]; rowOf: Int32Array } {
  const { host, tid, pid, name } = c;
  const byKey = new Map<number, number>();
  const threads: IThread[] = [];
  const nameCode: number[] = [];
  const n = tid.length;
  const rowOf = new Int32Array(n);
  let lastKey = -1;
  let r = -1;
  for (let i = 0; i < n; i++) {
    // Consecutive rows often belong to one thread: skip the map lookup then.
    const k = key(host.codes[i], tid[i]);
    if (k !== lastKey) {
      lastKey = k;
      const found = byKey.get(k);
      if (found === undefined) {
        r = threads.push({ host: host.codes[i], tid: tid[i], pid: -1, name: '' }) - 1;
        nameCode.push(-1);
        byKey.set(k, r);
      } else {
        r = found;
      }
    }
    if (pid[i] >= 0) threads[r].pid = pid[i];
    if (name.codes[i] >= 0) nameCode[r] = name.codes[i];
    rowOf[i] = r;
  }
  threads.forEach((th, j) => (th.name = nameCode[j] >= 0 ? name.strings[nameCode[j]] : ''));
  return { threads, rowOf };
}

/** Rows: hosts (when several), processes sorted by pid, their threads (leader first, then by tid). */
function rowsOf(threads: IThread[], hosts: string[]): { rows: ITimeGraphRowInput[]; threadRow: Int32Array } {
  const rows: ITimeGraphRowInput[] = [];
  const threadRow = new Int32Array(threads.length);
  const multiHost = hosts.length > 1;
  const order = threads.map((_, i) => i);
  const pidKey = (th: IThread): number => (th.pid < 0 ? th.tid : th.pid);
  order.sort((a, b) => {
    const x = threads[a];
    const y = threads[b];
    return (
      x.host - y.host ||
      pidKey(x) - pidKey(y) ||
      (x.tid === x.pid ? -1 : 0) - (y.tid === y.pid ? -1 : 0) ||
      x.tid - y.tid
    );
  });
  const byKey = new Map(threads.map(th => [key(th.host, th.tid), th]));
  const seenHost = new Set<number>();
  const seenProcess = new Set<string>();
  for (const i of order) {
    const th = threads[i];
    const hostName = hosts[th.host] ?? '';
    const hostId = multiHost ? hostRowId(hostName) : null;
    if (multiHost && !seenHost.has(th.host)) {
      seenHost.add(th.host);
      rows.push({ id: hostId!, label: hostName || '(unknown host)', kind: 'host', host: hostName });
    }
    const hostField = multiHost ? { host: hostName } : {};
    let parentId = hostId;
    if (th.pid >= 0) {
      parentId = processRowId(hostName, th.pid);
      if (!seenProcess.has(parentId)) {
        seenProcess.add(parentId);
        const leader = byKey.get(key(th.host, th.pid)) ?? th;
        const label = `${leader.name || 'process'} [${th.pid}]`;
        rows.push({ id: parentId, label, parentId: hostId, kind: 'process', ...hostField, pid: th.pid });
      }
    }
    threadRow[i] = rows.length;
    rows.push({
      id: threadRowId(hostName, th.tid),
      label: `${th.name || 'thread'} [${th.tid}]`,
      parentId,
      kind: 'thread',
      ...hostField,
      tid: th.tid,
      ...(th.pid >= 0 ? { pid: th.pid } : {})
    });
  }
  return { rows, threadRow };
}

/** Control-flow rows and intervals from thread-state columns. */
export function controlFlowFromColumns(c: IThreadStateColumns): IViewData {
  const { threads, rowOf } = threadsOf(c);
  const { rows, threadRow } = rowsOf(threads, c.host.strings);
  const row = new Int32Array(rowOf.length);
  for (let i = 0; i < row.length; i++) row[i] = threadRow[rowOf[i]];
  const source = new IntervalSource(
    rows.map(r => r.id),
    {
      row,
      start: c.start,
      end: c.end,
      state: c.state,
      label: c.syscall.codes,
      strings: c.syscall.strings
    }
  );
  return { rows, source };
}

/** The columns of a `thread-states` table. */
export function threadStateColumns(t: Table): IThreadStateColumns {
  const pid = int32Column(t, 'pid');
  for (let i = 0; i < pid.values.length; i++) if (!pid.valid[i]) pid.values[i] = -1;
  return {
    host: dictColumn(t, 'host'),
    tid: int32Column(t, 'tid').values,
    pid: pid.values,
    name: dictColumn(t, 'name'),
    start: int64Column(t, 'start'),
    end: int64Column(t, 'end'),
    state: codesToLegend(
      dictColumn(t, 'state'),
      THREAD_LEGEND.map(l => l.id),
      0
    ),
    syscall: dictColumn(t, 'syscall')
  };
}

/** Control-flow rows and intervals from a `thread-states` table. */
export function controlFlowData(threadStates: Table): IViewData {
  return controlFlowFromColumns(threadStateColumns(threadStates));
}
