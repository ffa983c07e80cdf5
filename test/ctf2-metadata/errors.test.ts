/**
 * Invalid CTF 2 metadata is refused with a `MetadataError` whose `line` is the 1-based index of the faulty
 * JSON record and whose message names the property path and the problem.
 */

import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import { parseCtf2Metadata } from '../../src/analysis/formats/ctf/metadata/ctf2';
import { DSC, PREAMBLE, STR, U8, member, seq, struct, withPayload } from './helpers';

function errorOf(bytes: Uint8Array): MetadataError {
  try {
    parseCtf2Metadata(bytes, 'meta');
  } catch (e) {
    expect(e).toBeInstanceOf(MetadataError);
    return e as MetadataError;
  }
  throw new Error('expected a MetadataError');
}

function expectError(bytes: Uint8Array, line: number | undefined, message: RegExp): void {
  const e = errorOf(bytes);
  expect(e.message).toMatch(message);
  expect(e.line).toBe(line);
  expect(e.file).toBe('meta');
}

/** The payload member "f" with field class `fc` (record 3), after `before` members. */
const payloadError = (fc: unknown, message: RegExp, ...before: unknown[]) =>
  expectError(withPayload(...before, member('f', fc)), 3, message);

const LEN = member('len', U8);
const SLEN = member('len', { type: 'fixed-length-signed-integer', length: 8, 'byte-order': 'little-endian' });

describe('JSON text sequence', () => {
  test('invalid JSON names the record and the position inside it', () => {
    const e = errorOf(seq(PREAMBLE, '{\n  "type": "data-stream-class",\n}'));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(
      /^meta:2: invalid JSON \(expected a property name at line 3, column 1 of the record\)$/
    );
  });

  test('text before the first RS, invalid UTF-8, duplicate keys', () => {
    expectError(
      new TextEncoder().encode('{"type": "preamble", "version": 2}'),
      undefined,
      /not a CTF 2 metadata stream/
    );
    const bad = new Uint8Array([0x1e, 0x22, 0xff, 0x22]);
    expectError(bad, 1, /record is not valid UTF-8/);
    expectError(seq('{"type": "preamble", "version": 2, "version": 2}'), 1, /duplicate property "version"/);
  });

  test('empty stream, no data stream class', () => {
    expectError(new Uint8Array([0x1e, 0x0a]), undefined, /empty metadata stream/);
    expectError(seq(PREAMBLE, { type: 'trace-class' }), 2, /no data-stream-class fragment/);
  });
});

