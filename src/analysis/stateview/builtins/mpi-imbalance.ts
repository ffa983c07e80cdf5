/**
 * Built-in view of an MPI program instrumented with LTTng-UST `mpi_demo:compute_begin/compute_end` and
 * `mpi_demo:barrier_begin/barrier_end` (fields `rank`, `iteration`), as in `recorded/mpi-imbalance`: per rank a
 * `Status` row (compute / wait at the barrier), the current iteration and thread, and a pattern emitting one
 * `compute` and one `wait` segment per rank and iteration. `rankActivity` and `waitShares` measure the imbalance.
 *
 * Scope: the spec and the measures computed from its result.
 */
import { Float64, Int32, Int64, Table, vectorFromArray } from 'apache-arrow';
import type { StateViewResult } from '../engine';
import type { StateViewSpec } from '../spec-types';
import { toNumber } from '../values';

const EV = 'mpi_demo:';
const SAME_RANK = { left: { query: [{ scenario: true as const }, 'rank'] }, right: { field: 'rank' } };

function phase(name: 'compute' | 'wait', begin: string, end: string): StateViewSpec['patterns'] {
  return [
    {
      id: `mpi.${name}`,
      tests: { sameRank: SAME_RANK },
      actions: {
        start: [{ path: [{ scenario: true }, 'rank'], set: { field: 'rank' } }],
        emit: [{ segment: { name, fields: { rank: { field: 'rank' }, iteration: { field: 'iteration' } } } }]
      },
      fsms: [
        {
          id: name,
          initial: 'idle',
          states: {
            idle: { transitions: [{ event: EV + begin, target: 'running', actions: ['start'] }] },
            running: {
              transitions: [{ event: EV + end, cond: ['sameRank'], target: 'done', actions: ['emit'] }]
            }
          },
          final: ['done']
        }
      ]
    }
  ];
}

export const mpiImbalanceSpec: StateViewSpec = {
  id: 'mpi-imbalance',
  label: 'MPI ranks: compute and barrier wait',
  handlers: [
    {
      event: EV + 'compute_begin',
      changes: [
        { path: 'Ranks/{rank}/Status', set: 'compute' },
        { path: 'Ranks/{rank}/Iteration', set: { field: 'iteration' } },
        { path: 'Ranks/{rank}/Thread', set: { builtin: 'tid' } }
      ]
    },
    {
      event: [EV + 'compute_end', EV + 'barrier_end'],
      changes: [{ path: 'Ranks/{rank}/Status', set: null }]
    },
    { event: EV + 'barrier_begin', changes: [{ path: 'Ranks/{rank}/Status', set: 'wait' }] }
  ],
  patterns: [
    ...phase('compute', 'compute_begin', 'compute_end')!,
    ...phase('wait', 'barrier_begin', 'barrier_end')!
  ],
  views: [
    {
      id: 'mpi-imbalance.ranks',
      label: 'MPI ranks',
      rows: [{ path: 'Ranks/*', display: 'Status', label: 'rank {1}' }],
      legend: [
        { value: 'compute', label: 'compute', color: '#2ca02c' },
        { value: 'wait', label: 'wait (barrier)', color: '#d62728' }
      ]
    }
  ]
};

export interface RankPhase {
  rank: number;
  iteration: number;
  phase: 'compute' | 'wait';
  start: bigint;
  end: bigint;
}

/** Compute and wait intervals per rank and iteration, by rank then time. */
export function rankActivity(result: StateViewResult): RankPhase[] {
  return result.segments
    .filter(s => s.name === 'compute' || s.name === 'wait')
    .map(s => ({
      rank: toNumber(s.fields.rank ?? null),
      iteration: toNumber(s.fields.iteration ?? null),
      phase: s.name as 'compute' | 'wait',
      start: s.start,
      end: s.end
    }))
    .sort((a, b) => a.rank - b.rank || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

export interface WaitShare {
  rank: number;
  /** Thread of the rank (from the events' context), or -1. */
  tid: number;
  iterations: number;
  computeNs: bigint;
  waitNs: bigint;
  /** wait / (compute + wait). */
  waitShare: number;
}

/** Time computing and waiting per rank, and the share of waiting. */
export function waitShares(result: StateViewResult): WaitShare[] {
  const by = new Map<number, WaitShare>();
  for (const p of rankActivity(result)) {
    let w = by.get(p.rank);
    if (w === undefined) {
      const q = result.ss.quark(['Ranks', String(p.rank), 'Thread']);
      const tids = q < 0 ? [] : result.ss.intervals(q).filter(i => i.value !== null);
      const tid = tids.length > 0 ? toNumber(tids[0].value) : -1;
      by.set(p.rank, (w = { rank: p.rank, tid, iterations: 0, computeNs: 0n, waitNs: 0n, waitShare: 0 }));
    }
    if (p.phase === 'compute') {
      w.computeNs += p.end - p.start;
      w.iterations++;
    } else w.waitNs += p.end - p.start;
  }
  const out = [...by.values()].sort((a, b) => a.rank - b.rank);
  for (const w of out) {
    const total = w.computeNs + w.waitNs;
    w.waitShare = total === 0n ? 0 : Number(w.waitNs) / Number(total);
  }
  return out;
}

/** `waitShares` as an Arrow table: rank, tid, iterations, compute_ns, wait_ns, wait_share. */
export function waitShareTable(result: StateViewResult): Table {
  const w = waitShares(result);
  return new Table({
    rank: vectorFromArray(
      w.map(x => x.rank),
      new Int32()
    ),
    tid: vectorFromArray(
      w.map(x => x.tid),
      new Int32()
    ),
    iterations: vectorFromArray(
      w.map(x => x.iterations),
      new Int32()
    ),
    compute_ns: vectorFromArray(
      w.map(x => x.computeNs),
      new Int64()
    ),
    wait_ns: vectorFromArray(
      w.map(x => x.waitNs),
      new Int64()
    ),
    wait_share: vectorFromArray(
      w.map(x => x.waitShare),
      new Float64()
    )
  });
}
