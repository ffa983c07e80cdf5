/**
 * `tracelab.mpi`: the built-in MPI state view for cells — the compute / wait spec of LTTng-UST `mpi_demo` events
 * and its helpers (phases per rank and iteration, wait share per rank, the UST → kernel clock shift), so a
 * notebook needs nothing beyond the `tracelab` object.
 *
 * @example
 * ```ts
 * const ust = await tracelab.open('recorded/mpi-imbalance/ust');
 * tracelab.mpi.waitShares(ust)                // wait share per rank (Arrow table)
 * const phases = tracelab.mpi.phases(ust)     // { rank, iteration, phase, start, end }[]
 * ```
 */
import type { Table } from 'apache-arrow';
import { mpiImbalanceSpec, rankActivity, runStateView, waitShareTable } from '../../analysis/stateview';
import type { RankPhase, StateViewResult, StateViewSpec } from '../../analysis/stateview';
import { ustKernelShiftNs } from '../views/mpi-view';
import { documented } from './doc';
import { Trace } from './trace';

export interface IMpiBuiltins {
  /** The declarative spec (`t.stateView(tracelab.mpi.spec)`, `t.stateViewGraph(tracelab.mpi.spec)`). */
  readonly spec: StateViewSpec;
  /** Compute / wait phases of each rank and iteration (UST ns). */
  phases(ust: Trace): RankPhase[];
  /** Wait share per rank: rank, compute_ns, wait_ns, wait_share. */
  waitShares(ust: Trace): Table;
  /** UST ns − kernel ns: subtract it from a UST time to get the kernel trace's time. */
  kernelShiftNs(ust: Trace | string, kernel: Trace | string): bigint;
}

export function createMpiBuiltins(): IMpiBuiltins {
  const results = new WeakMap<Trace, StateViewResult>();
  const run = (t: Trace): StateViewResult => {
    let r = results.get(t);
    if (r === undefined) {
      r = runStateView(t.experiment, mpiImbalanceSpec);
      results.set(t, r);
    }
    return r;
  };
  const pathOf = (t: Trace | string): string => (t instanceof Trace ? t.paths[0] : String(t));
  return documented(
    {
      spec: mpiImbalanceSpec,
      phases: (ust: Trace): RankPhase[] => rankActivity(run(ust)),
      waitShares: (ust: Trace): Table => waitShareTable(run(ust)),
      kernelShiftNs: (ust: Trace | string, kernel: Trace | string): bigint =>
        ustKernelShiftNs(pathOf(ust), pathOf(kernel))
    },
    'tracelab.mpi: the built-in MPI compute / wait state view (LTTng-UST mpi_demo events)\n\n' +
      '  spec                         the declarative spec, for t.stateView / t.stateViewGraph / t.stateViewChart\n' +
      '  phases(ust)                  { rank, iteration, phase: compute | wait, start, end }[] (UST ns)\n' +
      '  waitShares(ust)              Arrow table: wait share per rank\n' +
      '  kernelShiftNs(ust, kernel)   UST ns - kernel ns (from the CTF clock offsets)\n\n' +
      "Example: const ust = await tracelab.open('recorded/mpi-imbalance/ust'); tracelab.mpi.waitShares(ust)"
  );
}
