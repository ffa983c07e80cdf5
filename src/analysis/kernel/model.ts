/**
 * `buildKernelModel`: runs every kernel event of an experiment through its handler, host by host, and returns the
 * model's outputs (columnar intervals and rows).
 *
 * Scope: per-trace layout detection, compiling each event class once (handler + field indices), the event loop
 * (CPU and current-thread hints, then the handler), and closing what is still open at each host's end. Traces
 * without a kernel layout (UST, other formats) are skipped; traces sharing a host name share one host model.
 */
import {
  AttrRows,
  CpuIntervals,
  HandoffRows,
  IrqIntervals,
  LatencyRows,
  StringPool,
  SyscallRows,
  ThreadIntervals
} from './columns';
import { closeCpuInterval, cpuRec, observeCurrent } from './cpu-ops';
import type { CompiledClass, Handler } from './cursor';
import { Cursor } from './cursor';
import { onIrqEntry, onIrqExit, onSoftirqEntry, onSoftirqExit, onSoftirqRaise } from './handlers/irq';
import { onExec, onExit, onFork, onFree, onSwitch, onWakeup } from './handlers/sched';
import { onPerfComm, onPerfFork, onStatedumpIrq, onStatedumpProcess } from './handlers/statedump';
import { onSyscallEntry, onSyscallExit } from './handlers/syscall';
import { HostModel } from './host-model';
import type { ModelSinks } from './host-model';
import { detectLayout, Kind } from './layout';
import type { KernelLayout, KindValue } from './layout';
import { prevStateDecoderFor } from './prev-state';
import type { PrevStateDecoder } from './prev-state';
import { closeSyscall, commit, setPid } from './thread-ops';
import { TimeBase } from './time-base';
import type { EventClassInfo, Experiment } from '../trace/types';

const HANDLERS: Readonly<Record<KindValue, Handler>> = {
  [Kind.SWITCH]: onSwitch,
  [Kind.WAKEUP]: onWakeup,
  [Kind.FORK]: onFork,
  [Kind.EXEC]: onExec,
  [Kind.EXIT]: onExit,
  [Kind.FREE]: onFree,
  [Kind.SYS_ENTRY]: onSyscallEntry,
  [Kind.SYS_EXIT]: onSyscallExit,
  [Kind.IRQ_ENTRY]: onIrqEntry,
  [Kind.IRQ_EXIT]: onIrqExit,
  [Kind.SOFTIRQ_ENTRY]: onSoftirqEntry,
  [Kind.SOFTIRQ_EXIT]: onSoftirqExit,
  [Kind.SOFTIRQ_RAISE]: onSoftirqRaise,
  [Kind.STATEDUMP_PROCESS]: onStatedumpProcess,
  [Kind.STATEDUMP_IRQ]: onStatedumpIrq,
  [Kind.PERF_COMM]: onPerfComm,
  [Kind.PERF_FORK]: onPerfFork
};

/** The model of an experiment: one `HostModel` per kernel host, and the shared outputs. */
export interface KernelModel {
  readonly hosts: readonly HostModel[];
  readonly out: ModelSinks;
  /** Events that went through the model. */
  readonly events: number;
  /** The clock: model times are ns offsets from `clock.base`. */
  readonly clock: TimeBase;
}

function newSinks(): ModelSinks {
  return {
    pool: new StringPool(),
    threads: new ThreadIntervals(),
    attrs: new AttrRows(),
    cpus: new CpuIntervals(),
    irqs: new IrqIntervals(),
    syscalls: new SyscallRows(),
    latency: new LatencyRows(),
    handoffs: new HandoffRows()
  };
}

function compileClass(
  cls: EventClassInfo,
  layout: KernelLayout,
  host: HostModel,
  decoder: PrevStateDecoder
): CompiledClass | undefined {
  const role = layout.role(cls.name);
  const tidFields = Int32Array.from(layout.currentTid.map(n => cls.fieldIndex(n)).filter(k => k >= 0));
  if (role === undefined && tidFields.length === 0) return undefined;
  const names = role === undefined ? [] : layout.fields[role.kind];
  return {
    host,
    role,
    handler: role === undefined ? undefined : HANDLERS[role.kind],
    f: Int32Array.from(names, n => (n === '' ? -1 : cls.fieldIndex(n))),
    syscall: role?.syscall !== undefined ? host.out.pool.id(role.syscall) : 0,
    tidFields,
    pidField: layout.currentPid === undefined ? -1 : cls.fieldIndex(layout.currentPid),
    cpuField: layout.cpuField === undefined ? -1 : cls.fieldIndex(layout.cpuField),
    decoder,
    synthetic: role?.kind === Kind.PERF_COMM || role?.kind === Kind.PERF_FORK
  };
}

