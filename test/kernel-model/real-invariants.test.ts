/**
 * Invariants of the kernel model (see `invariants.ts`) on every real kernel trace of the corpus: LTTng 2.1–2.11
 * (many-threads, bug446190, flipping-endianness, synctraces, lttng-tracefile-rotation, multi-domains) and perf CTF
 * (perf-taskset2 and the traces recorded on this kind of machine, with and without perf's synthesized records).
 */
import * as path from 'node:path';
import { kernelModel } from '../../src/analysis/kernel';
import { openExperiment } from '../../src/analysis/trace/open';
import { checkInvariants } from './invariants';

const T = path.join(process.cwd(), '..', 'shared', 'traces');

const TRACES: [string, number][] = [
  ['tracecompass/many-threads', 1000],
  ['tracecompass/bug446190', 100],
  ['tracecompass/flipping-endianness', 100],
  ['tracecompass/synctraces/scp_src', 100],
  ['tracecompass/synctraces/scp_dest', 100],
  ['babeltrace2/ctf-traces/succeed/lttng-tracefile-rotation/kernel', 100],
  ['babeltrace2/ctf-traces/succeed/multi-domains/kernel', 0],
  ['tracecompass/perf-taskset2', 100],
  ['recorded/django-poll/ctf', 500],
  ['recorded/mpi-imbalance/ctf-all', 1000],
  ['recorded/login/ctf', 500]
];

describe('kernel model invariants on real traces', () => {
  test.each(TRACES)('%s', (rel, minSwitches) => {
    const exp = openExperiment([path.join(T, rel)]);
    const model = kernelModel(exp);
    const report = checkInvariants(exp, model);
    expect(report.problems.slice(0, 10)).toEqual([]);
    expect(report.switches).toBeGreaterThanOrEqual(minSwitches);
    if (minSwitches > 0) expect(report.threadIntervals).toBeGreaterThan(0);
    // Only perf traces of this machine may show a task leaving an idle the model could not see end; missed
    // switches that the events' own tid corrects are rare.
    if (!rel.startsWith('recorded/')) expect(report.idleBefore).toBe(0);
    expect(report.corrected).toBeLessThanOrEqual(report.switches / 200);
  });
});
