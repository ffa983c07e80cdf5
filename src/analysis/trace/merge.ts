/**
 * Time-ordered merge of stream cursors into `EventBatch`es with a loser tree: one leaf per stream (its next
 * event), each inner node holding the loser of the match played there and node 0 the overall winner; emitting the
 * winner and replaying its path costs one comparison per level, log2(streams), on plain typed arrays (per-CPU
 * kernel streams interleave finely, so per-run bookkeeping would be paid on almost every event). Two streams (one
 * per CPU of a two-CPU machine) skip the tree: `pair` compares their next events directly.
 *
 * Keys: chunks carry their timestamps rounded to doubles (`EventChunk.key`). Rounding is monotonic, so different
 * doubles order events exactly; equal doubles fall back to the exact (hi, lo) halves, then to the input order
 * (trace, then stream), which is how babeltrace2's muxer breaks ties between the streams of a trace (checked on
 * `many-threads`). A stream whose timestamps go backwards (overlapping packets, `synctraces/*`) keeps its own
 * order. A cursor error ends the merge: the events merged so far are yielded, then the error is thrown.
 */
import { MergedBatch } from './batch';
import type { EventChunk, RowReader, StreamCursor } from './source';
import type { EventBatch } from './types';

export interface MergeInput {
  cursor: StreamCursor;
  classBase: number;
  /** Global stream index of the cursor's stream 0. */
  streamBase: number;
}

const FULL = 0;
const REFILL = 1;
const DONE = 2;
/** `pair`: the two lanes' next events tie or reach the end bound (the general path takes the next run). */
const TIE = 3;

/** Exact (hi, lo) halves of an ns bound. */
function halves(ns: bigint): [number, number] {
  const u = BigInt.asUintN(64, ns);
  return [Number(u >> 32n) | 0, Number(u & 0xffffffffn)];
}

/** The reader of events without fields (a class a chunk's `classReaders` has no reader for). */
const NO_FIELDS: RowReader = {
  int: () => NaN,
  bigint: () => undefined,
  str: () => undefined,
  value: () => undefined,
  readInts: (_r, count, num) => void num.fill(NaN, 0, count)
};

class Tournament {
  readonly size: number;
  /** Loser lane of the match at each inner node (1..size-1); tree[0] = the winner. */
  readonly tree: Int32Array;
  /** Current event per lane: rounded key (Infinity when the lane has none), exact halves, index in its chunk. */
  readonly key: Float64Array;
  readonly hi: Int32Array;
  readonly lo: Float64Array;
  readonly pos: Int32Array;
  readonly chunks: (EventChunk | null)[];
  readonly done: Uint8Array;
  /** The lane whose chunk ran out (status REFILL). */
  refill = -1;
  /** Streaming reads: chunks replaced since the last batch was handed out (released once the consumer is done). */
  readonly retired: EventChunk[] = [];
  /**
   * Per lane: index in the current batch's `readers` of the reader of each class c of the lane's current chunk
   * (entry c: `classReaders[c]`, or NO_FIELDS when it has none for c; entry 0 alone, the chunk itself, for chunks
   * read without class readers), -1 when not yet added; valid for the batch being filled (`newBatch` empties them).
   */
  readonly slots: Int32Array[];

  constructor(
    readonly inputs: MergeInput[],
    readonly endKey: number,
    readonly endHi: number,
    readonly endLo: number,
    readonly streaming: boolean
  ) {
    const n = inputs.length;
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    this.tree = new Int32Array(size);
    this.key = new Float64Array(size).fill(Infinity);
    this.hi = new Int32Array(size);
    this.lo = new Float64Array(size);
    this.pos = new Int32Array(size);
    this.done = new Uint8Array(size).fill(1);
    this.chunks = new Array<EventChunk | null>(size).fill(null);
    this.slots = Array.from({ length: size }, () => new Int32Array(1).fill(-1));
  }

  /** True when lane a's current event goes before lane b's (ties: lower lane first). */
  beats(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    if (ka !== kb) return ka < kb;
    if (ka !== Infinity) {
      if (this.hi[a] !== this.hi[b]) return this.hi[a] < this.hi[b];
      if (this.lo[a] !== this.lo[b]) return this.lo[a] < this.lo[b];
    }
    return a < b;
  }

