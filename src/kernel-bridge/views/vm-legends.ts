/**
 * Legends of the VM views: vCPU states (virtual resources), guest thread states with the vCPU overlay (the thread
 * states of the control flow, then VCPU_PREEMPTED and VCPU_VMM), what a physical CPU really ran (fused view), and
 * the guest critical path (the graph's edge types, then VCPU_PREEMPTED and VMM).
 */
import type { ILegendEntry } from '../../protocol';
import { EDGE_LEGEND, THREAD_LEGEND } from './legends';

/** vCPU states; an interval shows the strongest bit: PREEMPT, then VMM, then RUNNING, then IDLE. */
export const VCPU_LEGEND: readonly ILegendEntry[] = [
  { id: 'UNKNOWN', label: 'Unknown', color: '#c0c0c0' },
  { id: 'IDLE', label: 'Idle', color: '#e8e8e8' },
  { id: 'RUNNING', label: 'Running', color: '#00c800', active: true },
  { id: 'VMM', label: 'In hypervisor (VMM)', color: '#a040c0' },
  { id: 'PREEMPT', label: 'vCPU preempted', color: '#c80000' }
];

const OVERLAY: readonly ILegendEntry[] = [
  { id: 'VCPU_PREEMPTED', label: 'Looks running, vCPU preempted', color: '#c80000' },
  { id: 'VCPU_VMM', label: 'Looks running, vCPU in hypervisor', color: '#a040c0' }
];

/** Guest thread states: THREAD_LEGEND's indexes, then the overlay states. */
export const GUEST_THREAD_LEGEND: readonly ILegendEntry[] = [...THREAD_LEGEND, ...OVERLAY];
export const VCPU_PREEMPTED_STATE = THREAD_LEGEND.length;
export const VCPU_VMM_STATE = THREAD_LEGEND.length + 1;

/** Fused physical CPUs, ids as the fused-cpus table's states (upper case). */
export const FUSED_LEGEND: readonly ILegendEntry[] = [
  { id: 'UNKNOWN', label: 'Unknown', color: '#c0c0c0' },
  { id: 'IDLE', label: 'Idle', color: '#e8e8e8' },
  { id: 'HOST', label: 'Host thread', color: '#0064c8', active: true },
  { id: 'VMM', label: 'vCPU in hypervisor', color: '#a040c0', active: true },
  { id: 'GUEST', label: 'Guest thread', color: '#00c800', active: true },
  { id: 'GUEST_IDLE', label: 'Guest idle', color: '#b0e0b0' }
];

/** Guest critical path: EDGE_LEGEND's indexes (the graph's `Edge` values), then VCPU_PREEMPTED and VMM. */
export const GUEST_PATH_LEGEND: readonly ILegendEntry[] = [
  ...EDGE_LEGEND,
  { id: 'VCPU_PREEMPTED', label: 'vCPU preempted', color: '#c80000' },
  { id: 'VMM', label: 'In hypervisor', color: '#a040c0' }
];
