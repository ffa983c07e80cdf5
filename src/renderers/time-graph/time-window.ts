/**
 * The mapping between absolute bigint ns and pixels for a time window, and the window operations (zoom about an
 * anchor, pan, clamp) done in exact bigint arithmetic.
 *
 * Scope: pure. Conversion to `number` happens only here, relative to the window start (the "window origin"),
 * so a 100 ns window at 2^60 ns maps each nanosecond to its own pixel column exactly.
 */
import { roundDiv } from '../../protocol/ns';
import type { ITimeWindow } from '../shared/experiment-link';

/** Smallest window duration (ns) zooming can reach. */
export const MIN_WINDOW_NS = 10n;

/** Sub-pixel precision used when converting a pixel position back to time. */
const SUBPIXEL = 4096;

/** Maps a window to `widthPx` pixels. */
export class TimeScale {
  constructor(
    readonly window: ITimeWindow,
    readonly widthPx: number
  ) {
    this.duration = window.end - window.start;
    this._nsPerPx = Number(this.duration) / widthPx;
  }

  readonly duration: bigint;

  /** ns per pixel (floating point; for resolution decisions only). */
  get nsPerPx(): number {
    return this._nsPerPx;
  }

  /** Pixel x (float) of absolute time `t`. Exact integer ns difference, then one scaling. */
  xOf(t: bigint): number {
    return (Number(t - this.window.start) * this.widthPx) / Number(this.duration);
  }

  /** Absolute time (nearest ns) at pixel x. */
  timeAt(x: number): bigint {
    const num = BigInt(Math.round(x * SUBPIXEL)) * this.duration;
    return this.window.start + roundDiv(num, BigInt(Math.max(1, Math.round(this.widthPx * SUBPIXEL))));
  }

  private _nsPerPx: number;
}

/** Clamps `win` into `bounds`, keeping its duration when possible and at least `minDur` long. */
export function clampWindow(win: ITimeWindow, bounds: ITimeWindow, minDur = MIN_WINDOW_NS): ITimeWindow {
  const full = bounds.end - bounds.start;
  let dur = win.end - win.start;
  if (dur > full) dur = full;
  const min = minDur < full ? minDur : full;
  if (dur < min) dur = min;
  let start = win.start;
  if (start < bounds.start) start = bounds.start;
  if (start + dur > bounds.end) start = bounds.end - dur;
  return { start, end: start + dur };
}

/**
 * Zooms by `factor` (< 1 zooms in) keeping `anchor` at the same relative position.
 * factor is applied to the duration in floating point, then everything else is exact.
 */
export function zoomWindow(
  win: ITimeWindow,
  anchor: bigint,
  factor: number,
  bounds: ITimeWindow
): ITimeWindow {
  const dur = win.end - win.start;
  let newDur = BigInt(Math.max(1, Math.round(Number(dur) * factor)));
  if (newDur < MIN_WINDOW_NS) newDur = MIN_WINDOW_NS;
  const a = anchor < win.start ? win.start : anchor > win.end ? win.end : anchor;
  const start = a - roundDiv((a - win.start) * newDur, dur);
  return clampWindow({ start, end: start + newDur }, bounds);
}

/** Pans by `delta` ns (negative: earlier), clamped to bounds. */
export function panWindow(win: ITimeWindow, delta: bigint, bounds: ITimeWindow): ITimeWindow {
  return clampWindow({ start: win.start + delta, end: win.end + delta }, bounds);
}

/** Pans by a fraction of the window's duration. */
export function panByFraction(win: ITimeWindow, fraction: number, bounds: ITimeWindow): ITimeWindow {
  const delta = BigInt(Math.round(Number(win.end - win.start) * fraction));
  return panWindow(win, delta, bounds);
}

/** Orders two times into a window (at least 1 ns long). */
export function windowBetween(a: bigint, b: bigint): ITimeWindow {
  return a <= b ? { start: a, end: b > a ? b : a + 1n } : { start: b, end: a };
}
