/**
 * Clock value (cycles) to nanoseconds from the clock's origin, as babeltrace2 2.0 computes it:
 *
 *   ns = offset_s * 1e9 + ns(offset_cycles) + ns(cycles),   ns(c) = freq == 1e9 ? c : trunc(1e9 * (double) c / freq)
 *
 * after moving whole seconds out of `offset_cycles` (babeltrace2 normalises the offset so that
 * offset_cycles < freq). With freq = 1 GHz (LTTng, perf) this is exact integer arithmetic; with other frequencies
 * babeltrace2 goes through a double, and so do we, so timestamps match its output to the nanosecond (e.g. the MPI
 * traces at 3.29 GHz). The sum wraps modulo 2^64 (babeltrace2 refuses clocks whose offset overflows int64;
 * `ctfwriter_JF8nq3` has one, and is read with wrapped timestamps).
 *
 * The per-event path works on uint32 halves; `toNs` (bigint) is for packet-level values.
 */
import type { ClockClass } from '../ir';

const TWO32 = 4294967296;
const GHZ = 1000000000n;

/** ns of a cycle count (babeltrace2's `bt_util_ns_from_value`), as a bigint. */
function nsOfCycles(freq: bigint, cycles: bigint): bigint {
  if (freq === GHZ) return cycles;
  const d = (1e9 * Number(cycles)) / Number(freq);
  if (d >= 18446744073709551615) return 0xffffffffffffffffn;
  return BigInt(Math.trunc(d));
}

export class ClockConverter {
  readonly unit: boolean;
  /** Base offset (ns) as uint32 halves of its 64-bit two's complement. */
  private readonly baseLo: number;
  private readonly baseHi: number;
  private readonly freqNum: number;
  readonly base: bigint;

  constructor(readonly clock: ClockClass | undefined) {
    const freq = clock?.freq ?? GHZ;
    let sec = clock?.offsetSeconds ?? 0n;
    let cyc = clock?.offsetCycles ?? 0n;
    if (freq > 0n && cyc >= freq) {
      sec += cyc / freq;
      cyc %= freq;
    }
    this.unit = freq === GHZ;
    this.freqNum = Number(freq);
    this.base = sec * GHZ + nsOfCycles(freq, cyc);
    const u = BigInt.asUintN(64, this.base);
    this.baseHi = Number(u >> 32n);
    this.baseLo = Number(u & 0xffffffffn);
  }

  /** ns of a cycle count, wrapped to int64 like the per-event path. */
  toNs(cycles: bigint): bigint {
    const freq = this.clock?.freq ?? GHZ;
    return BigInt.asIntN(64, this.base + nsOfCycles(freq, BigInt.asUintN(64, cycles)));
  }

  /**
   * Converts n cycle values (uint32 halves in `cyc`) into ns halves in `out`, and the ns rounded to doubles in
   * `key` when given (the merge's ordering key).
   */
  convert(cyc: Uint32Array, n: number, out: Uint32Array, key?: Float64Array): void {
    if (this.unit && this.baseLo === 0 && this.baseHi === 0) {
      // 1 GHz from origin 0 (perf): ns are the cycles.
      out.set(cyc.subarray(0, 2 * n));
    } else {
      this.convertHalves(cyc, n, out);
    }
    if (key) for (let k = 0; k < n; k++) key[k] = (out[2 * k + 1] | 0) * TWO32 + out[2 * k];
  }

  private convertHalves(cyc: Uint32Array, n: number, out: Uint32Array): void {
    const bl = this.baseLo;
    const bh = this.baseHi;
    if (this.unit) {
      for (let k = 0; k < n; k++) {
        let lo = cyc[2 * k] + bl;
        let hi = cyc[2 * k + 1] + bh;
        if (lo >= TWO32) {
          lo -= TWO32;
          hi += 1;
        }
        out[2 * k] = lo;
        out[2 * k + 1] = hi >= TWO32 ? hi - TWO32 : hi;
      }
      return;
    }
    for (let k = 0; k < n; k++) {
      const d = (1e9 * (cyc[2 * k + 1] * TWO32 + cyc[2 * k])) / this.freqNum;
      let hi: number;
      let lo: number;
      if (d >= 18446744073709551615) {
        hi = TWO32 - 1;
        lo = TWO32 - 1;
      } else {
        const t = Math.trunc(d);
        hi = Math.floor(t / TWO32);
        lo = t - hi * TWO32;
      }
      lo += bl;
      let carry = 0;
      if (lo >= TWO32) {
        lo -= TWO32;
        carry = 1;
      }
      out[2 * k] = lo;
      out[2 * k + 1] = (hi + bh + carry) % TWO32;
    }
  }
}
