/**
 * The host side of the VM model, in host time: which host threads are vCPUs of which VM (`vmsync_gh_host` binds
 * the current thread and its process to a guest's vm_uid; `kvm_entry(vcpu_id)` binds the thread to a vCPU), each
 * vCPU's host-side bits over time (VMM between kvm_exit and kvm_entry, PREEMPT while its thread is switched out
 * runnable) and each physical CPU's contents (host thread, or a vCPU thread in guest mode).
 *
 * Scope: one host trace's events → step functions; no guest events.
 */
import type { KvmEv, SwitchEv, TraceEvents } from './collect';
import type { Step } from './steps';

export const VCPU_IDLE = 1;
export const VCPU_RUNNING = 2;
export const VCPU_VMM = 128;
export const VCPU_PREEMPT = 256;

export interface VcpuRef {
  /** Guest trace name. */
  vm: string;
  vcpu: number;
}

export interface HostBits {
  bits: number;
  /** Physical CPU the vCPU thread is on (or was switched out from). */
  cpu: number;
  /** Last exit reason (NaN before the first exit). */
  reason: number;
}

/** What a physical CPU runs from `start` on. */
export interface CpuContent {
  tid: number;
  comm: string;
  /** The vCPU thread's VM and vCPU, when `tid` is one. */
  vcpu: VcpuRef | undefined;
  inGuest: boolean;
}

export interface HostSide {
  readonly host: string;
  /** Host tid → vCPU. */
  readonly vcpuOfTid: Map<number, VcpuRef>;
  /** `vm/vcpu` → host-side bits from the vCPU's first kvm_entry. */
  readonly bits: Map<string, Step<HostBits>[]>;
  /** `vm/vcpu` → host tid. */
  readonly threadOf: Map<string, number>;
  /** Physical CPU → contents over time. */
  readonly cpus: Map<number, Step<CpuContent>[]>;
  readonly comm: Map<number, string>;
  /** Pid namespaces of the host's threads (containers). */
  readonly nsOf: TraceEvents['nsOf'];
}

export const vcpuKey = (r: VcpuRef): string => `${r.vm}/${r.vcpu}`;

/** Binds vCPU threads: tid → vm_uid (through the thread or its process), tid → vcpu_id. */
function bindings(t: TraceEvents, guestByUid: Map<number, string>): Map<number, VcpuRef> {
  const cur = new Map<number, number>();
  const uidOfTid = new Map<number, number>();
  const vcpuIdOfTid = new Map<number, number>();
  for (const o of t.order) {
    if (o.kind === 's') cur.set(t.switches[o.i].cpu, t.switches[o.i].nextTid);
    else if (o.kind === 'v') {
      const s = t.sync[o.i];
      const tid = cur.get(s.cpu);
      if (tid !== undefined) uidOfTid.set(tid, s.vmUid);
    } else if (t.kvm[o.i].entry) {
      const tid = cur.get(t.kvm[o.i].cpu);
      if (tid !== undefined) vcpuIdOfTid.set(tid, t.kvm[o.i].value);
    }
  }
  const uidOfPid = new Map<number, number>();
  for (const [tid, uid] of uidOfTid) uidOfPid.set(t.pidOf.get(tid) ?? tid, uid);
  const uids = new Set(t.sync.map(s => s.vmUid));
  const only = uids.size === 1 ? [...uids][0] : undefined;
  const out = new Map<number, VcpuRef>();
  for (const [tid, vcpu] of vcpuIdOfTid) {
    const uid = uidOfTid.get(tid) ?? uidOfPid.get(t.pidOf.get(tid) ?? tid) ?? only;
    const vm = uid === undefined ? undefined : guestByUid.get(uid);
    if (vm !== undefined) out.set(tid, { vm, vcpu });
  }
  return out;
}

interface ThreadState {
  ref: VcpuRef;
  started: boolean;
  inGuest: boolean;
  preempted: boolean;
  cpu: number;
  reason: number;
}

class HostWalk {
  readonly cur = new Map<number, number>();
  readonly states = new Map<number, ThreadState>();
  constructor(
    readonly side: HostSide,
    readonly start: bigint
  ) {
    for (const [tid, ref] of side.vcpuOfTid) {
      side.threadOf.set(vcpuKey(ref), tid);
      this.states.set(tid, { ref, started: false, inGuest: false, preempted: false, cpu: -1, reason: NaN });
    }
  }

  private record(ts: bigint, s: ThreadState): void {
    if (!s.started) return;
    const bits = (s.inGuest ? 0 : VCPU_VMM) | (s.preempted ? VCPU_PREEMPT : 0);
    const key = vcpuKey(s.ref);
    const l = this.side.bits.get(key) ?? [];
    l.push({ ts, v: { bits, cpu: s.cpu, reason: s.reason } });
    this.side.bits.set(key, l);
  }

  private content(ts: bigint, cpu: number): void {
    const tid = this.cur.get(cpu) ?? -1;
    const s = this.states.get(tid);
    const l = this.side.cpus.get(cpu) ?? [];
    const v = { tid, comm: this.side.comm.get(tid) ?? '', vcpu: s?.ref, inGuest: s?.inGuest ?? false };
    if (l.length > 0 && l[l.length - 1].ts === ts) l[l.length - 1] = { ts, v };
    else l.push({ ts, v });
    this.side.cpus.set(cpu, l);
  }

  onSwitch(e: SwitchEv): void {
    this.side.comm.set(e.prevTid, e.prevComm);
    this.side.comm.set(e.nextTid, e.nextComm);
    if (!this.side.cpus.has(e.cpu)) {
      this.cur.set(e.cpu, e.prevTid);
      this.content(this.start < e.ts ? this.start : e.ts, e.cpu);
    }
    const p = this.states.get(e.prevTid);
    if (p) {
      p.preempted = (e.prevState & 3) === 0;
      this.record(e.ts, p);
    }
    this.cur.set(e.cpu, e.nextTid);
    const n = this.states.get(e.nextTid);
    if (n) {
      n.preempted = false;
      n.cpu = e.cpu;
      this.record(e.ts, n);
    }
    this.content(e.ts, e.cpu);
  }

  onKvm(e: KvmEv): void {
    const s = this.states.get(this.cur.get(e.cpu) ?? -1);
    if (!s) return;
    s.cpu = e.cpu;
    if (e.entry) {
      s.started = true;
      s.inGuest = true;
    } else {
      s.inGuest = false;
      s.reason = e.value;
    }
    this.record(e.ts, s);
    this.content(e.ts, e.cpu);
  }
}

/** The host side of one host trace; `guestByUid` names the guest trace of each vm_uid. */
export function hostSide(t: TraceEvents, guestByUid: Map<number, string>, start: bigint): HostSide {
  const side: HostSide = {
    host: t.name,
    vcpuOfTid: bindings(t, guestByUid),
    bits: new Map(),
    threadOf: new Map(),
    cpus: new Map(),
    comm: new Map(),
    nsOf: t.nsOf
  };
  const w = new HostWalk(side, start);
  for (const o of t.order) {
    if (o.kind === 's') w.onSwitch(t.switches[o.i]);
    else if (o.kind === 'k') w.onKvm(t.kvm[o.i]);
  }
  return side;
}
