/**
 * Child process of `bench/open.ts` (transpiled by build-js.ts, run as plain JavaScript): `node open-child.js
 * <trace>` opens the trace three times in a row with `openExperiment` and prints one JSON line
 * `{ms, classes}`, `ms` being the three open times. Imports nothing but the opening code, so that the first
 * open is as cold as a CLI run's.
 */
import { openExperiment } from '../src/analysis/trace/open';

function openTimes(trace: string): { ms: number[]; classes: number } {
  const ms: number[] = [];
  let classes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const exp = openExperiment([trace]);
    ms.push(performance.now() - t0);
    classes = exp.eventClasses.length;
    exp.close();
  }
  return { ms, classes };
}

process.stdout.write(JSON.stringify(openTimes(process.argv[2])) + '\n');
