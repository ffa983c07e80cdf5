/**
 * The resources view's data: one row per CPU (under its host when the experiment has several), with the
 * CPU-state intervals of the `cpu-states` analysis table. Intervals are labelled with what ran: the thread
 * (`name [tid]`, names from the `processes` table when given) or the IRQ / softirq number.
 *
 * Scope: Arrow tables -> rows + interval source.
 */
import type { Table } from 'apache-arrow';
import type { ITimeGraphRowInput } from '../../protocol';
import { codesToLegend, dictColumn, int32Column, int64Column } from './arrow-columns';
import type { IViewData } from './control-flow';
import { IntervalSource } from './interval-source';
import { CPU_LEGEND } from './legends';
import { cpuRowId, hostRowId } from './row-ids';

/** `host:tid` -> thread name, from a `processes` table (last row of a tid wins). */
export function threadNames(processes: Table | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!processes) return names;
  const host = dictColumn(processes, 'host');
  const tid = int32Column(processes, 'tid').values;
  const name = dictColumn(processes, 'name');
  for (let i = 0; i < processes.numRows; i++) {
    if (name.codes[i] < 0) continue;
    names.set(`${host.strings[host.codes[i]] ?? ''}:${tid[i]}`, name.strings[name.codes[i]]);
  }
  return names;
}

/** Resources rows and intervals from a `cpu-states` table. */
export function resourcesData(cpuStates: Table, processes?: Table): IViewData {
  const host = dictColumn(cpuStates, 'host');
  const cpu = int32Column(cpuStates, 'cpu').values;
  const tid = int32Column(cpuStates, 'tid');
  const irq = int32Column(cpuStates, 'irq');
  const state = codesToLegend(
    dictColumn(cpuStates, 'state'),
    CPU_LEGEND.map(l => l.id),
    0
  );
  const names = threadNames(processes);
  const keys = new Map<string, { host: string; cpu: number }>();
  const rowKey = new Array<string>(cpuStates.numRows);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const label = new Int32Array(cpuStates.numRows).fill(-1);
  const irqLike = new Set([
    CPU_LEGEND.findIndex(l => l.id === 'IRQ'),
    CPU_LEGEND.findIndex(l => l.id === 'SOFTIRQ')
  ]);
  for (let i = 0; i < cpuStates.numRows; i++) {
    const h = host.strings[host.codes[i]] ?? '';
    const k = `${h}\u0000${cpu[i]}`;
    if (!keys.has(k)) keys.set(k, { host: h, cpu: cpu[i] });
    rowKey[i] = k;
    let text: string | undefined;
    if (irqLike.has(state[i]) && irq.valid[i]) text = `${CPU_LEGEND[state[i]].id} ${irq.values[i]}`;
    else if (tid.valid[i] && tid.values[i] > 0) {
      text = `${names.get(`${h}:${tid.values[i]}`) ?? 'thread'} [${tid.values[i]}]`;
    }
    if (text === undefined) continue;
    let s = stringIndex.get(text);
    if (s === undefined) {
      s = strings.push(text) - 1;
      stringIndex.set(text, s);
    }
    label[i] = s;
  }
  const cpus = [...keys.entries()].sort((a, b) => a[1].host.localeCompare(b[1].host) || a[1].cpu - b[1].cpu);
  const multiHost = new Set(cpus.map(c => c[1].host)).size > 1;
  const rows: ITimeGraphRowInput[] = [];
  const rowIndex = new Map<string, number>();
  for (const [k, c] of cpus) {
    const parentId = multiHost ? hostRowId(c.host) : null;
    if (multiHost && !rows.some(r => r.id === parentId)) {
      rows.push({ id: parentId!, label: c.host || '(unknown host)', kind: 'host', host: c.host });
    }
    rowIndex.set(k, rows.length);
    rows.push({
      id: cpuRowId(c.host, c.cpu),
      label: `CPU ${c.cpu}`,
      parentId,
      kind: 'cpu',
      ...(multiHost ? { host: c.host } : {}),
      cpu: c.cpu
    });
  }
  const source = new IntervalSource(
    rows.map(r => r.id),
    {
      row: Int32Array.from(rowKey, k => rowIndex.get(k)!),
      start: int64Column(cpuStates, 'start'),
      end: int64Column(cpuStates, 'end'),
      state,
      label,
      strings
    }
  );
  return { rows, source };
}
