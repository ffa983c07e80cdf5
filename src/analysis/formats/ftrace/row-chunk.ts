/**
 * An `EventChunk` of parsed text records: timestamps, classes and CPUs as typed arrays, field values as one row
 * per event aligned to its class's fields (numbers where exact, bigint beyond 2^53, strings, lists, structs).
 *
 * Also the typed field inference shared by the text formats: values observed in the first pass widen a field's
 * column type (int < uint hex < float < string; lists and structs stay themselves, and mix to string).
 */
import { readIntsVia } from '../../trace/read-ints';
import type { EventChunk } from '../../trace/source';
import type { FieldInfo, FieldValue } from '../../trace/types';
import type { ParsedField } from './body';

export type Row = (FieldValue | undefined)[];

export class RowChunk implements EventChunk {
  readonly length: number;
  readonly ts: Uint32Array;
  /** Timestamps as doubles (the merge's ordering key). */
  readonly key: Float64Array;
  readonly cls: Int32Array;
  readonly cpu: Int32Array;
  readonly stream = 0;

  constructor(
    ts: readonly bigint[],
    cls: readonly number[],
    cpu: readonly number[],
    private readonly rows: readonly Row[]
  ) {
    const n = ts.length;
    this.length = n;
    const t = new BigInt64Array(n);
    this.key = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      t[k] = ts[k];
      this.key[k] = Number(ts[k]);
    }
    this.ts = new Uint32Array(t.buffer);
    this.cls = Int32Array.from(cls);
    this.cpu = Int32Array.from(cpu);
  }

  private raw(k: number, field: number): FieldValue | undefined {
    return field < 0 ? undefined : this.rows[k][field];
  }

  int(k: number, field: number): number {
    const v = this.raw(k, field);
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v !== null && typeof v === 'object' && 'label' in v && 'value' in v) return Number(v.value);
    return NaN;
  }

  readInts(k: number, count: number, num: Float64Array, hi: Uint32Array, lo: Uint32Array): void {
    readIntsVia(this, k, count, num, hi, lo);
  }

  bigint(k: number, field: number): bigint | undefined {
    const v = this.raw(k, field);
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined;
    if (v !== null && typeof v === 'object' && 'label' in v && 'value' in v) {
      const x = v.value;
      return typeof x === 'bigint' ? x : typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : undefined;
    }
    return undefined;
  }

  str(k: number, field: number): string | undefined {
    const v = this.raw(k, field);
    if (typeof v === 'string') return v;
    if (v !== null && typeof v === 'object' && 'label' in v && typeof v.label === 'string') return v.label;
    return undefined;
  }

  value(k: number, field: number): FieldValue | undefined {
    return this.raw(k, field);
  }
}

/** The observed kind of one value. */
export type ValueKind = 'int' | 'uint' | 'float' | 'string' | 'bool' | 'list' | 'struct' | 'enum';

const ORDER: Record<ValueKind, number> = {
  bool: 0,
  enum: 1,
  int: 2,
  uint: 3,
  float: 4,
  string: 9,
  list: 9,
  struct: 9
};

/** The column kind holding values of kinds `a` and `b`. */
export function widenKind(a: ValueKind, b: ValueKind): ValueKind {
  if (a === b) return a;
  if (a === 'enum' || b === 'enum') return a === 'int' || b === 'int' ? 'enum' : 'string';
  if (ORDER[a] < 9 && ORDER[b] < 9) return ORDER[a] > ORDER[b] ? a : b;
  return 'string';
}

/** Field descriptor of a column of kind `k`. */
export function fieldOf(name: string, scope: FieldInfo['scope'], k: ValueKind): FieldInfo {
  switch (k) {
    case 'int':
      return { name, scope, type: 'int', bits: 64 };
    case 'uint':
      return { name, scope, type: 'uint', bits: 64 };
    case 'enum':
      return { name, scope, type: 'enum', bits: 64 };
    default:
      return { name, scope, type: k };
  }
}

/** The value of a parsed field in a column of kind `k`. */
export function coerce(k: ValueKind, f: ParsedField): FieldValue {
  if (k === 'string') return f.kind === 'string' ? f.value : f.raw;
  if (k === 'float' && typeof f.value === 'bigint') return Number(f.value);
  if (k === 'enum' && (typeof f.value === 'number' || typeof f.value === 'bigint')) {
    return { label: f.raw, value: f.value };
  }
  return f.value;
}

/** A class under construction: fields in order of first appearance, with widened kinds. */
export class ClassSchema {
  readonly names: string[] = [];
  readonly kinds: ValueKind[] = [];
  readonly scopes: FieldInfo['scope'][] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly name: string) {}

  /** Column of `field`, created on first sight; widens its kind. */
  observe(field: string, kind: ValueKind, scope: FieldInfo['scope'] = 'payload'): number {
    let k = this.index.get(field);
    if (k === undefined) {
      k = this.names.length;
      this.index.set(field, k);
      this.names.push(field);
      this.kinds.push(kind);
      this.scopes.push(scope);
    } else {
      this.kinds[k] = widenKind(this.kinds[k], kind);
    }
    return k;
  }

  column(field: string): number {
    return this.index.get(field) ?? -1;
  }

  /** One event's row: each field's value coerced to its column's kind (fields without a column dropped). */
  row(fields: Iterable<ParsedField>): Row {
    const row: Row = new Array(this.names.length);
    for (const f of fields) {
      const k = this.column(f.name);
      if (k >= 0) row[k] = coerce(this.kinds[k], f);
    }
    return row;
  }

  fields(): FieldInfo[] {
    return this.names.map((n, k) => fieldOf(n, this.scopes[k], this.kinds[k]));
  }
}
