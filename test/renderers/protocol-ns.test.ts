/** Exact ns strings, formatting, division and axis ticks (protocol/ns.ts, protocol/time-ticks.ts). */
import {
  ceilDiv,
  decimalsForStep,
  floorDiv,
  formatDuration,
  formatSeconds,
  nsToString,
  parseNs,
  roundDiv
} from '../../src/protocol/ns';
import { computeTicks, niceStep, tickLabel } from '../../src/protocol/time-ticks';

describe('ns strings', () => {
  it('round-trips values beyond 2^53 exactly', () => {
    const t = 2n ** 60n + 1n;
    expect(nsToString(t)).toBe('1152921504606846977');
    expect(parseNs('1152921504606846977')).toBe(t);
  });

  it.each([['1e9'], [' 1'], ['01'], ['1.5'], [''], ['0x10'], ['-'], ['1'.repeat(31)]])('rejects %j', s => {
    expect(parseNs(s)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(parseNs(12)).toBeNull();
    expect(parseNs(null)).toBeNull();
    expect(parseNs({ toString: () => '1' })).toBeNull();
  });
});

describe('formatting', () => {
  it('formats seconds by truncation, never rounding up', () => {
    expect(formatSeconds(999_999_999n)).toBe('0.999999999');
    expect(formatSeconds(999_999_999n, 3)).toBe('0.999');
    expect(formatSeconds(1_500_000_000n, 1)).toBe('1.5');
    expect(formatSeconds(-1_500_000_000n, 1)).toBe('-1.5');
    expect(formatSeconds(2n ** 60n)).toBe('1152921504.606846976');
  });

  it('formats durations exactly in the largest unit', () => {
    expect(formatDuration(0n)).toBe('0 ns');
    expect(formatDuration(999n)).toBe('999 ns');
    expect(formatDuration(5000n)).toBe('5 µs');
    expect(formatDuration(1_234_567n)).toBe('1.234567 ms');
    expect(formatDuration(2n ** 60n)).toBe('1152921504.606846976 s');
    expect(formatDuration(-1500n)).toBe('-1.5 µs');
  });
});

describe('integer division', () => {
  it('rounds half away from zero', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(-4n, 3n)).toBe(-1n);
  });

  it('floors and ceils for negative numerators', () => {
    expect(floorDiv(-1n, 10n)).toBe(-1n);
    expect(floorDiv(10n, 10n)).toBe(1n);
    expect(ceilDiv(1n, 10n)).toBe(1n);
    expect(ceilDiv(-11n, 10n)).toBe(-1n);
  });
});

describe('ticks', () => {
  it('picks 1/2/5 steps', () => {
    expect(niceStep(1n)).toBe(1n);
    expect(niceStep(3n)).toBe(5n);
    expect(niceStep(6n)).toBe(10n);
    expect(niceStep(1_100n)).toBe(2_000n);
  });

  it('places exact ticks on a 100 ns window at 2^60 with ns labels', () => {
    const start = 2n ** 60n + 3n;
    const origin = 2n ** 60n - 7n;
    const ticks = computeTicks(start, start + 100n, 1000, 100, origin);
    expect(ticks.step).toBe(10n);
    // start - origin = 10: the first tick is at offset 10, then every 10 ns up to offset 110.
    expect(ticks.times[0]).toBe(origin + 10n);
    expect(ticks.times).toHaveLength(11);
    expect(ticks.times.every(t => (t - origin) % 10n === 0n)).toBe(true);
    expect(ticks.decimals).toBe(8);
    expect(tickLabel(ticks.times[0], origin, ticks.decimals)).toBe('0.00000001 s');
    expect(tickLabel(ticks.times[10], origin, ticks.decimals)).toBe('0.00000011 s');
  });

  it('bounds the tick count by the width whatever the magnitudes', () => {
    const ticks = computeTicks(0n, 2n ** 52n, 800, 100);
    expect(ticks.times.length).toBeLessThanOrEqual(9);
    expect(decimalsForStep(ticks.step)).toBe(0);
  });
});
