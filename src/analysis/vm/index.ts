/**
 * Preemption across host and virtual machines: the public API of `src/analysis/vm/`.
 *
 * `vmAnalysis(exp, opts)` gives the row lists (vCPU states, guest preemption with causes, fused physical CPUs,
 * per-thread overhead, host ↔ guest sync); `vmTables(exp, {table})` gives one of them as an Arrow table;
 * `guestCriticalPath(exp, {tid, vm})` is a guest thread's critical path with vCPU preemption as its own state.
 */
import type { Table } from 'apache-arrow';
import type { Experiment } from '../trace/types';
import { keep } from './filter';
import type { VmFilter } from './filter';
import { fusedCpus } from './fused';
import type { FusedRow } from './fused';
import { guestCriticalPathOf } from './guest-critical-path';
import type { GuestCriticalPath, GuestPathQuery } from './guest-critical-path';
import { vmModel } from './model';
import type { VmModel, VmOptions } from './model';
import { threadOverhead } from './overhead';
import type { OverheadRow } from './overhead';
import { guestPreemption } from './preemption';
import type { PreemptionRow } from './preemption';
import {
  fusedTable,
  guestCriticalPathTable,
  overheadTable,
  preemptionTable,
  vcpuStatesTable,
  vmSyncTable
} from './tables';
import { vcpuStates } from './vcpu-states';
import type { VcpuStateRow } from './vcpu-states';

export { VCPU_IDLE, VCPU_RUNNING, VCPU_VMM, VCPU_PREEMPT } from './host-side';
export { vcpuStateName } from './vcpu-states';
export { traceRole } from './collect';
export type { Role } from './collect';
export type { VcpuStateRow, PreemptionRow, FusedRow, OverheadRow, VmModel, VmOptions };
export type { CauseKind } from './preemption';
export { causeOf } from './preemption';
export { fusedByCpu, groupBy, overlappingRows } from './row-index';
export { valueAt, slice } from './steps';
export type { HostBits, HostSide, VcpuRef } from './host-side';
export { vcpuKey } from './host-side';
export type { GuestSync } from './vm-sync';
export type { VmFilter };
export { vmModel };
export type {
  GuestCriticalPath,
  GuestPathLink,
  GuestPathQuery,
  GuestPathSegment
} from './guest-critical-path';
export { exitReasonLabel, exitReasonName } from './exit-reasons';
export { guestCriticalPathTable };

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

const analyses = new WeakMap<VmModel, VmAnalysis>();

/** The VM analysis of `exp` (cached with its model). */
export function vmAnalysis(exp: Experiment, opts: VmOptions = {}): VmAnalysis {
  const model = vmModel(exp, opts);
  const hit = analyses.get(model);
  if (hit) return hit;
  const fused = fusedCpus(model);
  const a: VmAnalysis = {
    model,
    vcpuStates: vcpuStates(model),
    preemption: guestPreemption(model, fused),
    fused,
    overhead: threadOverhead(model)
  };
  analyses.set(model, a);
  return a;
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

/** The critical path of guest thread `q.tid` with vCPU preemption (VCPU_PREEMPTED) and VMM as their own states. */
export function guestCriticalPath(
  exp: Experiment,
  q: GuestPathQuery,
  opts: VmOptions = {}
): GuestCriticalPath {
  const a = vmAnalysis(exp, opts);
  return guestCriticalPathOf(exp, q, a.model, a.preemption);
}
