/**
 * Runtime of the script expressions (`script.ts`): JavaScript-like arithmetic, loose equality, comparison and
 * truthiness over a small value set, and the whitelisted string methods, Math functions and global functions.
 *
 * Scope: pure functions; nothing here reaches a real JS global.
 */

export type ScriptValue = null | undefined | number | bigint | string | boolean;

function isNum(v: ScriptValue): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

export function toNum(v: ScriptValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return 0;
  if (v === undefined) return NaN;
  return v.trim() === '' ? 0 : Number(v);
}

export function str(v: ScriptValue): string {
  return v === undefined ? 'undefined' : v === null ? 'null' : String(v);
}

/** Integer arithmetic stays exact when a bigint is involved. */
export function arith(op: string, a: ScriptValue, b: ScriptValue): ScriptValue {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return str(a) + str(b);
  const big = (typeof a === 'bigint' || typeof b === 'bigint') && op !== '/';
  if (big && [a, b].every(x => typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) {
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    if (op === '%' && y === 0n) return NaN;
    return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x % y;
  }
  const x = toNum(a);
  const y = toNum(b);
  return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y;
}

export function looseEq(a: ScriptValue, b: ScriptValue): boolean {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn;
  if (typeof a === typeof b) return a === b;
  if (isNum(a) && isNum(b)) return a == b; // eslint-disable-line eqeqeq
  return toNum(a) === toNum(b);
}

export function compare(op: string, a: ScriptValue, b: ScriptValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  }
  const x = isNum(a) && isNum(b) ? a : toNum(a);
  const y = isNum(a) && isNum(b) ? b : toNum(b);
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

export function truthy(v: ScriptValue): boolean {
  return !(
    v === null ||
    v === undefined ||
    v === false ||
    v === 0 ||
    v === 0n ||
    v === '' ||
    Number.isNaN(v)
  );
}

const MATH: Record<string, (...a: number[]) => number> = {
  abs: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  trunc: Math.trunc,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
  sqrt: Math.sqrt,
  log: Math.log
};

export const GLOBAL_FNS: Record<string, (...a: ScriptValue[]) => ScriptValue> = {
  parseInt: s => parseInt(str(s), 10),
  parseFloat: s => parseFloat(str(s)),
  String: s => str(s),
  Number: s => toNum(s),
  isNaN: s => Number.isNaN(toNum(s))
};

function stringMethod(s: string, name: string, args: ScriptValue[]): ScriptValue {
  const n = (k: number): number | undefined => (args[k] === undefined ? undefined : toNum(args[k]));
  switch (name) {
    case 'substring':
      return s.substring(n(0) ?? 0, n(1));
    case 'substr':
      return s.substr(n(0) ?? 0, n(1));
    case 'slice':
      return s.slice(n(0), n(1));
    case 'indexOf':
      return s.indexOf(str(args[0]), n(1));
    case 'lastIndexOf':
      return s.lastIndexOf(str(args[0]));
    case 'charAt':
      return s.charAt(n(0) ?? 0);
    case 'toUpperCase':
      return s.toUpperCase();
    case 'toLowerCase':
      return s.toLowerCase();
    case 'trim':
      return s.trim();
    case 'startsWith':
      return s.startsWith(str(args[0]));
    case 'endsWith':
      return s.endsWith(str(args[0]));
    case 'includes':
    case 'contains':
      return s.includes(str(args[0]));
    case 'replace':
      return s.replace(str(args[0]), str(args[1]));
    case 'concat':
      return s + args.map(str).join('');
    case 'toString':
      return s;
    default:
      throw new Error(`string method '${name}' is not supported`);
  }
}

/** `Math.name`, or undefined when not whitelisted. */
export function mathFunction(name: string): ((...a: ScriptValue[]) => ScriptValue) | undefined {
  const f = Object.prototype.hasOwnProperty.call(MATH, name) ? MATH[name] : undefined;
  return f ? (...a: ScriptValue[]) => f(...a.map(toNum)) : undefined;
}

export function callMember(obj: ScriptValue, name: string, args: ScriptValue[]): ScriptValue {
  if (typeof obj === 'string') return stringMethod(obj, name, args);
  if (name === 'toString') return str(obj);
  throw new Error(`method '${name}' is not supported on ${str(obj)}`);
}
