/**
 * Truncated stream files (a copy of bug446190's `channel0_1`, 3 packets, cut at several offsets; with and
 * without the LTTng index, which still describes the whole file): the read answers (no hang, no crash), ends with
 * a TraceDataError naming the stream file and an offset inside the damaged packet, and first returns every event
 * of the complete packets before the cut (babeltrace2's count of the file cut at the last packet boundary), equal
 * to the intact file's first events. A cut exactly at a packet boundary is a valid, shorter trace. Then the same
 * on the whole 4-stream trace: every event (all streams, time order) up to the last event of the damaged stream's
 * last good packet comes out first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyTrace, tempDir, truncateFile } from '../helpers/trace-copies';
import { WatchedReader } from '../helpers/watchdog';
import type { ReadAnswer } from '../helpers/watchdog';
import {
  eventsInFirstPackets,
  expectAnswer,
  expectDataError,
  expectPrefixOf,
  packets,
  READ_TIMEOUT,
  singleStream,
  SRC,
  STREAM
} from './fixtures';

const tmp = tempDir('truncated');
const reader = new WatchedReader();
afterAll(() => {
  reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const P = packets();
/** [label, cut offset, complete packets before the cut] */
const CUTS: [string, number, number][] = [
  ['inside the first packet header', 10, 0],
  ['inside the first packet context', 40, 0],
  ['inside the first packet events', 100_000, 0],
  ['2nd packet header', P[1].offset + 10, 1],
  ['2nd packet events', P[1].offset + 20_000, 1],
  ['3rd packet, last byte missing', P[2].offset + P[2].size - 1, 2]
];

let intact: ReadAnswer;
const complete = new Map<number, number>();

beforeAll(async () => {
  const o = await reader.read({ paths: [singleStream(path.join(tmp, 'intact'))], keep: 1e6 }, READ_TIMEOUT);
  expectAnswer(o);
  intact = o as ReadAnswer;
  expect(intact.error).toBeUndefined();
  for (const n of [0, 1, 2, 3]) complete.set(n, await eventsInFirstPackets(tmp, n));
  expect(intact.events).toBe(complete.get(3));
}, 120_000);

describe('truncated stream file', () => {
  it('has a 3-packet stream', () =>
    expect(P.map(p => [p.offset, p.size])).toEqual([
      [0, 262144],
      [262144, 28672],
      [290816, 4096]
    ]));

  describe.each([
    ['with index', true],
    ['without index', false]
  ])('%s', (_l, withIndex) => {
    test.each(CUTS)('cut %s (byte %d)', async (label, cut, done) => {
      const dir = singleStream(path.join(tmp, `${withIndex}-${cut}`), withIndex);
      const file = path.join(dir, STREAM);
      truncateFile(file, cut);
      const o = await reader.read({ paths: [dir], keep: 1e6 }, READ_TIMEOUT);
      expectAnswer(o);
      const pk = P[done];
      const lostEvents = cut < pk.offset + pk.contentSize;
      if (lostEvents || o.error) expectDataError(o, file, pk.offset, pk.offset + pk.size);
      expect(o.kind === 'done' && o.events).toBeGreaterThanOrEqual(complete.get(done)!);
      expect(o.kind === 'done' && o.events).toBeLessThanOrEqual(intact.events);
      if (o.kind === 'done') expectPrefixOf(o, intact);
      void label;
    });

    it('cut exactly at a packet boundary: a valid shorter trace', async () => {
      const dir = singleStream(path.join(tmp, `${withIndex}-boundary`), withIndex);
      truncateFile(path.join(dir, STREAM), P[1].offset);
      const o = await reader.read({ paths: [dir], keep: 1e6 }, READ_TIMEOUT);
      expectAnswer(o);
      if (withIndex && o.kind === 'done' && o.error) {
        // the index still lists the two packets that are gone: an error is acceptable, after the good events
        expectDataError(o, path.join(dir, STREAM), P[1].offset, P[1].offset + P[1].size);
      } else {
        expect(o.kind === 'done' && o.error).toBeFalsy();
      }
      expect(o.kind === 'done' && o.events).toBe(complete.get(1));
    });

    it('empty stream file (cut at 0): no events', async () => {
      const dir = singleStream(path.join(tmp, `${withIndex}-zero`), withIndex);
      truncateFile(path.join(dir, STREAM), 0);
      const o = await reader.read({ paths: [dir] }, READ_TIMEOUT);
      expectAnswer(o);
      expect(o.kind === 'done' && o.events).toBe(0);
    });
  });

  it('whole 4-stream trace with one stream cut: the events before the damage, in time order, then the error', async () => {
    const full = await reader.read(
      { paths: [copyTrace(SRC, path.join(tmp, 'full-intact'))], keep: 1e6 },
      READ_TIMEOUT
    );
    expectAnswer(full);
    const dir = copyTrace(SRC, path.join(tmp, 'full-cut'), { index: false });
    const file = path.join(dir, STREAM);
    truncateFile(file, P[1].offset + 20_000);
    const o = await reader.read({ paths: [dir], keep: 1e6 }, READ_TIMEOUT);
    expectDataError(o, file, P[1].offset, P[1].offset + P[1].size);
    // every event (of any stream) up to the last event of channel0_1's last good packet comes out first
    const lastGood = JSON.parse(intact.kept[complete.get(1)! - 1]) as [string];
    const before = (full as ReadAnswer).kept.filter(
      k => BigInt((JSON.parse(k) as [string])[0]) <= BigInt(lastGood[0])
    );
    expect(o.kind === 'done' && o.events).toBeGreaterThanOrEqual(before.length);
    if (o.kind === 'done') expectPrefixOf(o, full as ReadAnswer);
  });
});
