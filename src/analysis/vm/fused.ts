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

export function fusedCpus(m: VmModel): FusedRow[] {
  const rows: FusedRow[] = [];
  for (const h of m.hosts) {
    const cpus = [...h.cpus.keys()].sort((a, b) => a - b);
    for (const cpu of cpus) {
      for (const p of slice(h.cpus.get(cpu) ?? [], m.start, m.end)) {
        const c = p.v;
        if (!c) continue;
        const base = { host: h.host, cpu, hostTid: c.tid };
        if (!(c.inGuest && c.vcpu)) {
          const st = hostState(c.tid, c.vcpu !== undefined);
          const vm = c.vcpu?.vm ?? '';
          rows.push({
            ...base,
            start: p.start,
            end: p.end,
            vm,
            vcpu: c.vcpu?.vcpu ?? -1,
            tid: c.tid,
            comm: c.comm,
            state: st,
            ...containerOf(h.nsOf, c.tid)
          });
          continue;
        }
        const ref = c.vcpu;
        const guest = m.guests.get(ref.vm);
        const steps = guest?.cpus.get(ref.vcpu) ?? [];
        for (const g of slice(steps, p.start, p.end)) {
          const tid = g.v?.tid ?? -1;
          rows.push({
            ...base,
            start: g.start,
            end: g.end,
            vm: ref.vm,
            vcpu: ref.vcpu,
            tid,
            comm: g.v?.comm ?? '',
            state: tid === 0 ? 'guest-idle' : 'guest',
            ...containerOf(guest?.nsOf ?? new Map(), tid)
          });
        }
      }
    }
  }
  return rows;
}
