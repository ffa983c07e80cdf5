/**
 * The model's clock: event times are kept as float64 ns offsets from a base timestamp (exact up to 2^53 ns, i.e.
 * 104 days), read from a batch's `BigInt64Array` through its 32-bit halves so that no BigInt is allocated per
 * event; results convert back to int64 ns at the table boundary.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_32 = 4294967296;

export class TimeBase {
  private hi = 0;
  private lo = 0;
  private set = false;
  base = 0n;

  /** Fixes the base at the first timestamp seen (later calls do nothing). */
  init(ts: bigint): void {
    if (this.set) return;
    this.set = true;
    this.base = ts;
    this.lo = Number(BigInt.asUintN(32, ts));
    this.hi = Number(BigInt.asIntN(32, ts >> 32n));
  }

  /** The 32-bit words of a timestamp column (little-endian hosts), or undefined. */
  static words(ts: BigInt64Array): Int32Array | undefined {
    return LITTLE_ENDIAN ? new Int32Array(ts.buffer, ts.byteOffset, ts.length * 2) : undefined;
  }

  /** Offset of the timestamp at row `i` (from `words` when given, else from the bigint). */
  rel(ts: BigInt64Array, words: Int32Array | undefined, i: number): number {
    if (words === undefined) return Number(ts[i] - this.base);
    return (words[2 * i + 1] - this.hi) * TWO_32 + ((words[2 * i] >>> 0) - this.lo);
  }

  /** Whether the absolute timestamp at row `i` is 0. */
  static isZero(ts: BigInt64Array, words: Int32Array | undefined, i: number): boolean {
    return words === undefined ? ts[i] === 0n : words[2 * i] === 0 && words[2 * i + 1] === 0;
  }

  /** Absolute ns of an offset. */
  abs(rel: number): bigint {
    return this.base + BigInt(rel);
  }

  /** Offset of an absolute time (for option bounds). */
  toRel(t: bigint): number {
    return Number(t - this.base);
  }
}
