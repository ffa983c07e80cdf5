/**
 * `node -r ./test/helpers/ts-register.js bench/kernel-open.ts [trace] [repeat]`: opening a trace and displaying
 * its control flow from a notebook cell (issue 5 target: < 2 s wall for `tracecompass/many-threads`).
 *
 * Measured: (1) through the real kernel (built with the test helper, started by jupyter_client): the cell
 * `const t = await tracelab.open(trace); t.controlFlow()` from execute request to reply, first run in a fresh
 * kernel (each repeat opens the trace anew, so later runs measure a warm process but a cold experiment);
 * (2) in process, the same steps split: open, analysis (kernel model + thread-states table), view (rows,
 * interval source, level-of-detail payload) and bundle (JSON-safe copy + SVG fallback), with wall and CPU time
 * (CPU time is what to compare on a busy machine). BENCH_IN_PROCESS_ONLY=1 skips (1).
 */
import { join } from 'node:path';
import { analyze } from '../src/analysis/kernel';
import { createCellApi, toRichValue } from '../src/kernel-bridge/api';
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
  const phases: string[] = [];
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const phase = (name: string): void => {
    const now = performance.now();
    phases.push(`${name} ${seconds(now - wall)} s (CPU ${seconds(cpuMs(cpu))} s)`);
    wall = now;
    cpu = process.cpuUsage();
  };
  const t = await api.tracelab.open(trace);
  phase('open');
  analyze('thread-states', t.experiment);
  phase('analysis (kernel model + thread-states table)');
  const view = t.controlFlow();
  phase('view (thread-states table again + rows + snapshot)');
  const bundle = JSON.stringify(toRichValue(view).data);
  phase(`bundle (${(bundle.length / 1e6).toFixed(2)} MB)`);
  console.log(`in process: ${phases.join(', ')}; total CPU ${seconds(cpuMs(cpu0))} s`);
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
      sizes: Record<string, number>;
    };
    const walls = out.walls.map(w => w.toFixed(3)).join(', ');
    const total = Object.values(out.sizes).reduce((a, b) => a + b, 0);
    console.log(`kernel startup ${out.startup.toFixed(3)} s`);
    console.log(`kernel cell open + controlFlow, wall per run (s): ${walls}  [target < 2 s]`);
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
