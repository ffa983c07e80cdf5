/**
 * Grouping of VM analysis rows by a string key (vCPU, physical CPU, guest thread), keeping each group in the
 * input order — the rows come sorted by start, so each group stays sorted.
 */

/** Rows grouped by `key(row)`, in input order within each group. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const l = m.get(k);
    if (l === undefined) m.set(k, [r]);
    else l.push(r);
  }
  return m;
}

/** Fused physical-CPU rows by `host\0cpu` (each list sorted by start, as `fusedCpus` gives them). */
export function fusedByCpu<T extends { host: string; cpu: number }>(rows: readonly T[]): Map<string, T[]> {
  return groupBy(rows, f => `${f.host}\0${f.cpu}`);
}
