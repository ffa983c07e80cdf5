/**
 * Each CTF 2 field class, from the examples of CTF2-SPEC-2.0 §5.3 (lightly adapted so every location
 * resolves), -> the expected IR (sizes and alignments in bits).
 */

import type { FieldClass } from '../../src/analysis/formats/ctf/ir';
import { parseCtf2Metadata } from '../../src/analysis/formats/ctf/metadata/ctf2';
import { STR, U8, asKind, member, withPayload } from './helpers';

/** The IR of a payload member `f` whose field class is `fc`, after optional `before` members. */
function fcOf(fc: unknown, ...before: unknown[]): FieldClass {
  const tc = parseCtf2Metadata(withPayload(...before, member('f', fc)), 'test');
  const payload = tc.streams[0].events[0].payload!;
  return payload.members[payload.members.length - 1].fc;
}

const LEN = member('len', {
  type: 'fixed-length-unsigned-integer',
  length: 32,
  'byte-order': 'little-endian'
});

describe('fixed-length bit arrays', () => {
  test('bit array: default alignment 1, bit order from byte order unless given', () => {
    expect(fcOf({ type: 'fixed-length-bit-array', length: 16, 'byte-order': 'little-endian' })).toEqual({
      kind: 'bitarray',
      size: 16,
      byteOrder: 'le',
      align: 1
    });
    const be = fcOf({
      type: 'fixed-length-bit-array',
      length: 48,
      'byte-order': 'big-endian',
      alignment: 32
    });
    expect(be).toEqual({ kind: 'bitarray', size: 48, byteOrder: 'be', align: 32 });
    const lastToFirst = { type: 'fixed-length-bit-array', length: 32, 'byte-order': 'little-endian' };
    expect(fcOf({ ...lastToFirst, 'bit-order': 'last-to-first' })).toMatchObject({
      byteOrder: 'le',
      bitOrder: 'be'
    });
  });

  test('bit map keeps its flags', () => {
    const fc = fcOf({
      type: 'fixed-length-bit-map',
      length: 48,
      'byte-order': 'big-endian',
      alignment: 32,
      flags: {
        shock: [[3, 3]],
        cord: [
          [4, 4],
          [8, 10]
        ],
        learn: [[2, 7]]
      }
    });
    expect(asKind(fc, 'bitarray').flags).toEqual([
      { label: 'shock', ranges: [[3n, 3n]] },
      {
        label: 'cord',
        ranges: [
          [4n, 4n],
          [8n, 10n]
        ]
      },
      { label: 'learn', ranges: [[2n, 7n]] }
    ]);
  });

  test('boolean', () => {
    expect(fcOf({ type: 'fixed-length-boolean', length: 8, 'byte-order': 'little-endian' })).toEqual({
      kind: 'bool',
      size: 8,
      byteOrder: 'le',
      align: 1
    });
  });

  test('integers: signedness, display base, mappings, attributes', () => {
    const fc = asKind(
      fcOf({
        type: 'fixed-length-signed-integer',
        length: 32,
        'byte-order': 'little-endian',
        mappings: {
          banana: [
            [-27399, -1882],
            [8, 199],
            [101, 101]
          ],
          orange: [
            [67, 67],
            [43, 1534]
          ]
        },
        attributes: { 'my.tracer': { 'is-nice': true } }
      }),
      'int'
    );
    expect(fc).toMatchObject({ size: 32, signed: true, base: 10, align: 1, byteOrder: 'le' });
    expect(fc.mappings![0]).toEqual({
      label: 'banana',
      ranges: [
        [-27399n, -1882n],
        [8n, 199n],
        [101n, 101n]
      ]
    });
    expect(fc.attributes).toEqual({ 'my.tracer': { 'is-nice': true } });
    const hex = fcOf({
      type: 'fixed-length-unsigned-integer',
      length: 48,
      'byte-order': 'big-endian',
      'preferred-display-base': 16
    });
    expect(hex).toMatchObject({ kind: 'int', size: 48, signed: false, base: 16, byteOrder: 'be' });
  });

  test('floating point numbers of 32 and 64 bits', () => {
    expect(
      fcOf({ type: 'fixed-length-floating-point-number', length: 32, 'byte-order': 'little-endian' })
    ).toEqual({
      kind: 'float',
      size: 32,
      byteOrder: 'le',
      align: 1
    });
    const f64 = {
      type: 'fixed-length-floating-point-number',
      length: 64,
      'byte-order': 'big-endian',
      alignment: 32
    };
    expect(fcOf(f64)).toEqual({ kind: 'float', size: 64, byteOrder: 'be', align: 32 });
  });
});

test('variable-length integers are byte-aligned and keep mappings', () => {
  expect(fcOf({ type: 'variable-length-unsigned-integer' })).toEqual({
    kind: 'varint',
    signed: false,
    base: 10,
    align: 8
  });
  const fc = fcOf({
    type: 'variable-length-signed-integer',
    'preferred-display-base': 16,
    mappings: { lime: [[3, 3]] }
  });
  expect(fc).toEqual({
    kind: 'varint',
    signed: true,
    base: 16,
    align: 8,
    mappings: [{ label: 'lime', ranges: [[3n, 3n]] }]
  });
});

