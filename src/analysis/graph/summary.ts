/**
 * "Where did the time go": a critical path's time per state, per host, per thread and per thread and state.
 *
 * Rows (`by` = 'state' | 'host' | 'thread' | 'thread-state'): host and tid are -1/'' where the grouping has none;
 * duration in ns; fraction of the window. Within each `by`, rows are sorted by duration, longest first.
 */
import type { CriticalPath } from './path';

export interface SummaryRow {
  readonly by: 'state' | 'host' | 'thread' | 'thread-state';
  /** Host index in the graph (-1 when not grouped by host). */
  readonly host: number;
  /** Worker (-1 when not grouped by thread). */
  readonly worker: number;
  /** Edge type (-1 when not grouped by state). */
  readonly state: number;
  readonly duration: bigint;
  readonly fraction: number;
}

function add(m: Map<string, SummaryRow>, key: string, row: Omit<SummaryRow, 'fraction'>): void {
  const r = m.get(key);
  m.set(key, { ...row, duration: (r?.duration ?? 0n) + row.duration, fraction: 0 });
}

export function summarize(p: CriticalPath): SummaryRow[] {
  const g = p.graph;
  const groups = {
    state: new Map(),
    host: new Map(),
    thread: new Map(),
    'thread-state': new Map()
  } as Record<SummaryRow['by'], Map<string, SummaryRow>>;
  for (let k = 0; k < p.segW.length; k++) {
    const w = p.segW[k];
    const h = g.wHost.buf[w];
    const t = p.segType[k];
    const d = p.segEnd[k] - p.segStart[k];
    add(groups.state, `${t}`, { by: 'state', host: -1, worker: -1, state: t, duration: d });
    add(groups.host, `${h}`, { by: 'host', host: h, worker: -1, state: -1, duration: d });
    add(groups.thread, `${w}`, { by: 'thread', host: h, worker: w, state: -1, duration: d });
    add(groups['thread-state'], `${w}:${t}`, {
      by: 'thread-state',
      host: h,
      worker: w,
      state: t,
      duration: d
    });
  }
  const total = Number(p.end - p.start);
  const out: SummaryRow[] = [];
  for (const m of Object.values(groups)) {
    const rows = [...m.values()].sort((a, b) =>
      a.duration < b.duration ? 1 : a.duration > b.duration ? -1 : 0
    );
    for (const r of rows) out.push({ ...r, fraction: total > 0 ? Number(r.duration) / total : 0 });
  }
  return out;
}