/** Compiles the classes of all kernel traces; returns the table indexed by class id. */
function compile(
  exp: Experiment,
  out: ModelSinks
): { table: (CompiledClass | undefined)[]; hosts: HostModel[] } {
  const byTrace = new Map<number, EventClassInfo[]>();
  for (const c of exp.eventClasses) {
    const list = byTrace.get(c.traceIndex) ?? [];
    list.push(c);
    byTrace.set(c.traceIndex, list);
  }
  const hosts = new Map<string, HostModel>();
  const table: (CompiledClass | undefined)[] = new Array(exp.eventClasses.length);
  for (const trace of exp.traces) {
    const classes = byTrace.get(trace.index) ?? [];
    const layout = detectLayout(classes.map(c => c.name));
    if (layout === undefined) continue;
    let host = hosts.get(trace.hostname);
    if (host === undefined) {
      host = new HostModel(hosts.size, trace.hostname, out, new Map());
      hosts.set(trace.hostname, host);
    }
    const decoder = prevStateDecoderFor(trace, layout.id === 'perf');
    host.decoders.set(trace.index, decoder);
    for (const c of classes) table[c.id] = compileClass(c, layout, host, decoder);
  }
  return { table, hosts: [...hosts.values()] };
}

/** Applies perf's per-event current thread (and process) to the model. */
function applyHint(m: HostModel, e: Cursor, cc: CompiledClass): void {
  let tid = e.r.int(e.row, cc.tidFields[0]);
  if (tid < 0 && cc.tidFields.length > 1) tid = e.r.int(e.row, cc.tidFields[1]);
  if (!(tid >= 0)) return;
  const th = observeCurrent(m, cpuRec(m, e.cpu, e.ts), tid, e.ts);
  // A thread's pid only changes when a non-leader thread execs; read it while unknown.
  if (th !== undefined && th.pid < 0 && cc.pidField >= 0) {
    const pid = e.r.int(e.row, cc.pidField);
    if (pid > 0 && pid !== th.pid) setPid(m, th, pid, e.ts);
  }
}

/** Closes every open interval of a host at its end. */
function finish(m: HostModel): void {
  if (m.last < 0) return;
  const end = m.end;
  for (const th of m.threads.values()) {
    commit(m, th, end);
    closeSyscall(m, th, end, NaN, false);
  }
  for (const c of m.cpus) {
    if (c === undefined) continue;
    for (let k = 0; k < c.ctxKind.length; k++) {
      const name = c.ctxKind[k] === 0 ? (m.irqNames.get(c.ctxNum[k]) ?? 0) : 0;
      m.out.irqs.push(m.index, c.cpu, c.ctxKind[k], c.ctxNum[k], name, c.ctxStart[k], end, c.ctxTid[k]);
    }
    closeCpuInterval(m, c, end);
  }
  for (const p of m.processes) if (p.end < 0) p.end = end;
}

/** Builds the kernel model of every kernel trace of `exp`. */
export function buildKernelModel(exp: Experiment): KernelModel {
  const out = newSinks();
  const { table, hosts } = compile(exp, out);
  const wanted = new Set<number>();
  table.forEach((cc, id) => cc !== undefined && wanted.add(id));
  const e = new Cursor();
  const clock = new TimeBase();
  let events = 0;
  if (wanted.size > 0) {
    // Every class wanted (perf: all carry the current thread): no filter, the readers' unfiltered path is faster.
    // Streaming: each batch is done with before the next (fields read lazily from the packet bytes).
    const opts = wanted.size === exp.eventClasses.length ? {} : { classIds: wanted };
    for (const b of exp.batches({ ...opts, streaming: true })) {
      if (b.length === 0) continue;
      clock.init(b.ts[0]);
      events += b.length;
      runBatch(b, table, e, clock);
    }
  }
  for (const h of hosts) {
    h.clock = clock;
    finish(h);
  }
  return { hosts, out, events, clock };
}

function runBatch(
  b: Cursor['b'],
  table: readonly (CompiledClass | undefined)[],
  e: Cursor,
  clock: TimeBase
): void {
  const n = b.length;
  const classId = b.classId;
  const cpus = b.cpu;
  const words = TimeBase.words(b.ts);
  e.b = b;
  for (let i = 0; i < n; i++) {
    const cc = table[classId[i]];
    if (cc === undefined) continue;
    const m = cc.host;
    const ts = clock.rel(b.ts, words, i);
    const zero = cc.synthetic && TimeBase.isZero(b.ts, words, i);
    let cpu = cpus[i];
    e.i = i;
    e.r = b.readerOf(i);
    e.row = b.rowOf(i);
    if (cpu < 0 && cc.cpuField >= 0) cpu = e.r.int(e.row, cc.cpuField);
    e.ts = ts;
    e.zero = zero;
    e.cpu = cpu;
    e.cc = cc;
    // perf's records of the system before recording (time 0) do not belong to the host's time span
    if (!zero) {
      if (m.first < 0) m.first = ts;
      m.last = ts;
    }
    if (cc.tidFields.length > 0 && cpu >= 0) applyHint(m, e, cc);
    if (cc.handler !== undefined) cc.handler(m, e);
  }
}
