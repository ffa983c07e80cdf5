/** Row hierarchy, filters and virtualised layout (row-tree.ts, row-layout.ts). */
import type { ITimeGraphRow } from '../../src/protocol/timegraph';
import { RowLayout } from '../../src/renderers/time-graph/row-layout';
import { matchesSearch, RowTree, visibleRows } from '../../src/renderers/time-graph/row-tree';
import type { IRowFilter } from '../../src/renderers/time-graph/row-tree';

// 0 host > 1 proc "nginx" (pid 10) > 2 "nginx" tid 10, 3 "worker" tid 11; 4 proc "bash" > 5 "bash" tid 20; 6 CPU 0
const ROWS: ITimeGraphRow[] = [
  { id: 'h', label: 'host', parent: -1, kind: 'host' },
  { id: 'p10', label: 'nginx', parent: 0, kind: 'process', pid: 10 },
  { id: 't10', label: 'nginx', parent: 1, kind: 'thread', tid: 10, pid: 10 },
  { id: 't11', label: 'worker', parent: 1, kind: 'thread', tid: 11, pid: 10 },
  { id: 'p20', label: 'bash', parent: 0, kind: 'process', pid: 20 },
  { id: 't20', label: 'bash', parent: 4, kind: 'thread', tid: 20, pid: 20 },
  { id: 'cpu0', label: 'CPU 0', parent: -1, kind: 'cpu', cpu: 0 }
];

function filter(f: Partial<IRowFilter> = {}): IRowFilter {
  return {
    search: '',
    activeOnly: false,
    isActive: () => true,
    hidden: new Set(),
    collapsed: new Set(),
    pinned: [],
    ...f
  };
}

describe('row filters', () => {
  const tree = new RowTree(ROWS);

  it('shows everything depth-first by default', () => {
    expect(visibleRows(tree, filter()).rows).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 2, 2, 1, 2, 0]);
  });

  it('searches by name (with ancestors and descendants) and by tid', () => {
    expect(visibleRows(tree, filter({ search: 'WORK' })).rows).toEqual([0, 1, 3]);
    expect(visibleRows(tree, filter({ search: 'nginx' })).rows).toEqual([0, 1, 2, 3]);
    expect(visibleRows(tree, filter({ search: '20' })).rows).toEqual([0, 4, 5]);
    expect(visibleRows(tree, filter({ search: 'zzz' })).rows).toEqual([]);
    expect(matchesSearch(ROWS[6], '0')).toBe(true);
  });

  it('keeps only active threads (groups follow their children, CPUs stay)', () => {
    const v = visibleRows(tree, filter({ activeOnly: true, isActive: r => r === 3 }));
    expect(v.rows).toEqual([0, 1, 3, 6]);
  });

  it('hides subtrees, collapses groups and pins rows on top', () => {
    expect(visibleRows(tree, filter({ hidden: new Set([1]) })).rows).toEqual([0, 4, 5, 6]);
    expect(visibleRows(tree, filter({ collapsed: new Set([1]) })).rows).toEqual([0, 1, 4, 5, 6]);
    const v = visibleRows(tree, filter({ pinned: [5, 2] }));
    expect(v.pinned).toEqual([5, 2]);
    expect(v.rows).toEqual([0, 1, 3, 4, 6]);
  });
});

describe('virtualised layout', () => {
  const N = 30_000;
  const rows = Array.from({ length: N }, (_, i) => i);
  const layout = new RowLayout(
    [7, 9],
    rows.filter(r => r !== 7 && r !== 9),
    20
  );

  it('enumerates only the rows in the viewport', () => {
    const vis = layout.visible(123_456, 400);
    expect(vis.length).toBeLessThanOrEqual(2 + Math.ceil(360 / 20) + 1);
    expect(vis[0]).toMatchObject({ row: 7, y: 0, pinned: true });
    expect(vis[2].pinned).toBe(false);
    expect(vis[2].y).toBeLessThanOrEqual(40);
    expect(vis[2].y).toBeGreaterThan(20);
  });

  it('maps y to rows and back consistently', () => {
    const scrollTop = 599_990;
    for (const p of layout.visible(scrollTop, 400)) {
      expect(layout.rowAt(p.y + 10, scrollTop)).toBe(p.row);
      expect(layout.yOf(p.row, scrollTop)).toBe(p.y);
    }
    expect(layout.maxScroll(400)).toBe((N - 2) * 20 - 360);
  });

  it('scrolls a row into view', () => {
    const top = layout.scrollToShow(20_000, 0, 400);
    const y = layout.yOf(20_000, top)!;
    expect(y).toBeGreaterThanOrEqual(40);
    expect(y + 20).toBeLessThanOrEqual(400);
    expect(layout.atOrder(0)).toBe(7);
    expect(layout.atOrder(2)).toBe(0);
    expect(layout.orderIndex(9)).toBe(1);
  });

  it('filters 30,000 rows quickly', () => {
    const many: ITimeGraphRow[] = [{ id: 'p', label: 'proc', parent: -1, kind: 'process' }];
    for (let i = 1; i < N; i++) {
      many.push({ id: `t${i}`, label: `thread-${i}`, parent: 0, kind: 'thread', tid: i });
    }
    const tree = new RowTree(many);
    const t0 = performance.now();
    const v = visibleRows(tree, filter({ search: 'thread-2999' }));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(v.rows).toEqual([0, 2999, 29990, 29991, 29992, 29993, 29994, 29995, 29996, 29997, 29998, 29999]);
  });
});
