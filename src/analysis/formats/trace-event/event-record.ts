/**
 * One trace-event object as tracelab sees it: its class (the event `name`), timestamp in ns, phase, and typed
 * fields in a fixed order — `ph`, `cat`, `pid`, `tid`, then the other members in object order, then `args.<key>`
 * for each argument (one level flattened; deeper values are structs / lists).
 *
 * Conversions: `ts`, `dur`, `tdur`, `tts` are microseconds (number or numeric string, fractions allowed) → exact
 * integer ns; numeric `pid` / `tid` strings → integers; `id` / `bind_id` → strings (as written). Objects without
 * `ph` (e.g. `{}`) are not events; objects without a usable `ts` are not events unless they are metadata (`M`).
 */
import type { FieldValue } from '../../trace/types';
import { exactInt } from '../ftrace/body';
import type { ParsedField } from '../ftrace/body';
import { JsonNumber } from './lenient-json';
import type { JsonValue } from './lenient-json';

export interface EventRecord {
  readonly name: string;
  readonly ph: string;
  /** ns, undefined for metadata without a timestamp. */
  readonly ts: bigint | undefined;
  readonly fields: ParsedField[];
  /** The raw `args` object (metadata events read it). */
  readonly args: { [key: string]: JsonValue } | undefined;
}

export const UNNAMED = '(unnamed)';
const TIME_KEYS = new Set(['dur', 'tdur', 'tts']);
const ID_KEYS = new Set(['id', 'bind_id']);

/** Exact ns from a decimal µs text (`12.5` → 12500n); undefined when not a decimal number. */
export function microsToNs(text: string): bigint | undefined {
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) {
    const n = Number(text);
    return Number.isFinite(n) ? BigInt(Math.round(n * 1000)) : undefined;
  }
  const ns = BigInt(m[2] || '0') * 1000n + BigInt(((m[3] ?? '') + '000').slice(0, 3));
  return m[1] === '-' ? -ns : ns;
}

function timeNs(v: JsonValue | undefined): bigint | undefined {
  if (v instanceof JsonNumber) return microsToNs(v.raw);
  if (typeof v === 'string') return microsToNs(v);
  return undefined;
}

/** A JSON value as a field value (numbers exact when integral). */
export function toFieldValue(v: JsonValue): FieldValue {
  if (v instanceof JsonNumber) {
    if (/^-?\d+$/.test(v.raw)) return exactInt(BigInt(v.raw));
    return v.value;
  }
  if (Array.isArray(v)) return v.map(toFieldValue);
  if (v !== null && typeof v === 'object') {
    const out: { [k: string]: FieldValue } = {};
    for (const [k, x] of Object.entries(v)) out[k] = toFieldValue(x);
    return out;
  }
  return v;
}

function field(name: string, v: JsonValue): ParsedField | undefined {
  if (v === null) return undefined;
  if (v instanceof JsonNumber) {
    const value = toFieldValue(v);
    return {
      name,
      kind: typeof value === 'number' && !Number.isInteger(value) ? 'float' : 'int',
      value,
      raw: v.raw
    };
  }
  if (typeof v === 'string') return { name, kind: 'string', value: v, raw: v };
  if (typeof v === 'boolean') return { name, kind: 'bool', value: v, raw: String(v) };
  const value = toFieldValue(v);
  return { name, kind: Array.isArray(v) ? 'list' : 'struct', value, raw: JSON.stringify(value, bigintJson) };
}

function bigintJson(_: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

function special(key: string, v: JsonValue): ParsedField | undefined {
  if (TIME_KEYS.has(key)) {
    const ns = timeNs(v);
    return ns === undefined
      ? field(key, v)
      : { name: key, kind: 'int', value: exactInt(ns), raw: String(ns) };
  }
  if (ID_KEYS.has(key) && (v instanceof JsonNumber || typeof v === 'string')) {
    const s = v instanceof JsonNumber ? v.raw : v;
    return { name: key, kind: 'string', value: s, raw: s };
  }
  if ((key === 'pid' || key === 'tid') && typeof v === 'string' && /^-?\d+$/.test(v.trim())) {
    return { name: key, kind: 'int', value: exactInt(BigInt(v.trim())), raw: v };
  }
  return field(key, v);
}

const FIRST = ['ph', 'cat', 'pid', 'tid'];

/** The record of a parsed object, or undefined when it is not an event (see the module header). */
export function toRecord(obj: JsonValue): EventRecord | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || obj instanceof JsonNumber) {
    return undefined;
  }
  const ph = obj.ph;
  if (typeof ph !== 'string' || ph === '') return undefined;
  const ts = timeNs(obj.ts);
  if (ts === undefined && ph !== 'M') return undefined;
  const nameV = obj.name;
  const name =
    typeof nameV === 'string' && nameV !== '' ? nameV : nameV instanceof JsonNumber ? nameV.raw : UNNAMED;
  const fields: ParsedField[] = [];
  const keys = [...FIRST.filter(k => k in obj), ...Object.keys(obj).filter(k => !FIRST.includes(k))];
  for (const k of keys) {
    if (k === 'name' || k === 'ts' || k === 'args') continue;
    const f = special(k, obj[k]);
    if (f !== undefined) fields.push(f);
  }
  const args = obj.args;
  const argObj =
    args !== null && typeof args === 'object' && !Array.isArray(args) && !(args instanceof JsonNumber)
      ? args
      : undefined;
  if (argObj !== undefined) {
    for (const [k, v] of Object.entries(argObj)) {
      const f = field(`args.${k}`, v);
      if (f !== undefined) fields.push(f);
    }
  }
  return { name, ph, ts, fields, args: argObj };
}
