/**
 * CPU usage per (host, CPU, thread) over a time range: the time each thread was the CPU's current thread (including
 * interrupts taken on its behalf), idle excluded, clipped to the range and to the host's events [first, last].
 *
 * As in Trace Compass's CPU usage analysis, the thread switched out by a CPU's first sched_switch (when nothing
 * earlier showed who ran there) is counted as running since the start of the trace.
 *
 * Table cpu-usage: host, cpu, tid, name, ns. Rows with 0 ns are omitted.
 */
import type { Table } from 'apache-arrow';
import { TableBuilder } from './arrow-build';
import type { KernelModel } from './model';
import type { AnalyzeOptions } from './tables';
import { hostFilter, relBounds } from './tables';

export interface CpuUsageRow {
  host: number;
  cpu: number;
  tid: number;
  ns: bigint;
}

function clip(s: number, e: number, lo: number, hi: number): number {
  const a = s > lo ? s : lo;
  const b = e < hi ? e : hi;
  return b > a ? b - a : 0;
}

/** Usage rows sorted by host, CPU, tid. */
export function cpuUsage(model: KernelModel, opts: AnalyzeOptions = {}): CpuUsageRow[] {
  const keepHost = hostFilter(model, opts);
  const acc = new Map<string, { host: number; cpu: number; tid: number; ns: number }>();
  const add = (host: number, cpu: number, tid: number, ns: number): void => {
    if (ns <= 0 || tid <= 0 || (opts.tid !== undefined && tid !== opts.tid)) return;
    const key = `${host}:${cpu}:${tid}`;
    const row = acc.get(key);
    if (row === undefined) acc.set(key, { host, cpu, tid, ns });
    else row.ns += ns;
  };
  const [optLo, optHi] = relBounds(model, opts);
  const ranges = model.hosts.map(h => [Math.max(optLo, h.first), Math.min(optHi, h.last)] as const);
  const s = model.out.cpus;
  for (let r = 0; r < s.length; r++) {
    const host = s.host.get(r);
    if (!keepHost(host)) continue;
    const [lo, hi] = ranges[host];
    add(host, s.cpu.get(r), s.tid.get(r), clip(s.start.get(r), s.end.get(r), lo, hi));
  }
  for (const h of model.hosts) {
    if (!keepHost(h.index)) continue;
    const [lo, hi] = ranges[h.index];
    for (const c of h.cpus) {
      if (c !== undefined && c.firstPrevAt >= 0) {
        add(h.index, c.cpu, c.firstPrevTid, clip(h.first, c.firstPrevAt, lo, hi));
      }
    }
  }
  return [...acc.values()]
    .sort((a, b) => a.host - b.host || a.cpu - b.cpu || a.tid - b.tid)
    .map(r => ({ ...r, ns: BigInt(r.ns) }));
}

/** Last known name of each (host, tid). */
function lastNames(model: KernelModel): Map<string, number> {
  const names = new Map<string, number>();
  for (const h of model.hosts) {
    for (const p of h.processes) if (p.name !== 0) names.set(`${h.index}:${p.tid}`, p.name);
  }
  return names;
}

export function cpuUsageTable(model: KernelModel, opts: AnalyzeOptions = {}): Table {
  const rows = cpuUsage(model, opts);
  const names = lastNames(model);
  return new TableBuilder(rows.map((_, k) => k))
    .dict(
      'host',
      k => rows[k].host,
      model.hosts.map(h => h.name)
    )
    .int32('cpu', k => rows[k].cpu)
    .int32('tid', k => rows[k].tid)
    .dict(
      'name',
      k => names.get(`${rows[k].host}:${rows[k].tid}`) ?? 0,
      model.out.pool.strings,
      id => id === 0
    )
    .int64('ns', k => rows[k].ns)
    .build();
}
