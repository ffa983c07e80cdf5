/**
 * Field access of a lazily read event class (`decode/lazy-layout.ts`) straight from the packet bytes. A row is
 * the byte offset of an event's fields in the packet buffer, or, for classes with NUL-terminated strings, the
 * index of the event's segment starts in `aux`; a field is read at its segment start + its constant offset. Used
 * by streaming reads, whose chunks keep the packet buffer until the merge releases them; nothing is decoded until
 * a field is read.
 *
 * Semantics are the columns' (`decode/columns.ts`): integers up to 32 bits as numbers; 64-bit ones as a number
 * hi * 2^32 + lo (rounded beyond 2^53) from `int`, exact from `bigint`, and from `value` a number when safe, a
 * bigint beyond; enumerations as `{ label, value }` from `value` and their first label from `str`; text arrays
 * cut at their first NUL. `readInts` reads a whole row through a function generated once per layout, the field
 * offsets inlined as constants.
 */
import type { RowReader } from '../../../trace/source';
import type { FieldValue } from '../../../trace/types';
import { decodeText, labelOf } from '../decode/columns';
import type { FixedLayout } from '../decode/lazy-layout';
import { LZ } from '../decode/lazy-layout';

const TWO32 = 4294967296;
const NO_AUX = new Int32Array(0);

/** A generated `readInts` of one layout: every field of row r at its constant offset, in one call. */
type RowIntsFn = (
  dv: DataView,
  aux: Int32Array,
  r: number,
  num: Float64Array,
  hi: Uint32Array,
  lo: Uint32Array
) => void;

const ROW_INTS = new WeakMap<FixedLayout, RowIntsFn>();
/**
 * The same functions by layout shape (kinds, segments, offsets, byte orders): classes with the same layout share one
 * (the large perf trace's 200-odd classes read have a few dozen shapes; each generated function is compiled again
 * by the optimizing compiler once hot).
 */
const BY_SHAPE = new Map<string, RowIntsFn>();

const DV_GET: Partial<Record<number, string>> = {
  [LZ.I8]: 'Int8',
  [LZ.U8]: 'Uint8',
  [LZ.I16]: 'Int16',
  [LZ.U16]: 'Uint16',
  [LZ.I32]: 'Int32',
  [LZ.U32]: 'Uint32',
  [LZ.F32]: 'Float32',
  [LZ.F64]: 'Float64'
};

/** The `readInts` of a layout (generated once per layout; the same values as `int`, the words of 64-bit ones). */
function rowIntsFn(layout: FixedLayout): RowIntsFn {
  let fn = ROW_INTS.get(layout);
  if (fn !== undefined) return fn;
  const { kind, seg, offset, le } = layout;
  const segmented = layout.strAt.length > 0;
  const shape = `${segmented}|${kind.join()}|${seg.join()}|${offset.join()}|${le.join()}`;
  fn = BY_SHAPE.get(shape);
  if (fn !== undefined) {
    ROW_INTS.set(layout, fn);
    return fn;
  }
  const body: string[] = ['var h = 0, l = 0;'];
  const segs = new Set<number>();
  for (let f = 0; f < kind.length; f++) {
    const k = kind[f];
    if (segmented) segs.add(seg[f]);
    // Byte offset of the field: its segment's start (row r itself without strings) plus a constant.
    const o = `${segmented ? `s${seg[f]}` : 'r'} + ${offset[f]}`;
    const little = le[f] === 1;
    const get = DV_GET[k];
    if (get !== undefined) {
      body.push(`num[${f}] = dv.get${get}(${o}${k === LZ.I8 || k === LZ.U8 ? '' : `, ${little}`});`);
    } else if (k === LZ.I64 || k === LZ.U64) {
      const [hiAt, loAt] = little ? [4, 0] : [0, 4];
      body.push(
        `h = dv.get${k === LZ.I64 ? 'Int32' : 'Uint32'}(${o} + ${hiAt}, ${little}); ` +
          `l = dv.getUint32(${o} + ${loAt}, ${little}); num[${f}] = h * ${TWO32} + l; hi[${f}] = h; lo[${f}] = l;`
      );
    } else {
      body.push(`num[${f}] = NaN;`);
    }
  }
  const pre = [...segs].map(g => `var s${g} = aux[r + ${g}];`);
  fn = new Function('dv', 'aux', 'r', 'num', 'hi', 'lo', [...pre, ...body].join('\n')) as RowIntsFn;
  ROW_INTS.set(layout, fn);
  BY_SHAPE.set(shape, fn);
  return fn;
}

export class LazyView implements RowReader {
  private readonly dv: DataView;
  private readonly kind: Uint8Array;
  private readonly offset: Int32Array;
  private readonly seg: Uint8Array;
  private readonly le: Uint8Array;
  /** Per field: 1..4 for little-endian int32, uint32, uint64, int64 (read inline by `int`), else 0. */
  private readonly fast: Uint8Array;
  /** Rows index segment starts (classes with strings). */
  private readonly segmented: boolean;

