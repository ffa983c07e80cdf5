/**
 * The column types of the model's row stores (`columns.ts`): fixed-size chunks of narrow typed arrays, the chunks
 * of one store's columns for the same rows sharing one buffer.
 *
 * - `I32Column`: integers as nothing (all 0), int8, int16 or int32, widening itself when a value does not fit.
 * - `TimeColumn`: ns offsets (integers below 2^53) as int32 differences from a base per block of rows.
 * - `EndColumn`: interval ends as uint32 durations from the row's start.
 * - `WideIntColumn`: mostly-int32 numbers (syscall return values).
 * Values that do not fit inline (rare) are kept aside in a map by row, so every read is exact.
 */

const SHIFT = 14;
/** Rows per chunk: 16384. */
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** What readers of a column use. */
export interface ReadColumn {
  get(r: number): number;
}

type IntChunk = Int8Array | Int16Array | Int32Array;
/** Storage of an integer column; 0: every value so far is 0 (nothing stored). */
export type IntBits = 0 | 8 | 16 | 32;

/** The chunk of every row of a column whose values are all 0 (never written with anything else). */
const ZEROS = new Int8Array(CHUNK);

function intView(bits: IntBits, buf: ArrayBuffer, off: number): IntChunk {
  if (bits === 0) return ZEROS;
  if (bits === 8) return new Int8Array(buf, off, CHUNK);
  return bits === 16 ? new Int16Array(buf, off, CHUNK) : new Int32Array(buf, off, CHUNK);
}

/** A column in chunks of `CHUNK` rows, each a view of the store's buffer for those rows. */
export interface ChunkedColumn {
  /** Bytes of one chunk. */
  bytes(): number;
  /** Adds a chunk: the view of `buf` at `off`. */
  attach(buf: ArrayBuffer, off: number): void;
}

/**
 * An integer column stored as nothing (all 0), int8, int16 or int32: it starts at `bits` and widens every chunk
 * when a value outside its range is written (int32 columns keep int32 semantics, as Int32Array does).
 */
export class I32Column implements ChunkedColumn {
  chunks: IntChunk[] = [];
  cur: IntChunk = new Int32Array(0);
  private lo: number;
  private hi: number;

  constructor(private bits: IntBits = 32) {
    [this.lo, this.hi] = I32Column.range(bits);
  }