  /** Plays every match from the leaves. */
  build(): void {
    const size = this.size;
    const win = new Int32Array(2 * size);
    for (let l = 0; l < size; l++) win[size + l] = l;
    for (let i = size - 1; i >= 1; i--) {
      const a = win[2 * i];
      const b = win[2 * i + 1];
      const bFirst = this.beats(b, a);
      win[i] = bFirst ? b : a;
      this.tree[i] = bFirst ? a : b;
    }
    this.tree[0] = win[1];
  }

  /** Replays the path of lane l, the previous winner, after its event changed. */
  replay(l: number): void {
    const tree = this.tree;
    const key = this.key;
    let c = l;
    for (let i = (this.size + l) >> 1; i >= 1; i >>= 1) {
      const o = tree[i];
      const ko = key[o];
      const kc = key[c];
      // `beats` compares the keys first; called for every match (not only ties), so its call site has type
      // feedback before the tie-break is first needed.
      if (ko < kc || this.beats(o, c)) {
        tree[i] = c;
        c = o;
      }
    }
    tree[0] = c;
  }

  /** Installs a new chunk (or none) for lane l; `replay` when l is the current winner (else `build` follows). */
  setChunk(l: number, c: EventChunk | null, replay: boolean): void {
    const old = this.chunks[l];
    if (this.streaming && old && old.release) this.retired.push(old);
    this.chunks[l] = c;
    this.pos[l] = 0;
    this.done[l] = c ? 0 : 1;
    const need = c?.classReaders ? Math.max(c.classReaders.length, 1) : 1;
    if (this.slots[l].length < need) this.slots[l] = new Int32Array(need);
    this.slots[l].fill(-1);
    this.load(l);
    if (replay) this.replay(l);
  }

  /**
   * Loads lane l's current event (key Infinity when it has none). One store of the key for both cases: a store
   * only made when a lane runs out had no type feedback when `pair` was optimized, and deoptimized it each time.
   */
  load(l: number): void {
    const c = this.chunks[l];
    const k = this.pos[l];
    let key = Infinity;
    if (c !== null && k < c.length && this.done[l] === 0) {
      key = c.key[k];
      this.hi[l] = c.ts[2 * k + 1] | 0;
      this.lo[l] = c.ts[2 * k];
    }
    this.key[l] = key;
  }

  /** Moves events into the batch until it is full (FULL), a chunk runs out (REFILL) or all are done (DONE). */
  fill(b: MergedBatch): number {
    if (this.size !== 2) return this.runs(b, Infinity);
    for (;;) {
      const st = this.pair(b);
      if (st !== TIE) return st;
      const st2 = this.runs(b, 1);
      if (st2 !== FULL || b.length === b.capacity) return st2;
    }
  }

  /**
   * Two lanes (most traces of a small machine: one stream per CPU), both on chunks with class readers: their
   * events go out in turn, one comparison each, with no tree and no per-run work (the runs of per-CPU streams
   * are short: 4 events on average on the large perf trace, most of them 1). Stops at a tie and at the end bound
   * (TIE: `runs` takes the next run), when a chunk runs out (REFILL) or the batch is full (FULL); the tree is
   * left consistent.
   */
  pair(b: MergedBatch): number {
    const c0 = this.chunks[0];
    const c1 = this.chunks[1];
    if (c0 === null || c1 === null || this.done[0] === 1 || this.done[1] === 1) return TIE;
    const rows0 = c0.classRows;
    const rows1 = c1.classRows;
    let k0 = this.pos[0];
    let k1 = this.pos[1];
    const n0 = c0.length;
    const n1 = c1.length;
    if (rows0 === undefined || rows1 === undefined || c0.streams !== undefined || c1.streams !== undefined) {
      return TIE;
    }
    if (k0 >= n0 || k1 >= n1) return TIE;
    const cap = b.capacity;
    const end = this.endKey;
    const cb0 = this.inputs[0].classBase;
    const cb1 = this.inputs[1].classBase;
    const st0 = this.inputs[0].streamBase + c0.stream;
    const st1 = this.inputs[1].streamBase + c1.stream;
    const key0 = c0.key;
    const key1 = c1.key;
    let ka = key0[k0];
    let kb = key1[k1];
    let j = b.length;
    let status = TIE;
    while (j < cap) {
      if (ka < kb) {
        if (!(ka < end)) break;
        this.put(b, j, c0, k0, 0, cb0, st0, rows0);
        j++;
        k0++;
        if (k0 >= n0) {
          status = REFILL;
          break;
        }
        ka = key0[k0];
      } else if (kb < ka) {
        if (!(kb < end)) break;
        this.put(b, j, c1, k1, 1, cb1, st1, rows1);
        j++;
        k1++;
        if (k1 >= n1) {
          status = REFILL;
          break;
        }
        kb = key1[k1];
      } else {
        break;
      }
    }
    b.length = j;
    this.pos[0] = k0;
    this.pos[1] = k1;
    this.load(0);
    this.load(1);
    // The winner: the lane that ran out (`setChunk` replays its path once refilled), else the first in order.
    let w: number;
    if (status === REFILL) {
      w = k0 >= n0 ? 0 : 1;
    } else {
      w = this.beats(1, 0) ? 1 : 0;
      if (j === cap) status = FULL;
    }
    this.refill = w;
    this.tree[0] = w;
    this.tree[1] = 1 - w;
    return status;
  }

