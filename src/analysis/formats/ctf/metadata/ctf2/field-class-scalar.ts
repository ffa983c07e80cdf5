/**
 * CTF 2 scalar field classes -> IR: fixed-length bit array / bit map / boolean / integer / floating point number,
 * variable-length integers, strings (null-terminated, static-length, dynamic-length) and BLOBs.
 *
 * Alignments follow CTF2-SPEC-2.0 §6.4.1: fixed-length classes use their `alignment` (default 1), all the
 * others are byte-aligned (8). Also accepts the draft `fixed-length-{un,}signed-enumeration` (an integer whose
 * mappings are required), read as an integer with mappings like CTF 2.0 does.
 */

import type {
  BitArrayFC,
  BlobFC,
  BoolFC,
  ByteOrder,
  FieldClass,
  FloatFC,
  IntegerFC,
  Role,
  SizedStringFC,
  StringFC,
  VarIntFC
} from '../../ir';
import type { Props } from './json-access';
import { parseFieldLocation } from './field-location';
import { parseNamedRanges } from './ranges';

const INT_ROLES: readonly Role[] = [
  'packet-magic-number',
  'data-stream-class-id',
  'data-stream-id',
  'packet-total-length',
  'packet-content-length',
  'default-clock-timestamp',
  'packet-end-default-clock-timestamp',
  'discarded-event-record-counter-snapshot',
  'packet-sequence-number',
  'event-record-class-id'
];
const BLOB_ROLES: readonly Role[] = ['metadata-stream-uuid'];

const ENCODINGS = {
  'utf-8': 'utf8',
  'utf-16be': 'utf16be',
  'utf-16le': 'utf16le',
  'utf-32be': 'utf32be',
  'utf-32le': 'utf32le'
} as const;

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && Number.isInteger(Math.log2(n));
}

export function readAlignment(p: Props, name: string): number {
  const a = p.optCount(name) ?? 1;
  if (!isPowerOfTwo(a)) p.fail(`property "${name}" must be a positive power of two, got ${a}`, name);
  return a;
}

function readRoles(p: Props, allowed: readonly Role[], signed = false): Role[] | undefined {
  const list = p.optArr('roles');
  if (list === undefined || list.length === 0) return undefined;
  if (signed) p.fail('roles are only allowed on unsigned integer field classes', 'roles');
  return list.map(r => {
    if (typeof r !== 'string' || !(allowed as readonly string[]).includes(r)) {
      p.fail(`unknown or misplaced role ${JSON.stringify(r)}`, 'roles');
    }
    return r as Role;
  });
}

interface BitArrayBase {
  size: number;
  byteOrder: ByteOrder;
  bitOrder?: ByteOrder;
  align: number;
}

function bitArrayBase(p: Props): BitArrayBase {
  const size = p.count('length');
  if (size === 0) p.fail('property "length" must be greater than zero', 'length');
  const byteOrder = p.oneOf('byte-order', ['big-endian', 'little-endian']) === 'big-endian' ? 'be' : 'le';
  const base: BitArrayBase = { size, byteOrder, align: readAlignment(p, 'alignment') };
  if (p.has('bit-order')) {
    base.bitOrder =
      p.oneOf('bit-order', ['first-to-last', 'last-to-first']) === 'first-to-last' ? 'le' : 'be';
  }
  return base;
}

function displayBase(p: Props): 2 | 8 | 10 | 16 {
  const b = p.optInt('preferred-display-base') ?? 10n;
  if (b !== 2n && b !== 8n && b !== 10n && b !== 16n) {
    p.fail(`property "preferred-display-base" must be 2, 8, 10 or 16, got ${b}`, 'preferred-display-base');
  }
  return Number(b) as 2 | 8 | 10 | 16;
}

function fixedInt(p: Props, signed: boolean, enumeration: boolean): IntegerFC {
  const base = bitArrayBase(p);
  if (base.size > 64) p.fail(`unsupported fixed-length integer length ${base.size} (at most 64)`, 'length');
  const fc: IntegerFC = { kind: 'int', ...base, signed, base: displayBase(p) };
  const mappings = parseNamedRanges(p, 'mappings', enumeration);
  if (mappings) fc.mappings = mappings;
  const roles = readRoles(p, INT_ROLES, signed);
  if (roles) fc.roles = roles;
  return fc;
}

