/**
 * vCPU state intervals: the host-side bits (VMM, PREEMPT) merged with the guest side (RUNNING when the guest CPU
 * runs a thread, IDLE when it runs tid 0), from each vCPU's first kvm_entry to the end of the experiment. Adjacent
 * intervals with the same state are merged.
 *
 * Scope: rows only.
 */
import { VCPU_IDLE, VCPU_PREEMPT, VCPU_RUNNING, VCPU_VMM } from './host-side';
import type { VmModel } from './model';
import { valueAt } from './steps';

export interface VcpuStateRow {
  host: string;
  vm: string;
  vcpu: number;
  /** Host thread of the vCPU. */
  hostTid: number;
  start: bigint;
  end: bigint;
  /** Bit set: IDLE 1, RUNNING 2, VMM 128, PREEMPT 256 (0: guest state not known yet, in guest mode). */
  state: number;
  /** Physical CPU of the vCPU thread. */
  cpu: number;
}

/** Readable name of a vCPU bit set, e.g. `running|vmm|preempt`. */
export function vcpuStateName(state: number): string {
  const parts: string[] = [];
  if (state & VCPU_IDLE) parts.push('idle');
  if (state & VCPU_RUNNING) parts.push('running');
  if (state & VCPU_VMM) parts.push('vmm');
  if (state & VCPU_PREEMPT) parts.push('preempt');
  return parts.length === 0 ? 'unknown' : parts.join('|');
}

export function vcpuStates(m: VmModel): VcpuStateRow[] {
  const rows: VcpuStateRow[] = [];
  for (const h of m.hosts) {
    for (const [key, bits] of h.bits) {
      const ref = [...h.vcpuOfTid.values()].find(r => `${r.vm}/${r.vcpu}` === key);
      if (!ref || bits.length === 0) continue;
      const guest = m.guests.get(ref.vm)?.cpus.get(ref.vcpu) ?? [];
      const first = bits[0].ts;
      const cuts = [...new Set([...bits.map(b => b.ts), ...guest.map(g => g.ts), m.end])]
        .filter(t => t >= first && t <= m.end)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (let k = 0; k + 1 < cuts.length; k++) {
        const hb = valueAt(bits, cuts[k]);
        const g = valueAt(guest, cuts[k]);
        const gbit = g === undefined ? 0 : g.tid === 0 ? VCPU_IDLE : VCPU_RUNNING;
        const state = (hb?.bits ?? 0) | gbit;
        const cpu = hb?.cpu ?? -1;
        const last = rows[rows.length - 1];
        if (
          last &&
          last.vm === ref.vm &&
          last.vcpu === ref.vcpu &&
          last.state === state &&
          last.end === cuts[k]
        ) {
          last.end = cuts[k + 1];
          continue;
        }
        rows.push({
          host: h.host,
          vm: ref.vm,
          vcpu: ref.vcpu,
          hostTid: h.threadOf.get(key) ?? -1,
          start: cuts[k],
          end: cuts[k + 1],
          state,
          cpu
        });
      }
    }
  }
  return rows;
}