  /** The general path: at most `maxRuns` runs of the tree's winner (see `fill`). */
  runs(b: MergedBatch, maxRuns: number): number {
    const { tree, key, pos, chunks, inputs, slots } = this;
    const { ts32, cpu, classId, stream, rix, row, readers } = b;
    const cap = b.capacity;
    let j = b.length;
    let status = FULL;
    let left = maxRuns;
    while (j < cap && left-- > 0) {
      const l = tree[0];
      const kk = key[l];
      if (kk === Infinity) {
        status = DONE;
        break;
      }
      if (kk >= this.endKey && this.pastEnd(l)) {
        this.done[l] = 1;
        key[l] = Infinity;
        this.replay(l);
        continue;
      }
      // A run: lane l's events go out while they are strictly before every other lane's current event (and
      // before the end bound), without replaying the tree; ties and the bound go through the general path.
      const c = chunks[l] as EventChunk;
      const bound = Math.min(this.runnerUp(l), this.endKey);
      const n = c.length;
      const input = inputs[l];
      const cb = input.classBase;
      const sb = input.streamBase;
      const crows = c.classRows;
      const cts = c.ts;
      const ckey = c.key;
      const ccls = c.cls;
      const ccpu = c.cpu;
      const cstreams = c.streams;
      const tab = slots[l];
      let k = pos[l];
      if (crows !== undefined && cstreams === undefined) {
        // Class readers (CTF): each event's reader is its class's, found in `tab` (added on first use).
        const st = sb + c.stream;
        do {
          this.put(b, j, c, k, l, cb, st, crows);
          j++;
          k++;
        } while (j < cap && k < n && ckey[k] < bound);
      } else {
        let x = tab[0];
        if (x < 0) x = this.addReader(l, 0, readers);
        do {
          ts32[2 * j] = cts[2 * k];
          ts32[2 * j + 1] = cts[2 * k + 1];
          cpu[j] = ccpu[k];
          const cl = ccls[k];
          classId[j] = cb + cl;
          stream[j] = sb + (cstreams ? cstreams[k] : c.stream);
          rix[j] = x;
          row[j] = k;
          j++;
          k++;
        } while (j < cap && k < n && ckey[k] < bound);
      }
      pos[l] = k;
      // Set on every run, so the store has type feedback before a run first ends its chunk.
      this.refill = l;
      if (k >= n) {
        status = REFILL;
        break;
      }
      this.load(l);
      this.replay(l);
    }
    b.length = j;
    return status;
  }

  /**
   * Writes event k of lane l's chunk c (with class readers, rows `rows`) to slot j of batch b: `cb` is the lane's
   * class base, `st` its global stream index.
   */
  put(
    b: MergedBatch,
    j: number,
    c: EventChunk,
    k: number,
    l: number,
    cb: number,
    st: number,
    rows: Int32Array
  ): void {
    b.ts32[2 * j] = c.ts[2 * k];
    b.ts32[2 * j + 1] = c.ts[2 * k + 1];
    b.cpu[j] = c.cpu[k];
    const cl = c.cls[k];
    b.classId[j] = cb + cl;
    b.stream[j] = st;
    let x = this.slots[l][cl];
    if (x < 0) x = this.addReader(l, cl, b.readers);
    b.rix[j] = x;
    b.row[j] = rows[k];
  }

  /**
   * Adds the reader of class cl of lane l's current chunk to the batch's readers (the chunk itself when it has no
   * class readers, NO_FIELDS when it has none for cl); returns its index there.
   */
  addReader(l: number, cl: number, readers: RowReader[]): number {
    const c = this.chunks[l] as EventChunk;
    const x = readers.length;
    readers.push(c.classReaders === undefined ? c : (c.classReaders[cl] ?? NO_FIELDS));
    this.slots[l][cl] = x;
    return x;
  }