function varInt(p: Props, signed: boolean): VarIntFC {
  const fc: VarIntFC = { kind: 'varint', align: 8, signed, base: displayBase(p) };
  const mappings = parseNamedRanges(p, 'mappings');
  if (mappings) fc.mappings = mappings;
  const roles = readRoles(p, INT_ROLES, signed);
  if (roles) fc.roles = roles;
  return fc;
}

function floatFc(p: Props): FloatFC {
  const { size, ...rest } = bitArrayBase(p);
  if (size !== 32 && size !== 64) {
    p.fail(`unsupported floating point number length ${size} (32 or 64)`, 'length');
  }
  return { kind: 'float', size, byteOrder: rest.byteOrder, align: rest.align };
}

function encoding(p: Props): (typeof ENCODINGS)[keyof typeof ENCODINGS] {
  return p.has('encoding')
    ? ENCODINGS[p.oneOf('encoding', Object.keys(ENCODINGS) as (keyof typeof ENCODINGS)[])]
    : 'utf8';
}

function sizedString(p: Props, dynamic: boolean): SizedStringFC {
  const fc: SizedStringFC = { kind: 'sized-string', align: 8, encoding: encoding(p) };
  if (dynamic) {
    fc.lengthLocation = parseFieldLocation(
      p.required('length-field-location'),
      p.at('length-field-location')
    );
  } else fc.length = p.count('length');
  return fc;
}

function blob(p: Props, dynamic: boolean): BlobFC {
  const fc: BlobFC = { kind: 'blob', align: 8 };
  const mediaType = p.optStr('media-type');
  if (mediaType !== undefined) fc.mediaType = mediaType;
  if (dynamic) {
    fc.lengthLocation = parseFieldLocation(
      p.required('length-field-location'),
      p.at('length-field-location')
    );
    return fc;
  }
  fc.length = p.count('length');
  const roles = readRoles(p, BLOB_ROLES);
  if (roles) {
    if (fc.length !== 16) p.fail('a metadata-stream-uuid BLOB must be 16 bytes long', 'length');
    fc.roles = roles;
  }
  return fc;
}

const SCALARS: Record<string, (p: Props) => FieldClass> = {
  'fixed-length-bit-array': (p): BitArrayFC => ({ kind: 'bitarray', ...bitArrayBase(p) }),
  'fixed-length-bit-map': (p): BitArrayFC => ({
    kind: 'bitarray',
    ...bitArrayBase(p),
    flags: parseNamedRanges(p, 'flags', true)
  }),
  'fixed-length-boolean': (p): BoolFC => ({ kind: 'bool', ...bitArrayBase(p) }),
  'fixed-length-unsigned-integer': p => fixedInt(p, false, false),
  'fixed-length-signed-integer': p => fixedInt(p, true, false),
  'fixed-length-unsigned-enumeration': p => fixedInt(p, false, true),
  'fixed-length-signed-enumeration': p => fixedInt(p, true, true),
  'fixed-length-floating-point-number': floatFc,
  'variable-length-unsigned-integer': p => varInt(p, false),
  'variable-length-signed-integer': p => varInt(p, true),
  'variable-length-unsigned-enumeration': p => varInt(p, false),
  'variable-length-signed-enumeration': p => varInt(p, true),
  'null-terminated-string': (p): StringFC => ({ kind: 'string', align: 8, encoding: encoding(p) }),
  'static-length-string': p => sizedString(p, false),
  'dynamic-length-string': p => sizedString(p, true),
  'static-length-blob': p => blob(p, false),
  'dynamic-length-blob': p => blob(p, true)
};

/** The scalar parser for a field class `type`, if it is a scalar type. */
export function scalarParser(type: string): ((p: Props) => FieldClass) | undefined {
  return Object.prototype.hasOwnProperty.call(SCALARS, type) ? SCALARS[type] : undefined;
}
