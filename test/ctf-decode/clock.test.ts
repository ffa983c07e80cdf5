/**
 * Clock conversion (cycles -> ns from origin) against timestamps babeltrace2 2.0.4 prints for real traces with
 * non-1 GHz clocks (`--clock-cycles` vs `--clock-seconds`), and timestamp extension (CTF 1.8 §8: a value narrower
 * than 64 bits replaces the low bits of the clock, adding 2^n when it went backwards) against a BigInt model.
 */
import { ClockConverter } from '../../src/analysis/formats/ctf/decode/clock';
import { DecodeState, helpers } from '../../src/analysis/formats/ctf/decode/state';

function convert(c: ClockConverter, cycles: bigint): bigint {
  const cyc = new Uint32Array([Number(cycles & 0xffffffffn), Number(cycles >> 32n)]);
  const out = new Uint32Array(2);
  c.convert(cyc, 1, out);
  return BigInt.asIntN(64, (BigInt(out[1]) << 32n) | BigInt(out[0]));
}

describe('clock conversion', () => {
  it('matches babeltrace2 on 3.29 GHz (mpi_gather) and 2.1 GHz (dpdk_service_cores) clocks', () => {
    const mpi = new ClockConverter({
      name: 'default',
      freq: 3293832152n,
      offsetSeconds: 1641387136n,
      offsetCycles: 958208807n
    });
    const dpdk = new ClockConverter({
      name: 'dpdk',
      freq: 2100000000n,
      offsetSeconds: 1679921155n,
      offsetCycles: 1697611796n
    });
    const cases: [ClockConverter, bigint, bigint][] = [
      [mpi, 31201858439298n, 1641396609104641703n],
      [mpi, 31201858439297n, 1641396609104641703n],
      [mpi, 31209484895721n, 1641396611420016644n],
      [dpdk, 232817244226540n, 1680032021162780159n],
      [dpdk, 232817291917952n, 1680032021185490355n]
    ];
    for (const [c, cycles, ns] of cases) {
      expect(convert(c, cycles)).toBe(ns);
      expect(c.toNs(cycles)).toBe(ns);
    }
  });

  it('is exact at 1 GHz with large offsets, carries across 32 bits, and handles negative offsets', () => {
    const c = new ClockConverter({
      name: 'm',
      freq: 1000000000n,
      offsetSeconds: 0n,
      offsetCycles: 1457111225177515989n
    });
    for (const cycles of [0n, 1n, 0xffffffffn, 0x1_0000_0000n, 2357617049815n, (1n << 62n) + 12345n]) {
      const want = BigInt.asIntN(64, 1457111225177515989n + cycles);
      expect(convert(c, cycles)).toBe(want);
      expect(c.toNs(cycles)).toBe(want);
    }
    const neg = new ClockConverter({ name: 'n', freq: 1000000000n, offsetSeconds: -10n, offsetCycles: 3n });
    expect(convert(neg, 7n)).toBe(-10000000000n + 10n);
    expect(convert(new ClockConverter(undefined), 42n)).toBe(42n);
  });
});

describe('timestamp extension', () => {
  function model(cur: bigint, v: bigint, n: number): bigint {
    if (n === 64) return v;
    const mask = (1n << BigInt(n)) - 1n;
    let next = cur;
    if (v < (cur & mask)) next += mask + 1n;
    return BigInt.asUintN(64, (next & ~mask) | v);
  }

  it('matches the spec model for every width, including wraps and the 64-bit carry', () => {
    const S = new DecodeState(0);
    const starts = [0n, 5n, 0xffffffffn, 0x1_ffff_fff0n, 0xffff_ffff_ffff_fff0n, 123456789012345n];
    for (let n = 1; n <= 64; n++) {
      const mask = (1n << BigInt(n)) - 1n;
      for (const start of starts) {
        for (const v of [0n, 1n, mask, mask >> 1n, (start + 3n) & mask, (start - 1n) & mask]) {
          S.cl = Number(start & 0xffffffffn);
          S.ch = Number(start >> 32n);
          if (n <= 32) helpers.clk(S, Number(v), n);
          else helpers.clk64(S, Number(v & 0xffffffffn), Number(v >> 32n), n);
          const got = (BigInt(S.ch) << 32n) | BigInt(S.cl);
          expect([n, start, v, got]).toEqual([n, start, v, model(start, v, n)]);
        }
      }
    }
  });
});
