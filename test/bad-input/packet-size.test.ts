/**
 * A packet whose `packet_size` (packet context) runs past the end of the file: bug446190's `channel0_1` with the
 * size of its 2nd or 3rd packet raised to 16x (the 8-byte field is found by its value, 229376 / 32768 bits, in the
 * packet context). Without the index the reader must trust the packet context: a TraceDataError naming the file and
 * the packet's offset, after the events of the packets before it. With the index (which still gives the true
 * sizes) any answer without a hang or crash, and with every event of the earlier packets, is accepted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findU64LE, tempDir, writeBytes } from '../helpers/trace-copies';
import { WatchedReader } from '../helpers/watchdog';
import {
  eventsInFirstPackets,
  expectAnswer,
  expectDataError,
  packets,
  READ_TIMEOUT,
  singleStream,
  STREAM
} from './fixtures';

const tmp = tempDir('packet-size');
const reader = new WatchedReader();
afterAll(() => {
  reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const P = packets();

function enlarge(file: string, packet: number): void {
  const bits = BigInt(P[packet].size * 8);
  const at = findU64LE(file, bits, P[packet].offset, 96);
  expect(at).toBeGreaterThan(P[packet].offset);
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(bits * 16n);
  writeBytes(file, at, b);
}

describe('packet size beyond the end of the file', () => {
  test.each([
    [1, false],
    [2, false],
    [1, true],
    [2, true]
  ])('packet #%d enlarged, index kept: %s', async (packet, withIndex) => {
    const dir = singleStream(path.join(tmp, `${packet}-${withIndex}`), withIndex);
    const file = path.join(dir, STREAM);
    enlarge(file, packet);
    const before = await eventsInFirstPackets(tmp, packet);
    const o = await reader.read({ paths: [dir] }, READ_TIMEOUT);
    expectAnswer(o);
    if (!withIndex) expectDataError(o, file, P[packet].offset, P[packet].offset + 96);
    expect(o.kind === 'done' && o.events).toBeGreaterThanOrEqual(before);
  });
});
