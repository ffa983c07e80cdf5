/**
 * Lazy layouts: event classes whose fields can be read straight from the packet bytes, without decoding them
 * into columns first (the "lazy" path of streaming reads, `reader/lazy-view.ts`).
 *
 * A class qualifies when every field it exposes is an integer, enumeration or float of a whole number of bytes
 * (8, 16, 32 or 64 bits; floats 32 or 64), a fixed-length UTF-8/ASCII text array or a NUL-terminated UTF-8/ASCII
 * string, whose alignment, like every enclosing structure's, is at most 8 bits, with no field mapped to the clock.
 * Started at a byte boundary, such an event has no padding: each field sits at a constant byte offset from the
 * end of the event header, or from the end of the string before it; without strings the event has a constant
 * size. Such a class also holds nothing other fields depend on (no sequence, variant or optional), so skipping its
 * decoding changes no stored value. `headerKeepsBytes` checks that a stream's event header always ends on a byte boundary, which
 * makes the offsets valid for every event of the stream.
 */
import type { FieldClass, StructFC } from '../ir';
import type { LabelMap } from './columns';
import type { FieldEntry } from './field-info';
import { labelMap } from './field-info';
import { isText } from './column-tree';
import { TextCache } from './text-cache';

/** Field kinds of a lazy layout: integers, floats, fixed-length text arrays, NUL-terminated strings. */
export const LZ = {
  I8: 1,
  U8: 2,
  I16: 3,
  U16: 4,
  I32: 5,
  U32: 6,
  I64: 7,
  U64: 8,
  F32: 9,
  F64: 10,
  TEXT: 11,
  STRZ: 12
} as const;

const FAST: Partial<Record<number, number>> = { [LZ.I32]: 1, [LZ.U32]: 2, [LZ.U64]: 3, [LZ.I64]: 4 };

/**
 * Where the fields of a lazily read class are. Segments: segment 0 starts where the event header ends; with
 * NUL-terminated strings, segment s + 1 starts right after the terminating NUL of string s. A field is at a
 * constant byte offset in its segment. Without strings the class has a constant size (`bits`).
 */
export interface FixedLayout {
  /** Event size after the header in bits, when constant (no strings); else 0. */
  readonly bits: number;
  /** Byte offset of each string in its segment (string s ends segment s). */
  readonly strAt: Int32Array;
  /** Bytes of the last segment. */
  readonly tail: number;
  /** Per exposed field (`CompiledEvent.fields` order): kind code, segment, byte offset in it, little-endian flag. */
  readonly kind: Uint8Array;
  readonly seg: Uint8Array;
  readonly offset: Int32Array;
  readonly le: Uint8Array;
  /** Per field: byte length of a text array. */
  readonly len: Int32Array;
  /** 1..4 for little-endian int32, uint32, uint64, int64 (the accessor's inline cases), else 0. */
  readonly fast: Uint8Array;
  readonly labels: readonly (LabelMap | undefined)[];
  /** Interned short texts, shared by every view of the class. */
  readonly texts: TextCache;
}

function scalarKind(fc: FieldClass): number {
  if (fc.align > 8) return 0;
  switch (fc.kind) {
    case 'int':
      if (fc.mappedClock !== undefined || fc.roles?.includes('default-clock-timestamp')) return 0;
      if (fc.bitOrder !== undefined && fc.bitOrder !== fc.byteOrder) return 0;
      switch (fc.size) {
        case 8:
          return fc.signed ? LZ.I8 : LZ.U8;
        case 16:
          return fc.signed ? LZ.I16 : LZ.U16;
        case 32:
          return fc.signed ? LZ.I32 : LZ.U32;
        case 64:
          return fc.signed ? LZ.I64 : LZ.U64;
        default:
          return 0;
      }
    case 'enum':
      return fc.container.align > 8 ? 0 : scalarKind(fc.container);
    case 'float':
      return fc.size === 32 ? LZ.F32 : LZ.F64;
    case 'string':
      return fc.encoding === 'utf8' || fc.encoding === 'ascii' ? LZ.STRZ : 0;
    case 'array':
      return isText(fc) && fc.length !== undefined && fc.element.align <= 8 ? LZ.TEXT : 0;
    default:
      return 0;
  }
}

/** Bytes of a field of kind k (text arrays: their length; strings: 0, they end a segment). */
function kindBytes(k: number, fc: FieldClass): number {
  if (k === LZ.TEXT) return (fc as { length: number }).length;
  if (k === LZ.STRZ) return 0;
  return k <= LZ.U8 ? 1 : k <= LZ.U16 ? 2 : k <= LZ.U32 || k === LZ.F32 ? 4 : 8;
}

function byteOrderLe(fc: FieldClass): boolean {
  if (fc.kind === 'enum') return fc.container.byteOrder === 'le';
  return fc.kind === 'int' || fc.kind === 'float' ? fc.byteOrder === 'le' : true;
}

/** At most this many strings per class (each costs an entry per event). */
const MAX_STRINGS = 8;

/**
 * The lazy layout of an event class with these scope roots (common context, specific context, payload; absent
 * ones undefined) and exposed fields, or undefined when it does not qualify.
 */
