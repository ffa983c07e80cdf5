/**
 * One read of an experiment for the VM analysis: finds each trace's role (host: kvm entry/exit events; guest:
 * vmsync guest events) and keeps, per trace, the few events the analysis needs in local time: scheduler switches,
 * kvm entries/exits, vmsync hypercalls and the thread → process and pid-namespace (container) facts (statedump, fork).
 *
 * Scope: reading and classifying only; no time mapping, no state.
 */
import type { EventBatch, EventClassInfo, Experiment, FieldValue } from '../trace/types';

export type Role = 'host' | 'guest' | 'other';

export interface SwitchEv {
  ts: bigint;
  cpu: number;
  prevTid: number;
  prevState: number;
  prevComm: string;
  nextTid: number;
  nextComm: string;
}

export interface KvmEv {
  ts: bigint;
  cpu: number;
  entry: boolean;
  /** vcpu_id on entry, exit_reason on exit. */
  value: number;
}

export interface SyncEv {
  ts: bigint;
  cpu: number;
  /** 'gh' = guest to host hypercall, 'hg' = host to guest return. */
  dir: 'gh' | 'hg';
  cnt: number;
  vmUid: number;
}

export interface TraceEvents {
  readonly traceIndex: number;
  readonly name: string;
  role: Role;
  readonly switches: SwitchEv[];
  readonly kvm: KvmEv[];
  readonly sync: SyncEv[];
  /** Host kvm/vmsync events in one time order with the switches: index into switches/kvm/sync by kind. */
  readonly order: { kind: 's' | 'k' | 'v'; i: number }[];
  readonly pidOf: Map<number, number>;
  /** Pid namespace of threads (statedump `ns_level/ns_inum/vtid`, fork `child_ns_inum/vtids`). */
  readonly nsOf: Map<number, NsInfo>;
  /** vm_uid of a guest (from its vmsync events), NaN if none. */
  vmUid: number;
}

const KVM_ENTRY = new Set(['kvm_entry', 'kvm_x86_entry']);
const KVM_EXIT = new Set(['kvm_exit', 'kvm_x86_exit']);
const VMSYNC: Record<string, { dir: 'gh' | 'hg'; guest: boolean }> = {
  vmsync_gh_guest: { dir: 'gh', guest: true },
  vmsync_hg_guest: { dir: 'hg', guest: true },
  vmsync_gh_host: { dir: 'gh', guest: false },
  vmsync_hg_host: { dir: 'hg', guest: false }
};

type Handler = (b: EventBatch, i: number, t: TraceEvents) => void;

function fieldOf(c: EventClassInfo, ...names: string[]): number {
  for (const n of names) {
    const k = c.fieldIndex(n);
    if (k >= 0) return k;
  }
  return -1;
}

function int(b: EventBatch, i: number, f: number): number {
  return f < 0 ? NaN : b.int(i, f);
}

function switchHandler(c: EventClassInfo): Handler {
  const f = {
    pt: fieldOf(c, 'prev_tid'),
    ps: fieldOf(c, 'prev_state'),
    pc: fieldOf(c, 'prev_comm'),
    nt: fieldOf(c, 'next_tid'),
    nc: fieldOf(c, 'next_comm')
  };
  return (b, i, t) => {
    t.order.push({ kind: 's', i: t.switches.length });
    t.switches.push({
      ts: b.ts[i],
      cpu: b.cpu[i],
      prevTid: int(b, i, f.pt),
      prevState: int(b, i, f.ps),
      prevComm: (f.pc >= 0 ? b.str(i, f.pc) : undefined) ?? '',
      nextTid: int(b, i, f.nt),
      nextComm: (f.nc >= 0 ? b.str(i, f.nc) : undefined) ?? ''
    });
  };
}

function kvmHandler(c: EventClassInfo, entry: boolean): Handler {
  const fv = entry ? fieldOf(c, 'vcpu_id') : fieldOf(c, 'exit_reason');
  return (b, i, t) => {
    t.order.push({ kind: 'k', i: t.kvm.length });
    t.kvm.push({ ts: b.ts[i], cpu: b.cpu[i], entry, value: int(b, i, fv) });
  };
}

function syncHandler(c: EventClassInfo, dir: 'gh' | 'hg'): Handler {
  const fc = fieldOf(c, 'cnt');
  const fu = fieldOf(c, 'vm_uid');
  return (b, i, t) => {
    t.order.push({ kind: 'v', i: t.sync.length });
    t.sync.push({ ts: b.ts[i], cpu: b.cpu[i], dir, cnt: int(b, i, fc), vmUid: int(b, i, fu) });
  };
}

