/**
 * Damaged metadata: one flipped bit in plain-text TSDL (`succeed/smalltrace`) and in the text of packetized LTTng
 * metadata (`tracecompass/many-threads`) turns a keyword or a punctuation mark into a syntax or type error: a
 * MetadataError naming the metadata file and the line of the flipped byte (±1: the parser may notice at the next
 * token). A flipped bit in a metadata packet's magic number: a MetadataError. Never a hang, a crash or a raw
 * TypeError.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyTrace, flipBit, metadataPackets, tempDir } from '../helpers/trace-copies';
import { tracePath } from '../helpers/traces';
import { WatchedReader } from '../helpers/watchdog';
import type { ReadOutcome } from '../helpers/watchdog';
import { expectAnswer, READ_TIMEOUT } from './fixtures';

const tmp = tempDir('metadata');
const reader = new WatchedReader();
afterAll(() => {
  reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function expectMetadataError(o: ReadOutcome, metadata: string, line?: number): void {
  expectAnswer(o);
  if (o.kind !== 'done') return;
  expect(o.error?.name ?? `no error after ${o.events} events`).toBe('MetadataError');
  expect(path.resolve(o.error?.file ?? '')).toBe(path.resolve(metadata));
  if (line !== undefined) {
    expect(o.error?.line).toBeGreaterThanOrEqual(line - 1);
    expect(o.error?.line).toBeLessThanOrEqual(line + 1);
  }
}

/** Byte offset (in `text`) of `needle` on 1-based line `line`. */
function offsetOn(text: string, line: number, needle: string): number {
  const start =
    text
      .split('\n')
      .slice(0, line - 1)
      .join('\n').length + (line > 1 ? 1 : 0);
  const i = text.indexOf(needle, start);
  expect(i).toBeGreaterThanOrEqual(start);
  return i;
}

describe('damaged plain-text metadata (smalltrace)', () => {
  const src = tracePath('babeltrace2/ctf-traces/succeed/smalltrace');
  const text = fs.readFileSync(path.join(src, 'metadata'), 'latin1');
  test.each([
    ['`typealias` -> `typealiaS`', 3, 'typealias', 8, 5],
    ['`major = 1;` -> `major = 1:`', 6, ';', 0, 0],
    ['`struct` -> `Struct` (unknown type)', 10, 'struct', 0, 5],
    ['`string` -> `strinG` (unknown type)', 18, 'string', 5, 5],
    ['`{` -> `z`', 5, '{', 0, 0]
  ])('%s on line %d', async (label, line, needle, charIndex, bit) => {
    const dir = copyTrace(src, path.join(tmp, `text-${line}-${bit}-${charIndex}`));
    const meta = path.join(dir, 'metadata');
    const at = offsetOn(text, line, needle) + charIndex;
    flipBit(meta, at, needle === '{' ? 0 : bit);
    if (needle === '{') {
      // 0x7b ^ 0x01 = 0x7a 'z'
      expect(fs.readFileSync(meta, 'latin1')[at]).toBe('z');
    }
    expectMetadataError(await reader.read({ paths: [dir] }, READ_TIMEOUT), meta, line);
    void label;
  });
});

describe('damaged packetized metadata (many-threads)', () => {
  const src = tracePath('tracecompass/many-threads');
  const file = path.join(src, 'metadata');
  const raw = fs.readFileSync(file);
  const packets = metadataPackets(file);
  const text = packets.map(p => raw.subarray(p.start, p.end).toString('latin1')).join('');
  /** File offset of text offset `t` (the text is the packets' payloads end to end). */
  const fileOffset = (t: number): number => {
    for (const p of packets) {
      if (t < p.end - p.start) return p.start + t;
      t -= p.end - p.start;
    }
    throw new Error('beyond the metadata text');
  };
  const lineOf = (t: number): number => text.slice(0, t).split('\n').length;

  test.each([
    ['`struct` -> `Struct` in the trace block', 'packet.header := struct', 'packet.header := '.length, 0],
    ['`integer` -> `integeR` in an event payload', 'integer { size = 32', 6, 0.5],
    ['`event {` -> `event z`', 'event {', 6, 0.5]
  ])('%s', async (_label, needle, k, from) => {
    const t = text.indexOf(needle, Math.floor(text.length * from)) + k;
    expect(t).toBeGreaterThan(k);
    const dir = copyTrace(src, path.join(tmp, `packetized-${t}`), { index: false });
    const meta = path.join(dir, 'metadata');
    flipBit(meta, fileOffset(t), needle.endsWith('{') ? 0 : 5);
    expectMetadataError(await reader.read({ paths: [dir] }, READ_TIMEOUT), meta, lineOf(t));
  });

  it('flipped bit in a metadata packet magic number', async () => {
    expect(packets.length).toBeGreaterThan(1);
    const dir = copyTrace(src, path.join(tmp, 'packetized-magic'), { index: false });
    const meta = path.join(dir, 'metadata');
    flipBit(meta, packets[1].start - 37, 3);
    expectMetadataError(await reader.read({ paths: [dir] }, READ_TIMEOUT), meta);
  });
});