export function fixedLayout(
  roots: readonly (StructFC | undefined)[],
  fields: readonly FieldEntry[]
): FixedLayout | undefined {
  // Segment and byte offset of every leaf, by its path [scope, member, (sub-member)].
  const where = new Map<string, [number, number]>();
  const strAt: number[] = [];
  let at = 0;
  const leaf = (fc: FieldClass, key: string): boolean => {
    const k = scalarKind(fc);
    if (k === 0) return false;
    where.set(key, [strAt.length, at]);
    if (k === LZ.STRZ) {
      strAt.push(at);
      at = 0;
    } else {
      at += kindBytes(k, fc);
    }
    return true;
  };
  const present = roots.filter((r): r is StructFC => r !== undefined);
  for (let s = 0; s < present.length; s++) {
    const root = present[s];
    if (root.align > 8) return undefined;
    for (let i = 0; i < root.members.length; i++) {
      const fc = root.members[i].fc;
      if (fc.kind === 'struct') {
        if (fc.align > 8) return undefined;
        for (let j = 0; j < fc.members.length; j++) {
          if (!leaf(fc.members[j].fc, `${s},${i},${j}`)) return undefined;
        }
      } else if (!leaf(fc, `${s},${i}`)) {
        return undefined;
      }
    }
  }
  if (strAt.length > MAX_STRINGS) return undefined;
  const n = fields.length;
  const L = {
    bits: strAt.length === 0 ? at * 8 : 0,
    strAt: Int32Array.from(strAt),
    tail: at,
    kind: new Uint8Array(n),
    seg: new Uint8Array(n),
    offset: new Int32Array(n),
    le: new Uint8Array(n),
    len: new Int32Array(n),
    fast: new Uint8Array(n),
    labels: [] as (LabelMap | undefined)[],
    texts: new TextCache()
  };
  for (let f = 0; f < n; f++) {
    const path = fields[f].path;
    const w = where.get(path.join(','));
    const fc = leafAt(present, path);
    if (w === undefined || fc === undefined) return undefined;
    const k = scalarKind(fc);
    L.kind[f] = k;
    [L.seg[f], L.offset[f]] = w;
    L.le[f] = byteOrderLe(fc) ? 1 : 0;
    if (k === LZ.TEXT) L.len[f] = kindBytes(k, fc);
    if (L.le[f] === 1) L.fast[f] = FAST[k] ?? 0;
    L.labels.push(labelMap(fc));
  }
  return L;
}

/**
 * Scans the strings of an event of a layout with strings whose fields start at byte `pos`: writes the start of
 * each segment to aux[a ..] and returns the event's end (byte), or -1 - (the string's start) when a string runs
 * past byte `lim`. `dv` views the same bytes as `u8`.
 */
export function scanSegments(
  L: FixedLayout,
  u8: Uint8Array,
  dv: DataView,
  pos: number,
  lim: number,
  aux: Int32Array,
  a: number
): number {
  aux[a] = pos;
  const strAt = L.strAt;
  for (let s = 0; s < strAt.length; s++) {
    const e = nulAt(u8, dv, pos + strAt[s], lim);
    if (e >= lim) return -1 - (pos + strAt[s]);
    pos = e + 1;
    aux[a + 1 + s] = pos;
  }
  return pos + L.tail;
}

/**
 * The first NUL byte at or after `e` and before `lim` (`lim` when none), four bytes at a time: a word w has a zero
 * byte exactly when (w - 0x01010101) & ~w & 0x80808080 is not zero.
 */
function nulAt(u8: Uint8Array, dv: DataView, e: number, lim: number): number {
  while (e + 4 <= lim) {
    const w = dv.getInt32(e, true);
    if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break;
    e += 4;
  }
  while (e < lim && u8[e] !== 0) e++;
  return e;
}

function leafAt(roots: readonly StructFC[], path: readonly number[]): FieldClass | undefined {
  let fc: FieldClass | undefined = roots[path[0]]?.members[path[1]]?.fc;
  if (path.length > 2) fc = fc?.kind === 'struct' ? fc.members[path[2]]?.fc : undefined;
  return fc;
}

/**
 * Possible positions modulo 8 after a field, as a bit mask over residues 0..7 (bit r set: p % 8 may be r),
 * given the mask before it. Conservative: unknown lengths take every count.
 */
function after(fc: FieldClass, mask: number): number {
  const m = alignMask(mask, fc.align);
  switch (fc.kind) {
    case 'int':
    case 'bool':
    case 'bitarray':
      return shift(m, fc.size);
    case 'float':
      return shift(m, fc.size);
    case 'enum':
      return shift(alignMask(m, fc.container.align), fc.container.size);
    case 'string':
    case 'sized-string':
    case 'blob':
    case 'varint':
      return 1;
    case 'struct':
      return fc.members.reduce((acc, x) => after(x.fc, acc), m);
    case 'array': {
      let cur = m;
      if (fc.length === undefined) {
        // Any count: the union over counts 0..8 covers the cycle of residues.
        let seen = m;
        for (let k = 0; k < 8; k++) seen |= cur = after(fc.element, cur);
        return seen;
      }
      if (fc.length > 64) return after(fc.element, 1) === 1 && m === 1 ? 1 : 0xff;
      for (let k = 0; k < fc.length; k++) cur = after(fc.element, cur);
      return cur;
    }
    case 'variant':
      return fc.options.reduce((acc, o) => acc | after(o.fc, m), 0);
    case 'optional':
      return m | after(fc.fc, m);
  }
}

function alignMask(mask: number, align: number): number {
  if (align >= 8) return 1;
  if (align <= 1) return mask;
  let out = 0;
  for (let r = 0; r < 8; r++) if (mask & (1 << r)) out |= 1 << ((Math.ceil(r / align) * align) % 8);
  return out;
}

function shift(mask: number, bits: number): number {
  let out = 0;
  for (let r = 0; r < 8; r++) if (mask & (1 << r)) out |= 1 << ((r + bits) % 8);
  return out;
}

/** True when every event header of the stream class ends on a byte boundary, wherever the event starts. */
export function headerKeepsBytes(header: StructFC | undefined): boolean {
  return header === undefined ? false : after(header, 0xff) === 1;
}
