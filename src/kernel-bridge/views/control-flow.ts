/**
 * The control-flow view's data: one row per thread, grouped under its process (and under its host when the
 * experiment has several), with the thread-state intervals of the `thread-states` analysis table (syscall names
 * as interval labels). Threads whose process is never known stay at the top level (of their host).
 *
 * Rows carry `host` only in multi-host experiments (it would repeat on every row otherwise).
 * Scope: Arrow table -> rows + interval source; building and displaying the payload is `timegraph-view.ts`.
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

interface IThread {
  host: number;
  tid: number;
  pid: number;
  name: string;
}

const key = (host: number, tid: number): number => host * 0x1000000 + tid + 1;

/** Threads of the table: last known pid and name per (host, tid), in first-seen order. */
function threadsOf(t: Table): { threads: IThread[]; rowOf: Int32Array; hosts: string[] } {
  const host = dictColumn(t, 'host');
  const tid = int32Column(t, 'tid').values;
  const pid = int32Column(t, 'pid');
  const name = dictColumn(t, 'name');
  const byKey = new Map<number, number>();
  const threads: IThread[] = [];
  const rowOf = new Int32Array(t.numRows);
  for (let i = 0; i < t.numRows; i++) {
    const k = key(host.codes[i], tid[i]);
    let r = byKey.get(k);
    if (r === undefined) {
      r = threads.push({ host: host.codes[i], tid: tid[i], pid: -1, name: '' }) - 1;
      byKey.set(k, r);
    }
    const th = threads[r];
    if (pid.valid[i]) th.pid = pid.values[i];
    if (name.codes[i] >= 0) th.name = name.strings[name.codes[i]];
    rowOf[i] = r;
  }
  return { threads, rowOf, hosts: host.strings };
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

/** Control-flow rows and intervals from a `thread-states` table. */
export function controlFlowData(threadStates: Table): IViewData {
  const { threads, rowOf, hosts } = threadsOf(threadStates);
  const { rows, threadRow } = rowsOf(threads, hosts);
  const syscall = dictColumn(threadStates, 'syscall');
  const row = new Int32Array(rowOf.length);
  for (let i = 0; i < row.length; i++) row[i] = threadRow[rowOf[i]];
  const source = new IntervalSource(
    rows.map(r => r.id),
    {
      row,
      start: int64Column(threadStates, 'start'),
      end: int64Column(threadStates, 'end'),
      state: codesToLegend(
        dictColumn(threadStates, 'state'),
        THREAD_LEGEND.map(l => l.id),
        0
      ),
      label: syscall.codes,
      strings: syscall.strings
    }
  );
  return { rows, source };
}
