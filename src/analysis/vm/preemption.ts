/**
 * Guest threads that only look running: wherever a guest thread is current on a vCPU whose host thread is
 * switched out (PREEMPT) or in the hypervisor (VMM), a row with the guest thread, the interval and its cause —
 * for PREEMPT, what the fused view shows on the physical CPU the vCPU thread left (a host thread, or another VM's
 * vCPU and the guest thread inside it); for VMM, the exit reason. Also the per-thread overhead breakdown.
 *
 * Scope: rows only.
 */
import { VCPU_PREEMPT, VCPU_VMM } from './host-side';
import type { HostSide } from './host-side';
import type { FusedRow } from './fused';
import type { VmModel } from './model';
import { containerOf, slice } from './steps';
import { fusedByCpu, overlappingRows } from './row-index';

export type CauseKind = 'host-thread' | 'vm-thread' | 'vmm' | 'idle' | 'unknown';

export interface PreemptionRow {
  host: string;
  vm: string;
  vcpu: number;
  /** Guest thread that looks running. */
  tid: number;
  comm: string;
  start: bigint;
  end: bigint;
  state: 'preempted' | 'vmm';
  /** Physical CPU. */
  cpu: number;
  causeKind: CauseKind;
  /** Readable cause, e.g. `vm guest2 vcpu 0 tid 2001 (burner)` or `exit_reason 12`. */
  cause: string;
  causeVm: string;
  causeVcpu: number;
  /** Guest tid for a VM thread, host tid otherwise. */
  causeTid: number;
  causeComm: string;
  /** kvm exit reason (VMM rows; NaN otherwise). */
  reason: number;
  /** Container of the guest thread (pid namespace inode, 0 if none) and its tid there. */
  container: number;
  vtid: number;
  /** Container of the cause thread in its machine (0 if none). */
  causeContainer: number;
}

type CauseField =
  'causeKind' | 'cause' | 'causeVm' | 'causeVcpu' | 'causeTid' | 'causeComm' | 'causeContainer';

export function causeOf(f: FusedRow): Pick<PreemptionRow, CauseField> {
  const base = {
    causeVm: f.vm,
    causeVcpu: f.vcpu,
    causeTid: f.tid,
    causeComm: f.comm,
    causeContainer: f.container
  };
  if (f.state === 'guest' || f.state === 'guest-idle') {
    return { ...base, causeKind: 'vm-thread', cause: `vm ${f.vm} vcpu ${f.vcpu} tid ${f.tid} (${f.comm})` };
  }
  if (f.state === 'vmm') {
    return {
      ...base,
      causeKind: 'vmm',
      cause: `vm ${f.vm} vcpu ${f.vcpu} in hypervisor (host tid ${f.hostTid})`
    };
  }
  if (f.state === 'idle') return { ...base, causeKind: 'idle', cause: `host ${f.host} idle` };
  return { ...base, causeKind: 'host-thread', cause: `host ${f.host} tid ${f.tid} (${f.comm})` };
}

/** Fused rows of (host, cpu) overlapping [a, b), clipped. */
function fusedOver(
  idx: Map<string, FusedRow[]>,
  host: string,
  cpu: number,
  a: bigint,
  b: bigint
): FusedRow[] {
  const out: FusedRow[] = [];
  for (const f of overlappingRows(idx.get(`${host}\0${cpu}`) ?? [], a, b)) {
    if (f.start >= a && f.end <= b) out.push(f);
    else out.push({ ...f, start: f.start > a ? f.start : a, end: f.end < b ? f.end : b });
  }
  return out;
}

type Who = Pick<PreemptionRow, 'host' | 'vm' | 'vcpu' | 'tid' | 'comm' | 'cpu' | 'container' | 'vtid'>;

/** A row with a fixed shape (no spreads: one per preempted or VMM piece). */
function preemptionRow(
  w: Who,
  start: bigint,
  end: bigint,
  state: PreemptionRow['state'],
  c: Pick<PreemptionRow, CauseField>,
  reason: number
): PreemptionRow {
  return {
    host: w.host,
    vm: w.vm,
    vcpu: w.vcpu,
    tid: w.tid,
    comm: w.comm,
    start,
    end,
    state,
    cpu: w.cpu,
    causeKind: c.causeKind,
    cause: c.cause,
    causeVm: c.causeVm,
    causeVcpu: c.causeVcpu,
    causeTid: c.causeTid,
    causeComm: c.causeComm,
    reason,
    container: w.container,
    vtid: w.vtid,
    causeContainer: c.causeContainer
  };
}

const NO_NS: ReadonlyMap<number, { inum: number; level: number; vtid: number }> = new Map();

function vcpuRows(
  m: VmModel,
  h: HostSide,
  key: string,
  idx: Map<string, FusedRow[]>,
  rows: PreemptionRow[]
): void {
  const bits = h.bits.get(key) ?? [];
  const ref = h.vcpuOfTid.get(h.threadOf.get(key) ?? -1);
  if (!ref || bits.length === 0) return;
  const gs = m.guests.get(ref.vm);
  const guest = gs?.cpus.get(ref.vcpu) ?? [];
  const hostTid = h.threadOf.get(key) ?? -1;
  const vmmCause = {
    causeKind: 'vmm' as const,
    cause: '',
    causeVm: ref.vm,
    causeVcpu: ref.vcpu,
    causeTid: hostTid,
    causeComm: h.comm.get(hostTid) ?? '',
    causeContainer: 0
  };
  for (const p of slice(bits, bits[0].ts, m.end)) {
    const hb = p.v;
    if (!hb || (hb.bits & (VCPU_VMM | VCPU_PREEMPT)) === 0) continue;
    for (const g of slice(guest, p.start, p.end)) {
      if (!g.v || g.v.tid === 0) continue;
      const ct = containerOf(gs?.nsOf ?? NO_NS, g.v.tid);
      const w: Who = {
        host: h.host,
        vm: ref.vm,
        vcpu: ref.vcpu,
        tid: g.v.tid,
        comm: g.v.comm,
        cpu: hb.cpu,
        container: ct.container,
        vtid: ct.vtid
      };
      if (hb.bits & VCPU_PREEMPT) {
        for (const f of fusedOver(idx, h.host, hb.cpu, g.start, g.end)) {
          rows.push(preemptionRow(w, f.start, f.end, 'preempted', causeOf(f), NaN));
        }
        continue;
      }
      vmmCause.cause = `exit_reason ${hb.reason}`;
      rows.push(preemptionRow(w, g.start, g.end, 'vmm', vmmCause, hb.reason));
    }
  }
}

export function guestPreemption(m: VmModel, fused: readonly FusedRow[]): PreemptionRow[] {
  const idx = fusedByCpu(fused);
  const rows: PreemptionRow[] = [];
  for (const h of m.hosts) for (const key of h.bits.keys()) vcpuRows(m, h, key, idx, rows);
  return rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
