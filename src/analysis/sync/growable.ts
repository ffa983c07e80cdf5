/**
 * Growable typed arrays (amortised doubling) for columnar results whose size is known only at the end: packets,
 * graph vertices, path segments. Values are read through `buf` (valid up to `length`) for speed.
 */

export class GrowI32 {
  buf: Int32Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Int32Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.buf.length) this.reserve(this.length * 2);
    this.buf[this.length] = v;
    return this.length++;
  }
  reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const g = new Int32Array(capacity);
    g.set(this.buf.subarray(0, this.length));
    this.buf = g;
  }
  values(): Int32Array {
    return this.buf.subarray(0, this.length);
  }
}

export class GrowU8 {
  buf: Uint8Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.buf.length) this.reserve(this.length * 2);
    this.buf[this.length] = v;
    return this.length++;
  }
  reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const g = new Uint8Array(capacity);
    g.set(this.buf.subarray(0, this.length));
    this.buf = g;
  }
  values(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

export class GrowF64 {
  buf: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new Float64Array(capacity);
  }
  push(v: number): number {
    if (this.length === this.buf.length) this.reserve(this.length * 2);
    this.buf[this.length] = v;
    return this.length++;
  }
  reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const g = new Float64Array(capacity);
    g.set(this.buf.subarray(0, this.length));
    this.buf = g;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

export class GrowI64 {
  buf: BigInt64Array;
  length = 0;
  constructor(capacity = 64) {
    this.buf = new BigInt64Array(capacity);
  }
  push(v: bigint): number {
    if (this.length === this.buf.length) this.reserve(this.length * 2);
    this.buf[this.length] = v;
    return this.length++;
  }
  reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const g = new BigInt64Array(capacity);
    g.set(this.buf.subarray(0, this.length));
    this.buf = g;
  }
  values(): BigInt64Array {
    return this.buf.subarray(0, this.length);
  }
}
