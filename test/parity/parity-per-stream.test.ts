/**
 * Traces babeltrace2's muxer cannot merge (`hello-lost`, `synctraces/scp_src`, `synctraces/scp_dest`: packets whose
 * end timestamp runs past the next packet's first event; babeltrace2 stops with "Youngest upstream message
 * iterator wrapper's timestamp is less than muxer's"). Each stream is compared alone: babeltrace2 reads a copy
 * holding the metadata and that one stream file, connected source -> sink without a muxer; tracelab reads the
 * original trace (all streams merged) and its events of that stream are compared, and its discarded-event counts
 * (hello-lost: 967,700 in channel1_2) against tracelab's `losses()` of that stream. Then the synctraces session:
 * both hosts in one experiment, every event present and in time order.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PER_STREAM } from './corpus';
import { expectParity } from './run-parity';
import { streamFiles, tracePath } from '../helpers/traces';
import { openExperiment, TlCursor } from '../helpers/tracelab-events';
import type { Experiment } from '../../src/analysis/trace/types';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-per-stream-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Global stream indexes of `exp` whose label names the stream file `file`. */
function streamsNamed(exp: Experiment, file: string): Set<number> {
  const out = new Set<number>();
  const base = path.basename(file);
  const total = exp.traces.reduce((n, t) => n + t.streams, 0);
  for (let s = 0; s < total; s++) {
    const name = exp.streamName(s);
    if (name === base || name.endsWith('/' + base)) out.add(s);
  }
  return out;
}

/** metadata + one stream file in a fresh temp folder. */
function singleStreamCopy(traceDir: string, file: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, path.basename(traceDir) + '-'));
  fs.copyFileSync(path.join(traceDir, 'metadata'), path.join(dir, 'metadata'));
  fs.copyFileSync(file, path.join(dir, path.basename(file)));
  return dir;
}

const cases = PER_STREAM.flatMap(rel =>
  streamFiles(tracePath(rel)).map(f => [`${rel}/${path.basename(f)}`, rel, f] as const)
);
const totals = new Map<string, number>();
/** Event counts from the corpus README (Trace Compass's reading). */
const KNOWN: Record<string, number> = {
  'tracecompass/hello-lost': 32_300,
  'tracecompass/synctraces/scp_src': 110_771,
  'tracecompass/synctraces/scp_dest': 85_729
};

describe('per-stream parity with babeltrace2 (muxer-less) for traces its muxer refuses', () => {
  test.each(cases)(
    '%s',
    async (label, rel, file) => {
      const copy = singleStreamCopy(tracePath(rel), file);
      const report = await expectParity('parity-per-stream', label, [copy], {
        muxer: false,
        tlInputs: [tracePath(rel)],
        streams: exp => {
          const s = streamsNamed(exp, file);
          expect(s.size).toBe(1);
          return s;
        },
        checkLosses: false
      });
      totals.set(rel, (totals.get(rel) ?? 0) + report.bt2Events);
    },
    300_000
  );

  test.each(PER_STREAM)(
    '%s: tracelab reads all streams, nothing more (sum of the per-stream counts)',
    rel => {
      const exp = openExperiment([tracePath(rel)]);
      try {
        const cur = new TlCursor(exp, { values: false });
        while (cur.next() !== undefined);
        expect(cur.error).toBeUndefined();
        expect(cur.count).toBe(KNOWN[rel]);
        if (totals.has(rel)) expect(totals.get(rel)).toBe(KNOWN[rel]);
      } finally {
        exp.close();
      }
    }
  );

  it('session tracecompass/synctraces: both hosts as one experiment, time-ordered, all events', () => {
    const exp = openExperiment([tracePath('tracecompass/synctraces')]);
    try {
      expect(exp.traces.length).toBe(2);
      const perTrace = new Map<number, number>();
      const cur = new TlCursor(exp, { values: false });
      let prev = -(2n ** 63n);
      let disorder = 0;
      for (let ev = cur.next(); ev !== undefined; ev = cur.next()) {
        if (ev.ts < prev) disorder++;
        prev = ev.ts;
        perTrace.set(ev.cls.traceIndex, (perTrace.get(ev.cls.traceIndex) ?? 0) + 1);
      }
      expect(cur.error).toBeUndefined();
      expect(disorder).toBe(0);
      const byHost = Object.fromEntries(exp.traces.map(t => [path.basename(t.path), perTrace.get(t.index)]));
      expect(byHost).toEqual({
        scp_src: KNOWN['tracecompass/synctraces/scp_src'],
        scp_dest: KNOWN['tracecompass/synctraces/scp_dest']
      });
    } finally {
      exp.close();
    }
  });
});
