/**
 * `buildGraph(exp, opts)`: reads the kernel events of an experiment once and builds its execution graph.
 *
 * Scope: compiling each event class once (role, field indices, host, prev_state decoder, packet reader, perf's
 * current-thread fields), the event loop, the network post-pass, and mapping vertex times into synchronised time
 * (each host's transform from `synchronize`, applied after reading: the transforms are monotonic, so every
 * worker's chain stays in order; packet-log times stay local).
 */
import { prevStateDecoderFor } from '../kernel/prev-state';
import { experimentPacketClasses } from '../sync/synchronize';
import type { SyncResult } from '../sync/synchronize';
import { apply, isIdentity } from '../sync/transform';
import type { Transform } from '../sync/transform';
import type { EventBatch, EventClassInfo, Experiment } from '../trace/types';
import { BuildState, HostState } from './build-state';
import { onContext } from './context-rules';
import { GraphEvent } from './graph-event';
import type { GraphClass } from './graph-event';
import { graphLayout, Role } from './graph-layout';
import { linkNetwork } from './net-rules';
import { onPacket } from './net-rules';
import {
  applyHint,
  onExec,
  onExit,
  onFork,
  onPerfComm,
  onStatedump,
  onSwitch,
  onWakeup
} from './sched-rules';

function classesByTrace(exp: Experiment): Map<number, EventClassInfo[]> {
  const m = new Map<number, EventClassInfo[]>();
  for (const c of exp.eventClasses) {
    const l = m.get(c.traceIndex) ?? [];
    l.push(c);
    m.set(c.traceIndex, l);
  }
  return m;
}

/** Compiles the classes of every kernel trace; returns the table indexed by class id. */
function compile(exp: Experiment, s: BuildState): (GraphClass | undefined)[] {
  const table: (GraphClass | undefined)[] = new Array(exp.eventClasses.length);
  const packets = experimentPacketClasses(exp, s.log);
  const hosts = new Map<string, HostState>();
  for (const [traceIndex, classes] of classesByTrace(exp)) {
    const trace = exp.traces[traceIndex];
    const layout = graphLayout(classes.map(c => c.name));
    if (layout === undefined) continue;
    let h = hosts.get(trace.hostname);
    if (h === undefined) {
      h = new HostState(s.g.hostIndex(trace.hostname), trace.hostname);
      s.log.hostIndex(trace.hostname);
      hosts.set(trace.hostname, h);
    }
    const decoder = prevStateDecoderFor(trace, layout.kernel.id === 'perf');
    for (const c of classes) {
      const role = layout.role(c.name);
      const packet = packets.get(c.id)?.pc;
      const hint = Int32Array.from(layout.kernel.currentTid.map(n => c.fieldIndex(n)).filter(k => k >= 0));
      if (role === undefined && packet === undefined && hint.length === 0) continue;
      const f = Int32Array.from(role === undefined ? [] : layout.fields(role), n =>
        n === '' ? -1 : c.fieldIndex(n)
      );
      table[c.id] = { host: h, role, f, hint, decoder, packet };
    }
  }
  return table;
}

function dispatch(s: BuildState, e: GraphEvent): void {
  const gc = e.gc;
  const h = gc.host;
  const c = h.cpu(e.cpu);
  if (gc.hint.length > 0 && e.ts > 0n) {
    let tid = e.b.int(e.i, gc.hint[0]);
    if (tid < 0 && gc.hint.length > 1) tid = e.b.int(e.i, gc.hint[1]);
    if (tid >= 0 && tid !== c.cur) applyHint(s, h, c, tid, e.ts);
  }
  if (gc.packet !== undefined) {
    const k = gc.packet.read(e.b, e.i);
    if (k !== undefined) onPacket(s, h, c, gc.packet.dir, e.ts, k);
    return;
  }
  const role = gc.role;
  if (role === undefined) return;
  if (role === Role.SWITCH) onSwitch(s, h, c, e);
  else if (role === Role.WAKEUP || role === Role.WAKEUP_NEW) onWakeup(s, h, c, e, role === Role.WAKEUP_NEW);
  else if (role === Role.FORK) onFork(s, h, e);
  else if (role === Role.EXEC) onExec(s, h, c, e);
  else if (role === Role.EXIT) onExit(s, h, e);
  else if (role === Role.STATEDUMP_PROCESS) onStatedump(s, h, e);
  else if (role === Role.STATEDUMP_IRQ) {
    const name = e.str(1);
    if (name) h.irqNames.set(e.int(0), name);
  } else if (role === Role.PERF_COMM) onPerfComm(s, h, e);
  else onContext(s, h, c, e, role);
}

function runBatch(
  s: BuildState,
  table: readonly (GraphClass | undefined)[],
  b: EventBatch,
  e: GraphEvent
): void {
  e.b = b;
  const n = b.length;
  for (let i = 0; i < n; i++) {
    const gc = table[b.classId[i]];
    if (gc === undefined || b.cpu[i] < 0) continue;
    e.i = i;
    e.ts = b.ts[i];
    e.cpu = b.cpu[i];
    e.gc = gc;
    dispatch(s, e);
  }
}

function toSyncedTime(s: BuildState, transforms: readonly Transform[]): void {
  if (transforms.every(isIdentity)) return;
  const g = s.g;
  for (let v = 0; v < g.vertexCount; v++) {
    const t = transforms[g.wHost.buf[g.worker.buf[v]]];
    if (!isIdentity(t)) g.ts.buf[v] = apply(t, g.ts.buf[v]);
  }
}

/** Builds the execution graph of `exp`; `sync` (when given) maps every host into synchronised time. */
export function buildGraph(exp: Experiment, sync: SyncResult | undefined): BuildState {
  const s = new BuildState();
  const table = compile(exp, s);
  const wanted = new Set<number>();
  table.forEach((gc, id) => gc !== undefined && wanted.add(id));
  const e = new GraphEvent();
  if (wanted.size > 0) {
    // Streaming: each batch is done with before the next (fields read lazily from the packet bytes).
    for (const b of exp.batches({ classIds: wanted, streaming: true })) {
      s.events += b.length;
      runBatch(s, table, b, e);
    }
  }
  s.matches = linkNetwork(s);
  if (sync !== undefined) {
    toSyncedTime(
      s,
      s.g.hosts.map(h => sync.transformOf(h))
    );
  }
  s.g.finish();
  return s;
}
