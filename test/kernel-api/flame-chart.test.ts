/**
 * The call-stack cell API (`t.callStacks()`, `t.flameGraph()`, `t.flameChart()`) on Trace Compass's
 * `cyg-profile/glxgears-cyg-profile` (LTTng-UST cyg-profile, one thread: glxgears-16073) with
 * `cyg-profile-mapping.txt`. Known answers from babeltrace2 2.0.4 and the mapping file: 2490 func_entry and 2487
 * func_exit events; the first entry is 0x40472B (`main`) at 1378850463596911581, then 0x403D60 (`make_window`)
 * from 1378850463597697005 to 1378850463611478011, then 0x404311 (`query_vsync`) from 1378850463713652090 to
 * 1378850463736456636; the last event is at 1378850474207792548.
 */
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { callStacks } from '../../src/analysis/callstack';
import { CallStacks } from '../../src/analysis/callstack/call-stacks';
import { END_KNOWN, FrameColumns, START_KNOWN } from '../../src/analysis/callstack/frames';
import { createCellApi, toRichValue } from '../../src/kernel-bridge/api';
import type { IDisplayPublisher, Trace } from '../../src/kernel-bridge/api';
import { TimeGraphView, viewStore } from '../../src/kernel-bridge/views';
import {
  FLAME_PALETTE,
  flameChartData,
  symbolColorIndex,
  UNKNOWN_SYMBOL
} from '../../src/kernel-bridge/views/flame-chart';
import { TIMEGRAPH_MIME_TYPE, validateTimeGraphPayload } from '../../src/protocol';
import type { ITimeGraphFetchReply, ITimeGraphPayload } from '../../src/protocol';

const DIR = join(process.cwd(), '..', 'shared', 'traces', 'tracecompass', 'cyg-profile');
const TRACE = join(DIR, 'glxgears-cyg-profile');
const MAP = join(DIR, 'cyg-profile-mapping.txt');
const T0 = 1378850463596911581n;
const T_END = 1378850474207792548n;
const TID = 16073;

const quiet: IDisplayPublisher = { display: () => undefined, clear: () => undefined };
const api = createCellApi(quiet, 'test');
let t: Trace;
let table: Table;

beforeAll(async () => {
  t = await api.tracelab.open(TRACE);
  table = t.callStacks({ tid: TID, symbols: MAP });
}, 60_000);

afterAll(() => t?.close());

interface IRowCall {
  depth: number;
  start: bigint;
  end: bigint;
  symbol: string;
}

function calls(tab: Table): IRowCall[] {
  return tab.toArray().map(r => {
    const o = r as { depth: number; start: bigint; end: bigint; symbol: string };
    return { depth: o.depth, start: o.start, end: o.end, symbol: o.symbol };
  });
}

/** Payload intervals of row `id`, absolute times, with label text. */
function rowIntervals(p: ITimeGraphPayload, id: string): (IRowCall & { count: number })[] {
  const r = p.rows.findIndex(x => x.id === id);
  const out: (IRowCall & { count: number })[] = [];
  const base = BigInt(p.range.start);
  const iv = p.intervals;
  for (let i = 0; i < iv.row.length; i++) {
    if (iv.row[i] !== r) continue;
    const label = iv.label?.[i] ?? -1;
    out.push({
      depth: -1,
      start: base + BigInt(iv.start[i]),
      end: base + BigInt(iv.end[i]),
      symbol: label < 0 ? '' : p.strings![label],
      count: iv.count?.[i] ?? 1
    });
  }
  return out;
}

describe('tables', () => {
  test('callStacks: one row per func_entry, symbols from the mapping, first calls as in the raw events', () => {
    expect(table.numRows).toBe(2490);
    const c = calls(table);
    expect(c[0]).toEqual({ depth: 0, start: T0, end: T_END, symbol: 'main' });
    expect(c[1]).toEqual({
      depth: 1,
      start: 1378850463597697005n,
      end: 1378850463611478011n,
      symbol: 'make_window'
    });
    expect(c[2]).toEqual({
      depth: 1,
      start: 1378850463713652090n,
      end: 1378850463736456636n,
      symbol: 'query_vsync'
    });
    expect(c[3].symbol).toBe('is_glx_extension_supported');
    expect(c[3].depth).toBe(2);
    // without symbols: hex addresses
    const hex = t.callStacks({ tid: TID, end: 1378850463600000000n });
    expect([...hex.getChild('symbol')!].slice(0, 2)).toEqual(['0x40472b', '0x403d60']);
  });

  test('flameGraph: main is the single root covering the trace, its children sum below it', () => {
    const fg = t.flameGraph({ tid: TID, symbols: [MAP] });
    const rows = fg.toArray() as unknown as {
      parent: number;
      symbol: string;
      total: bigint;
      calls: number;
    }[];
    const roots = rows.filter(r => r.parent === -1);
    expect(roots.map(r => [r.symbol, r.total, r.calls])).toEqual([['main', T_END - T0, 1]]);
    const mainKids = rows.filter(r => r.parent === 0);
    expect(mainKids.map(r => r.symbol)).toEqual(
      expect.arrayContaining(['make_window', 'query_vsync', 'init', 'reshape', 'event_loop'])
    );
    expect(mainKids.reduce((s, r) => s + r.total, 0n)).toBeLessThanOrEqual(T_END - T0);
    expect(rows.reduce((s, r) => s + r.calls, 0)).toBe(2490);
  });
});

