/**
 * The declarative state-view cell API: `t.stateView()`, `t.segments()`, `t.stateViewGraph()`, `t.stateViewChart()`.
 * On `recorded/mpi-imbalance/ust` with `mpiImbalanceSpec` (2 ranks x 10 iterations of compute / barrier wait, the
 * analysis' own known answers in test/stateview/mpi-imbalance.test.ts): the view has one row per rank and its
 * intervals are exactly the non-null `Ranks/<r>/Status` intervals. On Trace Compass's test_state_values.xml with
 * testTrace4.xml (TmfStateValueTest: update/0 is GOOD from 1 to 3, BAD from 5 to 7), the imported view draws its
 * definedValue labels and colours. A hand-written spec on testTrace4 checks the leaf-row fallback, SVG escaping
 * and the XY chart (entry events per cpu: cpu 0 at 1 and 5, cpu 1 at 2 and 10).
 */
import * as path from 'node:path';
import { mpiImbalanceSpec, runStateView, StateSystem, stateIntervals } from '../../src/analysis/stateview';
import type { StateViewSpec } from '../../src/analysis/stateview';
import { openExperiment } from '../../src/analysis/trace/open';
import { createCellApi } from '../../src/kernel-bridge/api';
import type { IDisplayPublisher, Trace } from '../../src/kernel-bridge/api';
import { DISPLAY } from '../../src/kernel-bridge/api/mime-bundle';
import { viewStore } from '../../src/kernel-bridge/views';
import { MAX_STATES, stateViewData } from '../../src/kernel-bridge/views/state-view-data';
import { CHART_MIME_TYPE, TIMEGRAPH_MIME_TYPE, validateTimeGraphPayload } from '../../src/protocol';
import type { ITimeGraphFetchReply, ITimeGraphPayload } from '../../src/protocol';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const UST = path.join(TRACES, 'recorded', 'mpi-imbalance', 'ust');
const TC = path.join(
  TRACES,
  'tracecompass-xml',
  'tracecompass',
  'tmf',
  'org.eclipse.tracecompass.tmf.analysis.xml.core.tests'
);
const XML = path.join(TC, 'test_xml_files', 'test_valid', 'test_state_values.xml');
const TRACE4 = path.join(TC, 'test_traces', 'testTrace4.xml');

const quiet: IDisplayPublisher = { display: () => undefined, clear: () => undefined };
const api = createCellApi(quiet, 'test');
let mpi: Trace;
let t4: Trace;

beforeAll(async () => {
  mpi = await api.tracelab.open(UST);
  t4 = await api.tracelab.open(TRACE4);
}, 60_000);

afterAll(() => {
  mpi?.close();
  t4?.close();
});

/** `[row label, state label, start, end]` of every payload interval, absolute times. */
function payloadIntervals(p: ITimeGraphPayload): [string, string, bigint, bigint][] {
  const base = BigInt(p.range.start);
  const iv = p.intervals;
  return iv.row.map((r, i) => [
    p.rows[r].label,
    p.legend[iv.state[i]].label,
    base + BigInt(iv.start[i]),
    base + BigInt(iv.end[i])
  ]);
}

/** The same from `stateIntervals` (non-null intervals of `attribute`, labelled `row`). */
function tableIntervals(attribute: string, row: string, label: (v: string) => string) {
  const result = runStateView(openExperiment([UST]), mpiImbalanceSpec);
  return stateIntervals(result, { nulls: false })
    .toArray()
    .filter(r => r.attribute === attribute)
    .map(r => [row, label(r.value as string), r.start as bigint, r.end as bigint]);
}

