/**
 * Preemption across host and virtual machines: the public API of `src/analysis/vm/`.
 *
 * `vmAnalysis(exp, opts)` gives the row lists (vCPU states, guest preemption with causes, fused physical CPUs,
 * per-thread overhead, host ↔ guest sync); `vmTables(exp, {table})` gives one of them as an Arrow table.
 */
import type { Table } from 'apache-arrow';
import type { Experiment } from '../trace/types';
import { keep } from './filter';
import type { VmFilter } from './filter';
import { fusedCpus } from './fused';
import type { FusedRow } from './fused';
import { vmModel } from './model';
import type { VmModel, VmOptions } from './model';
import { threadOverhead } from './overhead';
import type { OverheadRow } from './overhead';
import { guestPreemption } from './preemption';
import type { PreemptionRow } from './preemption';
import { fusedTable, overheadTable, preemptionTable, vcpuStatesTable, vmSyncTable } from './tables';
import { vcpuStates } from './vcpu-states';
import type { VcpuStateRow } from './vcpu-states';

export { VCPU_IDLE, VCPU_RUNNING, VCPU_VMM, VCPU_PREEMPT } from './host-side';
export { vcpuStateName } from './vcpu-states';
export { traceRole } from './collect';
export type { Role } from './collect';
export type { VcpuStateRow, PreemptionRow, FusedRow, OverheadRow, VmModel, VmOptions };
export type { GuestSync } from './vm-sync';
export type { VmFilter };
export { vmModel };

export const VM_TABLES = [
  'vcpu-states',
  'guest-preemption',
  'fused-cpus',
  'thread-overhead',
  'vm-sync'
] as const;
export type VmTable = (typeof VM_TABLES)[number];

export interface VmAnalysis {
  readonly model: VmModel;
  readonly vcpuStates: VcpuStateRow[];
  readonly preemption: PreemptionRow[];
  readonly fused: FusedRow[];
  readonly overhead: OverheadRow[];
}

export function vmAnalysis(exp: Experiment, opts: VmOptions = {}): VmAnalysis {
  const model = vmModel(exp, opts);
  const fused = fusedCpus(model);
  return {
    model,
    vcpuStates: vcpuStates(model),
    preemption: guestPreemption(model, fused),
    fused,
    overhead: threadOverhead(model)
  };
}

export type VmTableOptions = VmOptions & VmFilter & { table: VmTable };

/** One VM table; rows overlapping [start, end], of thread `tid` (guest or host tid), of host or VM `host`. */
export function vmTables(exp: Experiment, opts: VmTableOptions): Table {
  const a = vmAnalysis(exp, { sync: opts.sync });
  switch (opts.table) {
    case 'vcpu-states':
      return vcpuStatesTable(keep(a.vcpuStates, opts, r => [r.hostTid]));
    case 'guest-preemption':
      return preemptionTable(keep(a.preemption, opts, r => [r.tid]));
    case 'fused-cpus':
      return fusedTable(keep(a.fused, opts, r => [r.tid, r.hostTid]));
    case 'thread-overhead':
      return overheadTable(
        a.overhead.filter(r => (opts.tid === undefined || r.tid === opts.tid) && (opts.host ?? r.vm) === r.vm)
      );
    case 'vm-sync':
      return vmSyncTable(
        a.model.syncs.filter(r => (opts.host ?? r.guest) === r.guest || opts.host === r.host)
      );
  }
}
