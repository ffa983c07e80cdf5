/**
 * The mutable decoding state shared by the compiled functions of one trace (packet header, packet context, event
 * header and event decoders) and the runtime helpers they call.
 *
 * Positions are bit offsets from the start of `u8` (the current packet's bytes). The clock value is kept as two
 * uint32 halves (`cl`, `ch`) so timestamp extension never allocates a BigInt.
 */
import { POW2, read64, readBE, readLE, readLeb128 } from './bits';

/** Packet-level roles recorded by the header/context decoders (index into `DecodeState.role`). */
export const ROLE = {
  magic: 0,
  streamClassId: 1,
  dataStreamId: 2,
  totalLength: 3,
  contentLength: 4,
  beginTimestamp: 5,
  endTimestamp: 6,
  discarded: 7,
  seqNum: 8
} as const;
export const ROLE_COUNT = 9;

/** Thrown by compiled code and helpers; converted to `TraceDataError` (file + byte offset) by the packet reader. */
export class DecodeError extends Error {
  constructor(
    message: string,
    /** Bit position in the packet buffer. */
    readonly bitPos: number
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

export class DecodeState {
  u8: Uint8Array = new Uint8Array(8);
  dv: DataView = new DataView(this.u8.buffer);
  // p, end and uuidAt start as NaN and get their initial values in the constructor: their fields are then doubles
  // from the start. They receive doubles (sizes read from Float64Arrays, positions computed by division); a field
  // first given small integers and later a double changes representation, and with it the object's hidden class,
  // which discards the optimized code that depends on it (the packet loop's first optimized version, whose
  // compile takes 50-80 ms here, was thrown away on every read).
  /** Current bit position. */
  p = NaN;
  /** Bit limit of the region being decoded (content size for events, packet size for headers). */
  end = NaN;
  /** Clock value halves (cycles): [low 32 bits, high 32 bits]; a typed array so stores never box a double. */
  readonly clk = new Float64Array(2);
  /** Event class id from the event header, -1 when the header has none. */
  id = -1;
  /** Stored values of fields used as lengths and selectors (by slot). */
  v: Float64Array;
  /** Packet roles: value halves at [2k, 2k+1]; `has[k]` = 1 when seen in the current packet. */
  role = new Float64Array(ROLE_COUNT * 2);
  has = new Uint8Array(ROLE_COUNT);
  /** Byte index of the packet header's metadata uuid, -1 when absent. */
  uuidAt = NaN;
  /** Scratch for 64-bit reads. */
  f = new Float64Array(2);

  get cl(): number {
    return this.clk[0];
  }
  set cl(v: number) {
    this.clk[0] = v;
  }
  get ch(): number {
    return this.clk[1];
  }
  set ch(v: number) {
    this.clk[1] = v;
  }

  constructor(slots: number) {
    this.v = new Float64Array(Math.max(1, slots));
    this.p = 0;
    this.end = 0;
    this.uuidAt = -1;
  }

  /** Installs a packet buffer (which must have >= 8 bytes of padding after `bitLimit`). */
  setBuffer(u8: Uint8Array): void {
    this.u8 = u8;
    this.dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  }

  resetRoles(): void {
    this.has.fill(0);
    this.uuidAt = -1;
    this.id = -1;
  }

  roleNumber(k: number): number {
    return this.role[2 * k + 1] * 4294967296 + this.role[2 * k];
  }

  roleBigInt(k: number): bigint {
    return (BigInt(this.role[2 * k + 1]) << 32n) | BigInt(this.role[2 * k]);
  }
}

const TWO32 = 4294967296;
const f32view = new DataView(new ArrayBuffer(8));

/** Runtime helpers handed to every compiled function (`H` in generated code). */
export const helpers = {
  readLE,
  readBE,
  read64,
  leb: readLeb128,
  /** Clock update from an n-bit (1..32) value, with wrap detection (CTF 1.8 timestamp extension). */
  clk(S: DecodeState, v: number, n: number): void {
    if (n === 32) {
      if (v < S.cl) S.ch = (S.ch + 1) % TWO32;
      S.cl = v;
      return;
    }
    const m = POW2[n];
    const low = S.cl % m;
    let up = S.cl - low;
    if (v < low) {
      up += m;
      if (up >= TWO32) {
        up -= TWO32;
        S.ch = (S.ch + 1) % TWO32;
      }
    }
    S.cl = up + v;
  },
  /** Clock update from an n-bit (33..64) value given as halves. */
  clk64(S: DecodeState, lo: number, hi: number, n: number): void {
    const h = hi < 0 ? hi + TWO32 : hi;
    if (n >= 64) {
      S.cl = lo;
      S.ch = h;
      return;
    }
    const m = POW2[n - 32];
    const hlow = S.ch % m;
    let up = S.ch - hlow;
    if (h < hlow || (h === hlow && lo < S.cl)) up = (up + m) % TWO32;
    S.ch = up + h;
    S.cl = lo;
  },
  f32(bits: number): number {
    f32view.setUint32(0, bits);
    return f32view.getFloat32(0);
  },
  f64(lo: number, hi: number): number {
    f32view.setUint32(0, hi >>> 0);
    f32view.setUint32(4, lo >>> 0);
    return f32view.getFloat64(0);
  },
  /** Index of the first all-zero code unit of `unit` bytes from byte `s`, or -1 before `limit` (bytes). */
  strEnd(u8: Uint8Array, s: number, unit: number, limit: number): number {
    if (unit === 1) {
      const e = u8.indexOf(0, s);
      return e < 0 || e >= limit ? -1 : e;
    }
    for (let i = s; i + unit <= limit; i += unit) {
      let z = true;
      for (let k = 0; k < unit; k++) if (u8[i + k] !== 0) z = false;
      if (z) return i;
    }
    return -1;
  },
  /** Bytes of a text array whose elements are not byte-aligned. */
  textBits(u8: Uint8Array, pos: number, n: number, be: boolean): Uint8Array {
    const out = new Uint8Array(n);
    let len = 0;
    for (let i = 0; i < n; i++) {
      const c = be ? readBE(u8, pos + 8 * i, 8) : readLE(u8, pos + 8 * i, 8);
      if (c === 0) break;
      out[len++] = c;
    }
    return out.subarray(0, len);
  },
  fail(pos: number, msg: string): never {
    throw new DecodeError(msg, pos);
  }
};
export type Helpers = typeof helpers;
