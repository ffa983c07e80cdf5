/**
 * Packet-level decoding on hand-made LTTng-like streams: compact and extended event headers, timestamp extension
 * across 27-bit wraps, clock offsets, packet sizes and padding, several packets and streams merged by time,
 * discarded events and lost packets, seeks, and the clear errors (with the good events first) for damaged data.
 */
import { TraceDataError } from '../../src/analysis/trace/types';
import type { Experiment } from '../../src/analysis/trace/types';
import { CtfTrace } from '../../src/analysis/formats/ctf/reader/ctf-trace';
import { SourceExperiment } from '../../src/analysis/trace/experiment';
import { MemFs, memExperiment, readAll } from './helpers';
import type { Ev } from './lttng-like';
import { concat, lttngLikeClass, packet } from './lttng-like';

const BASE = 1000n * 1000000000n + 5n; // offset_s = 1000, offset = 5 cycles at 1 GHz
const small = (ts: bigint, x: number, extended = false): Ev => ({
  id: 0,
  ts,
  body: w => w.int(x, 32, 'le', 8),
  extended
});
const big = (ts: bigint, s: string): Ev => ({ id: 40, ts, body: w => w.cstring(s) });

function names(x: Experiment): string[] {
  return readAll(x).map(e => `${e.ts - BASE}:${e.name}:${JSON.stringify(e.fields)}:${e.cpu}`);
}

