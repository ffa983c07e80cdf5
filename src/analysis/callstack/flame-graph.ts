/**
 * `flameGraph(stacks, opts)`: the call tree aggregated over a time range — one node per distinct path of symbols
 * from the outermost call (merged over threads, or grouped per thread / process) with its total time (calls
 * clipped to the range), self time (total minus its children's total) and number of calls.
 *
 * Output: `nodes` (id order = first appearance, parents before children), an Arrow table (id, parent, depth,
 * symbol, path, total, self, calls; times in ns) and Brendan Gregg's folded-stack text (`a;b;c <self ns>`).
 */
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { CallStacks } from './call-stacks';
import { dictVector, int32Vector, int64Vector } from './arrow-columns';
import { selectRows, threadLabel } from './tables';

export interface FlameGraphOptions {
  readonly start?: bigint;
  readonly end?: bigint;
  readonly tid?: number;
  /** 'none' merges every thread (default); 'thread' / 'process' add one root node per thread / process. */
  readonly groupBy?: 'none' | 'thread' | 'process';
}

export interface FlameNode {
  readonly id: number;
  /** -1 for top-level nodes. */
  readonly parent: number;
  readonly depth: number;
  readonly symbol: string;
  total: bigint;
  self: bigint;
  calls: number;
  readonly children: number[];
}

const UNKNOWN = '[unknown]';

export class FlameGraph {
  readonly nodes: FlameNode[] = [];
  private readonly childIndex = new Map<string, number>();

  constructor(
    readonly start: bigint,
    readonly end: bigint
  ) {}

  /** The child of `parent` (-1 = top level) named `symbol`, created on first use. */
  child(parent: number, symbol: string): FlameNode {
    const key = `${parent}\0${symbol}`;
    let id = this.childIndex.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      const depth = parent < 0 ? 0 : this.nodes[parent].depth + 1;
      this.nodes.push({ id, parent, depth, symbol, total: 0n, self: 0n, calls: 0, children: [] });
      if (parent >= 0) this.nodes[parent].children.push(id);
      this.childIndex.set(key, id);
    }
    return this.nodes[id];
  }

  /** Top-level nodes. */
  roots(): FlameNode[] {
    return this.nodes.filter(n => n.parent < 0);
  }

  /** `a;b;c` path of a node. */
  path(id: number): string {
    const parts: string[] = [];
    for (let n = id; n >= 0; n = this.nodes[n].parent) parts.push(this.nodes[n].symbol);
    return parts.reverse().join(';');
  }

  /** The node at a symbol path, or undefined. */
  find(path: readonly string[]): FlameNode | undefined {
    let parent = -1;
    for (const s of path) {
      const id = this.childIndex.get(`${parent}\0${s}`);
      if (id === undefined) return undefined;
      parent = id;
    }
    return parent < 0 ? undefined : this.nodes[parent];
  }

  computeSelf(): void {
    for (const n of this.nodes) {
      let kids = 0n;
      for (const c of n.children) kids += this.nodes[c].total;
      n.self = n.total - kids;
    }
  }

  table(): Table {
    const n = this.nodes.length;
    return new Table({
      id: int32Vector(Int32Array.from(this.nodes, x => x.id)),
      parent: int32Vector(Int32Array.from(this.nodes, x => x.parent)),
      depth: int32Vector(Int32Array.from(this.nodes, x => x.depth)),
      symbol: dictVector(
        Int32Array.from({ length: n }, (_, i) => i),
        this.nodes.map(x => x.symbol)
      ),
      path: vectorFromArray(
        this.nodes.map(x => this.path(x.id)),
        new Utf8()
      ),
      total: int64Vector(BigInt64Array.from(this.nodes, x => x.total)),
      self: int64Vector(BigInt64Array.from(this.nodes, x => x.self)),
      calls: int32Vector(Int32Array.from(this.nodes, x => x.calls))
    });
  }

  /** Folded stacks: one `path self_ns` line per node with self time. */
  folded(): string {
    return this.nodes
      .filter(x => x.self > 0n)
      .map(x => `${this.path(x.id)} ${x.self}`)
      .join('\n');
  }
}

/** Aggregates the calls of `cs` overlapping [start, end] (default: the whole range of `cs`). */
export function flameGraph(cs: CallStacks, opts: FlameGraphOptions = {}): FlameGraph {
  const start = opts.start ?? cs.start;
  const end = opts.end ?? cs.end;
  const fg = new FlameGraph(start, end);
  const fr = cs.frames;
  const rows = selectRows(cs, { start, end, tid: opts.tid });
  let thread = -1;
  let path: number[] = [];
  let groupNode = -1;
  for (const k of rows) {
    if (fr.thread[k] !== thread) {
      thread = fr.thread[k];
      path = [];
      const t = cs.threads[thread];
      if (opts.groupBy === 'thread') groupNode = fg.child(-1, threadLabel(t)).id;
      else if (opts.groupBy === 'process') {
        groupNode = fg.child(-1, t.pid < 0 ? `${t.host}` : `pid ${t.pid}`).id;
      }
    }
    const d = Math.min(fr.depth[k], path.length);
    const parent = d === 0 ? groupNode : path[d - 1];
    const sym = fr.symbol[k] < 0 ? UNKNOWN : fr.strings[fr.symbol[k]];
    const node = fg.child(parent, sym);
    const s = fr.start[k] > start ? fr.start[k] : start;
    const e = fr.end[k] < end ? fr.end[k] : end;
    const dur = e > s ? e - s : 0n;
    node.total += dur;
    node.calls++;
    if (groupNode >= 0 && d === 0) fg.nodes[groupNode].total += dur;
    path.length = d;
    path.push(node.id);
  }
  fg.computeSelf();
  return fg;
}
