/**
 * The compiled decoder on integers: every size 1..64 after every bit offset 0..7, both byte orders, signed and
 * unsigned, packed (align 1, exercising the inline bit-field and helper paths) and byte-aligned (DataView fast
 * paths), checked against values written by the independent bit writer.
 */
import type { ByteOrder, FieldClass } from '../../src/analysis/formats/ctf/ir';
import { BitWriter, memExperiment, struct, traceClass, u } from './helpers';

function rand(seed: number): () => bigint {
  let x = BigInt(seed) | 1n;
  return () => {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    return x;
  };
}

function check(order: ByteOrder, signed: boolean, shift: number, aligned: boolean): void {
  const next = rand(shift * 7 + (signed ? 3 : 5) + (order === 'be' ? 11 : 0) + (aligned ? 100 : 0));
  const members: [string, FieldClass][] = [];
  const w = new BitWriter();
  const expected: bigint[] = [];
  const sizes = aligned ? [8, 16, 24, 32, 40, 48, 56, 64] : Array.from({ length: 64 }, (_, i) => i + 1);
  for (const size of sizes) {
    const align = aligned ? 8 : 1;
    if (shift > 0) {
      members.push([`pad${size}`, u(shift, { byteOrder: order, align: 1 })]);
      w.int(next(), shift, order, 1);
    }
    members.push([`v${size}`, u(size, { byteOrder: order, signed, align })]);
    const raw = next() & ((1n << BigInt(size)) - 1n);
    w.int(raw, size, order, align);
    expected.push(signed ? BigInt.asIntN(size, raw) : raw);
  }
  const payload = struct(members, 8);
  const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }], byteOrder: order });
  const x = memExperiment(tc, { s0: w.align(8).done() });
  const batches = [...x.batches()];
  expect(batches).toHaveLength(1);
  const b = batches[0];
  expect(b.length).toBe(1);
  const cls = x.eventClasses[b.classId[0]];
  sizes.forEach((size, k) => {
    const f = cls.fieldIndex(`v${size}`);
    expect([size, b.bigint(0, f)]).toEqual([size, expected[k]]);
    const n = Number(expected[k]);
    if (Number.isSafeInteger(n)) expect(b.int(0, f)).toBe(n);
    const v = b.value(0, f);
    expect(typeof v === 'bigint' ? v : BigInt(v as number)).toBe(expected[k]);
  });
}

describe('compiled integer decoding', () => {
  for (const order of ['le', 'be'] as const) {
    for (const signed of [false, true]) {
      it(`${order} ${signed ? 'signed' : 'unsigned'} packed, sizes 1..64 after offsets 0..7`, () => {
        for (let shift = 0; shift < 8; shift++) check(order, signed, shift, false);
      });
      it(`${order} ${signed ? 'signed' : 'unsigned'} byte-aligned, sizes 8..64`, () => {
        for (let shift = 0; shift < 8; shift++) check(order, signed, shift, true);
      });
    }
  }
});

describe('events starting at any bit offset', () => {
  it('decodes packed events whose start is byte-aligned or not (both generated branches)', () => {
    // 13-bit events: starts at bit 0, 13, 26, ... cover every offset modulo 8.
    const payload = struct([
      ['x', u(5, { align: 1 })],
      ['y', u(8, { align: 1 })]
    ]);
    const w = new BitWriter();
    const want: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      const x = (i * 7 + 3) % 32;
      const y = (i * 53 + 11) % 256;
      w.int(x, 5).int(y, 8);
      want.push([x, y]);
    }
    const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }] });
    const x = memExperiment(tc, { s0: w.done() });
    const got: [number, number][] = [];
    for (const b of x.batches()) for (let i = 0; i < b.length; i++) got.push([b.int(i, 0), b.int(i, 1)]);
    expect(got).toEqual(want);
  });
});
