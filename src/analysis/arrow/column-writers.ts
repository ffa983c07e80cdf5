/**
 * Column writers of the per-class tables: each turns one field of an event class into one Arrow column (two for
 * enumerations) for a selection of rows of an EventBatch, writing typed arrays directly.
 *
 * Type mapping (FieldInfo.type → Arrow):
 *   int / uint ≤ 32 bits → Int32 / Uint32;  wider → Int64 / Uint64 (exact: bigint only beyond 2^53)
 *   float → Float64;  bool → Bool;  string → Utf8;  bytes → Binary
 *   enum x → `x` Utf8 label (several matching labels joined with `|`, null when none) + `x.value` Int32 (under
 *            32 bits) or Int64
 *   list → List<element> (see `list-writer.ts`);  struct / variant → Utf8 holding the value as JSON
 * A field the event does not have (NaN / undefined from the accessors) is null.
 */
import { Binary, Bool, Field, Float64, Int32, Int64, Uint32, Uint64, Utf8, makeData } from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import type { EventBatch, FieldInfo, FieldValue } from '../trace/types';
import { NullMask, VarBuffer } from './buffers';
import { jsonValue } from './value-json';

export interface ColumnWriter {
  readonly fields: readonly Field[];
  /** The columns for events `rows[0..count)` of `batch`. */
  build(batch: EventBatch, rows: Int32Array, count: number): Data[];
}

const TWO32 = 4294967296;

function intType(signed: boolean, bits: number): Int32 | Uint32 | Int64 | Uint64 {
  if (bits <= 32) return signed ? new Int32() : new Uint32();
  return signed ? new Int64() : new Uint64();
}

/** Integers: a safe number is written as two 32-bit halves; only values beyond 2^53 go through bigint. */
function buildInts(
  type: Int32 | Uint32 | Int64 | Uint64,
  batch: EventBatch,
  fi: number,
  rows: Int32Array,
  count: number
): Data {
  const nulls = new NullMask(count);
  const wide = type.bitWidth === 64;
  const out = wide ? (type.isSigned ? new BigInt64Array(count) : new BigUint64Array(count)) : undefined;
  const halves = out
    ? new Int32Array(out.buffer)
    : type.isSigned
      ? new Int32Array(count)
      : new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    const i = rows[k];
    const v = batch.int(i, fi);
    if (v !== v) {
      nulls.setNull(k);
    } else if (!wide) {
      halves[k] = v;
    } else if (Number.isSafeInteger(v)) {
      const hi = Math.floor(v / TWO32);
      halves[2 * k] = v - hi * TWO32;
      halves[2 * k + 1] = hi;
    } else {
      const b = batch.bigint(i, fi);
      if (b === undefined) nulls.setNull(k);
      else out![k] = b;
    }
  }
  const data = out ?? halves;
  return makeData({
    type,
    length: count,
    nullCount: nulls.nullCount,
    nullBitmap: nulls.bitmap,
    data
  } as never);
}

function buildFloats(batch: EventBatch, fi: number, rows: Int32Array, count: number): Data {
  const nulls = new NullMask(count);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const v = batch.value(rows[k], fi);
    if (typeof v === 'number') out[k] = v;
    else if (typeof v === 'bigint') out[k] = Number(v);
    else nulls.setNull(k);
  }
  return makeData({
    type: new Float64(),
    length: count,
    nullCount: nulls.nullCount,
    nullBitmap: nulls.bitmap,
    data: out
  });
}

function buildBools(batch: EventBatch, fi: number, rows: Int32Array, count: number): Data {
  const nulls = new NullMask(count);
  const out = new Uint8Array((count + 7) >> 3);
  for (let k = 0; k < count; k++) {
    const v = batch.value(rows[k], fi);
    if (v === undefined || v === null) nulls.setNull(k);
    else if (v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'bigint' && v !== 0n)) {
      out[k >> 3] |= 1 << (k & 7);
    }
  }
  return makeData({
    type: new Bool(),
    length: count,
    nullCount: nulls.nullCount,
    nullBitmap: nulls.bitmap,
    data: out
  });
}

