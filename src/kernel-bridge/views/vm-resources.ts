/**
 * Data of two VM time graphs, from the VM analysis (host time):
 * - virtual resources: one row per VM, under it one row per vCPU, with the vCPU states (IDLE, RUNNING, VMM,
 *   PREEMPT). Labels: the guest thread a RUNNING vCPU runs, the exit reason of VMM time, and for PREEMPT time what
 *   ran on the physical CPU instead (host thread, or another VM's vCPU and the guest thread in it) with shares.
 * - fused physical CPUs: one row per host, under it one row per CPU, with what really ran: a host thread, a vCPU
 *   in the hypervisor, or the guest thread inside a vCPU in guest mode.
 * Row ids follow `row-ids.ts`: a VM is `h:<vm>` and its vCPU n is `c:<vm>:<n>` (guest CPU n is vCPU n), a host
 * CPU is `c:<host>:<cpu>`, so these rows line up with the guests' and host's own resources views.
 *
 * Scope: analysis rows → rows + interval source.
 */
import type { ITimeGraphRowInput } from '../../protocol';
import {
  exitReasonLabel,
  slice,
  valueAt,
  VCPU_IDLE,
  VCPU_PREEMPT,
  VCPU_RUNNING,
  VCPU_VMM,
  vcpuKey
} from '../../analysis/vm';
import type { FusedRow, VcpuStateRow, VmAnalysis } from '../../analysis/vm';
import type { IViewData } from './control-flow';
import { cpuRowId, hostRowId } from './row-ids';
import type { IWindow } from './trace-views';
import { causeSummary, fusedByCpu, fusedLabel } from './vm-causes';
import { clipTo, vmViewData } from './vm-intervals';
import type { IVmInterval } from './vm-intervals';
import { FUSED_LEGEND, VCPU_LEGEND } from './vm-legends';

const stateIndex = (id: string): number => VCPU_LEGEND.findIndex(l => l.id === id);

/** The legend state of a vCPU bit set: PREEMPT, then VMM, then RUNNING, then IDLE (as Trace Compass shows it). */
export function vcpuLegendState(bits: number): number {
  if (bits & VCPU_PREEMPT) return stateIndex('PREEMPT');
  if (bits & VCPU_VMM) return stateIndex('VMM');
  if (bits & VCPU_RUNNING) return stateIndex('RUNNING');
  if (bits & VCPU_IDLE) return stateIndex('IDLE');
  return 0;
}

function vcpuRows(states: readonly VcpuStateRow[]): {
  rows: ITimeGraphRowInput[];
  index: Map<string, number>;
} {
  const keys = [...new Map(states.map(r => [`${r.vm}/${r.vcpu}`, r] as const)).values()].sort(
    (a, b) => a.vm.localeCompare(b.vm) || a.vcpu - b.vcpu
  );
  const rows: ITimeGraphRowInput[] = [];
  const index = new Map<string, number>();
  for (const r of keys) {
    const parentId = hostRowId(r.vm);
    if (!rows.some(x => x.id === parentId)) {
      rows.push({ id: parentId, label: `VM ${r.vm} (on ${r.host})`, kind: 'host', host: r.vm });
    }
    index.set(`${r.vm}/${r.vcpu}`, rows.length);
    rows.push({
      id: cpuRowId(r.vm, r.vcpu),
      label: `vCPU ${r.vcpu}`,
      parentId,
      kind: 'cpu',
      host: r.vm,
      cpu: r.vcpu
    });
  }
  return { rows, index };
}

/** One vCPU-state row as intervals: RUNNING split per guest thread, VMM with its exit reason, PREEMPT with causes. */
function vcpuIntervals(a: VmAnalysis, r: VcpuStateRow, row: number, fused: Map<string, FusedRow[]>) {
  const out: IVmInterval[] = [];
  const state = vcpuLegendState(r.state);
  const base = { row, state };
  const guest = a.model.guests.get(r.vm)?.cpus.get(r.vcpu) ?? [];
  if (state === stateIndex('RUNNING')) {
    for (const g of slice(guest, r.start, r.end)) {
      out.push({
        ...base,
        start: g.start,
        end: g.end,
        label: g.v ? `${g.v.comm || 'thread'} [${g.v.tid}]` : ''
      });
    }
    return out;
  }
  let label = '';
  if (state === stateIndex('PREEMPT')) {
    label = `preempted on CPU ${r.cpu}: ${causeSummary(fused.get(`${r.host}\0${r.cpu}`) ?? [], r.start, r.end)}`;
  } else if (state === stateIndex('VMM')) {
    const bits = a.model.hosts.find(h => h.host === r.host)?.bits.get(vcpuKey(r)) ?? [];
    const g = valueAt(guest, r.start);
    label = exitReasonLabel(valueAt(bits, r.start)?.reason ?? NaN);
    if (g) label += g.tid === 0 ? ', guest idle' : `, guest ${g.comm || 'thread'} [${g.tid}]`;
  }
  out.push({ ...base, start: r.start, end: r.end, label });
  return out;
}

/** Virtual resources: VMs and their vCPUs over window `w` (host ns). */
export function virtualResourcesData(a: VmAnalysis, w: IWindow = {}): IViewData {
  const { rows, index } = vcpuRows(a.vcpuStates);
  const fused = fusedByCpu(a.fused);
  const list: IVmInterval[] = [];
  for (const r of a.vcpuStates) {
    if ((w.start !== undefined && r.end <= w.start) || (w.end !== undefined && r.start >= w.end)) continue;
    for (const i of vcpuIntervals(a, r, index.get(`${r.vm}/${r.vcpu}`)!, fused)) {
      const c = clipTo(i, w);
      if (c) list.push(c);
    }
  }
  return vmViewData(rows, list);
}

const FUSED_STATE: Record<string, number> = {
  idle: 1,
  host: 2,
  vmm: 3,
  guest: 4,
  'guest-idle': 5
};

/** Fused physical CPUs: hosts and their CPUs over window `w`. */
export function fusedCpusData(a: VmAnalysis, w: IWindow = {}): IViewData {
  const cpus = [...new Map(a.fused.map(f => [`${f.host}\0${f.cpu}`, f] as const)).values()].sort(
    (x, y) => x.host.localeCompare(y.host) || x.cpu - y.cpu
  );
  const rows: ITimeGraphRowInput[] = [];
  const index = new Map<string, number>();
  for (const f of cpus) {
    const parentId = hostRowId(f.host);
    if (!rows.some(x => x.id === parentId)) {
      rows.push({ id: parentId, label: `host ${f.host}`, kind: 'host', host: f.host });
    }
    index.set(`${f.host}\0${f.cpu}`, rows.length);
    rows.push({
      id: cpuRowId(f.host, f.cpu),
      label: `CPU ${f.cpu}`,
      parentId,
      kind: 'cpu',
      host: f.host,
      cpu: f.cpu
    });
  }
  const list: IVmInterval[] = [];
  for (const f of a.fused) {
    const i = clipTo(
      {
        row: index.get(`${f.host}\0${f.cpu}`)!,
        start: f.start,
        end: f.end,
        state: FUSED_STATE[f.state] ?? 0,
        label: fusedLabel(f)
      },
      w
    );
    if (i) list.push(i);
  }
  return vmViewData(rows, list);
}

export { FUSED_LEGEND, VCPU_LEGEND };
