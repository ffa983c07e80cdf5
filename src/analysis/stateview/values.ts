/**
 * State values of the declarative state views: the runtime representation and the rules shared by the engine and
 * the Trace Compass XML import (comparison, conversion to attribute names, forced types, arithmetic).
 *
 * Scope: `null`; integers as `number` (always a safe integer) or `bigint` (only beyond 2^53, e.g. timestamps from
 * the origin); doubles as `Dbl` (so that 3.0 stays a double); strings. No other JS values are state values.
 */

/** A double-precision state value (kept distinct from integers, as Trace Compass does). */
export class Dbl {
  constructor(readonly v: number) {}
  toString(): string {
    return doubleString(this.v);
  }
}

export type Value = null | number | bigint | string | Dbl;

/** Value kinds, as stored in interval tables. */
export const enum Kind {
  Null = 0,
  Int = 1,
  Big = 2,
  Double = 3,
  Str = 4
}

export type ForcedType = 'int' | 'long' | 'double' | 'string';

/** Java's Double.toString for the common cases: integral doubles keep a `.0`. */
function doubleString(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return `${v}.0`;
  return String(v);
}

/** An integer value: a number when it is a safe integer, else a bigint. */
export function intValue(v: bigint | number): number | bigint {
  if (typeof v === 'number') return v;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** A JS number as a state value: integers stay integers, others become doubles; NaN is null. */
export function numberValue(v: number): Value {
  if (Number.isNaN(v)) return null;
  return Number.isSafeInteger(v) ? v : new Dbl(v);
}

export function kindOf(v: Value): Kind {
  if (v === null) return Kind.Null;
  switch (typeof v) {
    case 'number':
      return Kind.Int;
    case 'bigint':
      return Kind.Big;
    case 'string':
      return Kind.Str;
    default:
      return Kind.Double;
  }
}

export function isNumeric(v: Value): v is number | bigint | Dbl {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof Dbl;
}

/** The string form used for names, labels and string comparisons (`null` → "null"). */
export function valueString(v: Value): string {
  return v === null ? 'null' : typeof v === 'string' ? v : v.toString();
}

/** The attribute name a value gives as a path element, or undefined for null (an invalid path). */
export function nameOf(v: Value): string | undefined {
  return v === null ? undefined : valueString(v);
}

/** Same value (same kind and content): writing it again does not split an interval. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof Dbl && b instanceof Dbl) return a.v === b.v || (Number.isNaN(a.v) && Number.isNaN(b.v));
  return false;
}

/** A numeric value as a JS number (approximate for huge bigints), or NaN. */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Dbl) return v.v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

/** An integral value as bigint (numbers and numeric strings; doubles truncated), or undefined. */
export function toBigInt(v: Value): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  const n = toNumber(v);
  if (!Number.isFinite(n)) return undefined;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return BigInt(v.trim());
  return BigInt(Math.trunc(n));
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Three-way comparison: two numeric values compare as numbers (exactly for integers); anything else compares by
 * string form, null being "null" (so null equals only null).
 */
export function compareValues(a: Value, b: Value): number {
  if (isNumeric(a) && isNumeric(b)) {
    if (a instanceof Dbl || b instanceof Dbl) return compareNumbers(toNumber(a), toNumber(b));
    return compareNumbers(a as number | bigint, b as number | bigint);
  }
  const x = valueString(a);
  const y = valueString(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export type Operator = 'eq' | 'ne' | 'ge' | 'gt' | 'le' | 'lt';
export const OPERATORS: readonly Operator[] = ['eq', 'ne', 'ge', 'gt', 'le', 'lt'];

export function applyOperator(op: Operator, a: Value, b: Value): boolean {
  const c = compareValues(a, b);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'ge':
      return c >= 0;
    case 'gt':
      return c > 0;
    case 'le':
      return c <= 0;
    case 'lt':
      return c < 0;
  }
}

/** Converts a resolved value to a forced type; a value that does not convert becomes null. */
export function forceType(v: Value, type: ForcedType): Value {
  if (v === null) return null;
  switch (type) {
    case 'string':
      return valueString(v);
    case 'double': {
      const n = toNumber(v);
      return Number.isNaN(n) ? null : new Dbl(n);
    }
    case 'int':
    case 'long': {
      const b = toBigInt(v);
      if (b === undefined) return null;
      return type === 'int' ? Number(BigInt.asIntN(32, b)) : intValue(BigInt.asIntN(64, b));
    }
  }
}

/** `a + b` for increments: a null current value counts as 0; non-numeric operands give undefined. */
export function addValues(a: Value, b: Value): Value | undefined {
  const x = a === null ? 0 : a;
  if (!isNumeric(x) || !isNumeric(b)) return undefined;
  if (x instanceof Dbl || b instanceof Dbl) return new Dbl(toNumber(x) + toNumber(b));
  if (typeof x === 'number' && typeof b === 'number') {
    const s = x + b;
    if (Number.isSafeInteger(s)) return s;
  }
  return intValue(BigInt(x) + BigInt(b));
}

/** `-v` for numeric values; anything else unchanged (an increment by it is then ignored). */
export function negate(v: Value): Value {
  if (typeof v === 'number') return v === 0 ? 0 : -v;
  if (typeof v === 'bigint') return intValue(-v);
  if (v instanceof Dbl) return new Dbl(-v.v);
  return v;
}

/** A time (ns) from a value: integers, numeric strings and doubles (rounded); undefined otherwise. */
export function toTime(v: Value): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (v instanceof Dbl) return Number.isFinite(v.v) ? BigInt(Math.round(v.v)) : undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^-?\d+$/.test(s)) return BigInt(s);
    const n = Number(s);
    return s !== '' && Number.isFinite(n) ? BigInt(Math.round(n)) : undefined;
  }
  return undefined;
}

/** A state value from a JS constant of the native spec (integers → integer, other numbers → double). */
export function constantValue(v: null | number | bigint | string | boolean): Value {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return intValue(v);
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : new Dbl(v);
  return v;
}
