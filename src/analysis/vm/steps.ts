/**
 * Step functions over time: a sorted list of (ts, value) change points, the value holding until the next point.
 * Used for the guest CPUs' current thread and the vCPUs' host-side bits.
 *
 * Scope: lookup and slicing helpers only.
 */

export interface Step<T> {
  readonly ts: bigint;
  readonly v: T;
}

/** Index of the last step at or before `ts`, or -1. */
export function stepIndex<T>(steps: readonly Step<T>[], ts: bigint): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].ts <= ts) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function valueAt<T>(steps: readonly Step<T>[], ts: bigint): T | undefined {
  const k = stepIndex(steps, ts);
  return k < 0 ? undefined : steps[k].v;
}

export interface Piece<T> {
  start: bigint;
  end: bigint;
  v: T | undefined;
}

/** The pieces of [start, end) over which the step function is constant (zero-length pieces dropped). */
export function slice<T>(steps: readonly Step<T>[], start: bigint, end: bigint): Piece<T>[] {
  const out: Piece<T>[] = [];
  let k = stepIndex(steps, start);
  let t = start;
  while (t < end) {
    const next = k + 1 < steps.length && steps[k + 1].ts < end ? steps[k + 1].ts : end;
    if (next > t) out.push({ start: t, end: next, v: k >= 0 ? steps[k].v : undefined });
    t = next > t ? next : t;
    k++;
    if (next === end) break;
  }
  return out;
}

/** A thread's container (innermost non-root pid namespace inode, 0 if none) and its tid inside it. */
export function containerOf(
  nsOf: ReadonlyMap<number, { inum: number; level: number; vtid: number }>,
  tid: number
): { container: number; vtid: number } {
  const ns = nsOf.get(tid);
  if (!ns || ns.level <= 0 || !Number.isFinite(ns.inum)) return { container: 0, vtid: tid };
  return { container: ns.inum, vtid: Number.isFinite(ns.vtid) ? ns.vtid : tid };
}
