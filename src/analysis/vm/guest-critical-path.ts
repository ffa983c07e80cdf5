/**
 * The critical path of a guest thread that counts vCPU preemption as its own state. The path comes from the
 * execution graph (`src/analysis/graph`, built unsynchronised so each guest keeps its own clock), then:
 * - every segment is mapped into the host's time with its machine's host ↔ guest transform (vmsync);
 * - on guest threads, RUNNING and UNKNOWN time during which the guest's scheduler shows the thread current on a
 *   vCPU is RUNNING (the graph has no vertex after a thread's last switch, so a thread that runs to the end of the
 *   trace would otherwise end in UNKNOWN);
 * - that RUNNING time is split where the vCPU was preempted on the host (`VCPU_PREEMPTED`, with the cause: a host
 *   thread, or another VM's vCPU and the guest thread in it) or in the hypervisor (`VMM`, with the exit reason).
 * Adjacent segments of one thread with the same state and cause are merged.
 *
 * Scope: path rows in host time; the Arrow table is `tables.ts` (`guestCriticalPathTable`).
 */
import { criticalPathOfWorker, EDGE_NAMES, executionGraph, findWorker } from '../graph';
import type { ExecGraph } from '../graph';
import { apply, invert } from '../sync/transform';
import type { Experiment } from '../trace/types';
import { exitReasonLabel } from './exit-reasons';
import type { VmModel } from './model';
import type { CauseKind, PreemptionRow } from './preemption';
import { slice } from './steps';
import { groupBy, overlappingRows } from './row-index';

export type GuestPathState = string;

export interface GuestPathSegment {
  /** Machine of the thread on the path (a guest's name, or a host's). */
  host: string;
  tid: number;
  comm: string;
  /** Host ns. */
  start: bigint;
  end: bigint;
  /** An execution-graph edge name (RUNNING, BLOCKED, ...), `VCPU_PREEMPTED` or `VMM`. */
  state: GuestPathState;
  /** vCPU of the thread (VCPU_PREEMPTED / VMM / refined RUNNING), -1 otherwise. */
  vcpu: number;
  causeKind: CauseKind | '';
  cause: string;
  causeVm: string;
  causeVcpu: number;
  causeTid: number;
  causeComm: string;
  /** kvm exit reason of VMM segments, NaN otherwise. */
  reason: number;
}

export interface GuestPathLink {
  fromHost: string;
  fromTid: number;
  fromTs: bigint;
  toHost: string;
  toTid: number;
  toTs: bigint;
  /** `LINK_NAMES` entry of the graph. */
  type: number;
}

export interface GuestCriticalPath {
  vm: string;
  tid: number;
  /** Window, host ns. */
  start: bigint;
  end: bigint;
  segments: GuestPathSegment[];
  links: GuestPathLink[];
}

export interface GuestPathQuery {
  tid: number;
  /** The guest (VM trace name); needed when several guests have the tid. */
  vm?: string;
  /** Window (default: the thread's first vertex to the end of the experiment). */
  start?: bigint;
  end?: bigint;
  /** Clock of `start`/`end`: the host's (default) or the guest's own. */
  clock?: 'host' | 'guest';
}

const graphs = new WeakMap<Experiment, ExecGraph>();

/** The unsynchronised execution graph (each machine in its own clock), cached per experiment. */
function localGraph(exp: Experiment): ExecGraph {
  let g = graphs.get(exp);
  if (!g) {
    g = executionGraph(exp, { sync: false });
    graphs.set(exp, g);
  }
  return g;
}

function pickVm(m: VmModel, eg: ExecGraph, q: GuestPathQuery): string {
  if (q.vm !== undefined) {
    if (!m.guests.has(q.vm)) throw new Error(`'${q.vm}' is not a guest of this experiment`);
    return q.vm;
  }
  const g = eg.graph;
  const vms = g.workersOfTid(q.tid).map(w => g.hosts[g.wHost.buf[w]]);
  const guests = vms.filter(h => m.guests.has(h));
  if (guests.length === 1) return guests[0];
  if (guests.length === 0) throw new Error(`thread ${q.tid} is in no guest of this experiment`);
  throw new Error(`thread ${q.tid} is in several guests (${guests.join(', ')}): give vm`);
}