describe('mpi-imbalance with mpiImbalanceSpec', () => {
  const legendLabel = (v: string): string => (v === 'wait' ? 'wait (barrier)' : v);

  test('stateView and segments tables', () => {
    const t = mpi.stateView(mpiImbalanceSpec);
    expect(t.schema.fields.map(f => f.name).slice(0, 4)).toEqual(['attribute', 'start', 'end', 'value']);
    const status0 = t.toArray().filter(r => r.attribute === 'Ranks/0/Status' && r.value !== null);
    expect(status0).toHaveLength(20);
    // a window keeps only the intervals overlapping it
    const w = mpi.stateView(mpiImbalanceSpec, { start: status0[3].start, end: status0[3].end });
    const inW = w.toArray().filter(r => r.attribute === 'Ranks/0/Status');
    expect(inW.map(r => r.start)).toContain(status0[3].start);
    expect(inW.length).toBeLessThanOrEqual(3);
    const s = mpi.segments(mpiImbalanceSpec);
    expect(s.numRows).toBe(40);
    expect([...s.getChild('name')!].filter(n => n === 'wait')).toHaveLength(20);
  });

  test('time-graph view: valid payload, one row per rank, intervals equal stateIntervals rows', () => {
    const view = mpi.stateViewGraph(mpiImbalanceSpec);
    const p = view.payload;
    expect(validateTimeGraphPayload(p).ok).toBe(true);
    expect(p.title).toBe('MPI ranks');
    expect(p.rows.map(r => r.label)).toEqual(['rank 0', 'rank 1']);
    expect(p.legend.map(l => [l.label, l.color])).toEqual([
      ['compute', '#2ca02c'],
      ['wait (barrier)', '#d62728']
    ]);
    expect(p.resolution).toBe('0');
    const expected = [
      ...tableIntervals('Ranks/0/Status', 'rank 0', legendLabel),
      ...tableIntervals('Ranks/1/Status', 'rank 1', legendLabel)
    ];
    expect(expected).toHaveLength(40);
    expect(payloadIntervals(p)).toEqual(expected);
    expect(view.intervalCount).toBe(40);
  });

  test('the display bundle: MIME, SVG and text; zoom over the comm answers the exact intervals', () => {
    const view = mpi.stateViewGraph(mpiImbalanceSpec);
    const bundle = view[DISPLAY]() as unknown as Record<string, unknown>;
    expect(bundle[TIMEGRAPH_MIME_TYPE]).toBe(view.payload);
    expect(String(bundle['image/svg+xml'])).toMatch(/^<svg[^>]*>[\s\S]*rank 1[\s\S]*<\/svg>$/);
    expect(String(bundle['text/plain'])).toMatch(/^MPI ranks: 2 rows, 40 intervals/);
    const p = view.payload;
    const req = {
      type: 'timegraph.fetch' as const,
      requestId: 1,
      handle: view.handle!,
      range: p.range,
      resolution: '1',
      rows: [p.rows[1].id],
      maxIntervals: 10_000
    };
    const r = viewStore.reply(req) as ITimeGraphFetchReply;
    expect(r.type).toBe('timegraph.data');
    const got = r.intervals.start.map((st, i) => [
      BigInt(p.range.start) + BigInt(st),
      BigInt(p.range.start) + BigInt(r.intervals.end[i])
    ]);
    expect(got).toEqual(tableIntervals('Ranks/1/Status', '', String).map(x => [x[2], x[3]]));
  });

  test('a window limits the intervals', () => {
    const all = mpi.stateViewGraph(mpiImbalanceSpec).payload;
    const ivs = payloadIntervals(all);
    const [, , s, e] = ivs[5];
    const p = mpi.stateViewGraph(mpiImbalanceSpec, { start: s, end: e }).payload;
    expect(validateTimeGraphPayload(p).ok).toBe(true);
    expect(p.range.start).toBe(String(s));
    expect(p.intervals.row.length).toBeLessThan(ivs.length);
  });
});

describe('Trace Compass XML: test_state_values.xml on testTrace4', () => {
  test('the imported timeGraphView: rows update/*, definedValue labels and colours', () => {
    const p = t4.stateViewGraph(XML).payload;
    const v = validateTimeGraphPayload(p);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(v.ok).toBe(true);
    expect(p.title).toBe('Test XML Attributes view');
    expect(p.rows.map(r => r.label)).toEqual(['0', '1']);
    const row0 = payloadIntervals(p).filter(i => i[0] === '0');
    expect(row0).toEqual([
      ['0', 'Good', 1n, 3n],
      ['0', 'Bad', 5n, 7n]
    ]);
    const byLabel = new Map(p.legend.map(l => [l.label, l.color]));
    expect(byLabel.get('Good')).toBe('#118811');
    expect(byLabel.get('Bad')).toBe('#DDDD00');
    // the table of the same analysis
    const t = t4.stateView(XML).toArray();
    expect(t.filter(r => r.attribute === 'update/0').map(r => [r.start, r.value])).toEqual([
      [1n, 'GOOD'],
      [3n, null],
      [5n, 'BAD'],
      [7n, null]
    ]);
  });

  test('an unknown analysis id is refused with the ids available', () => {
    expect(() => t4.stateView(XML, { id: 'nope' })).toThrow(/no analysis 'nope' \(test.xml.attributes\)/);
  });
});

