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

/**
 * An int64 ns column filled from float64 offsets of `base` (exact integers below 2^53): written through the
 * 32-bit halves on little-endian hosts, without a BigInt per value; negative, unsafe or non-finite offsets (and
 * big-endian hosts) take the BigInt path.
 */
export class AbsTimeColumn {
  readonly values: BigInt64Array;
  private readonly words: Int32Array | undefined;
  private readonly baseLo: number;
  private readonly baseHi: number;

  constructor(
    length: number,
    readonly base: bigint
  ) {
    this.values = new BigInt64Array(length);
    this.words = LITTLE_ENDIAN ? new Int32Array(this.values.buffer) : undefined;
    this.baseLo = Number(BigInt.asUintN(32, base));
    this.baseHi = Number(BigInt.asIntN(32, base >> 32n));
  }

  /** values[k] = base + rel. */
  set(k: number, rel: number): void {
    const words = this.words;
    if (words === undefined || rel < 0 || !Number.isSafeInteger(rel)) {
      this.values[k] = this.base + BigInt(Number.isFinite(rel) ? Math.trunc(rel) : 0);
      return;
    }
    const lo = this.baseLo + (rel % TWO_32);
    const carry = lo >= TWO_32 ? 1 : 0;
    words[2 * k] = lo - carry * TWO_32;
    words[2 * k + 1] = this.baseHi + Math.floor(rel / TWO_32) + carry;
  }
}
