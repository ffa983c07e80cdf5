/**
 * The compiled decoder on every field class kind, from hand-built IR and hand-built bytes: strings, text arrays
 * and sequences (cut at NUL as babeltrace2 prints them), sequences with relative and absolute length paths,
 * arrays of structs, nested structs (flattened one level in `fields`), enumerations, variants (babeltrace2's exact
 * option names, and the underscore rule), floats, and the CTF 2 kinds (LEB128 integers, booleans, bit arrays,
 * BLOBs, sized strings, optionals).
 */
import type { EnumFC, FieldClass, VariantFC } from '../../src/analysis/formats/ctf/ir';
import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import { BitWriter, memExperiment, readAll, s, struct, traceClass, u, u8t } from './helpers';

function one(
  payload: ReturnType<typeof struct>,
  bytes: Uint8Array,
  extra: Partial<Parameters<typeof traceClass>[0]> = {}
) {
  const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }], ...extra });
  const evs = readAll(memExperiment(tc, { s0: bytes }));
  return evs;
}

const str: FieldClass = { kind: 'string', align: 8, encoding: 'utf8' };
const textArray = (n: number): FieldClass => ({ kind: 'array', align: 8, element: u8t(), length: n });
const seq = (element: FieldClass, path: string[], origin?: 'event.payload'): FieldClass => ({
  kind: 'array',
  align: element.align,
  element,
  lengthLocation: { origin, path }
});

function enumOf(labels: [string, number, number][], size = 8): EnumFC {
  return {
    kind: 'enum',
    align: 8,
    container: u(size),
    mappings: labels.map(([label, lo, hi]) => ({ label, ranges: [[BigInt(lo), BigInt(hi)]] }))
  };
}

