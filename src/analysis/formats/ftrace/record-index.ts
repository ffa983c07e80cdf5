/**
 * Text-record trace infrastructure shared by the ftrace text and trace-event JSON readers: an index of records
 * (timestamp, byte offset, byte length) built by a first pass over the file, their time order, and a reader that
 * fetches record bytes through a window cache so sequential reads cost one positioned read per window.
 *
 * Scope: memory is ~20 bytes per event; record contents are parsed again when read (files are never held whole).
 */
import type { ByteSource } from '../../io/byte-source';

export class RecordIndex {
  length = 0;
  ts = new BigInt64Array(4096);
  offset = new Float64Array(4096);
  size = new Uint32Array(4096);
  private sorted = true;

  push(ts: bigint, offset: number, size: number): void {
    if (this.length === this.ts.length) {
      const n = this.length * 2;
      const ts2 = new BigInt64Array(n);
      ts2.set(this.ts);
      const off2 = new Float64Array(n);
      off2.set(this.offset);
      const size2 = new Uint32Array(n);
      size2.set(this.size);
      this.ts = ts2;
      this.offset = off2;
      this.size = size2;
    }
    if (this.length > 0 && ts < this.ts[this.length - 1]) this.sorted = false;
    this.ts[this.length] = ts;
    this.offset[this.length] = offset;
    this.size[this.length] = size;
    this.length++;
  }

  get inOrder(): boolean {
    return this.sorted;
  }

  /** Record numbers in time order (stable: equal timestamps keep file order). */
  order(): Int32Array {
    const idx = Int32Array.from({ length: this.length }, (_, i) => i);
    if (this.sorted) return idx;
    const ts = this.ts;
    return idx.sort((a, b) => (ts[a] < ts[b] ? -1 : ts[a] > ts[b] ? 1 : a - b));
  }

  /** First position in `order` whose timestamp is >= `start`. */
  seek(order: Int32Array, start: bigint): number {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ts[order[mid]] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  timeRange(): { start: bigint; end: bigint } | undefined {
    if (this.length === 0) return undefined;
    let start = this.ts[0];
    let end = this.ts[0];
    for (let i = 1; i < this.length; i++) {
      if (this.ts[i] < start) start = this.ts[i];
      if (this.ts[i] > end) end = this.ts[i];
    }
    return { start, end };
  }
}

/** Files up to this size are read whole by a `RecordReader`; larger ones through windows. */
const WHOLE_FILE = 32 << 20;

/**
 * Reads record bytes [offset, offset + size) through a cached window (the whole file when it is small). Windows
 * start a little before the record asked for, so records read slightly out of file order still hit.
 */
export class RecordReader {
  private winStart = 0;
  private win: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly src: ByteSource,
    private readonly windowSize = 1 << 20,
    wholeFileLimit = WHOLE_FILE
  ) {
    if (src.size <= wholeFileLimit) this.win = src.read(0, src.size).slice();
  }

  read(offset: number, size: number): Uint8Array {
    if (offset < this.winStart || offset + size > this.winStart + this.win.length) {
      this.winStart = Math.max(0, offset - (this.windowSize >> 3));
      this.win = this.src
        .read(this.winStart, Math.max(size + offset - this.winStart, this.windowSize))
        .slice();
    }
    return this.win.subarray(offset - this.winStart, offset - this.winStart + size);
  }
}

/**
 * Splits a source into lines, streaming windows: calls `onLine(bytes, offset)` for each line without its end of
 * line (CR LF or LF). The last line may lack a newline.
 */
export function forEachLine(
  src: ByteSource,
  onLine: (line: Uint8Array, offset: number) => void,
  windowSize = 1 << 20
): void {
  let pos = 0;
  let carry: Uint8Array = new Uint8Array(0);
  let carryAt = 0;
  while (pos < src.size) {
    const chunk = src.read(pos, windowSize);
    if (chunk.length === 0) break;
    const buf = carry.length > 0 ? concat(carry, chunk) : chunk;
    const base = carry.length > 0 ? carryAt : pos;
    let lineStart = 0;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) {
      const end = i > lineStart && buf[i - 1] === 13 ? i - 1 : i;
      onLine(buf.subarray(lineStart, end), base + lineStart);
      lineStart = i + 1;
    }
    carry = buf.slice(lineStart);
    carryAt = base + lineStart;
    pos += chunk.length;
  }
  if (carry.length > 0) {
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    onLine(carry.subarray(0, end), carryAt);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
