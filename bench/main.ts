/**
 * `npm run bench [trace...]`: tracelab's trace reader against babeltrace2 2.0.4 on the same input, same run.
 *
 * Default inputs: `tracecompass/many-threads` (LTTng kernel, 240k events), `tracecompass/memory` (LTTng-UST,
 * 328k) and the large perf kernel trace `bench/out/large/ctf` (record it once with `bench/record-large.sh`, 5M+
 * events). For each input, each measured in its own process under `/usr/bin/time -v` (wall time, peak RSS):
 *   - tracelab `decode`: decode every field of every event and do nothing with the values, as babeltrace2's
 *     dummy sink has babeltrace2 do (decode.ts; the like-for-like measure the >= 5x target is judged on);
 *   - tracelab `typed`: every field of every event read and used through the typed accessors;
 *   - tracelab `rows`: the same, each event's fields decoded at once (`readInts`; exact 64-bit words, no BigInt);
 *   - tracelab `values`: every field through the generic value();
 *   - babeltrace2 `-c sink.utils.dummy` (decodes every event, prints nothing);
 *   - tracelab `count`: streaming read touching no field (target: peak RSS < 300 MB whatever the trace size).
 * Printed: events, events/s (tracelab: in-process time from open to end, and whole-process wall time;
 * babeltrace2: wall time), the tracelab/babeltrace2 ratio (target >= 5x for `decode` on the large trace) by wall
 * time and by CPU time (user + system, which a busy machine distorts less), peak RSS.
 * BENCH_REPEAT=N runs N rounds of every measurement (babeltrace2 included, interleaved) and keeps the fastest run
 * of each (for a busy machine); BENCH_MODES=decode,count runs only those modes (`decode` always). Every process, tracelab's and babeltrace2's, runs with glibc's huge-pages tunable
 * (`src/kernel-bridge/huge-pages.ts`), as `tracelab` does.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildJs, ROOT } from './build-js';
import { withHugePages } from '../src/kernel-bridge/huge-pages';

interface Timed {
  code: number | null;
  wallS: number;
  /** User + system CPU seconds of the process (robust to a busy machine, unlike wall time). */
  cpuS: number;
  maxRssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` under /usr/bin/time -v; stdout kept (bounded), time's report parsed from stderr. */
function timed(cmd: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    // Both sides run with the huge-pages tunable the tracelab command sets for itself (babeltrace2 gains from it too).
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: withHugePages()
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      if (stdout.length < 65536) stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-65536)));
    child.on('error', reject);
    child.on('close', code => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
      const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpuS = user && sys ? Number(user[1]) + Number(sys[1]) : NaN;
      resolve({ code, wallS, cpuS, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, stdout, stderr });
    });
  });
}

interface Row {
  trace: string;
  what: string;
  events: number;
  seconds: number;
  wallS: number;
  cpuS: number;
  rssMb: number;
}

/** Keeps the faster of two runs of the same measurement. */
function faster(a: Row | undefined, b: Row): Row {
  return a === undefined || b.seconds < a.seconds ? b : a;
}

async function tracelab(decodeJs: string, mode: string, trace: string): Promise<Row> {
  const t = await timed(process.execPath, [decodeJs, mode, trace]);
  if (t.code !== 0) throw new Error(`tracelab ${mode} ${trace} failed:\n${t.stderr.slice(-3000)}`);
  const r = JSON.parse(t.stdout.trim().split('\n').pop()!) as { events: number; ms: number };
  return {
    trace,
    what: `tracelab ${mode}`,
    events: r.events,
    seconds: r.ms / 1000,
    wallS: t.wallS,
    cpuS: t.cpuS,
    rssMb: t.maxRssMb
  };
}

async function babeltrace2(trace: string, events: number): Promise<Row> {
  const t = await timed('babeltrace2', [trace, '-c', 'sink.utils.dummy']);
  if (t.code !== 0) throw new Error(`babeltrace2 ${trace} failed:\n${t.stderr.slice(-3000)}`);
  return {
    trace,
    what: 'babeltrace2 dummy',
    events,
    seconds: t.wallS,
    wallS: t.wallS,
    cpuS: t.cpuS,
    rssMb: t.maxRssMb
  };
}

const fmt = (n: number, d = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function print(rows: Row[], bt: Row, large: boolean): string[] {
  const verdicts: string[] = [];
  const btRate = bt.events / bt.seconds;
  const btCpuRate = bt.events / bt.cpuS;
  for (const r of [...rows, bt]) {
    const rate = r.events / r.seconds;
    const cpuRate = r.events / r.cpuS;
    const ratio =
      r === bt ? '' : `${fmt(rate / btRate, 2)}x bt2 (by CPU time ${fmt(cpuRate / btCpuRate, 2)}x)`;
    console.log(
      `  ${r.what.padEnd(18)} ${fmt(r.events).padStart(10)} ev  ${fmt(rate).padStart(11)} ev/s  ` +
        `(${fmt(r.seconds, 2)} s; process wall ${fmt(r.wallS, 2)} s, CPU ${fmt(r.cpuS, 2)} s)  ` +
        `peak RSS ${fmt(r.rssMb)} MB  ${ratio}`
    );
  }
  const count = rows.find(r => r.what === 'tracelab count');
  if (large) {
    // The target's measure is `decode`: every field decoded, as babeltrace2's dummy sink has babeltrace2 do. The
    // analysis-like modes (every value then used) are printed next to it.
    const ratioOf = (what: string): [number, number] | undefined => {
      const r = rows.find(x => x.what === `tracelab ${what}`);
      return r && [r.events / r.seconds / btRate, r.events / r.cpuS / btCpuRate];
    };
    const [ratio, cpuRatio] = ratioOf('decode')!;
    const also = ['rows', 'typed']
      .filter(m => ratioOf(m) !== undefined)
      .map(m => `${m} ${fmt(ratioOf(m)![0], 2)}x`)
      .join(', ');
    verdicts.push(
      `${rows[0].trace}: decode every field ${fmt(ratio, 2)}x babeltrace2 by wall time, ` +
        `${fmt(cpuRatio, 2)}x by CPU time (target >= 5x): ${ratio >= 5 ? 'PASS' : 'FAIL'}; ` +
        `every value then used: ${also}`
    );
  }
  if (count) {
    verdicts.push(
      `${count.trace}: streaming count peak RSS ${fmt(count.rssMb)} MB (target < 300 MB): ${count.rssMb < 300 ? 'PASS' : 'FAIL'}`
    );
  }
  return verdicts;
}

export async function main(argv: string[]): Promise<number> {
  const traces = path.join(ROOT, '..', 'shared', 'traces');
  const large = path.join(ROOT, 'bench', 'out', 'large', 'ctf');
  const inputs =
    argv.length > 0
      ? argv
      : [
          path.join(traces, 'tracecompass', 'many-threads'),
          path.join(traces, 'tracecompass', 'memory'),
          large
        ];
  const decodeJs = buildJs(path.join(ROOT, 'bench', 'decode.ts'));
  const verdicts: string[] = [];
  for (const trace of inputs) {
    if (!fs.existsSync(trace)) {
      console.log(
        `${trace}: missing${trace === large ? ' (record it with bench/record-large.sh)' : ''}; skipped`
      );
      continue;
    }
    console.log(`${path.relative(process.cwd(), trace) || trace}`);
    // Rounds of every measurement, babeltrace2 included, one after the other: a machine whose speed drifts
    // over minutes then weighs on both sides alike. The fastest run of each is kept.
    // BENCH_MODES=decode,count: only these (decode, the judged one, always first).
    const all = ['decode', 'typed', 'rows', 'values', 'count'];
    const only = process.env.BENCH_MODES?.split(',');
    const modes = all.filter((m, i) => i === 0 || only === undefined || only.includes(m));
    const kept: (Row | undefined)[] = modes.map(() => undefined);
    let bt: Row | undefined;
    for (let k = 0; k < Math.max(1, Number(process.env.BENCH_REPEAT ?? 1)); k++) {
      for (let m = 0; m < modes.length; m++) {
        kept[m] = faster(kept[m], await tracelab(decodeJs, modes[m], trace));
      }
      bt = faster(bt, await babeltrace2(trace, kept[0]!.events));
    }
    const rows = kept as Row[];
    verdicts.push(...print(rows, bt!, trace === large || rows[0].events >= 5_000_000));
  }
  console.log('\n' + verdicts.join('\n'));
  return 0;
}
