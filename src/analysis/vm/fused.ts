/**
 * The fused physical-CPU view: for each host CPU, what really ran — a host thread (or idle), a vCPU thread in the
 * hypervisor (VMM), or, while a vCPU thread is in guest mode, the guest thread its guest CPU runs (guest time
 * mapped to host time).
 *
 * Scope: rows only, sorted by host, CPU and time.
 */
import type { VmModel } from './model';
import { containerOf, slice } from './steps';

export type FusedState = 'host' | 'idle' | 'vmm' | 'guest' | 'guest-idle';

export interface FusedRow {
  host: string;
  cpu: number;
  start: bigint;
  end: bigint;
  /** Guest (VM) name, '' when a host thread runs. */
  vm: string;
  vcpu: number;
  /** Guest tid in guest mode, host tid otherwise. */
  tid: number;
  comm: string;
  /** The host thread on the CPU (the vCPU thread in guest mode). */
  hostTid: number;
  state: FusedState;
  /** Container of `tid` in its machine (pid namespace inode, 0 if none) and the tid inside it. */
  container: number;
  vtid: number;
}

function hostState(tid: number, isVcpu: boolean): FusedState {
  if (isVcpu) return 'vmm';
  return tid === 0 ? 'idle' : 'host';
}

/** A row with a fixed shape (no spreads: this runs once per scheduling change and kvm entry/exit). */
function fusedRow(
  host: string,
  cpu: number,
  hostTid: number,
  p: { start: bigint; end: bigint },
  who: { vm: string; vcpu: number; tid: number; comm: string; state: FusedState },
  ns: ReturnType<typeof containerOf>
): FusedRow {
  return {
    host,
    cpu,
    start: p.start,
    end: p.end,
    vm: who.vm,
    vcpu: who.vcpu,
    tid: who.tid,
    comm: who.comm,
    hostTid,
    state: who.state,
    container: ns.container,
    vtid: ns.vtid
  };
}

const NO_NS: ReadonlyMap<number, { inum: number; level: number; vtid: number }> = new Map();

export function fusedCpus(m: VmModel): FusedRow[] {
  const rows: FusedRow[] = [];
  for (const h of m.hosts) {
    const cpus = [...h.cpus.keys()].sort((a, b) => a - b);
    for (const cpu of cpus) {
      for (const p of slice(h.cpus.get(cpu) ?? [], m.start, m.end)) {
        const c = p.v;
        if (!c) continue;
        if (!(c.inGuest && c.vcpu)) {
          const who = {
            vm: c.vcpu?.vm ?? '',
            vcpu: c.vcpu?.vcpu ?? -1,
            tid: c.tid,
            comm: c.comm,
            state: hostState(c.tid, c.vcpu !== undefined)
          };
          rows.push(fusedRow(h.host, cpu, c.tid, p, who, containerOf(h.nsOf, c.tid)));
          continue;
        }
        const ref = c.vcpu;
        const guest = m.guests.get(ref.vm);
        const steps = guest?.cpus.get(ref.vcpu) ?? [];
        for (const g of slice(steps, p.start, p.end)) {
          const tid = g.v?.tid ?? -1;
          const who = {
            vm: ref.vm,
            vcpu: ref.vcpu,
            tid,
            comm: g.v?.comm ?? '',
            state: (tid === 0 ? 'guest-idle' : 'guest') as FusedState
          };
          rows.push(fusedRow(h.host, cpu, c.tid, g, who, containerOf(guest?.nsOf ?? NO_NS, tid)));
        }
      }
    }
  }
  return rows;
}
