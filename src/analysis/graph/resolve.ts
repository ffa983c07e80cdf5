/**
 * Bounded backward resolution of a blocking edge (Giraldeau & Dagenais; Trace Compass's OSCriticalPathAlgorithm,
 * reimplemented without recursion and without its EPS-walk defect).
 *
 * For a blocking edge (BLOCKED or NETWORK) [from → to] of worker W, find what ended it: the first vertex at or
 * after `to` (walking forward over zero-length edges) with an incoming vertical link; then walk backwards from that
 * link's source — along horizontal edges, nested-resolving blocking edges met on the way, taking an incoming link
 * when its source lies at or before the bound, and backtracking to the last vertex that had an incoming link when
 * a chain runs out — until the bound (the blocking edge's start, or the window start if later). An unexplained
 * blocking edge met on the way stays in the path as itself. When the walk reaches the bound at a vertex linked
 * from the blocked worker itself, that link is kept (Trace Compass drops it and the path shows a jump).
 *
 * Edges are coded as numbers: horizontal edge from vertex v = 2v, vertical link ending at vertex t = 2t + 1.
 * The result is the chain in forward (time) order; empty when nothing explains the edge.
 */
import { Edge, isBlocking } from './edge-types';
import type { ExecutionGraph } from './graph-store';

export const H = (v: number): number => v * 2;
export const V = (t: number): number => t * 2 + 1;
export const isVertical = (code: number): boolean => code % 2 === 1;
export const vertexOf = (code: number): number => (code - (code % 2)) / 2;

interface Alt {
  readonly u: number;
  readonly len: number;
}

interface Frame {
  /** Worker of the blocking edge being resolved. */
  readonly owner: number;
  readonly sub: number[];
  u: number;
  readonly bound: bigint;
  readonly alts: Alt[];
  /** Source vertex of the blocking edge a nested frame is resolving (-1 when none). */
  pending: number;
}

/** The horizontal edge ending at `u`, as its source vertex, or -1. */
function inEdge(g: ExecutionGraph, u: number): number {
  const p = g.prev.buf[u];
  return p >= 0 && g.out.buf[p] !== Edge.NONE ? p : -1;
}

function start(g: ExecutionGraph, from: number, to: number, bound: bigint): Frame | undefined {
  let j = to;
  while (j >= 0 && g.inV.buf[j] < 0) {
    const n = g.next.buf[j];
    if (n < 0 || g.out.buf[j] === Edge.NONE || g.ts.buf[n] !== g.ts.buf[j]) return undefined;
    j = n;
  }
  if (j < 0) return undefined;
  const b = g.ts.buf[from] > bound ? g.ts.buf[from] : bound;
  return { owner: g.worker.buf[from], sub: [V(j)], u: g.inV.buf[j], bound: b, alts: [], pending: -1 };
}

/**
 * One step of frame `f`; returns a nested frame to run first, `true` when `f` is done, `false` otherwise.
 * `active` holds the blocking edges being resolved by `f` and its ancestors (a cycle back to one of them is left
 * unresolved).
 */
function step(g: ExecutionGraph, f: Frame, active: Set<number>): Frame | boolean {
  const u = f.u;
  const iv = u >= 0 ? g.inV.buf[u] : -1;
  if (u < 0 || g.ts.buf[u] <= f.bound) {
    // the chain reaches the bound at a vertex the blocked worker itself caused (its own send or wake-up): keep
    // that link, so the path shows who started the chain rather than a jump
    if (iv >= 0 && g.worker.buf[iv] === f.owner) f.sub.push(V(u));
    return true;
  }
  if (iv >= 0 && g.ts.buf[iv] <= f.bound) {
    f.sub.push(V(u));
    return true;
  }
  const h = inEdge(g, u);
  const blocking = h >= 0 && isBlocking(g.out.buf[h]);
  if (iv >= 0 && !blocking) f.alts.push({ u, len: f.sub.length });
  if (h >= 0) {
    if (blocking && !active.has(h)) {
      const child = start(g, h, u, f.bound);
      if (child !== undefined) {
        f.pending = h;
        active.add(h);
        return child;
      }
    }
    f.sub.push(H(h));
    f.u = h;
    return false;
  }
  const alt = f.alts.pop();
  if (alt === undefined) return true;
  f.sub.length = alt.len;
  f.sub.push(V(alt.u));
  f.u = g.inV.buf[alt.u];
  return false;
}

/**
 * Resolves the blocking edge [from → to] (to = next vertex of from) with bound `bound`; at most `budget` steps
 * (a guard against zero-length cycles). Returns the chain in forward order.
 */
export function resolveBlocking(
  g: ExecutionGraph,
  from: number,
  to: number,
  bound: bigint,
  budget: number
): number[] {
  const root = start(g, from, to, bound);
  if (root === undefined) return [];
  const stack: Frame[] = [root];
  const active = new Set<number>([from]);
  let steps = 0;
  for (;;) {
    const f = stack[stack.length - 1];
    const r = steps++ > budget ? true : step(g, f, active);
    if (r === false) continue;
    if (r !== true) {
      stack.push(r);
      continue;
    }
    stack.pop();
    if (stack.length === 0) return f.sub.reverse();
    const parent = stack[stack.length - 1];
    const h = parent.pending;
    active.delete(h);
    if (f.sub.length > 0) for (const code of f.sub) parent.sub.push(code);
    else parent.sub.push(H(h));
    parent.u = h;
    parent.pending = -1;
  }
}
