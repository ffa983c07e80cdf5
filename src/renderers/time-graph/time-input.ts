/**
 * Parses what users type to set an exact range or cursor: seconds (or another unit) relative to the
 * experiment start, as shown on the axis, or an absolute ns timestamp after `@`.
 *
 * Scope: pure. `1.5` = 1.5 s after t0; `+250ms`, `12 us`, `900ns` = relative with units; `@1700000000123456789`
 * = absolute ns. At most 9 fraction digits of a second (anything finer than 1 ns is refused, not rounded).
 */
import { CHART_TIME_UNITS } from '../../protocol/chart';
import type { ChartTimeUnit } from '../../protocol/chart';
import { formatSeconds } from '../../protocol/ns';

const RELATIVE = /^([+-]?)(\d{1,20})(?:\.(\d{1,9}))?\s*(s|ms|us|µs|ns)?$/;
const ABSOLUTE = /^@(-?\d{1,30})$/;

/** The absolute ns time `text` denotes, with relative times counted from `origin`; null if unparsable. */
export function parseTimeInput(text: string, origin: bigint): bigint | null {
  const t = text.trim();
  const abs = ABSOLUTE.exec(t);
  if (abs) return BigInt(abs[1]);
  const m = RELATIVE.exec(t);
  if (!m) return null;
  const unitName = (m[4] ?? 's').replace('µ', 'u') as ChartTimeUnit;
  const unit = CHART_TIME_UNITS[unitName];
  const fracDigits = m[3] ?? '';
  const scale = 10n ** BigInt(fracDigits.length);
  const scaled = BigInt(m[2]) * scale + (fracDigits ? BigInt(fracDigits) : 0n);
  const total = scaled * unit;
  if (total % scale !== 0n) return null;
  const ns = total / scale;
  return origin + (m[1] === '-' ? -ns : ns);
}

/** The text `parseTimeInput` reads back to `t` exactly: seconds from `origin` with 9 decimals. */
export function formatTimeInput(t: bigint, origin: bigint): string {
  return formatSeconds(t - origin, 9);
}