describe('fragments', () => {
  test('preamble first, once, version 2', () => {
    expectError(seq(DSC, PREAMBLE), 1, /the first fragment must be a preamble, not a data-stream-class/);
    expectError(seq(PREAMBLE, PREAMBLE, DSC), 2, /duplicate preamble fragment/);
    expectError(
      seq({ type: 'preamble', version: 1 }, DSC),
      1,
      /version: unsupported CTF version 1 \(expected 2\)/
    );
    expectError(seq({ type: 'preamble' }, DSC), 1, /missing required property "version"/);
  });

  test('fragment shape and type', () => {
    expectError(seq(PREAMBLE, [1, 2]), 2, /expected an object, got an array/);
    expectError(seq(PREAMBLE, { name: 'x' }), 2, /missing required property "type"/);
    expectError(seq(PREAMBLE, { type: 'stream-class' }), 2, /type: unknown fragment type "stream-class"/);
  });

  test('extensions are refused', () => {
    const declared = { ...PREAMBLE, extensions: { 'my.tracer': { piano: { keys: 88 }, ramen: null } } };
    expectError(
      seq(declared, DSC),
      1,
      /unsupported extensions declared: my\.tracer\/piano, my\.tracer\/ramen/
    );
    expectError(
      seq(PREAMBLE, { ...DSC, extensions: { ns: { x: 1 } } }),
      2,
      /unsupported extension used: ns\/x/
    );
    payloadError(
      { ...STR, extensions: { ns: { x: 1 } } },
      /field-class\/extensions: unsupported extension used/
    );
    expectError(
      seq(PREAMBLE, { ...DSC, extensions: { ns: 3 } }),
      2,
      /namespaced extensions "ns" must be an object/
    );
  });

  test('trace class: once, before data stream classes, valid environment and uuid', () => {
    expectError(seq(PREAMBLE, DSC, { type: 'trace-class' }), 3, /must come before any data-stream-class/);
    expectError(
      seq(PREAMBLE, { type: 'trace-class' }, { type: 'trace-class' }, DSC),
      3,
      /duplicate trace-class/
    );
    const env = { type: 'trace-class', environment: { a: 1.5 } };
    expectError(
      seq(PREAMBLE, env, DSC),
      2,
      /environment\/a: environment entry "a" must be an integer or a string/
    );
    expectError(seq({ ...PREAMBLE, uuid: [1, 2, 3] }, DSC), 1, /"uuid" must be an array of 16 integers/);
    const notStruct = { type: 'trace-class', 'packet-header-field-class': U8 };
    expectError(
      seq(PREAMBLE, notStruct, DSC),
      2,
      /"packet-header-field-class" must be a structure field class, got "int"/
    );
  });

  test('clock classes', () => {
    const cc = { type: 'clock-class', id: 'c', frequency: 1000 };
    expectError(seq(PREAMBLE, cc, cc, DSC), 3, /duplicate clock class id "c"/);
    expectError(seq(PREAMBLE, { ...cc, frequency: 0 }, DSC), 2, /"frequency" must be greater than zero/);
    expectError(
      seq(PREAMBLE, { type: 'clock-class', frequency: 1 }, DSC),
      2,
      /missing required property "id"/
    );
    expectError(seq(PREAMBLE, { ...cc, origin: 'big-bang' }, DSC), 2, /unknown clock origin "big-bang"/);
    expectError(
      seq(PREAMBLE, { ...cc, origin: { name: 'x' } }, DSC),
      2,
      /origin: missing required property "uid"/
    );
    expectError(seq(PREAMBLE, { ...cc, precision: -1 }, DSC), 2, /"precision" must be >= 0/);
    expectError(seq(PREAMBLE, { ...cc, accuracy: -1 }, DSC), 2, /"accuracy" must be >= 0/);
    const offset = { ...cc, 'offset-from-origin': { seconds: 1, cycles: -1 } };
    expectError(seq(PREAMBLE, offset, DSC), 2, /offset-from-origin\/cycles: property "cycles" must be >= 0/);
    const x = { ...cc, id: 'x', name: 'y' };
    const y = { ...cc, id: 'y' };
    expectError(seq(PREAMBLE, x, y, DSC), 3, /duplicate clock class name "y"/);
    const later = { ...DSC, 'default-clock-class-id': 'c' };
    expectError(
      seq(PREAMBLE, later, cc),
      2,
      /default-clock-class-id: no clock class "c" precedes this fragment/
    );
  });

  test('data stream and event record classes', () => {
    expectError(seq(PREAMBLE, DSC, { ...DSC, id: 0 }), 3, /duplicate data stream class id 0/);
    expectError(seq(PREAMBLE, { ...DSC, id: -1 }), 2, /"id" must be >= 0/);
    const erc = { type: 'event-record-class', 'data-stream-class-id': 2 };
    expectError(seq(PREAMBLE, DSC, erc), 3, /no data stream class with id 2 precedes this fragment/);
    const ev = { type: 'event-record-class', id: 4 };
    expectError(seq(PREAMBLE, DSC, ev, ev), 4, /duplicate event record class id 4/);
  });

  test('field class aliases', () => {
    const alias = { type: 'field-class-alias', name: 'u8', 'field-class': U8 };
    expectError(seq(PREAMBLE, alias, alias, DSC), 3, /duplicate field class alias "u8"/);
    payloadError('u16', /member-classes\[0:f\]\/field-class: unknown field class alias "u16"/);
    const erc = { type: 'event-record-class', 'payload-field-class': 'u8' };
    expectError(seq(PREAMBLE, alias, DSC, erc), 4, /"payload-field-class" must be a structure field class/);
  });
});