/** A thread's innermost pid namespace: its inode number, level (0 = the root namespace) and tid inside it. */
export interface NsInfo {
  inum: number;
  level: number;
  vtid: number;
}

function lastInt(v: FieldValue | undefined): number {
  if (Array.isArray(v)) return lastInt(v[v.length - 1]);
  return typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN;
}

function setNs(t: TraceEvents, tid: number, ns: NsInfo): void {
  const old = t.nsOf.get(tid);
  if (!old || ns.level >= old.level) t.nsOf.set(tid, ns);
}

function statedumpHandler(c: EventClassInfo): Handler {
  const f = ['tid', 'pid', 'vtid', 'ns_level', 'ns_inum'].map(n => fieldOf(c, n));
  return (b, i, t) => {
    const tid = int(b, i, f[0]);
    t.pidOf.set(tid, int(b, i, f[1]));
    const level = int(b, i, f[3]);
    if (Number.isFinite(level)) setNs(t, tid, { inum: int(b, i, f[4]), level, vtid: int(b, i, f[2]) });
  };
}

function forkHandler(c: EventClassInfo): Handler {
  const f = ['child_tid', 'child_pid', 'parent_tid', 'child_ns_inum', 'vtids'].map(n => fieldOf(c, n));
  return (b, i, t) => {
    const tid = int(b, i, f[0]);
    t.pidOf.set(tid, int(b, i, f[1]));
    const inum = int(b, i, f[3]);
    if (!Number.isFinite(inum)) return;
    const parent = t.nsOf.get(int(b, i, f[2]));
    const level = parent && parent.inum === inum ? parent.level : (parent?.level ?? 0) + 1;
    setNs(t, tid, { inum, level, vtid: f[4] >= 0 ? lastInt(b.value(i, f[4])) : NaN });
  };
}

function pidHandler(c: EventClassInfo): Handler | undefined {
  if (c.name === 'lttng_statedump_process_state') return statedumpHandler(c);
  if (c.name === 'sched_process_fork') return forkHandler(c);
  return undefined;
}

function handlerFor(c: EventClassInfo): Handler | undefined {
  if (c.name === 'sched_switch') return switchHandler(c);
  if (KVM_ENTRY.has(c.name)) return kvmHandler(c, true);
  if (KVM_EXIT.has(c.name)) return kvmHandler(c, false);
  const v = VMSYNC[c.name];
  if (v) return syncHandler(c, v.dir);
  return pidHandler(c);
}

/** Role of a trace from its event class names. */
export function traceRole(names: ReadonlySet<string>): Role {
  if ([...KVM_ENTRY, ...KVM_EXIT].some(n => names.has(n))) return 'host';
  if (names.has('vmsync_gh_guest') || names.has('vmsync_hg_guest')) return 'guest';
  return 'other';
}

/** Reads the VM-relevant events of every trace of `exp`. */
export function collectVmEvents(exp: Experiment): TraceEvents[] {
  const out: TraceEvents[] = exp.traces.map(t => ({
    traceIndex: t.index,
    name: t.hostname,
    role: 'other',
    switches: [],
    kvm: [],
    sync: [],
    order: [],
    pidOf: new Map(),
    nsOf: new Map(),
    vmUid: NaN
  }));
  const names = out.map(() => new Set<string>());
  const handlers = new Map<number, Handler>();
  for (const c of exp.eventClasses) {
    names[c.traceIndex]?.add(c.name);
    const h = handlerFor(c);
    if (h) handlers.set(c.id, h);
  }
  out.forEach((t, k) => (t.role = traceRole(names[k])));
  if (handlers.size === 0) return out;
  const traceOf = new Map(exp.eventClasses.map(c => [c.id, c.traceIndex] as const));
  for (const b of exp.batches({ classIds: new Set(handlers.keys()), streaming: true })) {
    for (let i = 0; i < b.length; i++) {
      const id = b.classId[i];
      const t = out[traceOf.get(id) as number];
      (handlers.get(id) as Handler)(b, i, t);
    }
  }
  for (const t of out) {
    if (t.role === 'guest') t.vmUid = t.sync.find(s => Number.isFinite(s.vmUid))?.vmUid ?? NaN;
  }
  return out;
}
