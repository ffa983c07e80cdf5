/**
 * Bit-level integer readers used by the compiled decoders for fields that are not byte-aligned or whose size is
 * not 8/16/32/64 bits (the byte-aligned power-of-two cases are read inline with DataView by the generated code).
 *
 * Positions are in bits from the start of the buffer and may exceed 2^32 (arithmetic, not `>>>`, is used for the
 * byte index). CTF 1.8 bit order follows the byte order: little-endian fields start at the least significant bit
 * of their first byte, big-endian fields at the most significant bit.
 *
 * Values up to 32 bits are returned as non-negative numbers; wider values are returned as two uint32 halves in
 * `out` (out[0] = low 32 bits, out[1] = high 32 bits) so no BigInt is created.
 */

const TWO32 = 4294967296;

/** 2^n for 0 <= n <= 64, exact doubles. */
export const POW2: readonly number[] = Array.from({ length: 65 }, (_, n) => 2 ** n);

/** Byte index of a bit position (floor(pos / 8)) valid beyond 2^32. */
function byteIndex(pos: number): number {
  return (pos - (pos & 7)) / 8;
}

/** Unsigned little-endian read of 1..32 bits at any bit position. */
export function readLE(u8: Uint8Array, pos: number, size: number): number {
  const i = byteIndex(pos);
  const shift = pos & 7;
  const nbytes = (shift + size + 7) >> 3;
  let v = 0;
  let mul = 1;
  for (let k = 0; k < nbytes; k++) {
    v += u8[i + k] * mul;
    mul *= 256;
  }
  // v < 2^40: exact. Drop `shift` low bits, keep `size` bits.
  return Math.floor(v / POW2[shift]) % POW2[size];
}

/** Unsigned big-endian read of 1..32 bits at any bit position. */
export function readBE(u8: Uint8Array, pos: number, size: number): number {
  const i = byteIndex(pos);
  const shift = pos & 7;
  const nbytes = (shift + size + 7) >> 3;
  let v = 0;
  for (let k = 0; k < nbytes; k++) v = v * 256 + u8[i + k];
  const drop = nbytes * 8 - shift - size;
  return Math.floor(v / POW2[drop]) % POW2[size];
}

/** Sign-extends an unsigned value of `size` (1..32) bits. */
export function signExtend(v: number, size: number): number {
  return v >= POW2[size - 1] ? v - POW2[size] : v;
}

/**
 * Reads 33..64 bits into out[0] (low uint32) and out[1] (high word). When `signed`, the value is sign-extended to
 * 64 bits and out[1] holds the high word as an int32 (so hi * 2^32 + lo is the signed value).
 */
export function read64(
  u8: Uint8Array,
  pos: number,
  size: number,
  be: boolean,
  signed: boolean,
  out: Float64Array
): void {
  const hiBits = size - 32;
  let lo: number;
  let hi: number;
  if (be) {
    hi = readBE(u8, pos, hiBits);
    lo = readBE(u8, pos + hiBits, 32);
  } else {
    lo = readLE(u8, pos, 32);
    hi = readLE(u8, pos + 32, hiBits);
  }
  if (signed) hi = signExtend(hi, hiBits);
  out[0] = lo;
  out[1] = hi;
}

/** Combines halves into a number (exact below 2^53). `hi` may be negative (signed values). */
export function halvesToNumber(lo: number, hi: number): number {
  return hi * TWO32 + lo;
}

/** Combines halves into an exact bigint; `signed` interprets hi as int32. */
export function halvesToBigInt(lo: number, hi: number, signed: boolean): bigint {
  const h = signed ? hi | 0 : hi >>> 0;
  return (BigInt(h) << 32n) | BigInt(lo >>> 0);
}

/**
 * Reads an unsigned LEB128 (CTF 2 variable-length integer) starting at byte `i`. Returns the number of bytes read
 * (0 when the buffer ends before the last byte) and the value halves in out[0]/out[1] (bits beyond 64 are dropped).
 */
export function readLeb128(
  u8: Uint8Array,
  i: number,
  limit: number,
  signed: boolean,
  out: Float64Array
): number {
  let lo = 0;
  let hi = 0;
  let shift = 0;
  let k = i;
  let b = 0x80;
  while (b & 0x80) {
    if (k >= limit) return 0;
    b = u8[k++];
    const bits = b & 0x7f;
    if (shift < 32) {
      // up to 7 bits, possibly straddling the low/high boundary
      lo += (bits * POW2[shift]) % TWO32;
      if (shift > 25) hi += Math.floor((bits * POW2[shift]) / TWO32);
    } else if (shift < 64) {
      hi += (bits * POW2[shift - 32]) % TWO32;
    }
    shift += 7;
  }
  lo = lo % TWO32;
  hi = hi % TWO32;
  if (signed && shift < 64 && (b & 0x40) !== 0) {
    // sign-extend from `shift` bits
    if (shift < 32) {
      lo = lo - POW2[shift] + TWO32;
      hi = TWO32 - 1;
    } else {
      hi = hi - POW2[shift - 32] + TWO32;
    }
  }
  out[0] = lo;
  out[1] = signed ? hi | 0 : hi;
  return k - i;
}