const NO_CAUSE = {
  vcpu: -1,
  causeKind: '' as const,
  cause: '',
  causeVm: '',
  causeVcpu: -1,
  causeTid: -1,
  causeComm: '',
  reason: NaN
};

interface Piece<T> {
  start: bigint;
  end: bigint;
  v: T;
}

/** [a, b) covered by the (sorted, disjoint) `pieces` clipped to it, gaps filled with `fill`. */
function cover<T>(a: bigint, b: bigint, pieces: readonly Piece<T>[], fill: T): Piece<T>[] {
  const out: Piece<T>[] = [];
  let t = a;
  for (const p of pieces) {
    const s = p.start > t ? p.start : t;
    const e = p.end < b ? p.end : b;
    if (e <= s) continue;
    if (s > t) out.push({ start: t, end: s, v: fill });
    out.push({ start: s, end: e, v: p.v });
    t = e;
  }
  if (t < b) out.push({ start: t, end: b, v: fill });
  return out;
}

/** When `tid` is current on a vCPU of guest `vm` within [a, b): pieces with the vCPU id. */
function currentOn(m: VmModel, vm: string, tid: number, a: bigint, b: bigint): Piece<number>[] {
  const out: Piece<number>[] = [];
  for (const [vcpu, steps] of m.guests.get(vm)?.cpus ?? []) {
    for (const p of slice(steps, a, b)) {
      if (p.v?.tid === tid) out.push({ start: p.start, end: p.end, v: vcpu });
    }
  }
  return out.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
}

/** Preemption rows by `vm\0tid`, sorted by start. */
const rowsByThread = (rows: readonly PreemptionRow[]): Map<string, PreemptionRow[]> =>
  groupBy(rows, r => `${r.vm}\0${r.tid}`);

function fromRow(r: PreemptionRow): Omit<GuestPathSegment, 'host' | 'tid' | 'comm' | 'start' | 'end'> {
  return {
    state: r.state === 'preempted' ? 'VCPU_PREEMPTED' : 'VMM',
    vcpu: r.vcpu,
    causeKind: r.causeKind,
    cause: r.state === 'vmm' ? exitReasonLabel(r.reason) : r.cause,
    causeVm: r.causeVm,
    causeVcpu: r.causeVcpu,
    causeTid: r.causeTid,
    causeComm: r.causeComm,
    reason: r.reason
  };
}

type Base = Pick<GuestPathSegment, 'host' | 'tid' | 'comm' | 'start' | 'end' | 'state'>;

/** One mapped graph segment split by what the vCPU of its (guest) thread did. */
function refine(m: VmModel, pre: Map<string, PreemptionRow[]>, s: Base): GuestPathSegment[] {
  if (!m.guests.has(s.host) || s.tid <= 0 || (s.state !== 'RUNNING' && s.state !== 'UNKNOWN')) {
    return [{ ...s, ...NO_CAUSE }];
  }
  const out: GuestPathSegment[] = [];
  const rows = pre.get(`${s.host}\0${s.tid}`) ?? [];
  for (const c of cover<number | undefined>(
    s.start,
    s.end,
    currentOn(m, s.host, s.tid, s.start, s.end),
    undefined
  )) {
    if (c.v === undefined) {
      out.push({ ...s, start: c.start, end: c.end, ...NO_CAUSE });
      continue;
    }
    const over = overlappingRows(rows, c.start, c.end);
    for (const p of cover<PreemptionRow | undefined>(
      c.start,
      c.end,
      over.map(r => ({ ...r, v: r })),
      undefined
    )) {
      const rest = p.v ? fromRow(p.v) : { ...NO_CAUSE, state: 'RUNNING', vcpu: c.v };
      out.push({ ...s, start: p.start, end: p.end, ...rest });
    }
  }
  return out;
}

