/**
 * JSON text for trace field values, exact for every integer: `JSON.stringify` cannot write a bigint and rounds
 * numbers beyond 2^53, so this writer prints bigints as plain JSON integers (`18446744073709551615`).
 *
 * Scope: FieldValue → JSON text (used by the CLI's JSONL/CSV rows and by the Arrow JSON columns). Strings are
 * escaped as JSON requires, and additionally `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX` so the text
 * is safe to embed in HTML or a script. Non-finite floats (NaN, ±Infinity) have no JSON form: they are written as
 * `null`. Byte blobs are arrays of integers. Enumerations are `{"label": ..., "value": ...}` objects.
 */
import type { FieldValue } from '../trace/types';

const UNSAFE = /[<>&\u2028\u2029]/;
const UNSAFE_ALL = /[<>&\u2028\u2029]/g;

function escapeUnsafe(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A JSON string literal (quoted). */
export function jsonString(s: string): string {
  const text = JSON.stringify(s);
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeUnsafe) : text;
}

/** A JSON number or integer literal: exact for bigint, `null` for NaN and infinities. */
export function jsonNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  return Number.isFinite(n) ? (n === 0 ? '0' : String(n)) : 'null';
}

function jsonBytes(bytes: Uint8Array): string {
  let out = '[';
  for (let i = 0; i < bytes.length; i++) out += (i > 0 ? ',' : '') + bytes[i];
  return out + ']';
}

function jsonArray(values: readonly FieldValue[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i > 0 ? ',' : '') + jsonValue(values[i]);
  return out + ']';
}

function jsonObject(obj: { readonly [name: string]: unknown }): string {
  let out = '{';
  let first = true;
  for (const key of Object.keys(obj)) {
    out += (first ? '' : ',') + jsonString(key) + ':' + jsonValue(obj[key] as FieldValue | undefined);
    first = false;
  }
  return out + '}';
}

/** JSON text of any field value; `undefined` (field absent) is `null`. */
export function jsonValue(v: FieldValue | undefined): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return jsonNumber(v);
    case 'string':
      return jsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    default:
      if (v === null) return 'null';
      if (v instanceof Uint8Array) return jsonBytes(v);
      if (Array.isArray(v)) return jsonArray(v);
      return jsonObject(v as { readonly [name: string]: unknown });
  }
}
