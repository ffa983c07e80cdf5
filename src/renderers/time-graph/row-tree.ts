/**
 * The row hierarchy (hosts > processes > threads, CPUs, declarative groups) and the filters that decide which
 * rows a view shows: search by name or id, active threads only, hidden rows, collapsed groups, pinned rows.
 *
 * Scope: pure over the validated row list; O(rows) per filter change, fine for 30,000+ rows.
 */
import type { ITimeGraphRow } from '../../protocol/timegraph';

/** Parents, children and depth of each row. Rows come parents-first (validated). */
export class RowTree {
  constructor(readonly rows: readonly ITimeGraphRow[]) {
    const n = rows.length;
    this.depth = new Int32Array(n);
    this.children = rows.map(() => []);
    for (let i = 0; i < n; i++) {
      const p = rows[i].parent;
      if (p >= 0) {
        this.depth[i] = this.depth[p] + 1;
        this.children[p].push(i);
      } else this.roots.push(i);
    }
    this.preorder = [];
    const stack = this.roots.slice().reverse();
    while (stack.length > 0) {
      const r = stack.pop()!;
      this.preorder.push(r);
      const ch = this.children[r];
      for (let k = ch.length - 1; k >= 0; k--) stack.push(ch[k]);
    }
    this.byId = new Map(rows.map((r, i) => [r.id, i]));
  }

  readonly depth: Int32Array;
  readonly children: number[][];
  readonly roots: number[] = [];
  /** Depth-first order (the display order before filtering). */
  readonly preorder: number[];
  readonly byId: Map<string, number>;

  /** Row index by id, or -1. */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }
}

/** What the user asked to see. */
export interface IRowFilter {
  /** Case-insensitive text in the label, or a tid/pid/cpu number. Empty: no search. */
  search: string;
  /** Keep only thread rows with an active state in the visible window (see `isActive`). */
  activeOnly: boolean;
  isActive: (row: number) => boolean;
  hidden: ReadonlySet<number>;
  collapsed: ReadonlySet<number>;
  /** Pinned rows, in pin order (shown above the others whatever the filters, unless hidden). */
  pinned: readonly number[];
}

/** The rows to draw: pinned ones on top, then the scrolling list. */
export interface IVisibleRows {
  pinned: number[];
  rows: number[];
}

/** True if row `r` matches the search text (already trimmed and lower-cased). */
export function matchesSearch(row: ITimeGraphRow, q: string): boolean {
  if (q.length === 0) return true;
  if (row.label.toLowerCase().includes(q)) return true;
  if (/^\d+$/.test(q)) {
    const n = Number(q);
    return row.tid === n || row.pid === n || row.cpu === n;
  }
  return row.id.toLowerCase() === q;
}

/**
 * Applies the filters. A row is kept if it (or an ancestor) matches the search, or a descendant does (so the
 * path to a match stays visible); thread rows must be active when `activeOnly`; group rows (with children) are
 * kept only if a child is kept; hidden rows drop with their subtree; collapsed rows hide their subtree.
 */
export function visibleRows(tree: RowTree, f: IRowFilter): IVisibleRows {
  const n = tree.rows.length;
  const q = f.search.trim().toLowerCase();
  const keep = new Uint8Array(n);
  const selfMatch = new Uint8Array(n);
  for (const r of tree.preorder) {
    const p = tree.rows[r].parent;
    selfMatch[r] = matchesSearch(tree.rows[r], q) || (p >= 0 && selfMatch[p] === 1 && q.length > 0) ? 1 : 0;
  }
  for (let k = tree.preorder.length - 1; k >= 0; k--) {
    const r = tree.preorder[k];
    if (f.hidden.has(r)) continue;
    const ch = tree.children[r];
    let childKept = false;
    for (const c of ch) if (keep[c] === 1) childKept = true;
    const row = tree.rows[r];
    let ok: boolean;
    if (ch.length > 0) {
      ok = childKept || (ch.every(c => f.hidden.has(c)) && selfMatch[r] === 1 && !f.activeOnly);
    } else ok = selfMatch[r] === 1 && (!f.activeOnly || row.kind !== 'thread' || f.isActive(r));
    if (ok) keep[r] = 1;
  }
  const pinnedSet = new Set(f.pinned);
  const rows: number[] = [];
  for (let k = 0; k < tree.preorder.length; k++) {
    const r = tree.preorder[k];
    if (keep[r] === 0 || f.hidden.has(r)) {
      k = skipSubtree(tree, k);
      continue;
    }
    if (!pinnedSet.has(r)) rows.push(r);
    if (f.collapsed.has(r)) k = skipSubtree(tree, k);
  }
  const pinned = f.pinned.filter(r => r >= 0 && r < n && !f.hidden.has(r));
  return { pinned, rows };
}

/** Index in `preorder` of the last row of the subtree starting at position k. */
function skipSubtree(tree: RowTree, k: number): number {
  const d = tree.depth[tree.preorder[k]];
  let j = k;
  while (j + 1 < tree.preorder.length && tree.depth[tree.preorder[j + 1]] > d) j++;
  return j;
}
