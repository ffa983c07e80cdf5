/**
 * Compares one babeltrace2 value (parsed from its pretty output) with the value tracelab's
 * `EventBatch.value()` returns, and reports differences as readable lines.
 *
 * Rules (all exact except reals, which babeltrace2 prints with `%g`, 6 significant digits):
 *   - integers: equal as bigint; babeltrace2 prints negative values of hex/octal/binary-based signed fields masked
 *     to a multiple of 4/3 bits or to the field width, so a negative tracelab value matches when some such mask of
 *     it equals the printed value;
 *   - reals: `%g` of the tracelab number equals the printed text (or both are the same integer);
 *   - strings: equal after babeltrace2's escapes are undone and its bytes decoded as UTF-8;
 *   - enumerations: tracelab `{label, value}`; the label set equals babeltrace2's (null = none), the value equal;
 *   - structures: same member names (tracelab object keys), members compared recursively;
 *   - arrays / sequences: same length, elements compared;
 *   - variants: babeltrace2 prints `{ <selected value> }`; tracelab may return the selected value itself or a
 *     one-key object `{ <option>: value }` — both are accepted.
 */
import type { FieldValue } from '../../src/analysis/trace/types';
import { btText } from './bt2-pretty-parse';
import type { BtNum, BtValue } from './bt2-pretty-parse';