  private static range(bits: IntBits): [number, number] {
    if (bits === 0) return [0, 0];
    return bits === 32 ? [-Infinity, Infinity] : [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
  }

  get(r: number): number {
    return this.chunks[r >>> SHIFT][r & MASK];
  }

  /** Writes row `k` of the current chunk. */
  put(k: number, v: number): void {
    if (v < this.lo || v > this.hi) this.widen(v);
    this.cur[k] = v;
  }

  bytes(): number {
    return (this.bits >> 3) * CHUNK;
  }

  attach(buf: ArrayBuffer, off: number): void {
    this.cur = intView(this.bits, buf, off);
    this.chunks.push(this.cur);
  }

  /** Rare: copies the chunks written so far into wider ones of their own. */
  private widen(v: number): void {
    this.bits = v >= -128 && v <= 127 ? 8 : v >= -32768 && v <= 32767 ? 16 : 32;
    [this.lo, this.hi] = I32Column.range(this.bits);
    this.chunks = this.chunks.map(c => {
      const w = intView(this.bits, new ArrayBuffer(this.bytes()), 0);
      w.set(c);
      return w;
    });
    this.cur = this.chunks[this.chunks.length - 1];
  }
}

/** Marks a row whose value is kept aside (`TimeColumn`, `WideIntColumn`). */
const ASIDE = -2147483648;
/** Marks a `WideIntColumn` row without a value (NaN). */
const NO_VALUE = -2147483647;
/** Rows per time base: 64 (sparse stores, e.g. attribute rows, span seconds per block). */
const BLOCK_SHIFT = 6;
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;

/**
 * Times (ns offsets, integers below 2^53): int32 differences from a base per block of 64 rows (the block's
 * first time), 4 bytes instead of 8; a time 2^31 ns (2.1 s) or more away from its block's base is kept aside
 * exactly.
 */
export class TimeColumn implements ChunkedColumn {
  readonly chunks: Int32Array[] = [];
  readonly bases: Float64Array[] = [];
  cur: Int32Array = new Int32Array(0);
  curBase: Float64Array = new Float64Array(0);
  readonly aside = new Map<number, number>();
  get(r: number): number {
    const c = r >>> SHIFT;
    const k = r & MASK;
    const d = this.chunks[c][k];
    return d === ASIDE ? (this.aside.get(r) as number) : this.bases[c][k >>> BLOCK_SHIFT] + d;
  }
  /** Writes row `r` (global index), at `k` in the current chunk. */
  put(r: number, k: number, t: number): void {
    if ((k & BLOCK_MASK) === 0) this.curBase[k >>> BLOCK_SHIFT] = t;
    const d = t - this.curBase[k >>> BLOCK_SHIFT];
    if (d > ASIDE && d <= 2147483647) {
      this.cur[k] = d;
    } else {
      this.cur[k] = ASIDE;
      this.aside.set(r, t);
    }
  }
  bytes(): number {
    return 4 * CHUNK + 8 * (CHUNK >> BLOCK_SHIFT);
  }
  attach(buf: ArrayBuffer, off: number): void {
    this.cur = new Int32Array(buf, off, CHUNK);
    this.curBase = new Float64Array(buf, off + 4 * CHUNK, CHUNK >> BLOCK_SHIFT);
    this.chunks.push(this.cur);
    this.bases.push(this.curBase);
  }
}

/** Numbers that are mostly int32 (return values): int32 and NaN inline, others (addresses) in a map by row. */
export class WideIntColumn implements ChunkedColumn {
  readonly ints = new I32Column(32);
  readonly aside = new Map<number, number>();
  get(r: number): number {
    const v = this.ints.get(r);
    if (v === NO_VALUE) return NaN;
    return v === ASIDE ? (this.aside.get(r) as number) : v;
  }
  /** Writes row `r` (global index), at `k` in the current chunk. */
  put(r: number, k: number, v: number): void {
    if ((v | 0) === v && v > NO_VALUE) {
      this.ints.cur[k] = v;
    } else if (Number.isNaN(v)) {
      this.ints.cur[k] = NO_VALUE;
    } else {
      this.ints.cur[k] = ASIDE;
      this.aside.set(r, v);
    }
  }
  bytes(): number {
    return this.ints.bytes();
  }
  attach(buf: ArrayBuffer, off: number): void {
    this.ints.attach(buf, off);
  }
}

/** Marks a row of an `EndColumn` whose end is kept aside. */
const FAR = 0xffffffff;

/**
 * Interval ends as uint32 durations from the row's start (4 bytes instead of 8); an end 2^32 - 1 ns (4.3 s) or
 * more after its start, or before it, is kept aside exactly. Reads give the end.
 */
export class EndColumn implements ChunkedColumn {
  readonly chunks: Uint32Array[] = [];
  cur: Uint32Array = new Uint32Array(0);
  readonly aside = new Map<number, number>();
  constructor(private readonly start: ReadColumn) {}
  get(r: number): number {
    const d = this.chunks[r >>> SHIFT][r & MASK];
    return d === FAR ? (this.aside.get(r) as number) : this.start.get(r) + d;
  }
  /** Writes row `r` (global index), at `k` in the current chunk. */
  put(r: number, k: number, start: number, end: number): void {
    const d = end - start;
    if (d >= 0 && d < FAR) {
      this.cur[k] = d;
    } else {
      this.cur[k] = FAR;
      this.aside.set(r, end);
    }
  }
  bytes(): number {
    return 4 * CHUNK;
  }
  attach(buf: ArrayBuffer, off: number): void {
    this.cur = new Uint32Array(buf, off, CHUNK);
    this.chunks.push(this.cur);
  }
}

/**
 * Base of the row stores: `next()` gives the index of a new row in the current chunk of every column; a new
 * chunk of every column is one buffer (chunk sizes are multiples of 8 bytes, so every view is aligned).
 */
export abstract class RowStore {
  length = 0;
  protected abstract columns(): readonly ChunkedColumn[];

  protected next(): number {
    const k = this.length & MASK;
    if (k === 0) this.addChunks();
    this.length++;
    return k;
  }

  private addChunks(): void {
    const cols = this.columns();
    let size = 0;
    for (const c of cols) size += c.bytes();
    const buf = new ArrayBuffer(size);
    let off = 0;
    for (const c of cols) {
      c.attach(buf, off);
      off += c.bytes();
    }
  }
}