  /**
   * A new batch is filled from now on: no reader of it is known yet. (Not a test at the top of `fill`: code run
   * only on some calls there went without type feedback and deoptimized the optimized `fill`.)
   */
  newBatch(): void {
    for (let l = 0; l < this.slots.length; l++) this.slots[l].fill(-1);
  }

  /** The smallest key among the other lanes' current events (the losers on lane l's path to the root). */
  runnerUp(l: number): number {
    let m = Infinity;
    for (let i = (this.size + l) >> 1; i >= 1; i >>= 1) {
      const o = this.key[this.tree[i]];
      if (o < m) m = o;
    }
    return m;
  }

  private pastEnd(l: number): boolean {
    if (this.key[l] !== this.endKey) return this.key[l] > this.endKey;
    if (this.hi[l] !== this.endHi) return this.hi[l] > this.endHi;
    return this.lo[l] > this.endLo;
  }
}

/**
 * `fill` calls that fill nothing, once per process before the first real one. V8 gives a function its type
 * feedback only after it has run a while; `fill`'s first call runs long, so the code before its loop ran only
 * without feedback, and the optimized `fill` deoptimized there on the next calls (twice per read of the large
 * perf trace, each followed by a recompilation of 10-30 ms); so did the tie-break of equal keys, first met late.
 * The empty calls cost microseconds.
 */
const FILL_WARM_RUNS = 256;
let fillWarmed = false;

function warmFill(t: Tournament): void {
  if (fillWarmed) return;
  fillWarmed = true;
  const empty = new MergedBatch(0);
  for (let k = 0; k < FILL_WARM_RUNS; k++) {
    t.fill(empty);
    t.runs(empty, Infinity);
    // What `fill` inlines, each with no effect here: the tie-break (only met when two streams' next events have
    // the same key), reloading a lane's current event, the runner-up, replaying the winner's unchanged path.
    t.beats(0, 0);
    t.beats(0, t.size - 1);
    const w = t.tree[0];
    t.load(w);
    t.runnerUp(w);
    t.replay(w);
  }
}

/** Releases retired chunks (streaming reads): the consumer is done with every batch that held their events. */
function releaseRetired(t: Tournament, upTo: number): void {
  const r = t.retired;
  for (let k = 0; k < upTo; k++) (r[k].release as () => void)();
  r.splice(0, upTo);
}

/**
 * Streaming reads (`streaming`): one batch object is refilled for every yield, and chunks retired while a batch
 * was filled are released when the consumer asks for the next batch (the events of a chunk retired during the
 * fill of batch N may be in batch N, never later).
 */
export function* mergeCursors(
  inputs: MergeInput[],
  opts: { end?: bigint; batchSize?: number; streaming?: boolean } = {}
): Generator<EventBatch> {
  const size = Math.max(1, opts.batchSize ?? (opts.streaming ? 16384 : 65536));
  const [endHi, endLo] = opts.end !== undefined ? halves(opts.end) : [0x7fffffff, 0xffffffff];
  const endKey = opts.end !== undefined ? endHi * 4294967296 + endLo : Infinity;
  const t = new Tournament(inputs, endKey, endHi, endLo, opts.streaming === true);
  for (const input of inputs) input.cursor.prefetch?.();
  inputs.forEach((input, l) => t.setChunk(l, input.cursor.next(), false));
  t.build();
  warmFill(t);
  let batch = new MergedBatch(size);
  const streaming = opts.streaming === true;
  let failure: unknown;
  try {
    for (;;) {
      const status = t.fill(batch);
      if (status === DONE) break;
      if (status === REFILL) {
        const l = t.refill;
        let next: EventChunk | null = null;
        try {
          next = inputs[l].cursor.next();
        } catch (err) {
          failure = err;
          break;
        }
        t.setChunk(l, next, true);
      }
      if (batch.length === batch.capacity) {
        const done = t.retired.length;
        yield batch;
        if (streaming) {
          releaseRetired(t, done);
          batch.reset();
        } else {
          batch = new MergedBatch(size);
        }
        t.newBatch();
      }
    }
    if (batch.length > 0) yield batch.seal();
  } finally {
    for (let l = 0; l < t.size; l++) t.setChunk(l, null, false);
    releaseRetired(t, t.retired.length);
  }
  if (failure !== undefined) throw failure;
}
