/** Level of detail and payload building (protocol/lod.ts, build.ts, comm.ts buildFetchReply). */
import { buildFetchReply } from '../../src/protocol/comm';
import type { ITimeGraphFetchRequest } from '../../src/protocol/comm';
import { buildTimeGraphPayload, toArrowColumns } from '../../src/protocol/build';
import type { IArrowInput, IIntervalInput } from '../../src/protocol/build';
import { lodIntervals, mergeIntervals, emptyIntervals } from '../../src/protocol/lod';
import type { IIntervalColumns } from '../../src/protocol/timegraph';
import { validateCommReply } from '../../src/protocol/comm';
import { validateTimeGraphPayload } from '../../src/protocol/timegraph-validate';
import { LEGEND } from './helpers';

function cols(rows: Array<[number, number, number, number, number?]>): IIntervalColumns {
  const c: IIntervalColumns = { row: [], start: [], end: [], state: [], label: [] };
  for (const [r, s, e, st, l] of rows) {
    c.row.push(r);
    c.start.push(s);
    c.end.push(e);
    c.state.push(st);
    c.label!.push(l ?? -1);
  }
  return c;
}

function table(c: IIntervalColumns): string[] {
  return c.row.map((r, i) => `${r}:[${c.start[i]},${c.end[i]}) s${c.state[i]} x${c.count?.[i] ?? 1}`);
}

describe('mergeIntervals', () => {
  // Hand-checked with buckets of 10 ns: see the comments per expected entry.
  const src = cols([
    [0, 0, 3, 0],
    [0, 3, 5, 1],
    [0, 5, 6, 1],
    [0, 6, 30, 2],
    [0, 30, 31, 0],
    [0, 35, 37, 1],
    [0, 41, 42, 0],
    [1, 0, 100, 3]
  ]);

  it('merges short intervals per bucket and keeps long ones', () => {
    const out = emptyIntervals();
    expect(mergeIntervals(src, 10, out)).toBe(5);
    expect(table(out)).toEqual([
      '0:[0,6) s0 x3', // 3 ns of s0 vs 3 ns of s1: tie goes to the lower state
      '0:[6,30) s2 x1', // 24 ns >= bucket: kept as is
      '0:[30,37) s1 x2', // bucket [30,40): 1 ns s0, 2 ns s1
      '0:[41,42) s0 x1', // alone in bucket [40,50)
      '1:[0,100) s3 x1'
    ]);
    expect(mergeIntervals(src, 10, null)).toBe(5);
  });

  it('keeps everything with a 1 ns bucket', () => {
    expect(mergeIntervals(src, 1, null)).toBe(src.row.length);
  });

  it('never merges across rows and keeps a common label', () => {
    const c = cols([
      [0, 0, 1, 0, 2],
      [0, 1, 2, 0, 2],
      [1, 2, 3, 0, 2],
      [1, 3, 4, 0, 5]
    ]);
    const out = emptyIntervals();
    mergeIntervals(c, 100, out);
    expect(out.row).toEqual([0, 1]);
    expect(out.label).toEqual([2, -1]);
    expect(out.count).toEqual([2, 2]);
  });
});

describe('lodIntervals', () => {
  it('bounds the count whatever the input size', () => {
    const c: IIntervalColumns = { row: [], start: [], end: [], state: [] };
    for (let r = 0; r < 50; r++) {
      for (let i = 0; i < 20_000; i++) {
        c.row.push(r);
        c.start.push(i * 5);
        c.end.push(i * 5 + 5);
        c.state.push(i % 3);
      }
    }
    const { intervals, resolution } = lodIntervals(c, 100_000, 2000, 20_000);
    expect(intervals.row.length).toBeLessThanOrEqual(20_000);
    expect(resolution).toBeGreaterThanOrEqual(50);
    const total = intervals.count!.reduce((a, b) => a + b, 0);
    expect(total).toBe(1_000_000);
  });

  it('reports resolution 0 and drops the count column when nothing merged', () => {
    const r = lodIntervals(cols([[0, 0, 500, 1]]), 1000, 10, 100);
    expect(r.resolution).toBe(0);
    expect(r.intervals.count).toBeUndefined();
    expect(r.intervals.label).toEqual([-1]);
  });
});

