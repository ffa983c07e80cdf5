/**
 * `scanSegments` (the lazy path's string scan, which finds each NUL four bytes at a time) against a byte-by-byte
 * scan: random strings (bytes 0x01-0xff, among them the 0x80 and 0x01 patterns a word trick could confuse) at
 * every alignment, empty strings, and strings that run past the limit.
 */
import type { FixedLayout } from '../../src/analysis/formats/ctf/decode/lazy-layout';
import { scanSegments } from '../../src/analysis/formats/ctf/decode/lazy-layout';

/** The reference: segment starts and event end, or -1 - the unterminated string's start. */
function naive(strAt: number[], tail: number, u8: Uint8Array, pos: number, lim: number): number[] | number {
  const starts = [pos];
  for (const at of strAt) {
    let e = pos + at;
    while (e < lim && u8[e] !== 0) e++;
    if (e >= lim) return -1 - (pos + at);
    pos = e + 1;
    starts.push(pos);
  }
  return [...starts, pos + tail];
}

function scan(strAt: number[], tail: number, u8: Uint8Array, pos: number, lim: number): number[] | number {
  const L = { strAt: Int32Array.from(strAt), tail } as unknown as FixedLayout;
  const aux = new Int32Array(strAt.length + 1);
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const e = scanSegments(L, u8, dv, pos, lim, aux, 0);
  return e < 0 ? e : [...aux, e];
}

describe('scanSegments', () => {
  it('finds every NUL as a byte-by-byte scan does, at every alignment and length', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = [0x01, 0x80, 0x81, 0xff, 0x7f, 0x41, 0x00];
    let unterminated = 0;
    for (let k = 0; k < 5000; k++) {
      const u8 = new Uint8Array(96 + 16);
      for (let i = 0; i < u8.length; i++) u8[i] = rnd(3) === 0 ? pick[rnd(pick.length)] : 1 + rnd(255);
      const strAt = [rnd(5), rnd(5)];
      const pos = rnd(8);
      const lim = pos + rnd(90);
      const want = naive(strAt, 3, u8, pos, lim);
      if (typeof want === 'number') unterminated++;
      expect(scan(strAt, 3, u8, pos, lim)).toEqual(want);
    }
    expect(unterminated).toBeGreaterThan(100);
  });

  it('empty strings, strings ending at the limit, and a string with no NUL before it', () => {
    const u8 = Uint8Array.from([0, 0x80, 0x80, 0x80, 0x80, 0, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(scan([0, 0], 0, u8, 0, 12)).toEqual([0, 1, 6, 6]);
    expect(scan([0], 0, u8, 6, 13)).toEqual([6, 13, 13]);
    expect(scan([0], 0, u8, 6, 12)).toBe(-1 - 6);
  });
});