describe('field classes', () => {
  test('unknown type, missing or mistyped properties', () => {
    payloadError(
      { type: 'fixed-length-integer', length: 8 },
      /payload-field-class\/member-classes\[0:f\]\/field-class\/type: unknown field class type "fixed-length-integer"/
    );
    payloadError(
      { type: 'fixed-length-unsigned-integer', 'byte-order': 'little-endian' },
      /missing required property "length"/
    );
    payloadError({ ...U8, length: '8' }, /property "length" must be an integer, got a string/);
    payloadError(
      { ...U8, 'byte-order': 'middle-endian' },
      /"byte-order" must be one of "big-endian", "little-endian", got "middle-endian"/
    );
    payloadError(42, /field-class: expected an object, got an integer/);
  });

  test('bad sizes, alignments and bases', () => {
    payloadError({ ...U8, alignment: 3 }, /"alignment" must be a positive power of two, got 3/);
    payloadError({ ...U8, length: 0 }, /"length" must be greater than zero/);
    payloadError({ ...U8, length: 65 }, /unsupported fixed-length integer length 65/);
    payloadError(
      { ...U8, type: 'fixed-length-floating-point-number', length: 16 },
      /unsupported floating point number length 16/
    );
    payloadError(
      { ...U8, 'preferred-display-base': 3 },
      /"preferred-display-base" must be 2, 8, 10 or 16, got 3/
    );
    payloadError({ type: 'static-length-string', length: -1 }, /"length" must be >= 0, got -1/);
    payloadError(
      { type: 'structure', 'minimum-alignment': 0 },
      /"minimum-alignment" must be a positive power of two/
    );
    payloadError({ type: 'null-terminated-string', encoding: 'latin1' }, /"encoding" must be one of/);
  });

  test('mappings, flags and ranges', () => {
    payloadError(
      { ...U8, mappings: { a: [[5, 1]] } },
      /mappings\/a: integer range \[0\] has its upper bound 1 below 5/
    );
    payloadError({ ...U8, mappings: { a: [] } }, /integer range set must be a non-empty array/);
    payloadError({ ...U8, mappings: { a: [[1]] } }, /integer range \[0\] must be an array of two integers/);
    payloadError({ ...U8, type: 'fixed-length-bit-map', flags: {} }, /property "flags" must not be empty/);
    payloadError(
      { ...U8, type: 'fixed-length-unsigned-enumeration' },
      /missing required property "mappings"/
    );
  });

  test('roles', () => {
    const sint = { type: 'fixed-length-signed-integer', length: 8, 'byte-order': 'little-endian' };
    payloadError(
      { ...sint, roles: ['data-stream-id'] },
      /roles are only allowed on unsigned integer field classes/
    );
    payloadError({ ...U8, roles: ['packet-size'] }, /unknown or misplaced role "packet-size"/);
    payloadError(
      { ...U8, roles: ['metadata-stream-uuid'] },
      /unknown or misplaced role "metadata-stream-uuid"/
    );
    payloadError(
      { ...U8, roles: ['packet-magic-number'] },
      /payload-field-class \(member f\): role "packet-magic-number" is not allowed here/
    );
    payloadError(
      { type: 'static-length-blob', length: 8, roles: ['metadata-stream-uuid'] },
      /must be 16 bytes long/
    );
    const header = (m: unknown) => ({ type: 'trace-class', 'packet-header-field-class': struct(m) });
    const uuidRole = member('uuid', {
      type: 'static-length-blob',
      length: 16,
      roles: ['metadata-stream-uuid']
    });
    expectError(
      seq(PREAMBLE, header(uuidRole), DSC),
      2,
      /packet-header-field-class \(member uuid\): role "metadata-stream-uuid" needs a preamble with a uuid/
    );
    const ts = {
      ...DSC,
      'packet-context-field-class': struct(member('ts', { ...U8, roles: ['default-clock-timestamp'] }))
    };
    expectError(
      seq(PREAMBLE, ts),
      2,
      /\(member ts\): role "default-clock-timestamp" needs a data stream class with a default clock/
    );
  });

  test('structures and variants', () => {
    payloadError(struct(member('a', STR), member('a', U8)), /duplicate member name "a"/);
    payloadError(
      { type: 'structure', 'member-classes': [{ name: 'a' }] },
      /member-classes\[0:a\]: missing required property "field-class"/
    );
    const variant = (options: unknown[]) => ({
      type: 'variant',
      'selector-field-location': { path: ['len'] },
      options
    });
    const opt = (ranges: unknown, name?: string) => ({
      name,
      'selector-field-ranges': ranges,
      'field-class': STR
    });
    payloadError(variant([]), /a variant needs at least one option/, LEN);
    payloadError(
      variant([opt([[0, 5]]), opt([[5, 9]])]),
      /the selector ranges of options \[0\] and \[1\] intersect/,
      LEN
    );
    payloadError(variant([opt([[0, 0]], 'x'), opt([[1, 1]], 'x')]), /duplicate option name "x"/, LEN);
    payloadError(
      variant([{ 'field-class': STR }]),
      /options\[0\]: missing required property "selector-field-ranges"/,
      LEN
    );
  });
});

