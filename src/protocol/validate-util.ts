/**
 * Small building blocks for the runtime validators of payloads and comm messages: a bounded issue list and
 * checks for records, strings, colours and integer columns.
 *
 * Scope: pure functions over `unknown`. A payload from a saved notebook is untrusted input: the validators check
 * every field they use and never throw on malformed data.
 */

/** The result of validating untrusted input. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Longest accepted display string (labels, titles); longer ones are rejected, not silently cut. */
export const MAX_TEXT_LENGTH = 4096;

/** Longest accepted identifier (row ids, experiment ids, handles). */
export const MAX_ID_LENGTH = 512;

/** Collects validation issues, keeping only the first few so a huge broken column stays cheap to report. */
export class Issues {
  readonly list: string[] = [];

  /** Records an issue at a JSON path such as `intervals.start[3]`. */
  add(path: string, message: string): void {
    if (this.list.length < Issues.MAX) this.list.push(`${path}: ${message}`);
    else this.truncated = true;
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** The result for `value`, which the caller has fully checked when `ok`. */
  result<T>(value: unknown): ValidationResult<T> {
    if (this.ok) return { ok: true, value: value as T };
    return { ok: false, errors: this.truncated ? [...this.list, '...'] : this.list.slice() };
  }

  truncated = false;
  static readonly MAX = 20;
}

/** A plain JSON object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Checks `obj[key]` is a string of at most `max` characters (optional: absent or undefined is fine). */
export function checkString(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  opts: { optional?: boolean; max?: number; nonEmpty?: boolean } = {}
): boolean {
  const v = obj[key];
  if (v === undefined && opts.optional) return true;
  if (typeof v !== 'string') {
    issues.add(`${path}.${key}`, 'expected a string');
    return false;
  }
  if (v.length > (opts.max ?? MAX_TEXT_LENGTH)) {
    issues.add(`${path}.${key}`, 'string too long');
    return false;
  }
  if (opts.nonEmpty && v.length === 0) {
    issues.add(`${path}.${key}`, 'empty string');
    return false;
  }
  return true;
}

/** Checks `obj[key]`, if present, is an integer in [min, max]. */
export function checkOptionalInt(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
  min: number,
  max: number
): boolean {
  const v = obj[key];
  if (v === undefined) return true;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    issues.add(`${path}.${key}`, `expected an integer in [${min}, ${max}]`);
    return false;
  }
  return true;
}

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** True for `#rgb` / `#rrggbb`: the only colour syntax payloads may use (safe in CSS, canvas and SVG). */
export function isHexColor(x: unknown): x is string {
  return typeof x === 'string' && HEX_COLOR.test(x);
}

/**
 * Checks that `x` is an array of `length` integers in [min, max] (length -1: any length).
 * Returns the length, or -1 when invalid.
 */
export function checkIntColumn(
  x: unknown,
  path: string,
  issues: Issues,
  min: number,
  max: number,
  length = -1
): number {
  if (!Array.isArray(x)) {
    issues.add(path, 'expected an array of integers');
    return -1;
  }
  if (length >= 0 && x.length !== length) {
    issues.add(path, `expected ${length} entries, got ${x.length}`);
    return -1;
  }
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      issues.add(`${path}[${i}]`, `expected an integer in [${min}, ${max}]`);
      return -1;
    }
  }
  return x.length;
}

/** Checks an array of strings (each at most `max` characters). Returns the length, or -1 when invalid. */
export function checkStringArray(x: unknown, path: string, issues: Issues, max = MAX_TEXT_LENGTH): number {
  if (!Array.isArray(x)) {
    issues.add(path, 'expected an array of strings');
    return -1;
  }
  for (let i = 0; i < x.length; i++) {
    const v: unknown = x[i];
    if (typeof v !== 'string' || v.length > max) {
      issues.add(`${path}[${i}]`, 'expected a string');
      return -1;
    }
  }
  return x.length;
}