  constructor(
    private readonly u8: Uint8Array,
    private readonly layout: FixedLayout,
    private readonly aux: Int32Array = NO_AUX
  ) {
    this.dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
    this.kind = layout.kind;
    this.offset = layout.offset;
    this.seg = layout.seg;
    this.le = layout.le;
    this.fast = layout.fast;
    this.segmented = layout.strAt.length > 0;
  }

  private rowInts: RowIntsFn | undefined;

  readInts(r: number, _count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    (this.rowInts ??= rowIntsFn(this.layout))(this.dv, this.aux, r, num, hi, lo);
  }

  /** Byte offset of field f of row r. */
  private at(r: number, f: number): number {
    return (this.segmented ? this.aux[r + this.seg[f]] : r) + this.offset[f];
  }

  int(r: number, f: number): number {
    // Little-endian 32- and 64-bit integers inline; everything else in `slow` (keeps this small enough to inline).
    const o = (this.segmented ? this.aux[r + this.seg[f]] : r) + this.offset[f];
    switch (this.fast[f]) {
      case 1:
        return this.dv.getInt32(o, true);
      case 2:
        return this.dv.getUint32(o, true);
      case 3:
        return this.dv.getUint32(o + 4, true) * TWO32 + this.dv.getUint32(o, true);
      case 4:
        return this.dv.getInt32(o + 4, true) * TWO32 + this.dv.getUint32(o, true);
      default:
        return this.slow(o, f);
    }
  }

  private slow(o: number, f: number): number {
    const dv = this.dv;
    const le = this.le[f] === 1;
    switch (this.kind[f]) {
      case LZ.I32:
        return dv.getInt32(o, le);
      case LZ.U32:
        return dv.getUint32(o, le);
      case LZ.U64:
        return le ? this.int64(o, 4, 0, false) : this.int64(o, 0, 4, false);
      case LZ.I64:
        return le ? this.int64(o, 4, 0, true) : this.int64(o, 0, 4, true);
      case LZ.U8:
        return dv.getUint8(o);
      case LZ.I8:
        return dv.getInt8(o);
      case LZ.U16:
        return dv.getUint16(o, le);
      case LZ.I16:
        return dv.getInt16(o, le);
      case LZ.F32:
        return dv.getFloat32(o, le);
      case LZ.F64:
        return dv.getFloat64(o, le);
      default:
        return NaN;
    }
  }

  private int64(o: number, hiAt: number, loAt: number, signed: boolean): number {
    const le = hiAt === 4;
    const hi = signed ? this.dv.getInt32(o + hiAt, le) : this.dv.getUint32(o + hiAt, le);
    return hi * TWO32 + this.dv.getUint32(o + loAt, le);
  }

  private isNumeric(k: number): boolean {
    return k >= LZ.I8 && k <= LZ.F64;
  }

  bigint(r: number, f: number): bigint | undefined {
    const k = this.kind[f];
    const o = this.at(r, f);
    if (k === LZ.U64) return this.dv.getBigUint64(o, this.le[f] === 1);
    if (k === LZ.I64) return this.dv.getBigInt64(o, this.le[f] === 1);
    // Floats and text have no bigint (as their columns).
    return this.isNumeric(k) && k !== LZ.F32 && k !== LZ.F64 ? BigInt(this.int(r, f)) : undefined;
  }

  /**
   * The text of a string or text array field. A NUL-terminated string is its segment's start and the next one's,
   * less the NUL, read without further calls (strings are the most read lazy fields after integers).
   */
  private text(r: number, f: number): string {
    let s: number;
    let e: number;
    if (this.kind[f] === LZ.STRZ) {
      const g = r + this.seg[f];
      s = this.aux[g] + this.offset[f];
      e = this.aux[g + 1] - 1;
    } else {
      s = this.at(r, f);
      const lim = s + this.layout.len[f];
      e = s;
      while (e < lim && this.u8[e] !== 0) e++;
    }
    return this.layout.texts.get(this.u8, s, e, this.dv) ?? decodeText(this.u8.subarray(s, e));
  }

  str(r: number, f: number): string | undefined {
    const k = this.kind[f];
    if (k === LZ.STRZ || k === LZ.TEXT) return this.text(r, f);
    const m = this.layout.labels[f];
    if (m === undefined) return undefined;
    const l = labelOf(m, this.int(r, f), () => this.bigint(r, f) as bigint);
    return l === null ? undefined : typeof l === 'string' ? l : l[0];
  }

  value(r: number, f: number): FieldValue | undefined {
    const k = this.kind[f];
    if (k === LZ.STRZ || k === LZ.TEXT) return this.text(r, f);
    if (!this.isNumeric(k)) return undefined;
    const n = this.int(r, f);
    const v = (k === LZ.U64 || k === LZ.I64) && !Number.isSafeInteger(n) ? (this.bigint(r, f) as bigint) : n;
    const m = this.layout.labels[f];
    return m === undefined ? v : { label: labelOf(m, n, () => this.bigint(r, f) as bigint), value: v };
  }
}
