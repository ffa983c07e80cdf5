/**
 * The critical path of one worker over a time window, as rows (worker, start, end, state) that cover the window
 * without gaps and in time order, plus the links the path follows between workers.
 *
 * Walks the followed worker's edges from the window start: running-like edges are copied; a blocking edge is
 * replaced by its resolution (`resolve.ts`), glued in place: when the resolved chain starts on another worker
 * after the current time (its beginning is unexplained), the current worker keeps the time until then with its
 * own edge type (e.g. still BLOCKED) and an ANCHOR link jumps over — Trace Compass jumps at once and fills UNKNOWN
 * on the other worker instead; a link whose source precedes the current time departs from the current time. Time spent on a link between two times (a packet
 * in flight, a pending softirq) becomes a row on the receiving worker typed NETWORK (or PREEMPTED for a softirq).
 * Time before the worker's first vertex or after its last is UNKNOWN on the worker, so the path ends in it.
 */
import { GrowI32, GrowI64, GrowU8 } from '../sync/growable';
import { Edge, isBlocking, Link } from './edge-types';
import type { ExecutionGraph } from './graph-store';
import { isVertical, resolveBlocking, vertexOf } from './resolve';

export interface CriticalPath {
  readonly graph: ExecutionGraph;
  readonly worker: number;
  readonly start: bigint;
  readonly end: bigint;
  /** Rows: worker, start, end, edge type (`Edge`). */
  readonly segW: Int32Array;
  readonly segStart: BigInt64Array;
  readonly segEnd: BigInt64Array;
  readonly segType: Uint8Array;
  /** Links: from worker/time to worker/time, type (`Link`). */
  readonly linkFromW: Int32Array;
  readonly linkFromTs: BigInt64Array;
  readonly linkToW: Int32Array;
  readonly linkToTs: BigInt64Array;
  readonly linkType: Uint8Array;
}

class PathWriter {
  readonly w = new GrowI32();
  readonly s = new GrowI64();
  readonly e = new GrowI64();
  readonly t = new GrowU8();
  readonly lfw = new GrowI32();
  readonly lfts = new GrowI64();
  readonly ltw = new GrowI32();
  readonly ltts = new GrowI64();
  readonly lt = new GrowU8();
  /** Where the path is: worker and time. */
  pw: number;
  pts: bigint;

  constructor(
    worker: number,
    readonly start: bigint,
    readonly end: bigint
  ) {
    this.pw = worker;
    this.pts = start;
  }

  /** A row [a, b] of worker `w`, clipped to the window and to what is already covered; merged when possible. */
  seg(w: number, a0: bigint, b0: bigint, type: number): void {
    const n = this.w.length;
    const last = n > 0 ? this.e.buf[n - 1] : this.start;
    let a = a0 < last ? last : a0;
    if (a < this.start) a = this.start;
    const b = b0 > this.end ? this.end : b0;
    if (b <= a) return;
    if (n > 0 && this.w.buf[n - 1] === w && this.t.buf[n - 1] === type && this.e.buf[n - 1] === a) {
      this.e.buf[n - 1] = b;
      return;
    }
    this.w.push(w);
    this.s.push(a);
    this.e.push(b);
    this.t.push(type);
  }

  link(fw: number, fts: bigint, tw: number, tts: bigint, type: number): void {
    if (tts < this.start || fts > this.end) return;
    this.lfw.push(fw);
    this.lfts.push(fts);
    this.ltw.push(tw);
    this.ltts.push(tts);
    this.lt.push(type);
  }

  /** Type of `w`'s edge going forward from time `ts` (UNKNOWN when none). */
  private typeAt(g: ExecutionGraph, w: number, ts: bigint): number {
    const v = g.vertexAt(w, ts);
    return v >= 0 && g.next.buf[v] >= 0 && g.out.buf[v] !== Edge.NONE ? g.out.buf[v] : Edge.UNKNOWN;
  }

  /**
   * Moves the path to worker `w`, whose chain continues at time `a`: the time until `a` stays on the current
   * worker (with its own edge type: what it was waiting for), then an ANCHOR link jumps to `w`.
   */
  jumpTo(g: ExecutionGraph, w: number, a: bigint): void {
    if (a > this.pts) {
      this.seg(this.pw, this.pts, a, this.typeAt(g, this.pw, this.pts));
      this.pts = a;
    }
    if (w !== this.pw) {
      this.link(this.pw, this.pts, w, this.pts, Link.ANCHOR);
      this.pw = w;
    }
  }
}

function glue(g: ExecutionGraph, p: PathWriter, chain: readonly number[]): void {
  for (const code of chain) {
    const x = vertexOf(code);
    if (!isVertical(code)) {
      const w = g.worker.buf[x];
      const a = g.ts.buf[x];
      const b = g.ts.buf[g.next.buf[x]];
      p.jumpTo(g, w, a);
      p.seg(w, a, b, g.out.buf[x]);
      if (b > p.pts) p.pts = b;
      continue;
    }
    const src = g.inV.buf[x];
    const type = g.inVType.buf[x];
    const sw = g.worker.buf[src];
    p.jumpTo(g, sw, g.ts.buf[src]);
    const tw = g.worker.buf[x];
    const b = g.ts.buf[x];
    p.link(sw, p.pts, tw, b > p.pts ? b : p.pts, type);
    if (b > p.pts) {
      p.seg(
        tw,
        p.pts,
        b,
        type === Link.NETWORK ? Edge.NETWORK : type === Link.SOFTIRQ ? Edge.PREEMPTED : Edge.UNKNOWN
      );
      p.pts = b;
    }
    p.pw = tw;
  }
}

/** The critical path of worker `w` over [start, end] (graph finished). */
export function criticalPathOfWorker(g: ExecutionGraph, w: number, start: bigint, end: bigint): CriticalPath {
  const p = new PathWriter(w, start, end);
  const budget = 4 * g.vertexCount + 1000;
  let v = g.vertexAt(w, start);
  if (v < 0) v = g.head.buf[w];
  if (v >= 0 && g.ts.buf[v] > start) p.seg(w, start, g.ts.buf[v], Edge.UNKNOWN);
  while (v >= 0 && g.ts.buf[v] < end) {
    const n = g.next.buf[v];
    if (n < 0) break;
    const e = g.out.buf[v];
    const a = g.ts.buf[v];
    const b = g.ts.buf[n];
    p.pw = w;
    p.pts = a > start ? a : start;
    if (e === Edge.NONE) p.seg(w, a, b, Edge.UNKNOWN);
    else if (!isBlocking(e)) p.seg(w, a, b, e);
    else {
      const chain = resolveBlocking(g, v, n, p.pts, budget);
      if (chain.length === 0) p.seg(w, a, b, e);
      else glue(g, p, chain);
    }
    v = n;
  }
  const last = p.e.length > 0 ? p.e.buf[p.e.length - 1] : start;
  if (last < end) p.seg(w, last, end, Edge.UNKNOWN);
  return {
    graph: g,
    worker: w,
    start,
    end,
    segW: p.w.values().slice(),
    segStart: p.s.values().slice(),
    segEnd: p.e.values().slice(),
    segType: p.t.values().slice(),
    linkFromW: p.lfw.values().slice(),
    linkFromTs: p.lfts.values().slice(),
    linkToW: p.ltw.values().slice(),
    linkToTs: p.ltts.values().slice(),
    linkType: p.lt.values().slice()
  };
}
