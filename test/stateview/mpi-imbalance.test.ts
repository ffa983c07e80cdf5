/**
 * The MPI built-in on `recorded/mpi-imbalance`: per-rank compute and wait intervals equal the UST events as
 * babeltrace2 prints them (exact ns from origin), the wait share of the faster rank agrees with the program's own
 * timings (`ranks.tsv`), and the kernel's busy-wait analysis covers the waiting rank's thread during its waits.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { busyWaitSegments, kernelModel } from '../../src/analysis/kernel';
import {
  runStateView,
  segments,
  stateIntervals,
  timeGraphRows,
  rowStates
} from '../../src/analysis/stateview';
import {
  mpiImbalanceSpec,
  rankActivity,
  waitShares,
  waitShareTable
} from '../../src/analysis/stateview/builtins/mpi-imbalance';
import { clockOffsetNs, waitCoverage } from '../../src/analysis/stateview/builtins/mpi-kernel';
import { openExperiment } from '../../src/analysis/trace/open';

const DIR = path.join(process.cwd(), '..', 'shared', 'traces', 'recorded', 'mpi-imbalance');
const UST = path.join(DIR, 'ust');

interface UstEvent {
  t: bigint;
  name: string;
  rank: number;
  iteration: number;
  vtid: number;
}

/** The UST events as babeltrace2 prints them (`--clock-seconds`: exact ns from origin). */
function babeltraceEvents(): UstEvent[] {
  const text = execFileSync('babeltrace2', ['--clock-seconds', UST], { encoding: 'utf8' });
  const re = /^\[(\d+)\.(\d{9})\] .* mpi_demo:(\w+): .*vtid = (\d+).*\{ rank = (\d+), iteration = (\d+) \}$/;
  return text
    .trim()
    .split('\n')
    .map(line => {
      const m = re.exec(line);
      if (!m) throw new Error(`unexpected line: ${line}`);
      return {
        t: BigInt(m[1]) * 1000000000n + BigInt(m[2]),
        name: m[3],
        vtid: Number(m[4]),
        rank: Number(m[5]),
        iteration: Number(m[6])
      };
    });
}

const events = babeltraceEvents();
const result = runStateView(openExperiment([UST]), mpiImbalanceSpec);

function expectedPhases(): { rank: number; iteration: number; phase: string; start: bigint; end: bigint }[] {
  const find = (name: string, rank: number, it: number): bigint =>
    events.find(e => e.name === name && e.rank === rank && e.iteration === it)!.t;
  const out = [];
  for (const rank of [0, 1]) {
    for (let it = 0; it < 10; it++) {
      out.push({
        rank,
        iteration: it,
        phase: 'compute',
        start: find('compute_begin', rank, it),
        end: find('compute_end', rank, it)
      });
      out.push({
        rank,
        iteration: it,
        phase: 'wait',
        start: find('barrier_begin', rank, it),
        end: find('barrier_end', rank, it)
      });
    }
  }
  return out;
}

describe('mpi-imbalance UST view', () => {
  it('reads the 80 events', () => {
    expect(events).toHaveLength(80);
    expect(result.events).toBe(80);
  });

  it('compute and wait intervals per rank and iteration equal the UST events', () => {
    expect(rankActivity(result)).toEqual(expectedPhases());
  });

  it('the Status rows: compute, nothing between compute_end and barrier_begin, wait', () => {
    const q = result.ss.quark('Ranks/1/Status');
    const iv = result.ss.intervals(q).filter(i => i.value !== null);
    const exp = expectedPhases().filter(p => p.rank === 1);
    expect(iv.map(i => [i.value, i.start, i.end])).toEqual(exp.map(p => [p.phase, p.start, p.end]));
    const rows = timeGraphRows(result.ss, mpiImbalanceSpec.views![0]);
    expect(rows.map(r => r.label)).toEqual(['rank 0', 'rank 1']);
    const colors = new Set(rowStates(result.ss, rows[1], mpiImbalanceSpec.views![0]).map(s => s.color));
    expect(colors).toEqual(new Set([undefined, '#2ca02c', '#d62728']));
  });

  it('the Arrow tables', () => {
    const t = stateIntervals(result, { prefix: 'Ranks/', nulls: false });
    const status = t.toArray().filter(r => r.attribute === 'Ranks/0/Status');
    expect(status).toHaveLength(20);
    expect(status[0].start).toBe(expectedPhases()[0].start);
    const s = segments(result);
    expect(s.numRows).toBe(40);
    expect(s.schema.fields.map(f => f.name)).toEqual(['name', 'start', 'end', 'rank', 'iteration']);
  });

  it('wait share per rank: the faster rank (1) waits ~75% of the time, as its own timings say', () => {
    const w = waitShares(result);
    expect(w.map(x => [x.rank, x.tid, x.iterations])).toEqual([
      [0, 27382, 10],
      [1, 27383, 10]
    ]);
    const tsv = fs
      .readFileSync(path.join(DIR, 'ranks.tsv'), 'utf8')
      .split('\n')
      .filter(l => /^\d/.test(l))
      .map(l => l.split('\t'));
    const share = (rank: string): number => {
      const rows = tsv.filter(r => r[0] === rank);
      const compute = rows.reduce((a, r) => a + Number(r[7]), 0);
      const barrier = rows.reduce((a, r) => a + Number(r[8]), 0);
      return barrier / (compute + barrier);
    };
    expect(share('1')).toBeCloseTo(0.749, 2);
    expect(Math.abs(w[1].waitShare - share('1'))).toBeLessThan(0.005);
    expect(w[0].waitShare).toBeLessThan(0.002);
    expect(waitShareTable(result).getChild('wait_share')?.get(1)).toBeCloseTo(w[1].waitShare, 12);
  });
});

describe('the kernel under the waits', () => {
  it('the UST clock offset is realtime − monotonic (the first compute_begin is at monotonic 2430415537633)', () => {
    const off = clockOffsetNs(UST);
    expect(off).toBe(1795660384365511483n);
    expect(events[0].t - off).toBe(2430415537633n);
  });

  it('busy-wait spans of rank 1 cover its waits; rank 0 does not busy-wait', () => {
    const spans = busyWaitSegments(kernelModel(openExperiment([path.join(DIR, 'ctf')])));
    const tid = new Map(waitShares(result).map(w => [w.rank, w.tid]));
    const cov = waitCoverage(rankActivity(result), spans, r => tid.get(r)!, clockOffsetNs(UST));
    const rank1 = cov.filter(c => c.rank === 1);
    expect(rank1).toHaveLength(10);
    // Open MPI polls every ~10 ms, so a busy-wait span (first to last poll) misses up to ~10 ms of a 57 ms wait
    for (const c of rank1) expect(c.coverage).toBeGreaterThan(0.8);
    expect(cov.filter(c => c.rank === 0).every(c => c.busyNs === 0n)).toBe(true);
    expect(spans.every(s => s.tid !== 27382)).toBe(true);
  });
});
