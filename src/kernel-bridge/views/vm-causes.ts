/**
 * Tooltip text of the VM views: what ran on a physical CPU while a vCPU was preempted, summed per cause over an
 * interval (`vm guest2 vcpu 0 tid 1500 (burner) 99.5%, ...`), and the labels of fused-CPU and running intervals.
 *
 * Scope: text from VM analysis rows; no payload knowledge.
 */
import { causeOf, overlappingRows } from '../../analysis/vm';
import type { FusedRow } from '../../analysis/vm';

export { fusedByCpu } from '../../analysis/vm';

/** Fused rows of one CPU overlapping [a, b), with the overlap in ns. */
function overlapping(rows: readonly FusedRow[], a: bigint, b: bigint): { row: FusedRow; ns: bigint }[] {
  return overlappingRows(rows, a, b).map(row => ({
    row,
    ns: (row.end < b ? row.end : b) - (row.start > a ? row.start : a)
  }));
}

/** `cause share%, ...`: the top `top` causes by time, then `+N more`. */
export function summarizeCauses(pieces: Iterable<{ cause: string; ns: bigint }>, top = 3): string {
  const by = new Map<string, bigint>();
  let total = 0n;
  for (const { cause, ns } of pieces) {
    by.set(cause, (by.get(cause) ?? 0n) + ns);
    total += ns;
  }
  if (total === 0n) return 'unknown cause';
  const list = [...by].sort((x, y) => (x[1] > y[1] ? -1 : x[1] < y[1] ? 1 : x[0].localeCompare(y[0])));
  const pct = (ns: bigint): string => `${((Number(ns) / Number(total)) * 100).toFixed(1)}%`;
  const shown = list.slice(0, top).map(([c, ns]) => `${c} ${pct(ns)}`);
  if (list.length > top) shown.push(`+${list.length - top} more`);
  return shown.join(', ');
}

/** The causes of preemption on one physical CPU over [a, b), from its fused rows (see `summarizeCauses`). */
export function causeSummary(rows: readonly FusedRow[], a: bigint, b: bigint, top = 3): string {
  return summarizeCauses(
    overlapping(rows, a, b).map(({ row, ns }) => ({ cause: causeOf(row).cause, ns })),
    top
  );
}

/** What a fused-CPU interval shows: the host thread, the vCPU in the hypervisor, or the guest thread. */
export function fusedLabel(f: FusedRow): string {
  switch (f.state) {
    case 'host':
      return `${f.comm || 'thread'} [${f.tid}]`;
    case 'idle':
      return 'idle';
    case 'vmm':
      return `${f.vm} vCPU ${f.vcpu} in hypervisor (host tid ${f.hostTid})`;
    case 'guest':
      return `${f.vm}: ${f.comm || 'thread'} [${f.tid}] on vCPU ${f.vcpu}`;
    case 'guest-idle':
      return `${f.vm} vCPU ${f.vcpu} idle`;
  }
}
