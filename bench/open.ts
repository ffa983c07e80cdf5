/**
 * `node -r ./test/helpers/ts-register.js bench/open.ts [trace...]`: time of opening a CTF trace cold, i.e.
 * the first `openExperiment` call in a fresh node process (what a CLI run or a notebook's first cell pays).
 *
 * The child (`open-child.ts`) is transpiled to plain JavaScript (build-js.ts) and run as a process per
 * measurement (BENCH_RUNS, default 7); each child opens the trace three times in a row and reports the three
 * times, so the table shows the cold open (median and best over the runs) and the warm ones. Default inputs:
 * the large perf trace `bench/out/large/ctf` (of this checkout, else of /work/main) and
 * `tracecompass/many-threads`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildJs, ROOT } from './build-js';

interface ChildResult {
  ms: number[];
  classes: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function defaultTraces(): string[] {
  const large = [path.join(ROOT, 'bench/out/large/ctf'), '/work/main/bench/out/large/ctf'].find(p =>
    fs.existsSync(p)
  );
  const out = large ? [large] : [];
  out.push(path.resolve(ROOT, '../shared/traces/tracecompass/many-threads'));
  return out;
}

function main(args: string[]): void {
  const traces = args.length > 0 ? args : defaultTraces();
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  const js = buildJs(path.join(ROOT, 'bench', 'open-child.ts'));
  console.log(`cold open (first openExperiment in a fresh process), ${runs} runs each; ms`);
  console.log(
    `${'trace'.padEnd(48)} ${'classes'.padStart(7)} ${'median'.padStart(7)} ${'best'.padStart(7)}  warm 2nd/3rd (median)`
  );
  for (const trace of traces) {
    const results: ChildResult[] = [];
    for (let r = 0; r < runs; r++) {
      const out = execFileSync(process.execPath, [js, trace], { encoding: 'utf8' });
      results.push(JSON.parse(out) as ChildResult);
    }
    const first = results.map(x => x.ms[0]);
    const warm = [1, 2].map(k => median(results.map(x => x.ms[k])).toFixed(1)).join(' / ');
    const name = path.relative(path.resolve(ROOT, '..'), trace);
    console.log(
      `${name.padEnd(48)} ${String(results[0].classes).padStart(7)} ${median(first).toFixed(1).padStart(7)} ${Math.min(
        ...first
      )
        .toFixed(1)
        .padStart(7)}  ${warm}`
    );
  }
}

if (require.main === module) main(process.argv.slice(2));