describe('field locations', () => {
  const dlArray = (loc: unknown) => ({
    type: 'dynamic-length-array',
    'length-field-location': loc,
    'element-field-class': U8
  });

  test('malformed locations', () => {
    payloadError(
      dlArray({ origin: 'event-payload', path: ['len'] }),
      /bad location: origin must be one of packet-header, .*got "event-payload"/,
      LEN
    );
    payloadError(dlArray({ path: [] }), /bad location: empty path/, LEN);
    payloadError(dlArray({ path: ['len', null] }), /bad location: the last path element is null/, LEN);
    payloadError(dlArray({ path: [3] }), /bad location: path elements must be strings, got an integer/, LEN);
    payloadError(
      dlArray('len'),
      /length-field-location: bad location: expected an object, got a string/,
      LEN
    );
    payloadError(dlArray(['event-record-payload']), /bad location: expected \[origin, member, \.\.\.\]/, LEN);
    payloadError(
      { type: 'dynamic-length-array', 'element-field-class': U8 },
      /missing required property "length-field-location"/
    );
  });

  test('locations that do not resolve', () => {
    payloadError(
      dlArray({ path: ['nope'] }),
      /at payload-field-class \(member f\): bad location \["nope"\]: no member "nope"/,
      LEN
    );
    payloadError(dlArray({ path: ['len', 'x'] }), /no member "x"/, LEN);
    payloadError(dlArray({ path: ['f'] }), /"f" is not decoded yet/);
    const after = withPayload(member('f', dlArray({ path: ['len'] })), LEN);
    expectError(after, 3, /"len" is not decoded yet/);
    payloadError(dlArray({ path: [null, 'len'] }), /too many parent \(null\) elements/, LEN);
    const ctx = {
      ...DSC,
      'packet-context-field-class': struct(
        member('a', dlArray({ origin: 'event-record-payload', path: ['len'] }))
      )
    };
    expectError(
      seq(PREAMBLE, ctx),
      2,
      /bad location \["len"\]: event\.payload is decoded after packet\.context/
    );
    payloadError(
      dlArray({ origin: 'event-record-specific-context', path: ['len'] }),
      /there is no event\.specific_context field class/,
      LEN
    );
  });

  test('located fields of the wrong class', () => {
    payloadError(dlArray({ path: ['len'] }), /a length field cannot be a signed "int" field/, SLEN);
    payloadError(dlArray({ path: ['len'] }), /a length field cannot be a "string" field/, member('len', STR));
    const variant = {
      type: 'variant',
      'selector-field-location': { path: ['len'] },
      options: [{ 'selector-field-ranges': [[0, 0]], 'field-class': STR }]
    };
    const boolLen = member('len', { type: 'fixed-length-boolean', length: 8, 'byte-order': 'little-endian' });
    payloadError(variant, /a variant selector field cannot be a "bool" field/, boolLen);
    const optional = { type: 'optional', 'selector-field-location': { path: ['len'] }, 'field-class': STR };
    payloadError(optional, /an optional with an integer selector needs "selector-field-ranges"/, LEN);
  });
});
