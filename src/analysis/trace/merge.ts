/**
 * Time-ordered merge of stream cursors into `EventBatch`es: a binary min-heap of cursors keyed by their next
 * event's timestamp; the top cursor keeps emitting while its events are not later than the best of the others
 * (so a single stream, or long runs of one stream, cost no heap operation per event).
 *
 * Ties are broken by input order (trace, then stream), which is what babeltrace2's muxer does for the streams of
 * a trace (checked on `many-threads`: equal timestamps come out by ascending stream). A stream whose timestamps go
 * backwards (packets overlapping in time, as in `synctraces/*`) is still read in its own order.
 *
 * Errors from a cursor end the merge: the events merged so far are yielded, then the error is thrown.
 */
import { MergedBatch } from './batch';
import type { EventChunk, StreamCursor } from './source';
import type { EventBatch } from './types';

export interface MergeInput {
  cursor: StreamCursor;
  classBase: number;
  /** Global stream index of the cursor's stream 0. */
  streamBase: number;
}

interface Head {
  idx: number;
  input: MergeInput;
  chunk: EventChunk;
  k: number;
  /** Key of event k: signed high and unsigned low halves of its ns timestamp. */
  hi: number;
  lo: number;
  /** Batch in which `slot` is valid. */
  batch: MergedBatch | null;
  slot: number;
}

function less(a: Head, b: Head): boolean {
  if (a.hi !== b.hi) return a.hi < b.hi;
  if (a.lo !== b.lo) return a.lo < b.lo;
  return a.idx < b.idx;
}

function setKey(h: Head): void {
  h.hi = h.chunk.ts[2 * h.k + 1] | 0;
  h.lo = h.chunk.ts[2 * h.k];
}

function siftDown(h: Head[], i: number): void {
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    const r = l + 1;
    const m = r < n && less(h[r], h[l]) ? r : l;
    if (!less(h[m], h[i])) return;
    [h[m], h[i]] = [h[i], h[m]];
    i = m;
  }
}

/** Nanosecond bound as signed-hi / unsigned-lo halves. */
function halves(ns: bigint): [number, number] {
  const u = BigInt.asUintN(64, ns);
  return [Number(u >> 32n) | 0, Number(u & 0xffffffffn)];
}

export function* mergeCursors(
  inputs: MergeInput[],
  opts: { end?: bigint; batchSize?: number } = {}
): Generator<EventBatch> {
  const size = Math.max(1, opts.batchSize ?? 65536);
  const [endHi, endLo] = opts.end !== undefined ? halves(opts.end) : [0x7fffffff, 0xffffffff];
  const heap: Head[] = [];
  inputs.forEach((input, idx) => {
    const chunk = input.cursor.next();
    if (chunk) {
      heap.push({ idx, input, chunk, k: 0, hi: chunk.ts[1] | 0, lo: chunk.ts[0], batch: null, slot: 0 });
    }
  });
  for (let i = heap.length >> 1; i >= 0; i--) siftDown(heap, i);
  let batch = new MergedBatch(size);
  let failure: unknown;
  while (heap.length > 0) {
    const top = heap[0];
    // The best of the others bounds how far `top` may run.
    const c1 = heap[1];
    const c2 = heap[2];
    const lim = c1 && c2 ? (less(c2, c1) ? c2 : c1) : (c1 ?? c2);
    const exhausted = emit(top, lim, batch, endHi, endLo);
    if (exhausted === 'end') {
      heap[0] = heap[heap.length - 1];
      heap.pop();
      siftDown(heap, 0);
    } else if (exhausted === 'chunk') {
      let next: EventChunk | null = null;
      try {
        next = top.input.cursor.next();
      } catch (err) {
        failure = err;
      }
      if (failure !== undefined) break;
      if (next) {
        top.chunk = next;
        top.k = 0;
        top.batch = null;
        setKey(top);
        siftDown(heap, 0);
      } else {
        heap[0] = heap[heap.length - 1];
        heap.pop();
        siftDown(heap, 0);
      }
    } else {
      setKey(top);
      siftDown(heap, 0);
    }
    if (batch.length === batch.capacity) {
      yield batch;
      batch = new MergedBatch(size);
    }
  }
  if (batch.length > 0) yield batch.seal();
  if (failure !== undefined) throw failure;
}

/**
 * Copies events of `h` into the batch while they are not later than `lim` (and not past `end`).
 * Returns 'chunk' when the chunk is used up, 'end' when the end bound is passed, 'lim' otherwise.
 */
function emit(
  h: Head,
  lim: Head | undefined,
  b: MergedBatch,
  endHi: number,
  endLo: number
): 'chunk' | 'end' | 'lim' {
  const ch = h.chunk;
  const ts = ch.ts;
  const n = ch.length;
  let limHi = 0x7fffffff;
  let limLo = 0xffffffff;
  let limIdx = 0x7fffffff;
  if (lim) {
    limHi = lim.hi;
    limLo = lim.lo;
    limIdx = lim.idx;
  }
  if (h.batch !== b) {
    h.batch = b;
    h.slot = b.chunks.length;
    b.chunks.push(ch);
  }
  const classBase = h.input.classBase;
  const streamBase = h.input.streamBase;
  const stream = streamBase + ch.stream;
  const streams = ch.streams;
  let k = h.k;
  let j = b.length;
  const cap = b.capacity;
  let out: 'chunk' | 'end' | 'lim' = 'lim';
  while (j < cap) {
    if (k >= n) {
      out = 'chunk';
      break;
    }
    const hi = ts[2 * k + 1] | 0;
    const lo = ts[2 * k];
    if (hi > endHi || (hi === endHi && lo > endLo)) {
      out = 'end';
      break;
    }
    if (hi > limHi || (hi === limHi && (lo > limLo || (lo === limLo && h.idx > limIdx)))) break;
    b.ts32[2 * j] = lo;
    b.ts32[2 * j + 1] = hi;
    b.cpu[j] = ch.cpu[k];
    b.classId[j] = classBase + ch.cls[k];
    b.stream[j] = streams ? streamBase + streams[k] : stream;
    b.src[j] = h.slot;
    b.at[j] = k;
    j++;
    k++;
  }
  if (out === 'lim' && k >= n) out = 'chunk';
  h.k = k;
  b.length = j;
  return out;
}
