/**
 * The streaming helpers the text readers share: line splitting across read windows (LF, CR LF, a last line
 * without newline) and record reads through small windows, in and out of file order.
 */
import { MemoryByteSource } from '../../src/analysis/io/byte-source';
import { forEachLine, RecordIndex, RecordReader } from '../../src/analysis/formats/ftrace/record-index';

const text = 'alpha\r\nbeta\n\ngamma-long-line\ndelta';
const src = (): MemoryByteSource => new MemoryByteSource(new TextEncoder().encode(text));

test.each([1, 2, 3, 7, 64])('lines split the same with %d-byte windows', w => {
  const got: [string, number][] = [];
  forEachLine(src(), (b, off) => got.push([new TextDecoder().decode(b), off]), w);
  expect(got).toEqual([
    ['alpha', 0],
    ['beta', 7],
    ['', 12],
    ['gamma-long-line', 13],
    ['delta', 29]
  ]);
});

test('records read back through small windows, in any order; index order is stable by time', () => {
  const idx = new RecordIndex();
  forEachLine(src(), (b, off) => idx.push(BigInt(b.length), off, b.length));
  expect(idx.inOrder).toBe(false);
  expect(Array.from(idx.order())).toEqual([2, 1, 0, 4, 3]);
  expect(idx.seek(idx.order(), 5n)).toBe(2);
  const r = new RecordReader(src(), 4, 0);
  const read = (k: number): string => new TextDecoder().decode(r.read(idx.offset[k], idx.size[k]));
  expect([3, 0, 4, 1].map(read)).toEqual(['gamma-long-line', 'alpha', 'delta', 'beta']);
  expect(idx.timeRange()).toEqual({ start: 0n, end: 15n });
});
