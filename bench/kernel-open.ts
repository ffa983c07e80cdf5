/**
 * `node -r ./test/helpers/ts-register.js bench/kernel-open.ts [trace] [repeat]`: opening a trace and displaying
 * its control flow from a notebook cell (issue 5 target: < 2 s wall for `tracecompass/many-threads`).
 *
 * Measured: (1) through the real kernel (built with the test helper, started by jupyter_client): the cell
 * `const t = await tracelab.open(trace); t.controlFlow()` from execute request to reply, wall and kernel CPU
 * time (kernel + evaluation child, from /proc), first run in a fresh kernel (each repeat opens the trace anew,
 * so later runs measure a warm process but a cold experiment); (2) in process, the same work split into
 * phases, each done once, as `t.controlFlow()` does them: open, kernel model, thread states (typed columns
 * from the model's rows, no Arrow table), experiment time range, view data (rows + sorted interval source),
 * payload (level-of-detail snapshot), bundle (compact rows, SVG, JSON-safe copy, serialised), with wall and CPU
 * time (CPU time is what to compare on a busy machine). BENCH_IN_PROCESS_ONLY=1 skips (1).
 */
import { join } from 'node:path';
import { kernelModel } from '../src/analysis/kernel';
import { createCellApi, toRichValue } from '../src/kernel-bridge/api';
import {
  controlFlowFromColumns,
  experimentThreadStateColumns,
  THREAD_LEGEND,
  TimeGraphView,
  viewStore
} from '../src/kernel-bridge/views';
import { buildKernel, jupyterEnv, PYTHON, run, TRACES } from '../test/kernel/helpers/kernel-build';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** CPU time (user + system) since `from`, ms: less sensitive to a busy machine than wall time. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

async function inProcess(trace: string): Promise<void> {
  const api = createCellApi({ display: () => undefined, clear: () => undefined }, 'bench');
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const phases: string[] = [];
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const phase = (name: string): void => {
    const now = performance.now();
    phases.push(`  ${name.padEnd(34)} ${seconds(now - wall)} s  (CPU ${seconds(cpuMs(cpu))} s)`);
    wall = now;
    cpu = process.cpuUsage();
  };
  const t = await api.tracelab.open(trace);
  phase('open');
  kernelModel(t.experiment);
  phase('kernel model');
  const columns = experimentThreadStateColumns(t.experiment, {});
  phase(`thread states (${columns.tid.length}, model rows)`);
  const range = t.experiment.timeRange()!;
  phase('experiment time range');
  const data = controlFlowFromColumns(columns);
  phase(`view data (${data.rows.length} rows)`);
  const input = { experimentId: t.experimentId, title: 'Control flow', range, legend: THREAD_LEGEND, data };
  const view = new TimeGraphView(input, viewStore);
  phase(`payload (${view.payload.intervals.row.length} snapshot intervals)`);
  const bundle = JSON.stringify(toRichValue(view).data);
  phase(`bundle (${(bundle.length / 1e6).toFixed(2)} MB)`);
  const total = `total ${seconds(performance.now() - wall0)} s (CPU ${seconds(cpuMs(cpu0))} s)`;
  console.log(`in process, ${total}:\n${phases.join('\n')}`);
  t.close();
}

function throughKernel(trace: string, repeat: number): void {
  buildKernel();
  const env = jupyterEnv();
  try {
    const script = join(__dirname, '..', 'test', 'kernel-api', 'py', 'view_cell.py');
    const r = run(PYTHON, [script, trace, String(repeat)], env.env, undefined, 600_000);
    if (r.status !== 0) throw new Error(`view_cell.py failed:\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      startup: number;
      walls: number[];
      cpus: number[];
      sizes: Record<string, number>;
    };
    const walls = out.walls.map(w => w.toFixed(3)).join(', ');
    const cpus = out.cpus.map(c => c.toFixed(2)).join(', ');
    const total = Object.values(out.sizes).reduce((a, b) => a + b, 0);
    console.log(`kernel startup ${out.startup.toFixed(3)} s`);
    console.log(`kernel cell open + controlFlow, wall per run (s): ${walls}  [target < 2 s]`);
    console.log(`kernel cell open + controlFlow, kernel CPU per run (s): ${cpus}`);
    console.log(`execute_result size ${(total / 1e6).toFixed(2)} MB`);
  } finally {
    env.cleanup();
  }
}

export async function main(args: string[]): Promise<number> {
  const trace = args[0] ?? join(TRACES, 'tracecompass', 'many-threads');
  const repeat = Number(args[1] ?? 3);
  console.log(`trace: ${trace}`);
  await inProcess(trace);
  if (process.env.BENCH_IN_PROCESS_ONLY !== '1') throughKernel(trace, repeat);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    }
  );
}
