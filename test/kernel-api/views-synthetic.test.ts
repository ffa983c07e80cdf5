/**
 * Views on synthetic data: a 1M-interval view displays with a bounded snapshot (and serves exact data on
 * zoom), trace strings are escaped in the SVG fallback, the view store evicts old views, and
 * `tracelab.chart` builds a valid chart bundle (refusing external data).
 */
import { makeChart, toRichValue } from '../../src/kernel-bridge/api';
import { IntervalSource, THREAD_LEGEND, TimeGraphView, ViewStore } from '../../src/kernel-bridge/views';
import type { IViewData } from '../../src/kernel-bridge/views';
import {
  CHART_MIME_TYPE,
  TIMEGRAPH_MIME_TYPE,
  validateChartPayload,
  validateCommReply,
  validateTimeGraphPayload
} from '../../src/protocol';
import type { ITimeGraphFetchReply, ITimeGraphPayload } from '../../src/protocol';

const T0 = 1_000_000_000_000n;

/** `rows` threads, each with `per` back-to-back 10 ns intervals cycling through 3 states. */
function bigView(rows: number, per: number, label = (r: number) => `worker ${r}`): IViewData {
  const n = rows * per;
  const row = new Int32Array(n);
  const start = new BigInt64Array(n);
  const end = new BigInt64Array(n);
  const state = new Uint8Array(n);
  for (let r = 0, i = 0; r < rows; r++) {
    for (let k = 0; k < per; k++, i++) {
      row[i] = r;
      start[i] = T0 + BigInt(k * 10);
      end[i] = T0 + BigInt(k * 10 + 10);
      state[i] = 1 + ((k + r) % 3);
    }
  }
  const ids = Array.from({ length: rows }, (_, r) => `t:h:${r}`);
  return {
    rows: ids.map((id, r) => ({ id, label: label(r), kind: 'thread' as const, tid: r })),
    source: new IntervalSource(ids, { row, start, end, state })
  };
}

test('a 1M-interval view: bounded snapshot and bundle, exact data on zoom', () => {
  const store = new ViewStore();
  const data = bigView(100, 10_000);
  const view = new TimeGraphView(
    {
      experimentId: 'e',
      title: 'Big',
      range: { start: T0, end: T0 + 100_000n },
      legend: THREAD_LEGEND,
      data
    },
    store
  );
  const b = toRichValue(view).data as Record<string, unknown>;
  const p = b[TIMEGRAPH_MIME_TYPE] as ITimeGraphPayload;
  expect(validateTimeGraphPayload(p).ok).toBe(true);
  expect(view.intervalCount).toBe(1_000_000);
  expect(p.intervals.row.length).toBeLessThanOrEqual(20_000);
  expect(Number(p.resolution)).toBeGreaterThan(10);
  // The payload is bounded by maxIntervals; the SVG by the fallback's rows (200) x pixels (960) rule.
  expect(JSON.stringify(p).length).toBeLessThan(600_000);
  expect(String(b['image/svg+xml']).length).toBeLessThan(2_000_000);
  expect(String(b['text/plain'])).toMatch(/^Big: 100 rows, 1000000 intervals over 100 µs/);
  // Zoom to 100 ns of rows 5 and 7 at 1 ns/pixel: exact, back-to-back intervals.
  const req = {
    type: 'timegraph.fetch',
    requestId: 9,
    handle: view.handle!,
    range: { start: String(T0 + 1000n), end: String(T0 + 1100n) },
    resolution: '1',
    rows: ['t:h:7', 't:h:5'],
    maxIntervals: 1000
  };
  const r = store.reply(req) as ITimeGraphFetchReply;
  expect(validateCommReply(r, THREAD_LEGEND.length, 0).ok).toBe(true);
  expect(r.resolution).toBe('0');
  expect(r.intervals.row).toEqual([...Array(10).fill(0), ...Array(10).fill(1)]);
  expect(r.intervals.start.slice(0, 3)).toEqual([0, 10, 20]);
  // row 7, k = 100: state 1 + (100 + 7) % 3 = 3
  expect(r.intervals.state[0]).toBe(3);
});

test('the SVG fallback escapes trace strings', () => {
  const data = bigView(3, 5, r => (r === 1 ? '<script>alert("x")</script> & co' : `w${r}`));
  const view = new TimeGraphView(
    { experimentId: 'e', title: 'T', range: { start: T0, end: T0 + 50n }, legend: THREAD_LEGEND, data },
    undefined
  );
  const svg = String(toRichValue(view).data['image/svg+xml']);
  expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/scrip'); // (long labels are cut)
  expect(svg).not.toContain('<script');
  expect(view.payload.comm).toBeUndefined();
});

test('the view store keeps the most recent views only', () => {
  const store = new ViewStore(2);
  const src = bigView(1, 1).source;
  const [a, b, c] = [store.register(src), store.register(src), store.register(src)];
  expect(store.get(a)).toBeUndefined();
  expect(store.get(b)).toBe(src);
  expect(store.get(c)).toBe(src);
  expect(store.size).toBe(2);
});

test('tracelab.chart: valid chart payload, SVG and text; external data refused', async () => {
  const spec = {
    data: {
      values: [
        { cpu: 0, ns: 5 },
        { cpu: 1, ns: 7 }
      ]
    },
    mark: 'bar',
    encoding: { x: { field: 'cpu', type: 'ordinal' }, y: { field: 'ns', type: 'quantitative' } }
  };
  const chart = await makeChart(spec, { title: 'usage <1>' });
  const b = toRichValue(chart).data as Record<string, unknown>;
  expect(validateChartPayload(b[CHART_MIME_TYPE]).ok).toBe(true);
  expect(String(b['image/svg+xml'])).toMatch(/^<svg/);
  expect(String(b['image/svg+xml'])).not.toContain('usage <1>');
  expect(b['text/plain']).toBe('Chart "usage <1>": bar, 2 data rows');
  await expect(makeChart({ data: { url: 'http://example.com/x.csv' }, mark: 'bar' })).rejects.toThrow(
    /external data/
  );
});

test('an interval source orders rows and times whatever the input order; select clips to the window', () => {
  const src = new IntervalSource(['a', 'b'], {
    row: Int32Array.from([1, 0, 0, 1, 0]),
    start: BigInt64Array.from([5n, 30n, 2n ** 40n + 10n, 0n, 20n]),
    end: BigInt64Array.from([9n, 40n, 2n ** 40n + 20n, 5n, 30n]),
    state: Uint8Array.from([1, 2, 3, 4, 5])
  });
  expect([...src.row]).toEqual([0, 0, 0, 1, 1]);
  expect([...src.start]).toEqual([20n, 30n, 2n ** 40n + 10n, 0n, 5n]);
  expect([...src.state]).toEqual([5, 2, 3, 4, 1]);
  const sel = src.select(['b', 'zz', 'a'], 6n, 31n);
  expect([...(sel.row as number[])]).toEqual([0, 2, 2]);
  expect([...sel.start]).toEqual([5n, 20n, 30n]);
});
