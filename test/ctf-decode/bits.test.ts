/**
 * Bit readers: every size 1..64 at every bit alignment 0..9, both byte orders, signed and unsigned, against values
 * written by the independent BigInt bit writer of `helpers.ts`; LEB128 against hand-computed encodings.
 */
import { read64, readBE, readLE, readLeb128, signExtend } from '../../src/analysis/formats/ctf/decode/bits';
import { BitWriter } from './helpers';

/** Deterministic pseudo-random 64-bit values (xorshift), with the extremes included. */
function values(size: number): bigint[] {
  const max = (1n << BigInt(size)) - 1n;
  const out = [0n, 1n, max, max >> 1n, (max >> 1n) + 1n];
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < 4; i++) {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    out.push(x & max);
  }
  return out;
}

function toSigned(v: bigint, size: number): bigint {
  return BigInt.asIntN(size, v);
}

describe('bit readers', () => {
  for (const order of ['le', 'be'] as const) {
    const read = order === 'le' ? readLE : readBE;
    it(`reads 1..32-bit ${order} integers at every alignment`, () => {
      for (let size = 1; size <= 32; size++) {
        for (let shift = 0; shift < 10; shift++) {
          for (const v of values(size)) {
            const w = new BitWriter();
            w.int(0xa5, shift, order); // junk before
            w.int(v, size, order);
            w.int(0x5a5a, 13, order); // junk after
            const u8 = w.done();
            expect(read(u8, shift, size)).toBe(Number(v));
            expect(signExtend(read(u8, shift, size), size)).toBe(Number(toSigned(v, size)));
          }
        }
      }
    });

    it(`reads 33..64-bit ${order} integers as halves at every alignment`, () => {
      const out = new Float64Array(2);
      for (let size = 33; size <= 64; size++) {
        for (let shift = 0; shift < 10; shift++) {
          for (const v of values(size)) {
            const w = new BitWriter();
            w.int(0x3c, shift, order);
            w.int(v, size, order);
            w.int(0x1f, 7, order);
            const u8 = w.done();
            read64(u8, shift, size, order === 'be', false, out);
            expect((BigInt(out[1]) << 32n) | BigInt(out[0])).toBe(v);
            read64(u8, shift, size, order === 'be', true, out);
            expect(BigInt(out[1]) * 4294967296n + BigInt(out[0])).toBe(toSigned(v, size));
          }
        }
      }
    });
  }

  it('decodes unsigned and signed LEB128', () => {
    const out = new Float64Array(2);
    const cases: [number[], boolean, bigint][] = [
      [[0x00], false, 0n],
      [[0x7f], false, 127n],
      [[0xe5, 0x8e, 0x26], false, 624485n],
      [[0x80, 0x80, 0x80, 0x80, 0x10], false, 1n << 32n],
      [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], false, 0xffffffffffffffffn],
      [[0x7f], true, -1n],
      [[0xc0, 0xbb, 0x78], true, -123456n],
      [[0x80, 0x80, 0x80, 0x80, 0x70], true, -(1n << 32n)]
    ];
    for (const [bytes, signed, want] of cases) {
      const n = readLeb128(Uint8Array.from(bytes), 0, bytes.length, signed, out);
      expect(n).toBe(bytes.length);
      const got = signed
        ? BigInt(out[1]) * 4294967296n + BigInt(out[0])
        : (BigInt(out[1]) << 32n) | BigInt(out[0]);
      expect(got).toBe(want);
    }
    expect(readLeb128(Uint8Array.from([0x80, 0x80]), 0, 2, false, out)).toBe(0);
  });
});
