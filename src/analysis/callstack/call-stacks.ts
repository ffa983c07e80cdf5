/**
 * `callStacks(exp, opts)`: the function call stacks of every thread of an experiment (or of one thread, or of a
 * time range), from the entry / exit events `roles.ts` recognises, with symbols from a `SymbolResolver`.
 *
 * Scope: reads only the classes that play a role, feeds the per-thread stack machine (`stack-builder.ts`), and
 * returns a `CallStacks` result: frames as columns, their threads, and queries (stack at an instant, frames as
 * objects). Threads are keyed by (trace, process, thread id).
 */
import { SymbolResolver } from '../symbols/resolver';
import type { ResolverOptions } from '../symbols/resolver';
import type { EventBatch, Experiment } from '../trace/types';
import type { FrameColumns } from './frames';
import type { Frame, ThreadInfo } from './frames';
import { classRoles } from './roles';
import type { ClassRole } from './roles';
import { StackBuilder } from './stack-builder';

export interface CallStackOptions {
  /** A resolver, or options to build one from the experiment (statedump, symbol files, target prefix). */
  readonly symbols?: SymbolResolver | ResolverOptions;
  /** Only this thread id. */
  readonly tid?: number;
  /** Only events in [start, end] (ns); frames open at the bounds are cut there. */
  readonly start?: bigint;
  readonly end?: bigint;
}

export class CallStacks {
  constructor(
    readonly frames: FrameColumns,
    readonly threads: readonly ThreadInfo[],
    /** Range the frames were built over. */
    readonly start: bigint,
    readonly end: bigint,
    /** Exits that matched no open frame (their entry was lost). */
    readonly anomalies: number
  ) {}

  get length(): number {
    return this.frames.length;
  }

  /** All frames as objects, ordered by thread, start, depth. */
  list(filter?: (f: Frame) => boolean): Frame[] {
    const out: Frame[] = [];
    for (const k of this.frames.sortedOrder()) {
      const f = this.frames.frame(k, this.threads);
      if (filter === undefined || filter(f)) out.push(f);
    }
    return out;
  }

  /** Threads with this thread id (one per trace / process that used it). */
  threadsOf(tid: number): ThreadInfo[] {
    return this.threads.filter(t => t.tid === tid);
  }

  /** The frames active in a thread at `ts` (start <= ts < end, or a zero-length frame at ts), outermost first. */
  stackAt(thread: ThreadInfo | number, ts: bigint): Frame[] {
    const ids = new Set(
      typeof thread === 'number' ? this.threadsOf(thread).map(t => t.index) : [thread.index]
    );
    const fr = this.frames;
    const out: Frame[] = [];
    for (let k = 0; k < fr.length; k++) {
      if (!ids.has(fr.thread[k]) || fr.start[k] > ts) continue;
      if (fr.end[k] > ts || (fr.end[k] === ts && fr.start[k] === ts)) out.push(fr.frame(k, this.threads));
    }
    return out.sort((a, b) => a.depth - b.depth);
  }
}

interface ThreadKeyed {
  index: Map<string, number>;
  list: ThreadInfo[];
}

function threadOf(
  th: ThreadKeyed,
  exp: Experiment,
  traceIndex: number,
  pid: number,
  tid: number,
  comm: string | undefined
): number {
  const key = `${traceIndex}/${pid}/${tid}`;
  let i = th.index.get(key);
  if (i === undefined) {
    i = th.list.length;
    const host = exp.traces[traceIndex]?.hostname ?? '';
    th.list.push({ index: i, traceIndex, host, pid, tid, comm: comm ?? '' });
    th.index.set(key, i);
  } else if (comm !== undefined && comm !== '') {
    th.list[i].comm = comm;
  }
  return i;
}

function intOr(b: EventBatch, i: number, f: number, dflt: number): number {
  if (f < 0) return dflt;
  const v = b.int(i, f);
  return Number.isNaN(v) ? dflt : v;
}

function opt(b: EventBatch, i: number, f: number): bigint | undefined {
  return f < 0 ? undefined : b.bigint(i, f);
}

