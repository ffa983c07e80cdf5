/**
 * Changes queued for a later time (`at` / Trace Compass futureTime): a binary min-heap on (time, insertion order),
 * drained before each event whose time has reached them, and at the end of the analysis.
 *
 * Scope: ordering only; the queued closures carry the resolved attribute and value.
 */
import type { FutureChange } from './compile-env';

interface Entry {
  time: bigint;
  seq: number;
  apply: (t: bigint) => void;
}

export class FutureQueue {
  private readonly heap: Entry[] = [];
  private seq = 0;
  /** Latest time of a change applied so far. */
  lastApplied: bigint | undefined;

  get size(): number {
    return this.heap.length;
  }

  private less(a: Entry, b: Entry): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  push(f: FutureChange): void {
    const h = this.heap;
    h.push({ time: f.time, seq: this.seq++, apply: f.apply });
    let k = h.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.less(h[k], h[p])) break;
      [h[k], h[p]] = [h[p], h[k]];
      k = p;
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === k) break;
        [h[k], h[m]] = [h[m], h[k]];
        k = m;
      }
    }
    return top;
  }

  /** Applies, in order, every change due at or before `t` (all of them when `t` is undefined). */
  drain(t?: bigint): void {
    while (this.heap.length > 0 && (t === undefined || this.heap[0].time <= t)) {
      const e = this.pop();
      e.apply(e.time);
      this.lastApplied = e.time;
    }
  }
}