describe('buildTimeGraphPayload', () => {
  const T = 2n ** 60n;
  const rows = [
    { id: 't1', label: 'worker', kind: 'thread' as const, tid: 7, parentId: 'p1' },
    { id: 'p1', label: 'app', kind: 'process' as const, pid: 7 }
  ];

  it('orders parents first, clips to the range, resolves overlaps and builds the string table', () => {
    const iv: IIntervalInput[] = [
      { row: 0, start: T - 50n, end: T + 100n, state: 0, label: 'read' },
      { row: 0, start: T + 80n, end: T + 200n, state: 2 },
      { row: 1, start: T + 10n, end: T + 20n, state: 1, label: 'read' },
      { row: 0, start: T + 900n, end: T + 2000n, state: 3, label: 'futex' }
    ];
    const p = buildTimeGraphPayload(
      { experimentId: 'e', range: { start: T, end: T + 1000n }, rows, legend: LEGEND, intervals: iv },
      { width: Infinity }
    );
    expect(validateTimeGraphPayload(JSON.parse(JSON.stringify(p))).ok).toBe(true);
    expect(p.rows.map(r => [r.id, r.parent])).toEqual([
      ['p1', -1],
      ['t1', 0]
    ]);
    expect(p.range).toEqual({ start: '1152921504606846976', end: '1152921504606847976' });
    expect(p.strings).toEqual(['read', 'futex']);
    expect(table(p.intervals)).toEqual([
      '0:[10,20) s1 x1',
      '1:[0,100) s0 x1',
      '1:[100,200) s2 x1',
      '1:[900,1000) s3 x1'
    ]);
    expect(p.intervals.label).toEqual([0, 0, -1, 1]);
    expect(p.resolution).toBe('0');
  });

  it('rejects unknown parents, cycles and ranges over 2^53 ns', () => {
    const base = { experimentId: 'e', range: { start: 0n, end: 10n }, legend: LEGEND, intervals: [] };
    expect(() =>
      buildTimeGraphPayload({ ...base, rows: [{ id: 'a', label: 'a', kind: 'thread', parentId: 'x' }] })
    ).toThrow(/unknown parent/);
    expect(() =>
      buildTimeGraphPayload({
        ...base,
        rows: [
          { id: 'a', label: 'a', kind: 'thread', parentId: 'b' },
          { id: 'b', label: 'b', kind: 'thread', parentId: 'a' }
        ]
      })
    ).toThrow(/cycle/);
    expect(() =>
      buildTimeGraphPayload({ ...base, rows: [], range: { start: 0n, end: 2n ** 53n } })
    ).toThrow();
  });

  it('bounds a million intervals to maxIntervals and still validates', () => {
    function* many(): Generator<IIntervalInput> {
      for (let r = 0; r < 2; r++) {
        for (let i = 0; i < 500_000; i++) {
          yield { row: r, start: T + BigInt(i * 10), end: T + BigInt(i * 10 + 7), state: i % 4 };
        }
      }
    }
    const p = buildTimeGraphPayload(
      {
        experimentId: 'e',
        range: { start: T, end: T + 5_000_000n },
        rows,
        legend: LEGEND,
        intervals: many()
      },
      { width: 1000, maxIntervals: 3000 }
    );
    expect(p.intervals.row.length).toBeLessThanOrEqual(3000);
    expect(Number(p.resolution)).toBeGreaterThanOrEqual(5000);
    expect(validateTimeGraphPayload(p).ok).toBe(true);
  });

  it('thins arrows between the same rows inside one pixel', () => {
    const arrows: IArrowInput[] = Array.from({ length: 100 }, (_, i) => ({
      fromRow: 0,
      fromTime: T + BigInt(i),
      toRow: 1,
      toTime: T + BigInt(i + 1),
      kind: 0
    }));
    const map = Int32Array.from([0, 1]);
    const a = toArrowColumns(arrows, { start: T, end: T + 1000n }, map, 10, 20);
    expect(a.fromRow.length).toBe(10);
    expect(a.fromTime).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(toArrowColumns(arrows, { start: T, end: T + 1000n }, map, 10, 1000).fromRow.length).toBe(100);
  });
});

describe('buildFetchReply', () => {
  it('answers with intervals relative to the request range, merged at the requested resolution', () => {
    const T = 10n ** 18n;
    const req: ITimeGraphFetchRequest = {
      type: 'timegraph.fetch',
      requestId: 3,
      handle: 'h1',
      range: { start: String(T), end: String(T + 1000n) },
      resolution: '100',
      rows: ['a', 'b'],
      maxIntervals: 1000
    };
    const iv: IIntervalInput[] = [
      { row: 1, start: T + 500n, end: T + 600n, state: 1 },
      { row: 0, start: T + 10n, end: T + 20n, state: 0 },
      { row: 0, start: T + 20n, end: T + 40n, state: 2 }
    ];
    const r = buildFetchReply(req, iv);
    expect(r.requestId).toBe(3);
    expect(table(r.intervals)).toEqual(['0:[10,40) s2 x2', '1:[500,600) s1 x1']);
    expect(r.resolution).toBe('100');
    expect(validateCommReply(JSON.parse(JSON.stringify(r)), 4, 0).ok).toBe(true);
  });
});
