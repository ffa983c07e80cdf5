/**
 * Growable Arrow buffers written without a JS object per value: a validity (null) bitmap and a variable-length
 * (Utf8 / Binary) value buffer with Int32 offsets.
 *
 * Scope: buffer bookkeeping only; column writers (`column-writers.ts`) decide what goes in.
 */

/** A validity bitmap that is only allocated once the first null shows up. */
export class NullMask {
  private _bits: Uint8Array | undefined;
  nullCount = 0;
  constructor(readonly length: number) {}
  setNull(k: number): void {
    if (this._bits === undefined) this._bits = new Uint8Array((this.length + 7) >> 3).fill(0xff);
    this._bits[k >> 3] &= ~(1 << (k & 7));
    this.nullCount++;
  }
  /** The bitmap for `makeData`, or undefined when every value is valid. */
  get bitmap(): Uint8Array | undefined {
    return this._bits;
  }
}

const encoder = new TextEncoder();

/** Offsets + bytes of a Utf8 or Binary column. */
export class VarBuffer {
  private _offsets: Int32Array;
  private _bytes: Uint8Array;
  private _pos = 0;
  private _count = 0;
  constructor(capacity: number, byteHint = capacity * 8) {
    this._offsets = new Int32Array(Math.max(1, capacity) + 1);
    this._bytes = new Uint8Array(Math.max(64, byteHint));
  }
  private _reserve(extra: number): void {
    const need = this._pos + extra;
    if (need <= this._bytes.length) return;
    const grown = new Uint8Array(Math.max(need, this._bytes.length * 2));
    grown.set(this._bytes.subarray(0, this._pos));
    this._bytes = grown;
  }
  private _next(pos: number): void {
    if (this._count + 1 >= this._offsets.length) {
      const grown = new Int32Array(this._offsets.length * 2);
      grown.set(this._offsets);
      this._offsets = grown;
    }
    this._offsets[++this._count] = pos;
  }
  /** Appends a string (UTF-8 encoded); ASCII is copied byte by byte, the rest through TextEncoder. */
  pushString(s: string): void {
    const n = s.length;
    this._reserve(n * 3);
    const bytes = this._bytes;
    let pos = this._pos;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[pos++] = c;
    }
    if (i < n) pos += encoder.encodeInto(s.slice(i), bytes.subarray(pos)).written;
    this._pos = pos;
    this._next(pos);
  }
  pushBytes(b: Uint8Array): void {
    this._reserve(b.length);
    this._bytes.set(b, this._pos);
    this._pos += b.length;
    this._next(this._pos);
  }
  /** An empty value (for nulls: Arrow still needs the offset). */
  pushEmpty(): void {
    this._next(this._pos);
  }
  get count(): number {
    return this._count;
  }
  /** The `count + 1` offsets written so far (a view). */
  get offsets(): Int32Array {
    return this._offsets.subarray(0, this._count + 1);
  }
  /** The value bytes written so far (a view). */
  get bytes(): Uint8Array {
    return this._bytes.subarray(0, this._pos);
  }
}