describe('flameChart', () => {
  let view: TimeGraphView;
  let p: ITimeGraphPayload;
  let maxDepth: number;

  beforeAll(() => {
    view = t.flameChart({ tid: TID, symbols: MAP });
    p = view.payload;
    maxDepth = Math.max(...calls(table).map(c => c.depth));
  });

  test('bundle: MIME payload that validates, SVG and text fallbacks', () => {
    const b = toRichValue(view).data;
    expect(Object.keys(b).sort()).toEqual(['image/svg+xml', 'text/plain', TIMEGRAPH_MIME_TYPE].sort());
    expect(validateTimeGraphPayload(b[TIMEGRAPH_MIME_TYPE])).toEqual({ ok: true, value: p });
    expect(p.range).toEqual({ start: String(T0), end: String(T_END) });
    expect(p.experimentId).toBe(t.experimentId);
    const svg = String(b['image/svg+xml']);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('glxgears [16073]');
    expect(svg).toContain('depth 0');
    expect(String(b['text/plain'])).toMatch(
      new RegExp(`^Flame chart: thread 16073: ${maxDepth + 2} rows, 2490 intervals`)
    );
  });

  test('rows: thread 16073, then one child row per depth 0..N', () => {
    expect(maxDepth).toBeGreaterThanOrEqual(3);
    expect(p.rows[0]).toMatchObject({ id: 't:loki:16073', label: 'glxgears [16073]', parent: -1, tid: TID });
    expect(p.rows.length).toBe(maxDepth + 2);
    for (let d = 0; d <= maxDepth; d++) {
      expect(p.rows[d + 1]).toMatchObject({ id: `t:loki:16073/depth:${d}`, label: `depth ${d}`, parent: 0 });
    }
  });

  test('intervals: main at depth 0; make_window then query_vsync first at depth 1 (as in the table)', () => {
    expect(rowIntervals(p, 't:loki:16073/depth:0')).toEqual([
      { depth: -1, start: T0, end: T_END, symbol: 'main', count: 1 }
    ]);
    const d1 = rowIntervals(p, 't:loki:16073/depth:1');
    const want = calls(table).filter(c => c.depth === 1);
    expect(d1.slice(0, 2)).toEqual(want.slice(0, 2).map(c => ({ ...c, depth: -1, count: 1 })));
    expect(d1.slice(0, 2).map(c => c.symbol)).toEqual(['make_window', 'query_vsync']);
  });

  test('legend: the fixed palette; each exact interval coloured by its symbol hash', () => {
    expect(p.legend.map(l => l.color)).toEqual([...FLAME_PALETTE]);
    expect(p.legend[symbolColorIndex('main')].label).toContain('main');
    const iv = p.intervals;
    let checked = 0;
    for (let i = 0; i < iv.row.length; i++) {
      if ((iv.count?.[i] ?? 1) !== 1) continue;
      expect(iv.state[i]).toBe(symbolColorIndex(p.strings![iv.label![i]]));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  test('zoom over the comm: the store answers a fetch with the exact calls of the table', () => {
    // 20 µs of event_loop's first handle_event / reshape calls, at 1 ns per pixel
    const from = 1378850463804890000n;
    const to = 1378850463804910000n;
    const ids = ['t:loki:16073/depth:2', 't:loki:16073/depth:3'];
    const req = {
      type: 'timegraph.fetch' as const,
      requestId: 1,
      handle: view.handle!,
      range: { start: String(from), end: String(to) },
      resolution: '1',
      rows: ids,
      maxIntervals: 10_000
    };
    const r = viewStore.reply(req) as ITimeGraphFetchReply;
    expect(r.type).toBe('timegraph.data');
    const got = r.intervals.row.map((row, i) => ({
      depth: row + 2,
      start: from + BigInt(r.intervals.start[i]),
      symbol: r.strings![r.intervals.label![i]]
    }));
    const want = calls(table)
      .filter(c => c.depth >= 2 && c.depth <= 3 && c.end > from && c.start < to)
      .map(c => ({ depth: c.depth, start: c.start < from ? from : c.start, symbol: c.symbol }))
      .sort((a, b) => a.depth - b.depth || (a.start < b.start ? -1 : 1));
    expect(want.length).toBeGreaterThan(8);
    expect(want.map(c => c.symbol)).toContain('reshape');
    expect(got).toEqual(want);
  });

  test('a window: calls cut at the bounds', () => {
    const end = 1378850463720000000n;
    const w = t.flameChart({ tid: TID, symbols: MAP, start: T0, end, width: 100_000 });
    expect(validateTimeGraphPayload(w.payload).ok).toBe(true);
    expect(w.payload.range).toEqual({ start: String(T0), end: String(end) });
    const d1 = rowIntervals(w.payload, 't:loki:16073/depth:1');
    expect(d1.map(c => c.symbol)).toEqual(['make_window', 'query_vsync']);
    expect(d1[1].end).toBe(end);
    expect(rowIntervals(w.payload, 't:loki:16073/depth:2').map(c => c.symbol)).toEqual([
      'is_glx_extension_supported'
    ]);
  });
});

test('full-resolution intervals are the callStackTable rows, row by row', () => {
  const cs = callStacks(t.experiment, { tid: TID, symbols: { symbolFiles: [MAP] } });
  const { rows, source } = flameChartData(cs);
  const got = Array.from({ length: source.length }, (_, i) => ({
    depth: Number(/depth:(\d+)$/.exec(rows[source.row[i]].id)![1]),
    start: source.start[i],
    end: source.end[i],
    symbol: source.strings[source.label![i]]
  }));
  const key = (c: IRowCall): string => `${c.depth}:${c.start}`;
  const want = calls(table).sort((a, b) => a.depth - b.depth || (a.start < b.start ? -1 : 1));
  expect(got.sort((a, b) => a.depth - b.depth || (a.start < b.start ? -1 : 1)).map(key)).toEqual(
    want.map(key)
  );
  expect(got).toEqual(want);
});

test('the fast variant (exits without address): same structure for its thread (29822, babeltrace2 times)', async () => {
  const fast = await api.tracelab.open(join(DIR, 'glxgears-cyg-profile-fast'));
  try {
    const p = fast.flameChart({ symbols: MAP, width: 100_000 }).payload;
    expect(validateTimeGraphPayload(p).ok).toBe(true);
    expect(p.title).toBe('Flame chart');
    expect(p.rows[0]).toMatchObject({ id: 't:loki:29822', label: 'glxgears [29822]', parent: -1 });
    expect(rowIntervals(p, 't:loki:29822/depth:0').map(c => c.symbol)).toEqual(['main']);
    const d1 = rowIntervals(p, 't:loki:29822/depth:1').slice(0, 2);
    expect(d1.map(c => [c.symbol, c.start, c.end])).toEqual([
      ['make_window', 1379361250303175746n, 1379361250314550524n],
      ['query_vsync', 1379361250431361326n, 1379361250498066563n]
    ]);
  } finally {
    fast.close();
  }
});

test('symbols and thread names are escaped in the SVG; unknown symbols get a label', () => {
  const fr = new FrameColumns();
  fr.push(0, 0, 0, 100n, 200n, 0x10n, 'operator<<(std::ostream&, "x")', START_KNOWN | END_KNOWN);
  fr.push(0, 1, 0, 120n, 150n, undefined, undefined, START_KNOWN | END_KNOWN);
  const threads = [{ index: 0, traceIndex: 0, host: 'h', pid: 1, tid: 7, comm: '<script>x</script>' }];
  const cs = new CallStacks(fr, threads, 100n, 200n, 0);
  const data = flameChartData(cs);
  const { legend, ...rest } = data;
  const v = new TimeGraphView(
    { experimentId: 'e', title: 'F', range: { start: 100n, end: 200n }, legend, data: rest },
    undefined
  );
  expect(validateTimeGraphPayload(v.payload).ok).toBe(true);
  expect(rowIntervals(v.payload, 't:h:7/depth:1')[0].symbol).toBe(UNKNOWN_SYMBOL);
  const svg = String(toRichValue(v).data['image/svg+xml']);
  expect(svg).toContain('&lt;script&gt;x&lt;/script&gt; [7]');
  expect(svg).toContain('operator&lt;&lt;(std::ostream&amp;, &quot;x&quot;)');
  expect(svg).not.toContain('<script');
  expect(svg).not.toContain('operator<<');
});
