/**
 * Helpers for the execution-graph tests: write small Trace Compass XML stub traces (events as compact tuples) to a
 * temp folder, describe a worker's chain as text, and turn a critical path into plain rows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EDGE_NAMES, LINK_NAMES } from '../../src/analysis/graph';
import type { CriticalPath, ExecutionGraph } from '../../src/analysis/graph';

/** An event: [timestamp, name, cpu, fields]; field values: number → long, string → string. */
export type StubEv = [number, string, number, Record<string, number | string>?];

function xmlField(name: string, v: number | string): string {
  const type = typeof v === 'number' ? 'long' : 'string';
  return `<field name="${name}" value="${v}" type="${type}" />`;
}

const made: string[] = [];

/** Removes the temp folders `writeStub` made. */
export function removeStubs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Writes a stub trace file named `name` in a fresh temp folder (or `dir`) and returns its path. */
export function writeStub(name: string, events: StubEv[], dir?: string): string {
  let d = dir;
  if (d === undefined) {
    d = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-graph-'));
    made.push(d);
  }
  const body = events
    .map(([ts, ev, cpu, fields]) => {
      const fs2 = [xmlField('cpu', cpu), ...Object.entries(fields ?? {}).map(([k, v]) => xmlField(k, v))];
      return `<event timestamp="${ts}" name="${ev}">${fs2.join('')}</event>`;
    })
    .join('\n');
  const file = path.join(d, name);
  fs.writeFileSync(file, `<trace>\n${body}\n</trace>\n`);
  return file;
}

/** sched_switch as a stub event. */
export function sw(ts: number, cpu: number, prev: number, prevState: number, next: number): StubEv {
  return [
    ts,
    'sched_switch',
    cpu,
    {
      prev_comm: `t${prev}`,
      prev_tid: prev,
      prev_prio: 20,
      prev_state: prevState,
      next_comm: `t${next}`,
      next_tid: next,
      next_prio: 20
    }
  ];
}

/** A wake-up event (`sched_wakeup` unless named). */
export function wake(ts: number, cpu: number, tid: number, name = 'sched_wakeup'): StubEv {
  return [ts, name, cpu, { comm: `t${tid}`, tid, prio: 20, target_cpu: cpu }];
}

/** "10 -RUNNING-> 20 -BLOCKED-> [WAKEUP from 2@30]30" for one worker of a finished graph. */
export function chainText(g: ExecutionGraph, w: number): string {
  const parts: string[] = [];
  for (const v of g.verticesOf(w)) {
    const src = g.inV.buf[v];
    const from =
      src >= 0
        ? `[${LINK_NAMES[g.inVType.buf[v]]} from ${g.wTid.buf[g.worker.buf[src]]}@${g.ts.buf[src]}]`
        : '';
    parts.push(`${from}${g.ts.buf[v]}`);
    if (g.next.buf[v] >= 0) {
      const q = g.qualifiers.get(v);
      parts.push(` -${EDGE_NAMES[g.out.buf[v]]}${q === undefined ? '' : `(${q})`}-> `);
    }
  }
  return parts.join('');
}

/** All workers as "host tid: chain", sorted. */
export function graphText(g: ExecutionGraph): string[] {
  const out: string[] = [];
  for (let w = 0; w < g.workerCount; w++) {
    out.push(`${g.hosts[g.wHost.buf[w]]} ${g.wTid.buf[w]}: ${chainText(g, w)}`);
  }
  return out.sort();
}

/** A path's rows as "tid start-end STATE". */
export function pathRows(p: CriticalPath): string[] {
  const g = p.graph;
  return Array.from(
    p.segW,
    (w, k) => `${g.wTid.buf[w]} ${p.segStart[k]}-${p.segEnd[k]} ${EDGE_NAMES[p.segType[k]]}`
  );
}

/** A path's links as "tid@ts->tid@ts TYPE". */
export function pathLinks(p: CriticalPath): string[] {
  const g = p.graph;
  return Array.from(
    p.linkType,
    (t, k) =>
      `${g.wTid.buf[p.linkFromW[k]]}@${p.linkFromTs[k]}->${g.wTid.buf[p.linkToW[k]]}@${p.linkToTs[k]} ${LINK_NAMES[t]}`
  );
}
