/**
 * Nanosecond time on the wire and in labels: bigint <-> decimal strings (JSON has no bigint), exact formatting
 * of times and durations, and exact integer division.
 *
 * Scope: pure functions, no DOM, no Node APIs; shared by the kernel (payload builders) and the renderers.
 * Times stay bigint until the render boundary; the only numbers here are offsets the caller promises are below
 * 2^53 (about 104 days of nanoseconds), where doubles are exact.
 */

/** A decimal integer string: optional minus sign, 1 to 30 digits (2^96 ns is far beyond any trace). */
const DECIMAL_NS = /^-?(0|[1-9][0-9]{0,29})$/;

/** Largest offset (ns) a payload may carry as a JSON number: beyond it doubles skip integers. */
export const MAX_OFFSET_NS = Number.MAX_SAFE_INTEGER;

/** Parses a decimal ns string; returns null for anything else (untrusted input never throws). */
export function parseNs(text: unknown): bigint | null {
  if (typeof text !== 'string' || !DECIMAL_NS.test(text)) return null;
  return BigInt(text);
}

/** The wire form of a bigint ns value. */
export function nsToString(t: bigint): string {
  return t.toString(10);
}

/** Rounds `num / den` to the nearest integer (half away from zero), den > 0. */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('roundDiv: denominator must be positive');
  const q = num / den;
  const r = num % den;
  if (2n * (r < 0n ? -r : r) >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

/** Floor division for bigint (rounds toward minus infinity), den > 0. */
export function floorDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}

/** Ceiling division for bigint, den > 0. */
export function ceilDiv(num: bigint, den: bigint): bigint {
  return -floorDiv(-num, den);
}

/**
 * Formats ns as seconds with exactly `decimals` fraction digits (0..9), truncating toward zero: no rounding can
 * turn 0.999999999 s into "1.0". Negative values keep their sign: -1500000000 ns -> "-1.5" with 1 decimal.
 */
export function formatSeconds(ns: bigint, decimals = 9): string {
  const d = Math.max(0, Math.min(9, Math.trunc(decimals)));
  const neg = ns < 0n;
  const abs = neg ? -ns : ns;
  const whole = abs / 1_000_000_000n;
  const frac = (abs % 1_000_000_000n).toString().padStart(9, '0').slice(0, d);
  return `${neg ? '-' : ''}${whole}${d > 0 ? '.' + frac : ''}`;
}

const UNITS: ReadonlyArray<readonly [bigint, string]> = [
  [1_000_000_000n, 's'],
  [1_000_000n, 'ms'],
  [1_000n, 'µs'],
  [1n, 'ns']
];

/**
 * Formats a duration exactly in the largest unit that keeps at least one integer digit, dropping trailing zeros:
 * 1234567 ns -> "1.234567 ms", 5000 ns -> "5 µs", 0 -> "0 ns". No digit is ever lost.
 */
export function formatDuration(ns: bigint): string {
  const neg = ns < 0n;
  const abs = neg ? -ns : ns;
  for (const [scale, unit] of UNITS) {
    if (abs >= scale || scale === 1n) {
      const whole = abs / scale;
      const digits = scale.toString().length - 1;
      const frac = digits > 0 ? (abs % scale).toString().padStart(digits, '0').replace(/0+$/, '') : '';
      return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''} ${unit}`;
    }
  }
  return `${ns} ns`;
}

/** Number of fraction digits (of a second) needed to show multiples of `stepNs` exactly. */
export function decimalsForStep(stepNs: bigint): number {
  let d = 9;
  let s = stepNs < 0n ? -stepNs : stepNs;
  while (d > 0 && s > 0n && s % 10n === 0n) {
    s /= 10n;
    d--;
  }
  return d;
}
