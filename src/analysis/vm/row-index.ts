/**
 * Grouping and range lookups of VM analysis rows: rows grouped by a string key (vCPU, physical CPU, guest thread)
 * keeping input order, and the rows of a start-sorted, disjoint list that overlap a time range (binary search).
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

/** The rows of `rows` (sorted by start, disjoint) that overlap [a, b), unclipped. */
export function overlappingRows<T extends { start: bigint; end: bigint }>(
  rows: readonly T[],
  a: bigint,
  b: bigint
): T[] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].end <= a) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let k = lo; k < rows.length && rows[k].start < b; k++) out.push(rows[k]);
  return out;
}
