/**
 * Puts the MPI ranks' waits (from the UST view) next to the kernel: the UST clock's offset from its origin (LTTng
 * writes CLOCK_MONOTONIC cycles with offset = realtime − monotonic, perf writes CLOCK_MONOTONIC with offset 0), and
 * how much of each wait the kernel's busy-wait analysis covers for the rank's thread.
 *
 * Scope: clock offset from CTF metadata and interval overlap; the busy-wait spans come from the kernel model
 * (`src/analysis/kernel`, `busyWaitSegments`), passed in by the caller.
 */
import { findCtfTraces } from '../../formats/ctf';
import { readTraceClass } from '../../formats/ctf/metadata';
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import type { RankPhase } from './mpi-imbalance';

/** Offset (ns) of the first clock of the first CTF trace at or under `path`: ns from origin − clock value. */
export function clockOffsetNs(path: string, fsa: FileSystemAccess = nodeFileSystem): bigint {
  const dirs = findCtfTraces(path, fsa);
  if (dirs.length === 0) throw new Error(`${path}: no CTF trace`);
  const clock = readTraceClass(fsa, dirs[0]).clocks[0];
  if (clock === undefined) throw new Error(`${dirs[0]}: the trace has no clock`);
  return clock.offsetSeconds * 1000000000n + (clock.offsetCycles * 1000000000n) / clock.freq;
}

/** A span where a thread busy-waits (kernel time). */
export interface BusySpan {
  tid: number;
  start: bigint;
  end: bigint;
}

export interface WaitCoverage extends RankPhase {
  tid: number;
  /** The wait in kernel time (UST time − shift). */
  kernelStart: bigint;
  kernelEnd: bigint;
  /** Busy-waiting time of the rank's thread inside the wait. */
  busyNs: bigint;
  /** busyNs / wait duration (0 for an empty wait). */
  coverage: number;
}

/**
 * For each wait of `phases` (UST time), the busy-wait time of the rank's thread (`tidOf(rank)`) inside it, in
 * kernel time = UST time − `shiftNs` (e.g. the UST clock offset when the kernel trace has none).
 */
export function waitCoverage(
  phases: readonly RankPhase[],
  spans: readonly BusySpan[],
  tidOf: (rank: number) => number,
  shiftNs: bigint
): WaitCoverage[] {
  return phases
    .filter(p => p.phase === 'wait')
    .map(p => {
      const tid = tidOf(p.rank);
      const a = p.start - shiftNs;
      const b = p.end - shiftNs;
      let busy = 0n;
      for (const s of spans) {
        if (s.tid !== tid) continue;
        const lo = s.start > a ? s.start : a;
        const hi = s.end < b ? s.end : b;
        if (hi > lo) busy += hi - lo;
      }
      const d = b - a;
      return {
        ...p,
        tid,
        kernelStart: a,
        kernelEnd: b,
        busyNs: busy,
        coverage: d > 0n ? Number(busy) / Number(d) : 0
      };
    });
}