describe('strings and BLOBs', () => {
  test('null-terminated strings with their encoding', () => {
    expect(fcOf(STR)).toEqual({ kind: 'string', encoding: 'utf8', align: 8 });
    expect(fcOf({ type: 'null-terminated-string', encoding: 'utf-16le' })).toMatchObject({
      encoding: 'utf16le'
    });
  });

  test('static-length and dynamic-length strings', () => {
    expect(fcOf({ type: 'static-length-string', encoding: 'utf-32be', length: 64 })).toEqual({
      kind: 'sized-string',
      encoding: 'utf32be',
      length: 64,
      align: 8
    });
    const dyn = {
      type: 'dynamic-length-string',
      'length-field-location': { origin: 'event-record-payload', path: ['len'] }
    };
    expect(fcOf(dyn, LEN)).toEqual({
      kind: 'sized-string',
      encoding: 'utf8',
      lengthLocation: { origin: 'event.payload', path: ['len'] },
      align: 8
    });
  });

  test('static-length and dynamic-length BLOBs', () => {
    expect(fcOf({ type: 'static-length-blob', length: 511267, 'media-type': 'image/tiff' })).toEqual({
      kind: 'blob',
      length: 511267,
      mediaType: 'image/tiff',
      align: 8
    });
    const dyn = fcOf({ type: 'dynamic-length-blob', 'length-field-location': { path: ['len'] } }, LEN);
    expect(dyn).toEqual({ kind: 'blob', lengthLocation: { path: ['len'] }, align: 8 });
  });
});

describe('compound field classes', () => {
  test('structure: members in order, alignment = max(minimum-alignment, members)', () => {
    const s = asKind(
      fcOf({
        type: 'structure',
        'member-classes': [
          member('St-Denis', STR),
          member('Lajeunesse', {
            type: 'fixed-length-unsigned-integer',
            length: 32,
            'byte-order': 'big-endian',
            alignment: 32
          })
        ],
        'minimum-alignment': 64
      }),
      'struct'
    );
    expect(s.members.map(m => m.name)).toEqual(['St-Denis', 'Lajeunesse']);
    expect(s).toMatchObject({ align: 64, minAlign: 64 });
    const t = asKind(
      fcOf({ type: 'structure', 'member-classes': [member('x', { ...U8, alignment: 16 })] }),
      'struct'
    );
    expect(t.align).toBe(16);
    expect(t.minAlign).toBeUndefined();
    expect(fcOf({ type: 'structure' })).toEqual({ kind: 'struct', members: [], align: 1 });
  });

  test('static-length array of 1-bit booleans with a 32-bit minimum alignment', () => {
    const a = fcOf({
      type: 'static-length-array',
      length: 32,
      'minimum-alignment': 32,
      'element-field-class': { type: 'fixed-length-boolean', length: 1, 'byte-order': 'little-endian' }
    });
    expect(a).toEqual({
      kind: 'array',
      length: 32,
      minAlign: 32,
      align: 32,
      element: { kind: 'bool', size: 1, byteOrder: 'le', align: 1 }
    });
  });

  test('dynamic-length array: alignment of its element', () => {
    const a = fcOf(
      {
        type: 'dynamic-length-array',
        'element-field-class': {
          type: 'fixed-length-unsigned-integer',
          length: 32,
          'byte-order': 'big-endian',
          alignment: 16
        },
        'length-field-location': { origin: 'event-record-payload', path: ['len'] }
      },
      LEN
    );
    expect(asKind(a, 'array')).toMatchObject({
      align: 16,
      lengthLocation: { origin: 'event.payload', path: ['len'] }
    });
  });

  test('optional with a boolean selector and with an integer selector', () => {
    const hasIp = member('has-ip', {
      type: 'fixed-length-boolean',
      length: 8,
      'byte-order': 'little-endian'
    });
    const opt = fcOf(
      {
        type: 'optional',
        'selector-field-location': { origin: 'event-record-payload', path: ['has-ip'] },
        'field-class': {
          type: 'static-length-array',
          'element-field-class': { ...U8, alignment: 8 },
          length: 16
        }
      },
      hasIp
    );
    expect(asKind(opt, 'optional')).toMatchObject({
      align: 1,
      selectorLocation: { origin: 'event.payload', path: ['has-ip'] },
      fc: { kind: 'array', length: 16, align: 8 }
    });
    expect(asKind(opt, 'optional').ranges).toBeUndefined();
    const sel = member('sel', {
      type: 'fixed-length-signed-integer',
      length: 8,
      'byte-order': 'little-endian'
    });
    const intOpt = fcOf(
      {
        type: 'optional',
        'selector-field-location': { path: ['sel'] },
        'selector-field-ranges': [
          [-12, -12],
          [-5, 0],
          [15, 35]
        ],
        'field-class': STR
      },
      sel
    );
    expect(asKind(intOpt, 'optional').ranges).toEqual([
      [-12n, -12n],
      [-5n, 0n],
      [15n, 35n]
    ]);
  });

  test('variant: unnamed options, and a variant inside an optional sharing its selector', () => {
    const sel = member('sel', U8);
    const variant = {
      type: 'variant',
      'selector-field-location': { origin: 'event-record-payload', path: ['sel'] },
      options: [
        { 'selector-field-ranges': [[1, 1]], 'field-class': STR },
        { 'selector-field-ranges': [[2, 2]], 'field-class': { type: 'variable-length-signed-integer' } }
      ]
    };
    const opt = fcOf(
      {
        type: 'optional',
        'selector-field-location': { origin: 'event-record-payload', path: ['sel'] },
        'selector-field-ranges': [[1, 255]],
        'field-class': variant
      },
      sel
    );
    const v = asKind(asKind(opt, 'optional').fc, 'variant');
    expect(v.align).toBe(1);
    expect(v.options).toEqual([
      { fc: { kind: 'string', encoding: 'utf8', align: 8 }, ranges: [[1n, 1n]] },
      { fc: { kind: 'varint', signed: true, base: 10, align: 8 }, ranges: [[2n, 2n]] }
    ]);
  });
});
