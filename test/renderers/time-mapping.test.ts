/**
 * The row/time mapping at the render boundary: bigint windows mapped to pixels exactly at 2^60 ns, zoom and
 * pan in bigint, pixel runs (the renderer's level of detail), and exact time input.
 */
import { pixelRuns } from '../../src/protocol/pixel-runs';
import type { IRowSlice } from '../../src/protocol/pixel-runs';
import { formatTimeInput, parseTimeInput } from '../../src/renderers/time-graph/time-input';
import {
  clampWindow,
  panByFraction,
  TimeScale,
  windowBetween,
  zoomWindow
} from '../../src/renderers/time-graph/time-window';

const BIG = 2n ** 60n;

describe('TimeScale at 2^60 ns', () => {
  it('shows why numbers cannot carry absolute times', () => {
    expect(Number(BIG + 1n)).toBe(Number(BIG));
  });

  it('maps every ns of a 100 ns window to its own 10 px step and back', () => {
    const s = new TimeScale({ start: BIG + 12_345n, end: BIG + 12_445n }, 1000);
    for (let k = 0n; k <= 100n; k++) {
      const t = BIG + 12_345n + k;
      expect(s.xOf(t)).toBe(Number(k) * 10);
      expect(s.timeAt(s.xOf(t))).toBe(t);
    }
    expect(s.timeAt(14.9)).toBe(BIG + 12_346n);
    expect(s.timeAt(15.1)).toBe(BIG + 12_347n);
  });

  it('round-trips every ns with an odd width and duration (several ns per pixel)', () => {
    const start = BIG * 3n + 7n;
    const s = new TimeScale({ start, end: start + 12_345n }, 977);
    for (let k = 0n; k <= 12_345n; k += 1n) {
      expect(s.timeAt(s.xOf(start + k))).toBe(start + k);
    }
  });
});

describe('window operations', () => {
  const bounds = { start: BIG, end: BIG + 1_000_000_000n };

  it('zooms about an anchor, keeping it under the same pixel', () => {
    const win = { start: BIG + 1000n, end: BIG + 2000n };
    const anchor = BIG + 1250n;
    const z = zoomWindow(win, anchor, 0.5, bounds);
    expect(z).toEqual({ start: BIG + 1125n, end: BIG + 1625n });
    const before = new TimeScale(win, 800).xOf(anchor);
    const after = new TimeScale(z, 800).xOf(anchor);
    expect(after).toBeCloseTo(before, 6);
  });

  it('stops at 10 ns and at the bounds', () => {
    let w = { ...bounds };
    for (let i = 0; i < 200; i++) w = zoomWindow(w, BIG + 3n, 0.5, bounds);
    expect(w.end - w.start).toBe(10n);
    expect(w.start <= BIG + 3n && w.end >= BIG + 3n).toBe(true);
    expect(zoomWindow(w, BIG, 1e12, bounds)).toEqual(bounds);
  });

  it('pans exactly and clamps at the ends', () => {
    const w = { start: BIG + 100n, end: BIG + 200n };
    expect(panByFraction(w, 0.1, bounds)).toEqual({ start: BIG + 110n, end: BIG + 210n });
    expect(panByFraction(w, -5, bounds)).toEqual({ start: BIG, end: BIG + 100n });
    expect(clampWindow({ start: BIG - 5n, end: BIG + 2_000_000_000n }, bounds)).toEqual(bounds);
    expect(windowBetween(BIG + 9n, BIG + 2n)).toEqual({ start: BIG + 2n, end: BIG + 9n });
  });
});

describe('pixelRuns', () => {
  // [0,10) s0, [10,11) s1, [11,12) s2, [12,13) s1, [13,100) s0
  const row = (): IRowSlice => ({
    start: [0, 10, 11, 12, 13],
    end: [10, 11, 12, 13, 100],
    state: [0, 1, 2, 1, 0],
    lo: 0,
    hi: 5
  });
  const runs = (r: IRowSlice, w0: number, w1: number, width: number) => {
    const out: string[] = [];
    pixelRuns(r, w0, w1, width, (x0, x1, s, merged) => out.push(`${x0}-${x1}:s${s}${merged ? '*' : ''}`));
    return out;
  };

  it('keeps every interval at 1 ns per pixel', () => {
    expect(runs(row(), 0, 100, 100)).toEqual(['0-10:s0', '10-11:s1', '11-12:s2', '12-13:s1', '13-100:s0']);
  });

  it('merges sub-pixel intervals into one column sampled at its centre', () => {
    // 10 ns per pixel: column 1 spans [10, 20): three short intervals and the start of [13,100), which covers
    // the centre (15), so the column shows s0, marked as merged.
    expect(runs(row(), 0, 100, 10)).toEqual(['0-1:s0', '1-2:s0*', '2-10:s0']);
  });

  it('clips to the window and keeps zero-length intervals visible', () => {
    const r: IRowSlice = { start: [5, 50, 50], end: [50, 50, 90], state: [0, 3, 1], lo: 0, hi: 3 };
    expect(runs(r, 40, 60, 20)).toEqual(['0-10:s0', '10-11:s3', '11-20:s1']);
  });

  it('stays exact with offsets near 2^53 and a 10 ns window', () => {
    const b = 2 ** 52 + 12_345;
    const r: IRowSlice = {
      start: [b, b + 1, b + 2, b + 7],
      end: [b + 1, b + 2, b + 7, b + 10],
      state: [0, 1, 2, 3],
      lo: 0,
      hi: 4
    };
    expect(runs(r, b, b + 10, 100)).toEqual(['0-10:s0', '10-20:s1', '20-70:s2', '70-100:s3']);
  });

  it('costs O(pixels) per row: a million 1-ns intervals give at most one run per pixel', () => {
    const n = 1_000_000;
    const start = Float64Array.from({ length: n }, (_, i) => i);
    const end = Float64Array.from({ length: n }, (_, i) => i + 1);
    const state = Uint8Array.from({ length: n }, (_, i) => i % 3);
    let count = 0;
    const emitted = pixelRuns({ start, end, state, lo: 0, hi: n }, 0, n, 1000, () => count++);
    expect(emitted).toBe(count);
    expect(count).toBeLessThanOrEqual(1000);
  });
});

describe('time input', () => {
  const origin = BIG + 500n;

  it('parses seconds since t0, units, and absolute ns', () => {
    expect(parseTimeInput('1.5', origin)).toBe(origin + 1_500_000_000n);
    expect(parseTimeInput('+250ms', origin)).toBe(origin + 250_000_000n);
    expect(parseTimeInput('12 us', origin)).toBe(origin + 12_000n);
    expect(parseTimeInput('12 µs', origin)).toBe(origin + 12_000n);
    expect(parseTimeInput('900ns', origin)).toBe(origin + 900n);
    expect(parseTimeInput('-0.000000001', origin)).toBe(origin - 1n);
    expect(parseTimeInput('@1152921504606846977', origin)).toBe(BIG + 1n);
  });

  it('refuses sub-ns precision and junk', () => {
    expect(parseTimeInput('1.5ns', origin)).toBeNull();
    expect(parseTimeInput('0.0000000001', origin)).toBeNull();
    expect(parseTimeInput('1e3', origin)).toBeNull();
    expect(parseTimeInput('<b>1</b>', origin)).toBeNull();
  });

  it('formats what it parses back exactly', () => {
    const t = origin + 123_456_789_012n;
    expect(formatTimeInput(t, origin)).toBe('123.456789012');
    expect(parseTimeInput(formatTimeInput(t, origin), origin)).toBe(t);
  });
});