/** A Utf8 (or Binary) column from a per-row getter returning the text, bytes, or undefined for null. */
export function buildVar(
  type: Utf8 | Binary,
  count: number,
  get: (k: number) => string | Uint8Array | undefined
): Data {
  const nulls = new NullMask(count);
  const buf = new VarBuffer(count);
  for (let k = 0; k < count; k++) {
    const v = get(k);
    if (v === undefined) {
      nulls.setNull(k);
      buf.pushEmpty();
    } else if (typeof v === 'string') buf.pushString(v);
    else buf.pushBytes(v);
  }
  return makeData({
    type,
    length: count,
    nullCount: nulls.nullCount,
    nullBitmap: nulls.bitmap,
    valueOffsets: buf.offsets,
    data: buf.bytes
  } as never);
}

function enumLabel(v: FieldValue | undefined): string | undefined {
  if (v === null || typeof v !== 'object' || !('label' in v)) return undefined;
  const label = (v as { label: unknown }).label;
  if (Array.isArray(label)) return label.length > 0 ? label.join('|') : undefined;
  return typeof label === 'string' ? label : undefined;
}

/** Enumerations: labels are cached per integer value, so `value()` runs once per distinct value per batch. */
function enumWriter(name: string, fi: number, info: FieldInfo): ColumnWriter {
  // FieldInfo does not say whether an enumeration is signed: Int32 holds any value below 32 bits, Int64 the rest.
  const valueType = intType(true, (info.bits ?? 64) < 32 ? 32 : 64);
  return {
    fields: [new Field(name, new Utf8(), true), new Field(`${name}.value`, valueType, true)],
    build(batch, rows, count) {
      const labels = new Map<number, string | undefined>();
      const label = buildVar(new Utf8(), count, k => {
        const i = rows[k];
        const n = batch.int(i, fi);
        if (n !== n) return enumLabel(batch.value(i, fi));
        if (!labels.has(n)) labels.set(n, enumLabel(batch.value(i, fi)));
        return labels.get(n);
      });
      return [label, buildInts(valueType, batch, fi, rows, count)];
    }
  };
}

function single(name: string, type: DataType, build: ColumnWriter['build']): ColumnWriter {
  return { fields: [new Field(name, type, true)], build };
}

/** The writer for field `fi` (an index in the class's `fields`) named `name` in the table. */
export function scalarWriter(name: string, fi: number, info: FieldInfo): ColumnWriter | undefined {
  switch (info.type) {
    case 'int':
    case 'uint': {
      const type = intType(info.type === 'int', info.bits ?? 64);
      return single(name, type, (b, rows, n) => [buildInts(type, b, fi, rows, n)]);
    }
    case 'float':
      return single(name, new Float64(), (b, rows, n) => [buildFloats(b, fi, rows, n)]);
    case 'bool':
      return single(name, new Bool(), (b, rows, n) => [buildBools(b, fi, rows, n)]);
    case 'string':
      return single(name, new Utf8(), (b, rows, n) => [buildVar(new Utf8(), n, k => b.str(rows[k], fi))]);
    case 'bytes':
      return single(name, new Binary(), (b, rows, n) => [
        buildVar(new Binary(), n, k => {
          const v = b.value(rows[k], fi);
          return v instanceof Uint8Array ? v : undefined;
        })
      ]);
    case 'enum':
      return enumWriter(name, fi, info);
    case 'struct':
    case 'variant':
      return single(name, new Utf8(), (b, rows, n) => [
        buildVar(new Utf8(), n, k => {
          const v = b.value(rows[k], fi);
          return v === undefined ? undefined : jsonValue(v);
        })
      ]);
    default:
      return undefined;
  }
}
