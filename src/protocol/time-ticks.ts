/**
 * Time-axis ticks computed in exact bigint ns: steps of 1, 2 or 5 x 10^k ns, ticks at multiples of the step,
 * labels in seconds relative to an origin with exactly the digits the step needs.
 *
 * Scope: pure; shared by the canvas axis in the renderer and the static SVG fallback.
 */
import { ceilDiv, decimalsForStep, formatSeconds } from './ns';

/** Ticks for one axis. */
export interface ITicks {
  /** ns between ticks. */
  step: bigint;
  /** Absolute tick times. */
  times: bigint[];
  /** Fraction digits of a second the labels use. */
  decimals: number;
}

/** The smallest 1/2/5 x 10^k step (ns) of at least `minStep` ns (>= 1). */
export function niceStep(minStep: bigint): bigint {
  let p = 1n;
  for (;;) {
    for (const m of [1n, 2n, 5n]) {
      if (m * p >= minStep) return m * p;
    }
    p *= 10n;
  }
}

/**
 * Ticks over [start, end] for an axis `widthPx` wide, at least `minSpacingPx` apart (at most ~widthPx/spacing
 * ticks, whatever the magnitudes). Ticks fall on multiples of the step counted from `origin`, so their labels
 * relative to `origin` are exact with `decimals` digits.
 */
export function computeTicks(
  start: bigint,
  end: bigint,
  widthPx: number,
  minSpacingPx = 100,
  origin = 0n
): ITicks {
  const dur = end > start ? end - start : 1n;
  const slots = BigInt(Math.max(1, Math.floor(widthPx / Math.max(1, minSpacingPx))));
  const step = niceStep(ceilDiv(dur, slots));
  const times: bigint[] = [];
  for (let t = origin + ceilDiv(start - origin, step) * step; t <= end; t += step) times.push(t);
  return { step, times, decimals: decimalsForStep(step) };
}

/** The label of tick `t`: seconds since `origin`, with the tick decimals. */
export function tickLabel(t: bigint, origin: bigint, decimals: number): string {
  return `${formatSeconds(t - origin, decimals)} s`;
}
