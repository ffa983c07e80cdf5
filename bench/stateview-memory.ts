/**
 * Benchmark: the declarative UST memory view (`ustMemorySpec`) over `tracecompass/memory` (328,056 LTTng-UST
 * events). Prints three numbers: decoding alone (a full read of the trace), the view over batches already decoded
 * and held in memory (the analysis cost; target < 1 s), and the view end to end (decode + analysis).
 *
 * Run: `node -r ./test/helpers/ts-register.js bench/stateview-memory.ts [trace] [repeats]`
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { runStateView } from '../src/analysis/stateview';
import { ustMemorySpec } from '../src/analysis/stateview/builtins/ust-memory';
import { openExperiment } from '../src/analysis/trace/open';
import type { EventBatch, Experiment } from '../src/analysis/trace/types';

function ms(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

/** CPU time (user + system) since `c0`, in ms: less sensitive than wall time to other load on the machine. */
function cpuMs(c0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(c0);
  return Math.round((d.user + d.system) / 100) / 10;
}

/** The experiment with its batches read once and replayed from memory. */
function cached(exp: Experiment): { exp: Experiment; events: number } {
  const batches: EventBatch[] = [...exp.batches()];
  const events = batches.reduce((n, b) => n + b.length, 0);
  return {
    exp: {
      ...exp,
      streamName: s => exp.streamName(s),
      timeRange: () => exp.timeRange(),
      batches: () => batches
    },
    events
  };
}

export function main(argv: string[]): void {
  const trace = argv[0] ?? path.join(__dirname, '..', '..', 'shared', 'traces', 'tracecompass', 'memory');
  const repeats = Number(argv[1] ?? 5);
  let t0 = performance.now();
  const { exp, events } = cached(openExperiment([trace]));
  const decode = ms(t0);
  const runs: number[] = [];
  const cpu: number[] = [];
  let attrs = 0;
  let intervals = 0;
  for (let k = 0; k < repeats; k++) {
    t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = runStateView(exp, ustMemorySpec);
    runs.push(ms(t0));
    cpu.push(cpuMs(c0));
    attrs = r.ss.attributeCount;
    intervals = r.ss.store.length;
  }
  t0 = performance.now();
  runStateView(openExperiment([trace]), ustMemorySpec);
  const endToEnd = ms(t0);
  console.log(`trace: ${trace}`);
  console.log(`events: ${events}, attributes: ${attrs}, intervals: ${intervals}`);
  console.log(`decode (read every batch): ${decode} ms`);
  console.log(
    `state view after decoding: best ${Math.min(...runs)} ms, runs ${runs.join(' / ')} ms (target < 1000)`
  );
  console.log(
    `  CPU time of those runs: ${cpu.join(' / ')} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`
  );
  console.log(`state view end to end (decode + view): ${endToEnd} ms`);
}

if (require.main === module) main(process.argv.slice(2));