describe('packets and event headers', () => {
  const W = 1n << 27n;

  it('extends 27-bit compact timestamps across wraps and reads extended headers', () => {
    const evs = [
      small(W - 5n, 1),
      small(W + 3n, 2),
      small(3n * W + 1n, 3),
      big(3n * W + 2n, 'hi'),
      small(5n * W, 4)
    ];
    const p = packet(evs, { begin: W - 10n, end: 5n * W, cpu: 3, padding: 13 });
    const x = memExperiment(lttngLikeClass(), { chan_0: p });
    expect(names(x)).toEqual([
      `${W - 5n}:small:{"x":1}:3`,
      `${W + 3n}:small:{"x":2}:3`,
      `${3n * W + 1n}:small:{"x":3}:3`,
      `${3n * W + 2n}:big_id:{"s":"hi"}:3`,
      `${5n * W}:small:{"x":4}:3`
    ]);
  });

  it('detects a wrap of the low 27 bits even when the packet begins just below the boundary', () => {
    // begin's low 27 bits are all ones: the next compact value (0) must carry into bit 27.
    const begin = 7n * W - 1n;
    const p = packet([small(7n * W, 1), small(7n * W + 2n, 2)], { begin, end: 7n * W + 2n });
    expect(readAll(memExperiment(lttngLikeClass(), { chan_0: p })).map(e => e.ts - BASE)).toEqual([
      7n * W,
      7n * W + 2n
    ]);
  });

  it('reads several packets and merges streams by time (ties by stream order)', () => {
    const a = concat(
      packet([small(10n, 1), small(30n, 2)], { begin: 10n, end: 30n, seq: 0n, cpu: 0, padding: 7 }),
      packet([small(50n, 3)], { begin: 40n, end: 50n, seq: 1n, cpu: 0 })
    );
    const b = packet([small(20n, 10), small(30n, 11), small(60n, 12)], { begin: 20n, end: 60n, cpu: 1 });
    const x = memExperiment(lttngLikeClass(), { chan_0: a, chan_1: b });
    expect(readAll(x).map(e => `${e.ts - BASE}/${e.fields.x}/${e.cpu}`)).toEqual([
      '10/1/0',
      '20/10/1',
      '30/2/0',
      '30/11/1',
      '50/3/0',
      '60/12/1'
    ]);
    expect(x.traces[0].streams).toBe(2);
    expect(x.streamName(1)).toBe('t/chan_1');
    expect(x.timeRange()).toEqual({ start: BASE + 10n, end: BASE + 60n });
  });

  it('reports discarded events and lost packets', () => {
    const s = concat(
      packet([small(10n, 1)], { begin: 10n, end: 15n, seq: 0n, discarded: 0n }),
      packet([small(20n, 2)], { begin: 20n, end: 25n, seq: 1n, discarded: 4n }),
      packet([small(40n, 3)], { begin: 40n, end: 45n, seq: 4n, discarded: 4n })
    );
    const x = memExperiment(lttngLikeClass(), { chan_0: s });
    expect(readAll(x)).toHaveLength(3);
    const losses = x.losses().map(l => `${l.kind}:${l.count}:${l.start - BASE}-${l.end - BASE}`);
    expect(losses).toEqual(['events:4:15-25', 'packets:2:25-40']);
  });

  it('seeks with a start time: one binary search in the packet index, then events >= start only', () => {
    const pkts = [];
    for (let k = 0n; k < 20n; k++) {
      pkts.push(
        packet([small(k * 100n, Number(k)), small(k * 100n + 50n, 1000 + Number(k))], {
          begin: k * 100n,
          end: k * 100n + 50n,
          seq: k
        })
      );
    }
    const x = memExperiment(lttngLikeClass(), { chan_0: concat(...pkts) });
    const all = readAll(x).map(e => e.ts);
    for (const start of [0n, 1n, 550n, 551n, 1949n, 1950n, 5000n]) {
      const got: bigint[] = [];
      for (const bt of x.batches({ start: BASE + start })) got.push(...bt.ts);
      expect(got).toEqual(all.filter(t => t >= BASE + start));
    }
    const ranged: bigint[] = [];
    for (const bt of x.batches({ start: BASE + 300n, end: BASE + 650n })) ranged.push(...bt.ts);
    expect(ranged.map(t => t - BASE)).toEqual([300n, 350n, 400n, 450n, 500n, 550n, 600n, 650n]);
  });

  it('reads a fraction of the file for a seek near the end (index lookup, then one packet)', () => {
    const pkts = [];
    for (let k = 0n; k < 64n; k++) {
      pkts.push(
        packet([small(k * 100n, Number(k))], { begin: k * 100n, end: k * 100n + 50n, seq: k, padding: 65000 })
      );
    }
    const bytes = concat(...pkts);
    const files = new Map<string, Uint8Array>([
      ['/t/metadata', new Uint8Array(1)],
      ['/t/chan_0', bytes]
    ]);
    let read = 0;
    const fsa = new MemFs(files);
    const open = fsa.open.bind(fsa);
    fsa.open = (p: string) => {
      const src = open(p);
      return {
        name: src.name,
        size: src.size,
        read: (o: number, n: number) => {
          const r = src.read(o, n);
          read += r.length;
          return r;
        },
        readInto: (o: number, t: Uint8Array) => {
          const n = src.readInto!(o, t);
          read += n;
          return n;
        },
        close: () => src.close()
      };
    };
    const x = new SourceExperiment([new CtfTrace('/t', fsa, lttngLikeClass(), '/t/metadata', 't')]);
    read = 0;
    const got: bigint[] = [];
    for (const b of x.batches({ start: BASE + 6200n })) got.push(...b.ts);
    expect(got.map(t => t - BASE)).toEqual([6200n, 6300n]);
    expect(read).toBeLessThan(bytes.length / 4);
  });

  it('filters event classes without decoding the others', () => {
    const p = packet([small(1n, 1), big(2n, 'a'), small(3n, 2), big(4n, 'b')], { begin: 0n, end: 4n });
    const x = memExperiment(lttngLikeClass(), { chan_0: p });
    const id = x.eventClasses.findIndex(c => c.name === 'big_id');
    const got: string[] = [];
    for (const b of x.batches({ classIds: new Set([id]) })) {
      for (let i = 0; i < b.length; i++) got.push(b.str(i, 0) ?? '');
    }
    expect(got).toEqual(['a', 'b']);
  });

  it('yields the events before damage, then a TraceDataError naming the file and byte offset', () => {
    const good = packet([small(1n, 1), small(2n, 2)], { begin: 0n, end: 2n });
    // Third event: extended header with an unknown class id 99.
    const bad = packet([small(1n, 1), small(2n, 2), { id: 99, ts: 3n, body: () => {}, extended: true }], {
      begin: 0n,
      end: 3n
    });
    const x = memExperiment(lttngLikeClass(), { chan_0: concat(good, bad) });
    const seen: number[] = [];
    let err: unknown;
    try {
      for (const b of x.batches()) for (let i = 0; i < b.length; i++) seen.push(b.int(i, 0));
    } catch (e) {
      err = e;
    }
    expect(seen).toEqual([1, 2, 1, 2]);
    expect(err).toBeInstanceOf(TraceDataError);
    const e = err as TraceDataError;
    expect(e.file).toBe('/t/chan_0');
    // header 8 + context 52 bytes, two 8-byte compact events: the bad event starts at byte 76 of the 2nd packet.
    expect(e.offset).toBe(good.length + 76);
    expect(e.message).toMatch(/unknown event class id 99/);
  });

  it('refuses bad magic numbers, packets beyond the file and truncated files with TraceDataError', () => {
    const ok = packet([small(1n, 1)], { begin: 0n, end: 1n });
    const badMagic = packet([small(1n, 1)], { begin: 0n, end: 1n, magic: 0x12345678 });
    const open = (b: Uint8Array) => readAll(memExperiment(lttngLikeClass(), { chan_0: b }));
    expect(() => open(badMagic)).toThrow(/bad packet magic number 0x12345678/);
    const beyond = packet([small(1n, 1)], { begin: 0n, end: 1n, padding: 100 }).subarray(0, 80);
    expect(() => open(concat(ok, beyond))).toThrow(/runs past the end of the file/);
    for (let cut = 1; cut < ok.length; cut += 7) {
      let thrown: unknown;
      try {
        open(ok.subarray(0, cut));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(TraceDataError);
    }
  });
});