/** C printf `%g` (precision 6) of a double, as glibc prints it. */
export function formatG(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, e] = v.toExponential(5).split('e');
  const x = Number(e);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (x < -4 || x >= 6) {
    const ax = Math.abs(x);
    return `${strip(mant)}e${x < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  }
  return strip(v.toFixed(5 - x));
}

/** Tracelab value as text for reports (bigint as `123n`). */
export function tlText(v: FieldValue | undefined): string {
  if (v === undefined) return '<absent>';
  if (v instanceof Uint8Array) return `bytes[${Array.from(v).join(',')}]`;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
}

type Obj = { [name: string]: FieldValue };

function isPlainObject(v: FieldValue | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function isEnumValue(
  v: FieldValue | undefined
): v is { label: string | string[] | null; value: number | bigint } {
  return isPlainObject(v) && 'value' in v && 'label' in v && Object.keys(v).length === 2;
}

function maskedEqual(t: bigint, bt: BtNum): boolean {
  if (bt.int === undefined || t >= 0n || bt.base === 10) return false;
  if (bt.base === 2) return BigInt.asUintN(bt.text.length - 2, t) === bt.int;
  const step = bt.base === 16 ? 4 : 3;
  for (let bits = step; bits <= 66; bits += step) {
    if (BigInt.asUintN(Math.min(bits, 64), t) === bt.int) return true;
  }
  return false;
}

function numEqual(bt: BtNum, tl: FieldValue | undefined): boolean {
  if (typeof tl === 'bigint') return bt.int !== undefined && (tl === bt.int || maskedEqual(tl, bt));
  if (typeof tl !== 'number') return false;
  if (bt.int !== undefined && Number.isInteger(tl)) {
    if (Number.isSafeInteger(tl) || bt.base !== 10) {
      const t = BigInt(tl);
      if (t === bt.int || maskedEqual(t, bt)) return true;
    }
  }
  return formatG(tl) === bt.text;
}

function labelsEqual(bt: string[], tl: string | string[] | null): boolean {
  const t = tl === null ? [] : typeof tl === 'string' ? [tl] : [...tl];
  return t.length === bt.length && [...t].sort().join('\u0000') === [...bt].sort().join('\u0000');
}

/**
 * `sink.text.details` scalar text vs a tracelab value: integers are printed with `,` (decimal) or `:` (hex `0x`,
 * octal `0`) digit separators and an explicit sign; enumerations as their integer only; reals with `%f`; strings
 * raw; empty arrays and structures as `Empty`.
 */
function detailsTextEqual(text: string, tl: FieldValue | undefined): boolean {
  if (typeof tl === 'string') return tl === text;
  if (text === 'Empty') {
    return (Array.isArray(tl) && tl.length === 0) || (isPlainObject(tl) && !Object.keys(tl).length);
  }
  if (isEnumValue(tl)) return detailsTextEqual(text, tl.value);
  if (typeof tl === 'number' && !Number.isInteger(tl)) return tl.toFixed(6) === text;
  if (typeof tl !== 'number' && typeof tl !== 'bigint') return false;
  const m = /^(-?)(0x[0-9a-f:]+|0[0-7:]+|[0-9,]+)$/.exec(text);
  if (m === null) return typeof tl === 'number' && tl.toFixed(6) === text;
  const digits = m[2].replace(/[,:]/g, '');
  const v = digits.startsWith('0x')
    ? BigInt(digits)
    : /^0[0-7]/.test(digits)
      ? BigInt('0o' + digits.slice(1))
      : BigInt(digits);
  if (typeof tl === 'number' && !Number.isSafeInteger(tl)) return false;
  return BigInt(tl) === (m[1] ? -v : v);
}

/** Appends one line per difference to `out` (stops adding after `limit` lines). */
export function compareValue(
  bt: BtValue,
  tl: FieldValue | undefined,
  where: string,
  out: string[],
  limit = 20
): void {
  if (out.length >= limit) return;
  const differ = (why = ''): void => {
    out.push(`${where}: babeltrace2 ${btText(bt)} vs tracelab ${tlText(tl)}${why ? ` (${why})` : ''}`);
  };
  switch (bt.k) {
    case 'num':
      if (!numEqual(bt, tl)) differ();
      return;
    case 'str':
      if (tl !== bt.v) differ();
      return;
    case 'bool':
      if (tl !== bt.v && tl !== (bt.v ? 1 : 0)) differ();
      return;
    case 'none':
      if (tl !== null && tl !== undefined) differ();
      return;
    case 'text':
      if (!detailsTextEqual(bt.v, tl)) differ();
      return;
    case 'enum':
      if (!isEnumValue(tl)) return differ('not an enumeration value');
      if (!labelsEqual(bt.labels, tl.label)) differ('labels');
      else if (!numEqual(bt.v, tl.value)) differ('enum value');
      return;
    case 'array':
      if (!Array.isArray(tl)) return differ('not an array');
      if (tl.length !== bt.items.length) return differ(`length ${bt.items.length} vs ${tl.length}`);
      bt.items.forEach((item, i) => compareValue(item, tl[i], `${where}[${i}]`, out, limit));
      return;
    case 'struct':
      compareStruct(bt.m, tl, where, out, limit, differ);
      return;
    case 'variant':
      compareVariant(bt.v, tl, where, out, limit);
      return;
  }
}

function compareStruct(
  members: [string, BtValue][],
  tl: FieldValue | undefined,
  where: string,
  out: string[],
  limit: number,
  differ: (why?: string) => void
): void {
  if (!isPlainObject(tl)) return differ('not a structure');
  const names = members.map(([n]) => n);
  const extra = Object.keys(tl).filter(k => !names.includes(k));
  if (extra.length > 0) {
    out.push(`${where}: tracelab has members absent from babeltrace2: ${extra.join(', ')}`);
  }
  for (const [name, v] of members) {
    if (!(name in tl)) {
      out.push(`${where}.${name}: missing in tracelab (babeltrace2 ${btText(v)})`);
      continue;
    }
    compareValue(v, (tl as Obj)[name], `${where}.${name}`, out, limit);
  }
}

function compareVariant(
  inner: BtValue,
  tl: FieldValue | undefined,
  where: string,
  out: string[],
  limit: number
): void {
  const direct: string[] = [];
  compareValue(inner, tl, where, direct, limit);
  if (direct.length === 0) return;
  if (isPlainObject(tl) && !isEnumValue(tl) && Object.keys(tl).length === 1) {
    const [key] = Object.keys(tl);
    const wrapped: string[] = [];
    compareValue(inner, (tl as Obj)[key], `${where}<${key}>`, wrapped, limit);
    if (wrapped.length === 0) return;
  }
  out.push(...direct.slice(0, Math.max(0, limit - out.length)));
}