/** Applies one event to the builder. */
function feed(sb: StackBuilder, role: ClassRole, b: EventBatch, i: number, t: number): void {
  const ts = b.ts[i];
  const addr = role.addr >= 0 ? b.bigint(i, role.addr) : undefined;
  const name = role.name >= 0 ? b.str(i, role.name) : role.fixedName;
  const depth = role.depth >= 0 ? intOr(b, i, role.depth, -1) : -1;
  switch (role.kind) {
    case 'entry': {
      const dur = opt(b, i, role.dur);
      if (dur !== undefined) sb.complete(t, ts, dur, addr, name, depth >= 0 ? depth : undefined);
      else sb.entry(t, ts, addr, name, depth >= 0 ? depth : undefined);
      return;
    }
    case 'exit': {
      const dur = opt(b, i, role.dur);
      const callTime = opt(b, i, role.callTime) ?? (dur !== undefined ? ts - dur : undefined);
      const retTime = opt(b, i, role.retTime);
      const key = role.matchAddress ? addr : undefined;
      const keyName = role.matchAddress && role.name >= 0 ? name : undefined;
      if (depth >= 0) sb.exitAt(t, ts, depth, key, keyName, callTime, retTime);
      else sb.exit(t, ts, key, keyName, callTime, retTime);
      return;
    }
    case 'complete':
      sb.complete(t, ts, opt(b, i, role.dur) ?? 0n, addr, name);
      return;
    case 'phase':
      feedPhase(sb, role, b, i, t, name);
  }
}

/** Trace-event phases: B / E / X. */
function feedPhase(
  sb: StackBuilder,
  role: ClassRole,
  b: EventBatch,
  i: number,
  t: number,
  name: string | undefined
): void {
  const ph = b.str(i, role.phase);
  if (ph === 'B') sb.entry(t, b.ts[i], undefined, name);
  else if (ph === 'E') sb.exit(t, b.ts[i], undefined, undefined);
  else if (ph === 'X') sb.complete(t, b.ts[i], opt(b, i, role.dur) ?? 0n, undefined, name);
}

function makeResolver(exp: Experiment, s: CallStackOptions['symbols']): SymbolResolver | undefined {
  if (s === undefined) return undefined;
  return s instanceof SymbolResolver ? s : new SymbolResolver(exp, s);
}

/** Builds the call stacks of `exp` (see the module header). */
export function callStacks(exp: Experiment, opts: CallStackOptions = {}): CallStacks {
  const roles = classRoles(exp);
  const classIds = new Set<number>();
  roles.forEach((r, id) => r !== undefined && classIds.add(id));
  const range = exp.timeRange() ?? { start: 0n, end: 0n };
  const start = opts.start ?? range.start;
  const end = opts.end ?? range.end;
  const threads: ThreadKeyed = { index: new Map(), list: [] };
  const resolver = makeResolver(exp, opts.symbols);
  const symbolize = (t: number, ts: bigint, addr: bigint | undefined): string | undefined => {
    if (addr === undefined) return undefined;
    const th = threads.list[t];
    return resolver ? resolver.resolve(th.traceIndex, th.pid, ts, addr) : `0x${addr.toString(16)}`;
  };
  const sb = new StackBuilder(start, end, symbolize);
  if (classIds.size > 0) {
    for (const b of exp.batches({ classIds, start: opts.start, end: opts.end, streaming: true })) {
      for (let i = 0; i < b.length; i++) {
        const role = roles[b.classId[i]];
        if (role === undefined) continue;
        const tid = intOr(b, i, role.tid, -1);
        if (opts.tid !== undefined && tid !== opts.tid) continue;
        const comm = role.comm >= 0 ? b.str(i, role.comm) : undefined;
        const traceIndex = exp.eventClasses[b.classId[i]].traceIndex;
        const t = threadOf(threads, exp, traceIndex, intOr(b, i, role.pid, -1), tid, comm);
        feed(sb, role, b, i, t);
      }
    }
  }
  nameThreads(exp, threads.list);
  const frames = sb.finish();
  // Complete events (known durations) may end after the last event: the default range covers them.
  let last = end;
  if (opts.end === undefined) {
    for (let k = 0; k < frames.length; k++) if (frames.end[k] > last) last = frames.end[k];
  }
  return new CallStacks(frames, threads.list, start, last, sb.anomalies);
}

/** Threads without a name take the one the trace's metadata gives (trace-event `thread_name` events). */
function nameThreads(exp: Experiment, list: ThreadInfo[]): void {
  for (const t of list) {
    if (t.comm !== '') continue;
    const name = exp.traces[t.traceIndex]?.env[`thread_name:${t.pid}:${t.tid}`];
    if (typeof name === 'string') t.comm = name;
  }
}
