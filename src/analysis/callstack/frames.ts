/**
 * Columnar storage of call-stack frames (one row per function call) and of the threads they belong to.
 *
 * Scope: growable typed columns, a string pool for symbols, and the final depth correction for frames that were
 * already open when the trace (or the range read) began — see `stack-builder.ts`.
 */

export interface ThreadInfo {
  readonly index: number;
  readonly traceIndex: number;
  readonly host: string;
  readonly pid: number;
  readonly tid: number;
  /** Process or thread name, '' when unknown. */
  comm: string;
}

export const START_KNOWN = 1;
export const END_KNOWN = 2;

/** A frame as a plain object (for small result sets and tests). */
export interface Frame {
  readonly thread: ThreadInfo;
  readonly depth: number;
  readonly start: bigint;
  readonly end: bigint;
  readonly address: bigint | undefined;
  readonly symbol: string | undefined;
  readonly startKnown: boolean;
  readonly endKnown: boolean;
}

function grow<T extends BigInt64Array | BigUint64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  const b = new Ctor(n);
  (b as unknown as { set(x: T): void }).set(a);
  return b;
}

export class FrameColumns {
  length = 0;
  thread = new Int32Array(1024);
  depth = new Int32Array(1024);
  /** Open-at-start frames of the thread counted when this frame began (depth correction). */
  under = new Int32Array(1024);
  start = new BigInt64Array(1024);
  end = new BigInt64Array(1024);
  addr = new BigUint64Array(1024);
  /** Bit 0 start known, bit 1 end known, bit 2 has address. */
  flags = new Uint8Array(1024);
  /** Symbol string id, -1 when unknown. */
  symbol = new Int32Array(1024);
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

  intern(s: string | undefined): number {
    if (s === undefined) return -1;
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  private ensure(): void {
    if (this.length < this.thread.length) return;
    const n = this.thread.length * 2;
    this.thread = grow(this.thread, n);
    this.depth = grow(this.depth, n);
    this.under = grow(this.under, n);
    this.start = grow(this.start, n);
    this.end = grow(this.end, n);
    this.addr = grow(this.addr, n);
    this.flags = grow(this.flags, n);
    this.symbol = grow(this.symbol, n);
  }

  push(
    thread: number,
    depth: number,
    under: number,
    start: bigint,
    end: bigint,
    addr: bigint | undefined,
    symbol: string | undefined,
    flags: number
  ): void {
    this.ensure();
    const k = this.length++;
    this.thread[k] = thread;
    this.depth[k] = depth;
    this.under[k] = under;
    this.start[k] = start;
    this.end[k] = end < start ? start : end;
    this.addr[k] = addr === undefined ? 0n : BigInt.asUintN(64, addr);
    this.flags[k] = flags | (addr === undefined ? 0 : 4);
    this.symbol[k] = this.intern(symbol);
  }

  /** Final depths: raw depth + frames of the thread found open at the start after this one began. */
  correctDepths(totalUnder: Int32Array): void {
    for (let k = 0; k < this.length; k++) {
      this.depth[k] += totalUnder[this.thread[k]] - this.under[k];
    }
  }

  /** Row order by (thread, start, depth). */
  sortedOrder(): Int32Array {
    const idx = Int32Array.from({ length: this.length }, (_, i) => i);
    const { thread, start, depth } = this;
    idx.sort((a, b) => {
      if (thread[a] !== thread[b]) return thread[a] - thread[b];
      if (start[a] !== start[b]) return start[a] < start[b] ? -1 : 1;
      return depth[a] - depth[b];
    });
    return idx;
  }

  frame(k: number, threads: readonly ThreadInfo[]): Frame {
    const f = this.flags[k];
    return {
      thread: threads[this.thread[k]],
      depth: this.depth[k],
      start: this.start[k],
      end: this.end[k],
      address: f & 4 ? this.addr[k] : undefined,
      symbol: this.symbol[k] < 0 ? undefined : this.strings[this.symbol[k]],
      startKnown: (f & START_KNOWN) !== 0,
      endKnown: (f & END_KNOWN) !== 0
    };
  }
}
