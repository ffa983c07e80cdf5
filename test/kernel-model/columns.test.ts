/**
 * The model's output columns store values narrowly (int8/int16 columns that widen, int32 return values with the
 * others aside, interval ends as uint32 durations with the long ones aside): every value written reads back
 * exactly, across chunk boundaries and after widening.
 */
import { CpuIntervals, HandoffRows, SyscallRows, ThreadIntervals } from '../../src/analysis/kernel/columns';

describe('kernel model output columns', () => {
  test('narrow integer columns widen without losing earlier rows', () => {
    const h = new HandoffRows();
    const n = 40000; // more than two chunks
    for (let r = 0; r < n; r++) {
      const host = r < 30000 ? r % 100 : 200 + r; // int8 → int16 → int32 (host 40199 needs int32)
      const cpu = r === 35000 ? 70000 : r % 7;
      h.push(host, cpu, r, -r - 1, r * 10);
    }
    expect(h.length).toBe(n);
    for (const r of [0, 99, 16383, 16384, 29999, 30000, 34999, 35000, 39999]) {
      expect(h.host.get(r)).toBe(r < 30000 ? r % 100 : 200 + r);
      expect(h.cpu.get(r)).toBe(r === 35000 ? 70000 : r % 7);
      expect(h.from.get(r)).toBe(r);
      expect(h.to.get(r)).toBe(-r - 1);
      expect(h.time.get(r)).toBe(r * 10);
    }
  });

  test('syscall return values: int32 and NaN inline, addresses and the marker values aside', () => {
    const s = new SyscallRows();
    const rets = [
      0,
      -1,
      4096,
      2147483647,
      -2147483648,
      -2147483647,
      -2147483646,
      NaN,
      0x7f12345678a0,
      -4095,
      1.5
    ];
    rets.forEach((ret, r) => s.push(0, 100 + r, 1, r, r + 1, ret, 3));
    rets.forEach((ret, r) => {
      expect(s.ret.get(r)).toBe(ret);
      expect(s.tid.get(r)).toBe(100 + r);
    });
  });

  test('interval ends are exact, including long, negative and far-offset intervals', () => {
    const t = new ThreadIntervals();
    const big = 2 ** 52;
    const rows: [number, number][] = [
      [0, 1],
      [5, 5 + 0xfffffffe],
      [5, 5 + 0xffffffff],
      [1e9, 1e9 + 60e9],
      [big, big + 123456789],
      [big + 17, big + 17 + 2 ** 33],
      [100, 50]
    ];
    rows.forEach(([a, b], r) => t.push(0, r, a, b, 2, -1));
    rows.forEach(([a, b], r) => {
      expect(t.start.get(r)).toBe(a);
      expect(t.end.get(r)).toBe(b);
      expect(t.cpu.get(r)).toBe(-1);
    });
    const c = new CpuIntervals();
    for (let r = 0; r < 20000; r++) c.push(0, r % 4, r * 1000, r * 1000 + (r % 3 === 0 ? 5e9 : 999), r);
    for (const r of [0, 1, 16383, 16384, 19999]) {
      expect(c.end.get(r)).toBe(r * 1000 + (r % 3 === 0 ? 5e9 : 999));
      expect(c.host.get(r)).toBe(0); // never written with anything else: nothing stored
      expect(c.tid.get(r)).toBe(r);
    }
  });
});
