/**
 * Fuzzing the trace reader: random bit flips and truncations of small real traces (metadata — plain TSDL,
 * packetized, CTF 2 JSON — and stream files; LTTng kernel/UST, perf, barectf, CTF-writer), many iterations within
 * a time budget, each read run under a watchdog in a separate process (two in parallel). A read may succeed or
 * fail with a documented error (MetadataError, TraceDataError); a hang (no answer within the watchdog time), a
 * crash of the reading process (out of memory, abort) or any other error class (TypeError, RangeError, ...) is a
 * failure, reported with the seed, the iteration and the mutations, and the mutated trace is kept for reproducing.
 *
 * Knobs (environment): FUZZ_SECONDS (default 60), FUZZ_SEED (default 20250101), FUZZ_ONLY=<iteration> (replay one),
 * FUZZ_TIMEOUT_MS (watchdog, default 10000).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendSummary } from '../helpers/summary';
import { copyTrace, flipBit, prng, tempDir, truncateFile } from '../helpers/trace-copies';
import { tracePath } from '../helpers/traces';
import { EXPECTED_ERRORS, outcomeText, WatchedReader } from '../helpers/watchdog';
import type { ReadOutcome } from '../helpers/watchdog';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20250101);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const TIMEOUT = Number(process.env.FUZZ_TIMEOUT_MS ?? 10_000);
const WORKERS = 2;

const CORPUS = [
  'babeltrace2/ctf-traces/succeed/smalltrace',
  'babeltrace2/ctf-traces/succeed/wk-heartbeat-u',
  'babeltrace2/ctf-traces/succeed/trace-with-index',
  'babeltrace2/ctf-traces/succeed/meta-variant-no-underscore',
  'babeltrace2/ctf-traces/succeed/sequence',
  'babeltrace2/ctf-traces/succeed/struct-array-align-elem',
  'babeltrace2/ctf-traces/succeed/multi-domains/kernel',
  'tracecompass/ctf-sequence-empty',
  'tracecompass/debuginfo-synth-exec',
  'tracecompass/mpi_gather',
  'tracecompass/perf-taskset2',
  'tracecompass/context-switches/context-switches-ust',
  'tracecompass/flipping-endianness',
  'tracecompass/CTF2-7.0-smalltrace',
  'tracecompass/CTF2-7.0-meta-variant-no-underscore',
  'tracecompass/CTF2-vl-ints-mappings'
];

interface Mutation {
  file: string;
  kind: 'flip' | 'truncate';
  offset: number;
  bit?: number;
}

interface Failure {
  iteration: number;
  trace: string;
  mutations: Mutation[];
  outcome: string;
  kept: string;
}

/** Files of a trace folder that may be damaged (metadata and streams; not the index). */
function targets(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isFile() && fs.statSync(path.join(dir, e.name)).size > 0)
    .map(e => e.name)
    .sort();
}

/** The mutations of iteration `i` (a function of SEED and i only). */
function plan(i: number, dir: string): Mutation[] {
  const rnd = prng((SEED * 1_000_003 + i) >>> 0);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const files = targets(dir);
  const out: Mutation[] = [];
  const count = 1 + Math.floor(rnd() * 3);
  for (let m = 0; m < count; m++) {
    const file =
      rnd() < 0.3 && files.includes('metadata') ? 'metadata' : pick(files.filter(f => f !== 'metadata'));
    if (file === undefined) continue;
    const size = fs.statSync(path.join(dir, file)).size;
    // half of the damage lands in the first 256 bytes (packet header and context, the metadata preamble)
    const offset = Math.floor((rnd() < 0.5 ? Math.min(size, 256) : size) * rnd());
    if (rnd() < 0.2) out.push({ file, kind: 'truncate', offset });
    else {
      const flips = 1 + Math.floor(rnd() * 8);
      for (let f = 0; f < flips; f++) {
        const o = Math.min(size - 1, offset + Math.floor(rnd() * 64));
        out.push({ file, kind: 'flip', offset: o, bit: Math.floor(rnd() * 8) });
      }
    }
  }
  return out;
}