describe('native spec on testTrace4', () => {
  const spec: StateViewSpec = {
    id: 'counts',
    handlers: [
      { event: 'entry', changes: [{ path: 'Cpu/{cpu}/Count', add: 1 }] },
      { event: 'exit', changes: [{ path: 'Cpu/{cpu}/<State & "quoted">', set: { field: 'curState' } }] }
    ],
    xyViews: [{ id: 'entries', label: 'Entries <per> cpu', path: 'Cpu/*', display: 'Count' }]
  };

  test('no view section: one row per leaf attribute, palette colours, escaped SVG', () => {
    const view = t4.stateViewGraph(spec);
    const p = view.payload;
    expect(validateTimeGraphPayload(p).ok).toBe(true);
    expect(p.rows.map(r => r.label)).toEqual([
      'Cpu/0/Count',
      'Cpu/0/<State & "quoted">',
      'Cpu/1/Count',
      'Cpu/1/<State & "quoted">'
    ]);
    // distinct values in first-seen order: 1, 2 (counts of cpu 0), GOOD, BAD
    expect(p.legend.map(l => l.label)).toEqual(['1', '2', 'GOOD', 'BAD']);
    expect(new Set(p.legend.map(l => l.color)).size).toBe(4);
    const svg = String((view[DISPLAY]() as unknown as Record<string, unknown>)['image/svg+xml']);
    expect(svg).toContain('&lt;State &amp; ');
    expect(svg).not.toContain('<State');
  });

  test('stateViewData folds values past MAX_STATES - 1 into "other", labelled with the value', () => {
    // one attribute taking the values v0..v69 at times 0..69 (ns), null from 70 to 80
    const ss = new StateSystem();
    ss.begin(0n);
    const q = ss.child(-1, 'X');
    for (let k = 0; k < 70; k++) ss.modify(BigInt(k), q, `v${k}`);
    ss.modify(70n, q, null);
    ss.finish(80n);
    const d = stateViewData({ id: 'x', spec: {}, ss, segments: [], events: 70 });
    expect(d.legend).toHaveLength(MAX_STATES);
    expect(d.legend.map(l => l.label).slice(0, 2)).toEqual(['v0', 'v1']);
    expect(d.legend[MAX_STATES - 1].label).toBe('other values');
    expect(d.source.length).toBe(70);
    const folded = [...d.source.state].map((st, i) => [st, d.source.label?.[i] ?? -1]).slice(62);
    expect(folded[0]).toEqual([62, -1]);
    expect(folded.slice(1).map(([st, l]) => [st, d.source.strings[l]])).toEqual(
      Array.from({ length: 7 }, (_, k) => [MAX_STATES - 1, `v${63 + k}`])
    );
  });

  test('stateViewChart: the XY view sampled per cpu (hand-checked counts)', async () => {
    const chart = await t4.stateViewChart(spec, { start: 1, end: 11, samples: 11 });
    const bundle = chart[DISPLAY]() as unknown as Record<string, unknown>;
    expect(bundle[CHART_MIME_TYPE]).toBe(chart.payload);
    expect(chart.payload.title).toBe('Entries <per> cpu');
    expect(chart.payload.time).toEqual({ field: 'time', unit: 'ms', origin: '1' });
    const values = (chart.payload.spec.data as { values: { time: number; series: string; value: number }[] })
      .values;
    const series = (s: string): number[] => values.filter(v => v.series === s).map(v => v.value);
    // times 1..11: cpu 0 counts 1 from 1, 2 from 5; cpu 1 counts 1 from 2, 2 from 10
    expect(series('0')).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    expect(series('1')).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
    expect(values[1].time).toBeCloseTo(1e-6);
    expect(chart.svg).toContain('<svg');
  }, 30_000);

  test('stateViewChart without an XY view is refused', async () => {
    await expect(mpi.stateViewChart(mpiImbalanceSpec)).rejects.toThrow(/no XY view/);
  });
});
