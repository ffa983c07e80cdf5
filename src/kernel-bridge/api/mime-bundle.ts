/**
 * Turning cell values into Jupyter MIME bundles, the one place that decides how a value looks in a notebook:
 * an object with a `[DISPLAY]()` method renders itself (tracelab views, trace summaries); a plain object whose
 * keys are all MIME types is that bundle; Arrow tables get an HTML table; anything else is `util.inspect`ed.
 * Every bundle carries `text/plain`, and is made JSON-safe (bigint -> number or decimal string, functions dropped).
 */
import { inspect } from 'node:util';
import type { IRichValue } from '../handler/evaluator';
import type { JsonObject, MimeBundle } from '../handler/types';
import { isArrowTable, arrowTableBundle } from './arrow-table';

/** Objects with a method under this symbol display as the bundle (or rich value) it returns. */
export const DISPLAY = Symbol.for('tracelab.display');

/** Something that can render itself. */
export interface IDisplayable {
  [DISPLAY](): MimeBundle | IRichValue;
}

const MIME_KEY = /^[a-z]+\/[-+.\w]+$/i;

/** Whether `x` is a plain object whose keys are all MIME types (`{'text/html': ..., 'text/plain': ...}`). */
export function isMimeBundleLike(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every(k => MIME_KEY.test(k));
}

function isDisplayable(x: unknown): x is IDisplayable {
  return (
    (typeof x === 'object' || typeof x === 'function') &&
    x !== null &&
    typeof (x as Partial<IDisplayable>)[DISPLAY] === 'function'
  );
}

/** `util.inspect` as the kernel shows values: bounded depth, array and string lengths. */
export function plainText(x: unknown): string {
  return inspect(x, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

/** The rich value of `x` (bundle + metadata), JSON-safe and always with text/plain. */
export function toRichValue(x: unknown): IRichValue {
  let data: Record<string, unknown>;
  let metadata: Record<string, unknown> = {};
  if (isDisplayable(x)) {
    const r = x[DISPLAY]();
    const rich = 'data' in r && typeof r.data === 'object' && r.data !== null && 'metadata' in r;
    data = { ...((rich ? r.data : r) as Record<string, unknown>) };
    metadata = rich ? { ...(r.metadata as Record<string, unknown>) } : {};
  } else if (isMimeBundleLike(x)) {
    data = { ...x };
  } else if (isArrowTable(x)) {
    data = arrowTableBundle(x);
  } else {
    data = { 'text/plain': plainText(x) };
  }
  if (typeof data['text/plain'] !== 'string') data['text/plain'] = fallbackText(data, x);
  return { data: jsonSafe(data) as MimeBundle, metadata: jsonSafe(metadata) as JsonObject };
}

/** text/plain for a bundle that lacks it: markdown/latex as they are, else a one-line description. */
function fallbackText(data: Record<string, unknown>, x: unknown): string {
  for (const k of ['text/markdown', 'text/latex']) {
    if (typeof data[k] === 'string') return data[k] as string;
  }
  const mimes = Object.keys(data).filter(k => k !== 'text/plain');
  return isMimeBundleLike(x) || mimes.length > 0 ? `<${mimes.join(', ')}>` : plainText(x);
}

/** A JSON-safe deep copy: bigint -> number when exact, decimal string otherwise; functions/symbols dropped. */
export function jsonSafe(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (_k, v: unknown) => {
      if (typeof v !== 'bigint') return v;
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(v)
        : v.toString();
    }) ?? 'null'
  ) as unknown;
}
