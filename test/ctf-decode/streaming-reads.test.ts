/**
 * Streaming reads (`batches({ streaming: true })`: fixed-layout and string classes read lazily from the packet
 * bytes, batch, chunk and packet memory recycled) give exactly what retained reads give (every field decoded into
 * columns, batches kept): same events, timestamps, CPUs, streams, and every field through int, bigint, str and
 * value, on every CTF trace of the corpus, and the same error after the same events on damaged ones. The retained
 * path is itself checked against babeltrace2 by the parity suite (which reads streaming).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import type { EventBatch, Experiment, ReadOptions } from '../../src/analysis/trace/types';
import { LazyView } from '../../src/analysis/formats/ctf/reader/lazy-view';
import { listCtfTraceFolders, relName, tracePath } from '../helpers/traces';

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? [...x] : x
  );

/** One line per event: ts, class, cpu, stream and every field through the four accessors. */
function dump(
  exp: Experiment,
  streaming: boolean,
  opts: ReadOptions = {}
): { lines: string[]; error?: string } {
  const lines: string[] = [];
  const one = (b: EventBatch, i: number): string => {
    const cls = exp.eventClasses[b.classId[i]];
    const r = b.readerOf(i);
    const row = b.rowOf(i);
    const f = cls.fields.map((_, k) => [
      b.int(i, k),
      b.bigint(i, k),
      b.str(i, k),
      b.value(i, k),
      r.int(row, k)
    ]);
    return show([String(b.ts[i]), cls.name, b.cpu[i], b.stream[i], f]);
  };
  try {
    for (const b of exp.batches({ ...opts, streaming })) {
      for (let i = 0; i < b.length; i++) lines.push(one(b, i));
    }
  } catch (e) {
    // Only the reader's data errors are part of the comparison; anything else is a defect of the test or reader.
    if (!(e instanceof Error) || e.name !== 'TraceDataError') throw e;
    return { lines, error: String(e) };
  }
  return { lines };
}

function compare(paths: string[], opts: ReadOptions = {}): { events: number; lazy: number; error?: string } {
  const a = openExperiment(paths);
  const b = openExperiment(paths);
  try {
    const retained = dump(a, false, opts);
    const streamed = dump(b, true, opts);
    expect(streamed.error).toEqual(retained.error);
    expect(streamed.lines.length).toBe(retained.lines.length);
    for (let k = 0; k < retained.lines.length; k++) {
      if (streamed.lines[k] !== retained.lines[k]) {
        expect(`event ${k}: ${streamed.lines[k]}`).toBe(`event ${k}: ${retained.lines[k]}`);
      }
    }
    return { events: retained.lines.length, lazy: countLazy(b), error: retained.error };
  } finally {
    a.close();
    b.close();
  }
}

/** Events served by lazy views in a streaming read. */
function countLazy(exp: Experiment): number {
  let n = 0;
  try {
    for (const b of exp.batches({ streaming: true })) {
      for (let i = 0; i < b.length; i++) if (b.readerOf(i) instanceof LazyView) n++;
    }
  } catch {
    // Damaged traces: the events before the damage are counted.
  }
  return n;
}

function opens(dir: string): boolean {
  try {
    openExperiment([dir]).close();
    return true;
  } catch {
    return false;
  }
}

// Traces refused at open (bad metadata, bad packet headers) never reach the two read paths.
const traces = listCtfTraceFolders().filter(t => fs.existsSync(path.join(t, 'metadata')) && opens(t));

describe('streaming reads equal retained reads', () => {
  it.each(traces.map(t => [relName(t), t]))('%s', (_name, dir) => {
    compare([dir as string]);
  });

  it('reads most events of real kernel and perf traces lazily', () => {
    const many = compare([tracePath('tracecompass/many-threads')]);
    expect(many.lazy / many.events).toBeGreaterThan(0.5);
    const perf = compare([tracePath('tracecompass/perf-taskset2')]);
    expect(perf.lazy / perf.events).toBeGreaterThan(0.9);
  });

  it('small batches: chunks are released only after every batch holding their events', () => {
    compare([tracePath('tracecompass/many-threads')], { batchSize: 7 });
  });

  it('time windows and class filters', () => {
    const dir = tracePath('tracecompass/many-threads');
    const exp = openExperiment([dir]);
    const range = exp.timeRange() as { start: bigint; end: bigint };
    const ids = exp.eventClasses.filter(c => /^(sched_switch|syscall_exit_)/.test(c.name)).map(c => c.id);
    exp.close();
    const third = (range.end - range.start) / 3n;
    const window = { start: range.start + third, end: range.end - third };
    const w = compare([dir], window);
    expect(w.error).toBeUndefined();
    expect(w.events).toBeGreaterThan(1000);
    expect(compare([dir], { classIds: new Set(ids) }).events).toBeGreaterThan(1000);
    expect(compare([dir], { ...window, classIds: new Set(ids), batchSize: 100 }).events).toBeGreaterThan(100);
    const perf = tracePath('tracecompass/perf-taskset2');
    const p = openExperiment([perf]);
    const pr = p.timeRange() as { start: bigint; end: bigint };
    const pids = p.eventClasses.filter(c => c.name.startsWith('sched:')).map(c => c.id);
    p.close();
    const mid = pr.start + (pr.end - pr.start) / 2n;
    expect(compare([perf], { start: mid, classIds: new Set(pids) }).events).toBeGreaterThan(10);
  });

  it('damaged event data: the same events, then the same error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-stream-'));
    try {
      const src = tracePath('tracecompass/perf-taskset2');
      fs.cpSync(src, tmp, { recursive: true });
      const stream = fs.readdirSync(tmp).find(f => f !== 'metadata' && !f.startsWith('.')) as string;
      const file = path.join(tmp, stream);
      // Overwrite a run of event bytes with 0xff in the middle of the stream (an unknown event class id).
      const size = fs.statSync(file).size;
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, Math.floor(size / 2));
      fs.closeSync(fd);
      const r = compare([tmp]);
      expect(r.events).toBeGreaterThan(100);
      expect(r.lazy).toBeGreaterThan(100);
      expect(r.error).toMatch(/TraceDataError: .*perf_stream_0 at byte offset \d+: unknown event class id/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
