/**
 * The read-ahead thread (`io/read-ahead.ts`) and the stream cursor's use of it: the bytes it reads are the file's,
 * closing a file waits for its reads in flight, and traces read with every file on read-ahead
 * (`TRACELAB_READ_AHEAD=1`, the default only for files of 16 MB or more) give exactly what reads without it give:
 * the same events and field values, losses, and the same error after the same events on damaged traces. Each
 * trace check also asserts that reads were handed to the thread, so a read-ahead that silently stayed off fails.
 * A read the thread has not begun when its bytes are wanted is taken back (the caller reads them; the thread never
 * writes to its buffer). A read that never completes is given up after its time (no hang), and reading goes on
 * without the thread.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileByteSource, expectReads, nodeFileSystem } from '../../src/analysis/io/byte-source';
import { PendingRead, ReadAhead, sharedBytes } from '../../src/analysis/io/read-ahead';
import { openExperiment } from '../../src/analysis/trace/open';
import { tracePath } from '../helpers/traces';

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? [...x] : x
  );

/** Lets the thread finish a read (a read waited for before it has begun is taken back instead). */
async function settled(r: PendingRead): Promise<PendingRead> {
  for (let k = 0; k < 400 && !r.done; k++) await new Promise(res => setTimeout(res, 5));
  expect(r.done).toBe(true);
  return r;
}

async function started(): Promise<ReadAhead> {
  const ra = ReadAhead.get() as ReadAhead;
  expect(ra).toBeDefined();
  for (let k = 0; k < 400 && !ra.started; k++) await new Promise(r => setTimeout(r, 10));
  expect(ra.started).toBe(true);
  return ra;
}

/** Every event of a trace (ts, class, cpu, stream, every field's value), its losses and the error, if any. */
function read(dir: string, mode: '0' | '1', streaming: boolean): { lines: string[]; error?: string } {
  const before = process.env.TRACELAB_READ_AHEAD;
  process.env.TRACELAB_READ_AHEAD = mode;
  let exp;
  try {
    exp = openExperiment([dir]);
  } finally {
    if (before === undefined) delete process.env.TRACELAB_READ_AHEAD;
    else process.env.TRACELAB_READ_AHEAD = before;
  }
  const lines: string[] = [];
  try {
    for (const b of exp.batches({ streaming })) {
      for (let i = 0; i < b.length; i++) {
        const cls = exp.eventClasses[b.classId[i]];
        const f = cls.fields.map((_, k) => b.value(i, k));
        lines.push(show([String(b.ts[i]), cls.name, b.cpu[i], b.stream[i], f]));
      }
    }
    lines.push(show(exp.losses()));
    return { lines };
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'TraceDataError') throw e;
    return { lines, error: String(e) };
  } finally {
    exp.close();
  }
}

function same(dir: string, streaming: boolean): { events: number; requests: number; error?: string } {
  const ra = ReadAhead.get();
  const off = read(dir, '0', streaming);
  const r0 = ra?.requests ?? 0;
  const on = read(dir, '1', streaming);
  expect(on.error).toEqual(off.error);
  expect(on.lines.length).toBe(off.lines.length);
  for (let k = 0; k < off.lines.length; k++) {
    if (on.lines[k] !== off.lines[k]) {
      expect(`event ${k}: ${on.lines[k]}`).toBe(`event ${k}: ${off.lines[k]}`);
    }
  }
  return { events: off.lines.length - 1, requests: (ra?.requests ?? 0) - r0, error: off.error };
}

describe('read-ahead thread', () => {
  it('reads the bytes of the file at the offset asked, clipped to its end', async () => {
    await started();
    const file = path.join(tracePath('tracecompass/memory'), 'channel0_0');
    const bytes = fs.readFileSync(file);
    process.env.TRACELAB_READ_AHEAD = '1';
    const src = new FileByteSource(file);
    delete process.env.TRACELAB_READ_AHEAD;
    // Without the setting, a file under 16 MB is not read ahead: it has no readAhead at all.
    const small = new FileByteSource(file);
    expect(small.readAhead).toBeUndefined();
    small.close();
    const readAhead = src.readAhead!;
    expect(readAhead).toBeDefined();
    try {
      const into = sharedBytes(100_000);
      const r = readAhead(123_457, into);
      expect(r).toBeDefined();
      expect((await settled(r!)).wait()).toBe(100_000);
      expect(Buffer.from(into).equals(bytes.subarray(123_457, 223_457))).toBe(true);
      const tail = sharedBytes(4096);
      const t = readAhead(bytes.length - 1000, tail);
      expect((await settled(t!)).wait()).toBe(1000);
      expect(Buffer.from(tail.subarray(0, 1000)).equals(bytes.subarray(bytes.length - 1000))).toBe(true);
      expect(readAhead(bytes.length, tail)).toBeUndefined();
    } finally {
      src.close();
    }
  });

  it('closing a file waits for its reads in flight, and takes back those not begun', async () => {
    await started();
    const file = path.join(tracePath('tracecompass/funky_trace'), 'test_stream_0');
    process.env.TRACELAB_READ_AHEAD = '1';
    const src = new FileByteSource(file);
    delete process.env.TRACELAB_READ_AHEAD;
    const reads = [0, 1, 2].map(k => src.readAhead!(k * 1_000_000, sharedBytes(1_000_000))!);
    // The first is begun (or done) before the close; the others may not be.
    while (Atomics.load(reads[0].word, 0) === 0) await new Promise(res => setTimeout(res, 1));
    src.close();
    for (const r of reads) {
      expect(r.done).toBe(true);
      const got = r.wait();
      expect(got === 1_000_000 || got === -1).toBe(true);
      if (got < 0) expect(r.target.every(x => x === 0)).toBe(true);
    }
    expect(reads[0].wait()).toBe(1_000_000);
  });
});

