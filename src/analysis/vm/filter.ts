/**
 * Row filters shared by the VM tables: a time window (rows overlapping [start, end]), a thread (guest or host
 * tid), a machine (host or VM name).
 *
 * Scope: predicates only.
 */

export interface VmFilter {
  start?: bigint;
  end?: bigint;
  tid?: number;
  /** Host or VM (guest trace) name. */
  host?: string;
}

interface Filterable {
  start: bigint;
  end: bigint;
  host: string;
  vm: string;
}

export function keep<R extends Filterable>(rows: readonly R[], f: VmFilter, tids: (r: R) => number[]): R[] {
  return rows.filter(
    r =>
      (f.start === undefined || r.end >= f.start) &&
      (f.end === undefined || r.start <= f.end) &&
      (f.host === undefined || r.host === f.host || r.vm === f.host) &&
      (f.tid === undefined || tids(r).includes(f.tid))
  );
}
