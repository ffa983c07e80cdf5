/**
 * Command-line value parsing shared by the subcommands: option parsing (node's `util.parseArgs`, with errors
 * turned into `UsageError`s), exact time arguments, event-name globs and positive integers.
 *
 * Time arguments (`--start`, `--end`): an integer is nanoseconds (`1450193715128508332`); a number with a decimal
 * point is seconds (`12.5`, `1450193715.128508332`), converted exactly (no floating point), at most 9 decimals.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** `util.parseArgs` in strict mode with positionals; its errors become `UsageError`s for `command`. */
export function parseCommandArgs(args: string[], options: Options, command: string): Parsed {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), command);
  }
}

/** Parses a time argument into bigint nanoseconds. */
export function parseTime(text: string, option: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) {
    throw new UsageError(`${option}: '${text}' is not a time (ns integer, or seconds with a decimal point)`);
  }
  const [, sign, whole, frac] = m;
  let ns: bigint;
  if (frac === undefined) {
    ns = BigInt(whole);
  } else {
    if (frac.length > 9 && /[^0]/.test(frac.slice(9))) {
      throw new UsageError(`${option}: '${text}' has more than 9 decimals (finer than a nanosecond)`);
    }
    ns = BigInt(whole) * 1_000_000_000n + BigInt(frac.slice(0, 9).padEnd(9, '0'));
  }
  return sign === '-' ? -ns : ns;
}

/** Parses a non-negative integer option. */
export function parseCount(text: string, option: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${option}: '${text}' is not a non-negative integer`);
  return Number(text);
}

/** A shell-style glob (`*`, `?`, `[abc]`, `[!abc]`) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** Formats ns as seconds with 9 decimals, exactly (`1450193715.128508332`). */
export function formatSeconds(ns: bigint): string {
  const neg = ns < 0n;
  const abs = neg ? -ns : ns;
  const s = abs / 1_000_000_000n;
  const frac = (abs % 1_000_000_000n).toString().padStart(9, '0');
  return `${neg ? '-' : ''}${s}.${frac}`;
}