describe('early reads (expectReads, before the metadata is parsed)', () => {
  it("read each stream file's first bytes, which its source takes over once; release drops the rest", async () => {
    await started();
    // Eight stream files, the metadata and an index folder.
    const dir = tracePath('tracecompass/many-threads');
    const files = fs.readdirSync(dir).map(n => path.join(dir, n));
    const streams = files.filter(f => path.basename(f) !== 'metadata' && fs.statSync(f).isFile());
    expect(streams.length).toBeGreaterThan(1);
    process.env.TRACELAB_READ_AHEAD = '1';
    let release: () => void;
    try {
      release = expectReads(nodeFileSystem, files);
    } finally {
      delete process.env.TRACELAB_READ_AHEAD;
    }
    // The metadata file is not read early.
    const meta = new FileByteSource(path.join(dir, 'metadata'));
    expect(meta.takeEarly()).toBeUndefined();
    meta.close();
    const src = new FileByteSource(streams[0]);
    try {
      const early = src.takeEarly();
      expect(early).toBeDefined();
      expect(src.takeEarly()).toBeUndefined();
      const got = (await settled(early!.read)).wait();
      const bytes = fs.readFileSync(streams[0]);
      expect(got).toBe(Math.min(bytes.length, 16 << 20));
      expect(Buffer.from(early!.buf.subarray(0, got)).equals(bytes.subarray(0, got))).toBe(true);
    } finally {
      src.close();
    }
    // The other streams' early reads were not taken: released, so a source opened now has none.
    release();
    const later = new FileByteSource(streams[1]);
    expect(later.takeEarly()).toBeUndefined();
    later.close();
  });
});

describe('reads with read-ahead equal reads without', () => {
  beforeAll(async () => {
    await started();
  });

  // Whether reads go to the thread: every stream's first packet does (the merge prefetches them all before the
  // first is decoded), even mpi-imbalance's perf streams of one packet each.
  it.each([
    ['tracecompass/memory', true, true],
    ['tracecompass/funky_trace', false, true],
    ['tracecompass/hello-lost', true, true],
    ['tracecompass/synctraces/scp_src', true, true],
    ['recorded/mpi-imbalance/ctf', true, true],
    ['tracecompass/many-threads', true, true]
  ])('%s (streaming %s)', (name, streaming, ahead) => {
    const r = same(tracePath(name as string), streaming as boolean);
    expect(r.error).toBeUndefined();
    expect(r.events).toBeGreaterThan(1000);
    if (ahead) expect(r.requests).toBeGreaterThan(0);
    else expect(r.requests).toBe(0);
  });

  it('damaged stream data: the same events, then the same error', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-ahead-'));
    try {
      fs.cpSync(tracePath('tracecompass/memory'), tmp, { recursive: true });
      const file = path.join(tmp, 'channel0_3');
      const size = fs.statSync(file).size;
      const fd = fs.openSync(file, 'r+');
      // Damage late in the file (a packet read ahead), then cut the file short.
      fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, Math.floor(size * 0.8));
      fs.ftruncateSync(fd, Math.floor(size * 0.9));
      fs.closeSync(fd);
      const r = same(tmp, true);
      expect(r.events).toBeGreaterThan(1000);
      expect(r.requests).toBeGreaterThan(0);
      expect(r.error).toMatch(/TraceDataError: .*channel0_3 at byte offset \d+/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

// Last: giving a read up retires the process's thread.
describe('reads the thread has not begun', () => {
  it('are taken back when wanted: wait returns -1 at once, and the thread never writes to their buffer', async () => {
    const ra = await started();
    const file = path.join(tracePath('tracecompass/funky_trace'), 'test_stream_0');
    const bytes = fs.readFileSync(file);
    const fd = fs.openSync(file, 'r');
    try {
      let takenBack = 0;
      let read = 0;
      for (let k = 0; k < 30; k++) {
        // A queue of reads ahead of the last one, so that it is often not begun when waited for.
        const before = [0, 1, 2, 3].map(() => ra.request(fd, 0, sharedBytes(1 << 20))!);
        const target = sharedBytes(4096);
        const r = ra.request(fd, 100_000, target)!;
        const got = r.wait();
        for (const b of before) b.wait();
        await new Promise(res => setTimeout(res, 5));
        if (got < 0) {
          takenBack++;
          expect(r.done).toBe(true);
          expect(target.every(x => x === 0)).toBe(true);
        } else {
          read++;
          expect(got).toBe(4096);
          expect(Buffer.from(target).equals(bytes.subarray(100_000, 104_096))).toBe(true);
        }
      }
      expect(takenBack + read).toBe(30);
      expect(takenBack).toBeGreaterThan(0);
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('a read that never completes', () => {
  it('is given up after its time, and reads go on without the thread', () => {
    const never = new PendingRead(0, 16, sharedBytes(16));
    // Begun by the thread (state 2) and never finished.
    Atomics.store(never.word, 0, 2);
    const t0 = Date.now();
    expect(never.wait(100)).toBe(-1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(ReadAhead.get()).toBeUndefined();
    const r = same(tracePath('tracecompass/funky_trace'), true);
    expect(r.error).toBeUndefined();
    expect(r.events).toBe(100_002);
  });
});
