/**
 * The execution graph in columns: workers (a thread of a host, or the softirq context "kernel/<cpu>" of a host),
 * each with a time-ordered chain of vertices joined by horizontal edges, plus vertical links between vertices of
 * different workers (at most one incoming and one outgoing per vertex; `link` splits a source vertex with a
 * zero-length edge when it already has one).
 *
 * Storage is typed arrays (one entry per vertex: ts, worker, prev, next, outgoing edge type, vertical in/out),
 * about 30 bytes per vertex. `finish()` builds a per-worker index for time lookups.
 */
import { GrowI32, GrowI64, GrowU8 } from '../sync/growable';
import { Edge } from './edge-types';
import type { EdgeValue, LinkValue } from './edge-types';

export class ExecutionGraph {
  readonly hosts: string[] = [];
  // workers
  readonly wHost = new GrowI32();
  /** Thread id, or -1 - cpu for a kernel worker. */
  readonly wTid = new GrowI32();
  readonly wName: string[] = [];
  readonly head = new GrowI32();
  readonly tail = new GrowI32();
  private readonly threads: Map<number, number>[] = [];
  private readonly kernels: Map<number, number>[] = [];
  // vertices
  readonly ts = new GrowI64(1024);
  readonly worker = new GrowI32(1024);
  readonly prev = new GrowI32(1024);
  readonly next = new GrowI32(1024);
  /** Type of the horizontal edge from this vertex to `next` (NONE: no edge). */
  readonly out = new GrowU8(1024);
  readonly inV = new GrowI32(1024);
  readonly outV = new GrowI32(1024);
  /** Type of the vertical link ending at this vertex. */
  readonly inVType = new GrowU8(1024);
  /** Text attached to a horizontal edge (IRQ name, waking thread...), keyed by its source vertex. */
  readonly qualifiers = new Map<number, string>();
  links = 0;
  // per-worker index (after finish)
  order = new Int32Array(0);
  wStart = new Int32Array(1);

  get vertexCount(): number {
    return this.ts.length;
  }

  get workerCount(): number {
    return this.wHost.length;
  }

  hostIndex(name: string): number {
    let h = this.hosts.indexOf(name);
    if (h < 0) {
      h = this.hosts.push(name) - 1;
      this.threads.push(new Map());
      this.kernels.push(new Map());
    }
    return h;
  }

  private newWorker(host: number, tid: number, name: string): number {
    const w = this.wHost.push(host);
    this.wTid.push(tid);
    this.wName.push(name);
    this.head.push(-1);
    this.tail.push(-1);
    return w;
  }

  /** The worker of thread `tid` on `host`, or -1. */
  findThread(host: number, tid: number): number {
    return this.threads[host]?.get(tid) ?? -1;
  }

  thread(host: number, tid: number): number {
    let w = this.threads[host].get(tid);
    if (w === undefined) {
      w = this.newWorker(host, tid, '');
      this.threads[host].set(tid, w);
    }
    return w;
  }

  kernel(host: number, cpu: number): number {
    let w = this.kernels[host].get(cpu);
    if (w === undefined) {
      w = this.newWorker(host, -1 - cpu, `kernel/${cpu}`);
      this.kernels[host].set(cpu, w);
    }
    return w;
  }

  isKernel(w: number): boolean {
    return this.wTid.buf[w] < 0;
  }

  private vertex(w: number, ts: bigint): number {
    const v = this.ts.push(ts);
    this.worker.push(w);
    this.prev.push(-1);
    this.next.push(-1);
    this.out.push(Edge.NONE);
    this.inV.push(-1);
    this.outV.push(-1);
    this.inVType.push(0);
    return v;
  }

  /** Appends a vertex at `ts` to `w`'s chain; the edge from the previous tail gets `edge` (NONE: no edge). */
  append(w: number, ts: bigint, edge: EdgeValue): number {
    const v = this.vertex(w, ts);
    const t = this.tail.buf[w];
    if (t < 0) {
      this.head.buf[w] = v;
    } else {
      this.next.buf[t] = v;
      this.prev.buf[v] = t;
      this.out.buf[t] = edge;
    }
    this.tail.buf[w] = v;
    return v;
  }

  /** Inserts a vertex right after `v`, at the same time, sharing `v`'s outgoing edge type. */
  splitAfter(v: number): number {
    const w = this.worker.buf[v];
    const n = this.vertex(w, this.ts.buf[v]);
    const nx = this.next.buf[v];
    this.next.buf[n] = nx;
    this.prev.buf[n] = v;
    this.out.buf[n] = this.out.buf[v];
    this.next.buf[v] = n;
    if (this.out.buf[v] === Edge.NONE) this.out.buf[v] = Edge.RUNNING;
    if (nx >= 0) this.prev.buf[nx] = n;
    else this.tail.buf[w] = n;
    const q = this.qualifiers.get(v);
    if (q !== undefined) this.qualifiers.set(n, q);
    return n;
  }

  /** Adds a vertical link; false when `to` already has one. */
  link(from: number, to: number, type: LinkValue): boolean {
    if (from < 0 || to < 0 || this.inV.buf[to] >= 0 || from === to) return false;
    let f = from;
    while (this.outV.buf[f] >= 0) f = this.splitAfter(f);
    this.outV.buf[f] = to;
    this.inV.buf[to] = f;
    this.inVType.buf[to] = type;
    this.links++;
    return true;
  }

  /** Builds the per-worker vertex index (chain order) used by `vertexAt` and `verticesOf`. */
  finish(): void {
    const nw = this.workerCount;
    const start = new Int32Array(nw + 1);
    for (let w = 0; w < nw; w++) {
      let n = 0;
      for (let v = this.head.buf[w]; v >= 0; v = this.next.buf[v]) n++;
      start[w + 1] = start[w] + n;
    }
    const order = new Int32Array(start[nw]);
    for (let w = 0; w < nw; w++) {
      let k = start[w];
      for (let v = this.head.buf[w]; v >= 0; v = this.next.buf[v]) order[k++] = v;
    }
    this.order = order;
    this.wStart = start;
  }

  /** Vertices of worker `w` in time order (after `finish`). */
  verticesOf(w: number): Int32Array {
    return this.order.subarray(this.wStart[w], this.wStart[w + 1]);
  }

  /** The last vertex of `w` at or before `ts`, or -1 (after `finish`). */
  vertexAt(w: number, ts: bigint): number {
    let lo = this.wStart[w];
    let hi = this.wStart[w + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ts.buf[this.order[mid]] <= ts) lo = mid + 1;
      else hi = mid;
    }
    return lo > this.wStart[w] ? this.order[lo - 1] : -1;
  }

  /** All workers of thread `tid` (one per host holding it). */
  workersOfTid(tid: number): number[] {
    const out: number[] = [];
    this.threads.forEach(m => {
      const w = m.get(tid);
      if (w !== undefined) out.push(w);
    });
    return out;
  }
}