const sameRun = (a: GuestPathSegment, b: GuestPathSegment): boolean =>
  a.end === b.start &&
  a.host === b.host &&
  a.tid === b.tid &&
  a.state === b.state &&
  a.cause === b.cause &&
  a.causeTid === b.causeTid &&
  a.vcpu === b.vcpu;

function merge(segs: GuestPathSegment[]): GuestPathSegment[] {
  const out: GuestPathSegment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (last && sameRun(last, s)) last.end = s.end;
    else if (s.end > s.start) out.push({ ...s });
  }
  return out;
}

/**
 * The guest critical path of `q.tid` (see the module header); times in the host's clock. `m` and `preemption` are
 * the experiment's VM model and guest preemption rows (`vmAnalysis`).
 */
export function guestCriticalPathOf(
  exp: Experiment,
  q: GuestPathQuery,
  m: VmModel,
  preemption: readonly PreemptionRow[]
): GuestCriticalPath {
  const eg = localGraph(exp);
  const g = eg.graph;
  const vm = pickVm(m, eg, q);
  const w = findWorker(g, q.tid, vm);
  const toHostOf = (host: string): ((t: bigint) => bigint) => {
    const s = m.syncs.find(x => x.guest === host);
    return s ? t => apply(s.transform, t) : t => t;
  };
  const toHost = toHostOf(vm);
  const sync = m.syncs.find(x => x.guest === vm);
  const fromHost = (t: bigint): bigint => (sync ? apply(invert(sync.transform), t) : t);
  const local = (t: bigint | undefined): bigint | undefined =>
    t === undefined ? undefined : q.clock === 'guest' ? t : fromHost(t);
  const gStart = local(q.start) ?? g.ts.buf[g.head.buf[w]];
  let gEnd = local(q.end) ?? fromHost(m.end);
  if (gEnd < g.ts.buf[g.tail.buf[w]] && q.end === undefined) gEnd = g.ts.buf[g.tail.buf[w]];
  if (gEnd < gStart) gEnd = gStart;
  const p = criticalPathOfWorker(g, w, gStart, gEnd);
  const start = q.start !== undefined && q.clock !== 'guest' ? q.start : toHost(gStart);
  const end = q.end !== undefined && q.clock !== 'guest' ? q.end : toHost(gEnd);
  const hostOf = (k: number): string => g.hosts[g.wHost.buf[k]] ?? '';
  const clip = (t: bigint): bigint => (t < start ? start : t > end ? end : t);
  const pre = rowsByThread(preemption);
  const segs: GuestPathSegment[] = [];
  for (let k = 0; k < p.segW.length; k++) {
    const sw = p.segW[k];
    const host = hostOf(sw);
    const map = toHostOf(host);
    const base: Base = {
      host,
      tid: g.wTid.buf[sw],
      comm: g.wName[sw] ?? '',
      start: k === 0 ? start : clip(map(p.segStart[k])),
      end: k === p.segW.length - 1 ? end : clip(map(p.segEnd[k])),
      state: EDGE_NAMES[p.segType[k]] ?? 'UNKNOWN'
    };
    segs.push(...refine(m, pre, base));
  }
  const links: GuestPathLink[] = [];
  for (let k = 0; k < p.linkType.length; k++) {
    const fh = hostOf(p.linkFromW[k]);
    const th = hostOf(p.linkToW[k]);
    links.push({
      fromHost: fh,
      fromTid: g.wTid.buf[p.linkFromW[k]],
      fromTs: clip(toHostOf(fh)(p.linkFromTs[k])),
      toHost: th,
      toTid: g.wTid.buf[p.linkToW[k]],
      toTs: clip(toHostOf(th)(p.linkToTs[k])),
      type: p.linkType[k]
    });
  }
  return { vm, tid: q.tid, start, end, segments: merge(segs), links };
}