function apply(dir: string, muts: Mutation[]): void {
  for (const m of muts) {
    const f = path.join(dir, m.file);
    if (m.kind === 'truncate') truncateFile(f, Math.min(m.offset, fs.statSync(f).size));
    else if (m.offset < fs.statSync(f).size) flipBit(f, m.offset, m.bit!);
  }
}

function judge(o: ReadOutcome): string | undefined {
  if (o.kind !== 'done') return outcomeText(o);
  if (o.error === undefined) return undefined;
  if (!EXPECTED_ERRORS.includes(o.error.name)) return outcomeText(o);
  if (o.error.message.length < 5) return `empty message: ${outcomeText(o)}`;
  if (o.error.name === 'TraceDataError' && (o.error.file === undefined || o.error.offset === undefined)) {
    return `TraceDataError without file/offset: ${outcomeText(o)}`;
  }
  return undefined;
}

describe('fuzz: bit flips and truncations of real traces', () => {
  it(
    `no crash, no hang, only documented errors (seed ${SEED}, ${SECONDS} s)`,
    async () => {
      const tmp = tempDir('fuzz');
      const keepDir = tempDir('fuzz-failures');
      const pristine = CORPUS.map(rel =>
        copyTrace(tracePath(rel), path.join(tmp, 'pristine', rel.replace(/\//g, '_')))
      );
      const readers = Array.from({ length: WORKERS }, () => new WatchedReader(768));
      const failures: Failure[] = [];
      const stats = { iterations: 0, ok: 0, metadataError: 0, traceDataError: 0, events: 0 };
      const deadline = Date.now() + SECONDS * 1000;
      let next = ONLY ?? 0;

      const worker = async (reader: WatchedReader): Promise<void> => {
        while (ONLY === undefined ? Date.now() < deadline : next === ONLY) {
          const i = next++;
          const t = i % CORPUS.length;
          const dir = copyTrace(pristine[t], path.join(tmp, `it-${i}`));
          const muts = plan(i, dir);
          apply(dir, muts);
          // Odd iterations read streaming (lazy fields, recycled memory), even ones with retained batches.
          const o = await reader.read({ paths: [dir], streaming: i % 2 === 1 }, TIMEOUT);
          stats.iterations++;
          if (o.kind === 'done') {
            stats.events += o.events;
            if (!o.error) stats.ok++;
            else if (o.error.name === 'MetadataError') stats.metadataError++;
            else if (o.error.name === 'TraceDataError') stats.traceDataError++;
          }
          const bad = judge(o);
          if (bad !== undefined) {
            const kept = path.join(keepDir, `seed-${SEED}-it-${i}`);
            fs.renameSync(dir, kept);
            failures.push({ iteration: i, trace: CORPUS[t], mutations: muts, outcome: bad, kept });
          } else {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }
      };
      try {
        await Promise.all(readers.map(worker));
      } finally {
        readers.forEach(r => r.close());
        fs.rmSync(tmp, { recursive: true, force: true });
        if (failures.length === 0) fs.rmSync(keepDir, { recursive: true, force: true });
      }
      appendSummary('fuzz', { seed: SEED, seconds: SECONDS, ...stats, failures: failures.length });
      const report = failures
        .slice(0, 10)
        .map(
          f =>
            `iteration ${f.iteration} (${f.trace}; replay: FUZZ_SEED=${SEED} FUZZ_ONLY=${f.iteration}; kept: ${f.kept})\n` +
            `  mutations: ${JSON.stringify(f.mutations)}\n  ${f.outcome}`
        );
      expect(report).toEqual([]);
      expect(stats.iterations).toBeGreaterThan(ONLY === undefined ? 50 : 0);
    },
    (SECONDS + 120) * 1000
  );
});
