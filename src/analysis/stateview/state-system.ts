/**
 * The state system of a declarative view: an attribute tree (quarks = integer ids; each attribute has a parent and
 * a name) and, per attribute, a sequence of state intervals covering [start, end] of the analysis.
 *
 * Scope: the write API used while events are handled (modify, retroactive update, stacks, subtree removal) and the
 * read API used afterwards (intervals by attribute and time range, value at a time). Semantics follow Trace
 * Compass's state system: every attribute is null from the start of the analysis until first set; writing the
 * value an attribute already has does not split its interval; two changes at the same time keep the last one.
 */
import { IntervalStore } from './interval-store';
import type { Interval } from './interval-store';
import { sameValue } from './values';
import type { Value } from './values';

export const ROOT = -1;

export class StateSystem {
  readonly store = new IntervalStore();
  private readonly parents: number[] = [];
  private readonly names: string[] = [];
  private readonly kids: (Map<string, number> | undefined)[] = [];
  private readonly rootKids = new Map<string, number>();
  private readonly curStart: bigint[] = [];
  private readonly curValue: Value[] = [];
  /** Index in the store of each attribute's last closed interval, or -1. */
  private readonly lastClosed: number[] = [];
  private startT: bigint | undefined;
  private endT: bigint | undefined;

  get start(): bigint | undefined {
    return this.startT;
  }

  /** End time once finished. */
  get end(): bigint | undefined {
    return this.endT;
  }

  get finished(): boolean {
    return this.endT !== undefined;
  }

  get attributeCount(): number {
    return this.names.length;
  }

  /** Sets the start time (the first event's time); later calls are ignored. */
  begin(t: bigint): void {
    if (this.startT !== undefined) return;
    this.startT = t;
    for (let q = 0; q < this.curStart.length; q++) this.curStart[q] = t;
  }

  /** The child `name` of `parent` (ROOT for top level), created if missing. */
  child(parent: number, name: string): number {
    const map = parent === ROOT ? this.rootKids : (this.kids[parent] ??= new Map());
    let q = map.get(name);
    if (q === undefined) {
      q = this.names.length;
      map.set(name, q);
      this.names.push(name);
      this.parents.push(parent);
      this.kids.push(undefined);
      this.curStart.push(this.startT ?? 0n);
      this.curValue.push(null);
      this.lastClosed.push(-1);
    }
    return q;
  }

  /** The child `name` of `parent`, or -1. */
  find(parent: number, name: string): number {
    const map = parent === ROOT ? this.rootKids : this.kids[parent];
    return map?.get(name) ?? -1;
  }

  /** Quark of an absolute path (`a/b/c` or its elements), or -1. */
  quark(path: string | readonly string[]): number {
    const parts = typeof path === 'string' ? path.split('/') : path;
    let q = ROOT;
    for (const p of parts) {
      q = this.find(q, p);
      if (q < 0) return -1;
    }
    return q;
  }

  name(q: number): string {
    return this.names[q];
  }

  parent(q: number): number {
    return this.parents[q];
  }

  path(q: number): string[] {
    const out: string[] = [];
    for (let p = q; p !== ROOT; p = this.parents[p]) out.push(this.names[p]);
    return out.reverse();
  }

  fullName(q: number): string {
    return this.path(q).join('/');
  }

  /** Children of `q` (ROOT for top level) in creation order. */
  children(q: number): number[] {
    const map = q === ROOT ? this.rootKids : this.kids[q];
    return map ? [...map.values()] : [];
  }

  /** Value of the interval in progress. */
  ongoing(q: number): Value {
    return this.curValue[q];
  }

  ongoingStart(q: number): bigint {
    return this.curStart[q];
  }

  /** Sets `q` to `v` from time `t` on. */
  modify(t: bigint, q: number, v: Value): void {
    const old = this.curValue[q];
    if (sameValue(old, v)) return;
    const s = this.curStart[q];
    if (t > s) {
      this.lastClosed[q] = this.store.push(q, s, old);
      this.curStart[q] = t;
      this.curValue[q] = v;
      return;
    }
    // A second change at the same time replaces the first; if that restores the previous interval's value (that
    // interval ended at `s`), the previous interval simply continues.
    const k = this.lastClosed[q];
    if (k >= 0 && sameValue(this.store.value(k), v)) {
      this.curStart[q] = this.store.start(k);
      this.store.kill(k);
      this.lastClosed[q] = -1;
    }
    this.curValue[q] = v;
  }

  /** Replaces the value of the interval in progress (retroactively, from its start). */
  update(q: number, v: Value): void {
    this.curValue[q] = v;
  }

  /** Pushes `v` on the stack at `q`: `q` holds the depth, its child `<depth>` the element. */
  push(t: bigint, q: number, v: Value): void {
    const d = this.curValue[q];
    const depth = (typeof d === 'number' ? d : 0) + 1;
    this.modify(t, q, depth);
    this.modify(t, this.child(q, String(depth)), v);
  }

  /** Pops the stack at `q`; returns the popped element (null when the stack is empty). */
  pop(t: bigint, q: number): Value {
    const d = this.curValue[q];
    if (typeof d !== 'number' || d <= 0) return null;
    const top = this.child(q, String(d));
    const v = this.curValue[top];
    this.remove(t, top);
    this.modify(t, q, d - 1 === 0 ? null : d - 1);
    return v;
  }

  popAll(t: bigint, q: number): void {
    for (let d = this.curValue[q]; typeof d === 'number' && d > 0; d = this.curValue[q]) this.pop(t, q);
  }

  /** Top of the stack at `q`, or null. */
  peek(q: number): Value {
    const d = this.curValue[q];
    if (typeof d !== 'number' || d <= 0) return null;
    const top = this.find(q, String(d));
    return top < 0 ? null : this.curValue[top];
  }

  /** Sets `q` and all its descendants to null. */
  remove(t: bigint, q: number): void {
    const map = this.kids[q];
    if (map) for (const c of map.values()) this.remove(t, c);
    this.modify(t, q, null);
  }

  /** Closes every interval in progress at `end` (at least the start time). */
  finish(end: bigint): void {
    if (this.endT !== undefined) return;
    const e = this.startT !== undefined && end < this.startT ? this.startT : end;
    for (let q = 0; q < this.names.length; q++) this.store.push(q, this.curStart[q], this.curValue[q]);
    this.store.close(e);
    this.endT = e;
  }

  /** Intervals of `q` overlapping [from, to] (inclusive), in time order. Only after `finish`. */
  intervals(q: number, from?: bigint, to?: bigint): Interval[] {
    this.checkFinished();
    const { lo, hi } = this.store.query(q, this.names.length, from, to);
    const out: Interval[] = [];
    for (let j = lo; j < hi; j++) out.push(this.store.interval(j, q));
    return out;
  }

  /** Value of `q` at time `t` (null outside the analysis range or for an unknown attribute). */
  valueAt(q: number, t: bigint): Value {
    this.checkFinished();
    if (this.startT === undefined || t < this.startT || t > this.endT!) return null;
    const { lo, hi } = this.store.query(q, this.names.length, t, t);
    return hi > lo ? this.store.value(this.store.at(lo)) : null;
  }

  private checkFinished(): void {
    if (this.endT === undefined) throw new Error('state system queried before the analysis finished');
  }
}
