/**
 * Per guest thread overhead breakdown: of the time a guest thread is current on a vCPU (from the vCPU's first
 * kvm_entry), how much it really ran (vCPU in guest mode), how much the vCPU spent in the hypervisor (per exit
 * reason) and how much the vCPU thread was preempted on the host.
 *
 * Scope: rows only.
 */
import { VCPU_PREEMPT, VCPU_VMM } from './host-side';
import type { GuestThread } from './guest-side';
import type { VmModel } from './model';
import { slice } from './steps';

export interface OverheadRow {
  vm: string;
  tid: number;
  comm: string;
  state: 'running' | 'vmm' | 'preempted';
  /** Exit reason for 'vmm' rows, NaN otherwise. */
  reason: number;
  ns: bigint;
}

export function threadOverhead(m: VmModel): OverheadRow[] {
  const acc = new Map<string, OverheadRow>();
  const add = (vm: string, g: GuestThread, state: OverheadRow['state'], reason: number, ns: bigint): void => {
    const k = `${vm}\0${g.tid}\0${state}\0${reason}`;
    const row = acc.get(k);
    if (row) row.ns += ns;
    else acc.set(k, { vm, tid: g.tid, comm: g.comm, state, reason, ns });
  };
  for (const h of m.hosts) {
    for (const [key, bits] of h.bits) {
      const ref = h.vcpuOfTid.get(h.threadOf.get(key) ?? -1);
      if (!ref || bits.length === 0) continue;
      const guest = m.guests.get(ref.vm)?.cpus.get(ref.vcpu) ?? [];
      for (const p of slice(bits, bits[0].ts, m.end)) {
        const b = p.v?.bits ?? 0;
        for (const g of slice(guest, p.start, p.end)) {
          if (!g.v || g.v.tid === 0) continue;
          const ns = g.end - g.start;
          if (b & VCPU_PREEMPT) add(ref.vm, g.v, 'preempted', NaN, ns);
          else if (b & VCPU_VMM) add(ref.vm, g.v, 'vmm', p.v?.reason ?? NaN, ns);
          else add(ref.vm, g.v, 'running', NaN, ns);
        }
      }
    }
  }
  return [...acc.values()].sort(
    (a, b) => a.vm.localeCompare(b.vm) || a.tid - b.tid || a.state.localeCompare(b.state)
  );
}