describe('compiled decoding of field classes', () => {
  it('decodes strings and text arrays, cut at the first NUL', () => {
    const payload = struct([
      ['_name', str],
      ['comm', textArray(8)],
      ['n', u(8)],
      ['txt', seq(u8t(), ['n'])],
      ['after', u(16)]
    ]);
    const w = new BitWriter().cstring('héllo').bytesOf([0x61, 0x62, 0, 0x63, 0, 0, 0, 0]);
    w.int(3, 8).bytesOf([0x78, 0x79, 0x7a]).int(0xbeef, 16, 'le', 8);
    const [e] = one(payload, w.done());
    expect(e.fields).toEqual({ name: 'héllo', comm: 'ab', n: 3, txt: 'xyz', after: 0xbeef });
  });

  it('decodes sequences of integers and of structures, lengths found relatively and absolutely', () => {
    const inner = struct([
      ['k', u(8)],
      ['vals', seq(s(16), ['k'])]
    ]);
    const payload = struct([
      ['count', u(32)],
      ['items', seq(inner, ['count'])],
      ['again', seq(u(8), ['count'], 'event.payload')]
    ]);
    const w = new BitWriter().int(2, 32);
    w.int(1, 8).int(-5, 16, 'le', 8);
    w.int(2, 8).int(7, 16, 'le', 8).int(-32768, 16, 'le', 8);
    w.int(9, 8).int(10, 8);
    const [e] = one(payload, w.done());
    expect(e.fields).toEqual({
      count: 2,
      items: [
        { k: 1, vals: [-5] },
        { k: 2, vals: [7, -32768] }
      ],
      again: [9, 10]
    });
  });

  it('flattens nested structures one level in the field list', () => {
    const payload = struct([
      [
        'ctx',
        struct([
          ['_a', u(8)],
          ['b', struct([['c', u(8)]])]
        ])
      ],
      ['z', u(8)]
    ]);
    const tc = traceClass({ events: [{ id: 0n, name: 'e', payload }] });
    const x = memExperiment(tc, { s0: Uint8Array.from([1, 2, 3]) });
    expect(x.eventClasses[0].fields.map(f => `${f.name}:${f.type}`)).toEqual([
      'ctx.a:uint',
      'ctx.b:struct',
      'z:uint'
    ]);
    expect(readAll(x)[0].fields).toEqual({ 'ctx.a': 1, 'ctx.b': { c: 2 }, z: 3 });
  });

  it('decodes enumerations as label and value (several labels as an array, none as null)', () => {
    const en = enumOf([
      ['A', 0, 0],
      ['B', 1, 5],
      ['C', 3, 3]
    ]);
    const payload = struct([
      ['x', en],
      ['y', en],
      ['z', en]
    ]);
    const [e] = one(payload, Uint8Array.from([0, 3, 9]));
    expect(e.fields).toEqual({
      x: { label: 'A', value: 0 },
      y: { label: ['B', 'C'], value: 3 },
      z: { label: null, value: 9 }
    });
  });

  it('selects variant options by exact name, and with one leading underscore ignored otherwise', () => {
    const tag = enumOf([
      ['COSSETTE', 0, 0],
      ['_PELCHAT', 1, 1],
      ['__PELCHAT', 2, 2],
      ['VOISINE', 3, 3]
    ]);
    const v: VariantFC = {
      kind: 'variant',
      align: 8,
      selectorLocation: { path: ['tag'] },
      options: [
        { name: 'COSSETTE', fc: u(8) },
        { name: '_PELCHAT', fc: str },
        { name: '__PELCHAT', fc: u(16) },
        { name: '_VOISINE', fc: s(8) }
      ]
    };
    const payload = struct([
      ['tag', tag],
      ['var', v]
    ]);
    const bytes = [
      [0, 42],
      [1, 0x68, 0x69, 0],
      [2, 0x34, 0x12],
      [3, 0xff]
    ];
    const got = bytes.map(b => one(payload, Uint8Array.from(b))[0].fields.var);
    expect(got).toEqual([42, 'hi', 0x1234, -1]);
  });

  it('refuses a variant selector that is not an enumeration and a length that is not an unsigned integer', () => {
    const badVariant = struct([
      ['sel', s(8)],
      [
        'v',
        { kind: 'variant', align: 8, selectorLocation: { path: ['sel'] }, options: [{ name: 'a', fc: u(8) }] }
      ]
    ]);
    expect(() => one(badVariant, Uint8Array.from([0, 0]))).toThrow(MetadataError);
    expect(() => one(badVariant, Uint8Array.from([0, 0]))).toThrow(/expected an enumeration/);
    const badLength = struct([
      ['len', struct([['h', u(8)]])],
      ['x', seq(u(8), ['len'])]
    ]);
    expect(() => one(badLength, Uint8Array.from([0, 0]))).toThrow(/expected an unsigned integer/);
    const missing = struct([['x', seq(u(8), ['nope'])]]);
    expect(() => one(missing, Uint8Array.from([0]))).toThrow(/cannot find field `nope`/);
  });

  it('decodes floats in both byte orders, aligned and packed', () => {
    const f64 = (order: 'le' | 'be', align: number): FieldClass => ({
      kind: 'float',
      size: 64,
      byteOrder: order,
      align
    });
    const f32 = (order: 'le' | 'be', align: number): FieldClass => ({
      kind: 'float',
      size: 32,
      byteOrder: order,
      align
    });
    // Byte order changes only at byte boundaries (bit numbering differs between orders).
    const payload = struct([
      ['a', f64('le', 8)],
      ['b', f32('be', 8)],
      ['bit', u(3, { align: 1, byteOrder: 'be' })],
      ['c', f64('be', 1)],
      ['pad', u(5, { align: 1, byteOrder: 'be' })],
      ['bit2', u(3, { align: 1 })],
      ['d', f32('le', 1)],
      ['tail', u(5, { align: 1 })]
    ]);
    const w = new BitWriter()
      .f64(Math.PI)
      .f32(-1.5, 'be')
      .int(5, 3, 'be')
      .f64(1e300, 'be', 1)
      .int(0, 5, 'be');
    w.int(6, 3).f32(0.25, 'le', 1).int(3, 5);
    const [e] = one(payload, w.done());
    expect(e.fields).toEqual({ a: Math.PI, b: -1.5, bit: 5, c: 1e300, pad: 0, bit2: 6, d: 0.25, tail: 3 });
  });

  it('decodes the CTF 2 kinds: LEB128, booleans, bit arrays, BLOBs, sized strings, optionals', () => {
    const payload = struct([
      ['vu', { kind: 'varint', align: 8, signed: false, base: 10 }],
      ['vs', { kind: 'varint', align: 8, signed: true, base: 10 }],
      ['flag', { kind: 'bool', align: 8, size: 8, byteOrder: 'le' }],
      ['bits', { kind: 'bitarray', align: 8, size: 16, byteOrder: 'le' }],
      ['blob', { kind: 'blob', align: 8, length: 3 }],
      ['n', u(8)],
      ['name', { kind: 'sized-string', align: 8, encoding: 'utf8', lengthLocation: { path: ['n'] } }],
      ['maybe', { kind: 'optional', align: 8, selectorLocation: { path: ['flag'] }, fc: u(8) }],
      ['sel', u(8)],
      [
        'opt2',
        { kind: 'optional', align: 8, selectorLocation: { path: ['sel'] }, fc: u(8), ranges: [[5n, 9n]] }
      ]
    ]);
    const bytes = [0xe5, 0x8e, 0x26, 0x7f, 1, 0x34, 0x12, 9, 8, 7, 4, 0x61, 0x62, 0, 0x7a, 77, 4];
    const [e] = one(payload, Uint8Array.from(bytes));
    expect(e.fields).toEqual({
      vu: 624485,
      vs: -1,
      flag: true,
      bits: 0x1234,
      blob: Uint8Array.from([9, 8, 7]),
      n: 4,
      name: 'ab',
      maybe: 77,
      sel: 4,
      opt2: null
    });
  });

  it('keeps 64-bit values beyond 2^53 exact: number when safe, bigint beyond', () => {
    const payload = struct([
      ['small', u(64)],
      ['big', u(64)],
      ['neg', s(64)]
    ]);
    const w = new BitWriter()
      .int(123, 64, 'le', 8)
      .int(0xfffffffffffffff0n, 64, 'le', 8)
      .int(-(2n ** 60n), 64, 'le', 8);
    const [e] = one(payload, w.done());
    expect(e.fields).toEqual({ small: 123, big: 0xfffffffffffffff0n, neg: -(2n ** 60n) });
  });
});
