/**
 * Results as Apache Arrow tables: state intervals (`attribute, start, end, value, value_num`, one row per
 * interval, the attribute path joined with `/`) and segments (`name, start, end`, then one column per field).
 *
 * Scope: column building from the state system's typed arrays; no per-row objects for intervals.
 */
import {
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  Table,
  Utf8,
  Vector,
  vectorFromArray
} from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import type { StateViewResult } from './engine';
import type { Segment } from './segments';
import { ROOT } from './state-system';
import type { StateSystem } from './state-system';
import { Dbl, Kind, valueString } from './values';
import type { Value } from './values';

function nullBitmap(n: number, isNull: (k: number) => boolean): { bits?: Uint8Array; nulls: number } {
  let bits: Uint8Array | undefined;
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    if (!isNull(k)) continue;
    bits ??= new Uint8Array((n + 7) >> 3).fill(0xff);
    bits[k >> 3] &= ~(1 << (k & 7));
    nulls++;
  }
  return { bits, nulls };
}

function vec(data: Data<DataType>): Vector {
  return new Vector([data]);
}

function int64(values: BigInt64Array): Vector {
  return vec(makeData({ type: new Int64(), length: values.length, nullCount: 0, data: values }));
}

function float64(values: Float64Array, isNull: (k: number) => boolean): Vector {
  const { bits, nulls } = nullBitmap(values.length, isNull);
  return vec(
    makeData({ type: new Float64(), length: values.length, nullCount: nulls, data: values, nullBitmap: bits })
  );
}

function dictionary(
  strings: readonly string[],
  indices: Int32Array,
  isNull?: (k: number) => boolean
): Vector {
  const { bits, nulls } = isNull ? nullBitmap(indices.length, isNull) : { bits: undefined, nulls: 0 };
  return vec(
    makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      length: indices.length,
      nullCount: nulls,
      data: indices,
      nullBitmap: bits,
      dictionary: vectorFromArray([...strings], new Utf8())
    })
  );
}

export interface IntervalTableOptions {
  /** Only attributes whose path starts with this prefix (e.g. `Ranks/`). */
  prefix?: string;
  /** Only intervals overlapping [from, to]. */
  from?: bigint;
  to?: bigint;
  /** Keep null intervals (default true). */
  nulls?: boolean;
}

/** Rows to output: (order position, attribute) pairs, grouped by attribute in tree order, each in time order. */
function selectIntervals(ss: StateSystem, opts: IntervalTableOptions): { pos: number[]; attrs: number[] } {
  const pos: number[] = [];
  const attrs: number[] = [];
  const st = ss.store;
  const keepNulls = opts.nulls !== false;
  const prefix = opts.prefix;
  const visit = (q: number): void => {
    const path = ss.fullName(q);
    const inside = prefix === undefined || path.startsWith(prefix);
    if (!inside && !prefix!.startsWith(path + '/')) return;
    if (inside) {
      const { lo, hi } = st.query(q, ss.attributeCount, opts.from, opts.to);
      for (let j = lo; j < hi; j++) {
        if (keepNulls || st.kind(st.at(j)) !== Kind.Null) {
          pos.push(j);
          attrs.push(q);
        }
      }
    }
    for (const c of ss.children(q)) visit(c);
  };
  for (const c of ss.children(ROOT)) visit(c);
  return { pos, attrs };
}

/** State intervals as an Arrow table: attribute, start, end, value (string form; null for null), value_num. */
export function stateIntervals(
  result: StateViewResult | StateSystem,
  opts: IntervalTableOptions = {}
): Table {
  const ss = 'ss' in result ? result.ss : result;
  const st = ss.store;
  const { pos, attrs } = selectIntervals(ss, opts);
  const n = pos.length;
  const names = Array.from({ length: ss.attributeCount }, (_, q) => ss.fullName(q));
  const attr = Int32Array.from(attrs);
  const start = new BigInt64Array(n);
  const end = new BigInt64Array(n);
  const num = new Float64Array(n);
  const valueIdx = new Int32Array(n);
  const isNull = new Uint8Array(n);
  const valueStrings: string[] = [];
  const seen = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const k = st.at(pos[r]);
    start[r] = st.start(k);
    end[r] = st.endAt(pos[r], attrs[r]);
    num[r] = st.number(k);
    const v = st.value(k);
    if (v === null) {
      isNull[r] = 1;
      continue;
    }
    const s = valueString(v);
    let id = seen.get(s);
    if (id === undefined) seen.set(s, (id = valueStrings.push(s) - 1));
    valueIdx[r] = id;
  }
  return new Table({
    attribute: dictionary(names, attr),
    start: int64(start),
    end: int64(end),
    value: dictionary(valueStrings, valueIdx, r => isNull[r] === 1),
    value_num: float64(num, r => Number.isNaN(num[r]))
  });
}

function fieldColumn(segs: readonly Segment[], name: string): Vector {
  const vals: Value[] = segs.map(s => (name in s.fields ? s.fields[name] : null));
  const present = vals.filter(v => v !== null);
  if (present.length > 0 && present.every(v => typeof v === 'number' || typeof v === 'bigint')) {
    const out = new BigInt64Array(vals.length);
    vals.forEach((v, k) => (out[k] = v === null ? 0n : BigInt(v as number | bigint)));
    const { bits, nulls } = nullBitmap(vals.length, k => vals[k] === null);
    return vec(
      makeData({ type: new Int64(), length: vals.length, nullCount: nulls, data: out, nullBitmap: bits })
    );
  }
  if (present.length > 0 && present.every(v => typeof v === 'number' || v instanceof Dbl)) {
    const out = Float64Array.from(vals, v => (v === null ? NaN : typeof v === 'number' ? v : (v as Dbl).v));
    return float64(out, k => vals[k] === null);
  }
  return vectorFromArray(
    vals.map(v => (v === null ? null : valueString(v))),
    new Utf8()
  );
}

/** Segments as an Arrow table: name, start, end, then one column per field name (in first-seen order). */
export function segments(result: StateViewResult | readonly Segment[], pattern?: string): Table {
  const all = 'ss' in result ? result.segments : result;
  const segs = pattern === undefined ? all : all.filter(s => s.pattern === pattern);
  const fieldNames: string[] = [];
  for (const s of segs) {
    for (const f of Object.keys(s.fields)) if (!fieldNames.includes(f)) fieldNames.push(f);
  }
  const names: string[] = [];
  const ids = new Map<string, number>();
  const nameIdx = Int32Array.from(segs, s => {
    let id = ids.get(s.name);
    if (id === undefined) ids.set(s.name, (id = names.push(s.name) - 1));
    return id;
  });
  const cols: Record<string, Vector> = {
    name: dictionary(names, nameIdx),
    start: int64(BigInt64Array.from(segs, s => s.start)),
    end: int64(BigInt64Array.from(segs, s => s.end))
  };
  for (const f of fieldNames) if (!(f in cols)) cols[f] = fieldColumn(segs, f);
  return new Table(cols);
}
