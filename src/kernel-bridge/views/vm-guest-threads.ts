/**
 * The guest threads view's data: the control flow of each guest (rows `h:<vm>` → processes → threads, as
 * `controlFlowData` builds them from the `thread-states` table), mapped into the host's time with each guest's
 * vmsync transform, with the vCPU overlay: wherever a thread looks running in its guest but its vCPU's host thread
 * was switched out (VCPU_PREEMPTED) or in the hypervisor (VCPU_VMM), that state replaces the guest's. Overlay
 * labels name the cause (`vCPU 0 preempted on CPU 1: vm guest2 vcpu 0 tid 1500 (burner) 99.5%, ...`, or the exit
 * reason), after the syscall the thread was in.
 *
 * Scope: thread-states table + VM analysis → rows + interval source (host ns).
 */
import type { Table } from 'apache-arrow';
import { apply } from '../../analysis/sync/transform';
import { exitReasonLabel } from '../../analysis/vm';
import type { PreemptionRow, VmAnalysis } from '../../analysis/vm';
import type { ITimeGraphRowInput } from '../../protocol';
import { controlFlowData } from './control-flow';
import type { IViewData } from './control-flow';
import type { IWindow } from './trace-views';
import { summarizeCauses } from './vm-causes';
import { clipTo, vmViewData } from './vm-intervals';
import type { IVmInterval } from './vm-intervals';
import { VCPU_PREEMPTED_STATE, VCPU_VMM_STATE } from './vm-legends';

/** Adjacent preemption rows merged: preempted runs (any causes), VMM runs (one exit reason). */
function overlayRuns(rows: readonly PreemptionRow[], row: number): IVmInterval[] {
  const out: (IVmInterval & { parts: PreemptionRow[] })[] = [];
  for (const r of rows) {
    const state = r.state === 'preempted' ? VCPU_PREEMPTED_STATE : VCPU_VMM_STATE;
    const last = out[out.length - 1];
    const sameVmm = state === VCPU_VMM_STATE && last?.parts[0].reason === r.reason;
    if (last && last.end === r.start && last.state === state && (state === VCPU_PREEMPTED_STATE || sameVmm)) {
      last.end = r.end;
      last.parts.push(r);
    } else out.push({ row, start: r.start, end: r.end, state, parts: [r] });
  }
  return out.map(({ parts, ...i }) => {
    const p = parts[0];
    const label =
      i.state === VCPU_VMM_STATE
        ? `vCPU ${p.vcpu} in hypervisor: ${exitReasonLabel(p.reason)}`
        : `vCPU ${p.vcpu} preempted on CPU ${p.cpu}: ` +
          summarizeCauses(parts.map(x => ({ cause: x.cause, ns: x.end - x.start })));
    return { ...i, label };
  });
}

/** `ints` (sorted, one row) with the overlay (sorted, disjoint) laid over them. */
function overlay(ints: readonly IVmInterval[], over: readonly IVmInterval[]): IVmInterval[] {
  const out: IVmInterval[] = [];
  let k = 0;
  for (const i of ints) {
    while (k < over.length && over[k].end <= i.start) k++;
    let t = i.start;
    for (let j = k; j < over.length && over[j].start < i.end; j++) {
      if (over[j].start > t) out.push({ ...i, start: t, end: over[j].start });
      if (over[j].end > t) t = over[j].end;
    }
    if (t < i.end) out.push({ ...i, start: t, end: i.end });
  }
  let u = 0;
  for (const o of over) {
    while (u < ints.length && ints[u].end <= o.start) u++;
    const under = u < ints.length && ints[u].start <= o.start ? ints[u] : undefined;
    out.push(under?.label ? { ...o, label: `${under.label}; ${o.label ?? ''}` } : o);
  }
  return out;
}

/** The guest threads of `vm` (default: every guest) over window `w` (host ns). */
export function guestThreadsData(
  a: VmAnalysis,
  threadStates: Table,
  q: IWindow & { vm?: string } = {}
): IViewData {
  const base = controlFlowData(threadStates);
  const vms = new Set([...a.model.guests.keys()].filter(v => q.vm === undefined || v === q.vm));
  const newIndex = new Int32Array(base.rows.length).fill(-1);
  const rows: ITimeGraphRowInput[] = [];
  base.rows.forEach((r, k) => {
    if (r.host === undefined || !vms.has(r.host)) return;
    newIndex[k] = rows.length;
    rows.push(r.kind === 'host' ? { ...r, label: `VM ${r.host}` } : r);
  });
  const src = base.source;
  const list: IVmInterval[] = [];
  const pre = new Map<string, PreemptionRow[]>();
  for (const p of a.preemption) {
    const k = `${p.vm}\0${p.tid}`;
    const l = pre.get(k) ?? [];
    l.push(p);
    pre.set(k, l);
  }
  base.rows.forEach((r, k) => {
    if (newIndex[k] < 0 || r.kind !== 'thread') return;
    const sync = a.model.syncs.find(s => s.guest === r.host);
    const map = (t: bigint): bigint => (sync ? apply(sync.transform, t) : t);
    const ints: IVmInterval[] = [];
    for (let i = src.rowBegin[k]; i < src.rowBegin[k + 1]; i++) {
      const l = src.label ? src.label[i] : -1;
      const label = l >= 0 ? src.strings[l] : undefined;
      ints.push({
        row: newIndex[k],
        start: map(src.start[i]),
        end: map(src.end[i]),
        state: src.state[i],
        label
      });
    }
    const over = overlayRuns(pre.get(`${r.host}\0${r.tid}`) ?? [], newIndex[k]);
    for (const i of overlay(ints, over)) {
      const c = clipTo(i, q);
      if (c) list.push(c);
    }
  });
  return vmViewData(rows, list);
}
