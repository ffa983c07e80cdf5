/** Runtime validation of untrusted payloads and comm messages (protocol/*-validate.ts, chart.ts, comm.ts). */
import { validateChartPayload } from '../../src/protocol/chart';
import { validateCommReply, validateFetchRequest } from '../../src/protocol/comm';
import { validateCriticalPathPayload } from '../../src/protocol/critical-path-validate';
import type { ICriticalPathPayload } from '../../src/protocol/critical-path';
import { validateTimeGraphPayload } from '../../src/protocol/timegraph-validate';
import type { ITimeGraphPayload } from '../../src/protocol/timegraph';
import { LEGEND, smallPayload } from './helpers';

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function errorsOf(p: unknown): string {
  const v = validateTimeGraphPayload(p);
  return v.ok ? '' : v.errors.join('\n');
}

describe('time-graph payload validation', () => {
  it('accepts a built payload, also after a JSON round trip', () => {
    const p = smallPayload();
    expect(validateTimeGraphPayload(p).ok).toBe(true);
    expect(validateTimeGraphPayload(clone(p)).ok).toBe(true);
  });

  const cases: Array<[string, (p: Record<string, unknown> & ITimeGraphPayload) => void, RegExp]> = [
    ['wrong version', p => ((p as { version: number }).version = 2), /version/],
    ['numeric range', p => ((p.range as unknown as { start: number }).start = 5), /range/],
    ['range over 2^53 ns', p => (p.range = { start: '0', end: String(2n ** 53n) }), /2\^53/],
    ['end before start', p => (p.range = { start: '10', end: '10' }), /range/],
    ['forward parent', p => (p.rows[0].parent = 3), /parent/],
    ['duplicate row id', p => (p.rows[1].id = p.rows[0].id), /duplicate/],
    ['unknown row kind', p => ((p.rows[0] as { kind: string }).kind = 'script'), /kind/],
    [
      'label not a string',
      p => ((p.rows[2] as unknown as { label: object }).label = { html: '<b>' }),
      /label/
    ],
    ['css injection in colour', p => (p.legend[0].color = 'red;background:url(x)'), /color/],
    ['svg injection in colour', p => (p.legend[0].color = '#fff" onload="alert(1)'), /color/],
    ['state index out of legend', p => (p.intervals.state[0] = 99), /state/],
    ['row index out of rows', p => (p.intervals.row[p.intervals.row.length - 1] = 6), /row/],
    ['fractional offset', p => (p.intervals.start[0] = 0.5), /start/],
    ['offset beyond the range', p => (p.intervals.end[1] = 1001), /end/],
    ['interval ending before its start', p => (p.intervals.end[2] = 50), /end before start/],
    ['overlap in a row', p => (p.intervals.start[1] = 300), /sorted/],
    ['unsorted rows', p => p.intervals.row.reverse(), /sorted|row/],
    ['column length mismatch', p => p.intervals.state.pop(), /entries/],
    ['string index out of table', p => (p.intervals.label![0] = 5), /label/],
    ['arrow to a missing row', p => (p.arrows!.toRow[0] = 50), /toRow/],
    ['arrow kind out of range', p => (p.arrows!.kind[0] = 3), /kind/],
    ['path owner out of rows', p => (p.pathSegments!.owner[0] = -1), /owner/],
    [
      'comm handle not a string',
      p => (p.comm = { target: 'tracelab', handle: 3 as unknown as string }),
      /handle/
    ],
    ['NaN offset', p => (p.intervals.start[0] = NaN), /start/]
  ];

  it.each(cases)('rejects %s', (_name, mutate, pattern) => {
    const p = clone(smallPayload()) as Record<string, unknown> & ITimeGraphPayload;
    mutate(p);
    expect(errorsOf(p)).toMatch(pattern);
  });

  it('rejects non-objects without throwing', () => {
    for (const x of [null, 3, 'x', [], undefined]) expect(validateTimeGraphPayload(x).ok).toBe(false);
  });

  it('keeps at most 20 issues for huge broken columns', () => {
    const p = clone(smallPayload()) as ITimeGraphPayload;
    p.rows = Array.from({ length: 50 }, () => ({ id: '', label: 1 })) as never;
    const v = validateTimeGraphPayload(p);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.length).toBeLessThanOrEqual(21);
  });
});

describe('critical-path payload validation', () => {
  const base = (): ICriticalPathPayload => ({
    version: 1,
    experimentId: 'e',
    range: { start: '1000', end: '2000' },
    subject: { rowId: 't1', label: 'worker', tid: 1 },
    workers: [
      { id: 't1', label: 'worker', parent: -1, kind: 'thread', tid: 1 },
      { id: 't2', label: 'disk', parent: -1, kind: 'thread', tid: 2 }
    ],
    legend: LEGEND,
    segments: { row: [0, 1, 0], start: [0, 100, 600], end: [100, 600, 1000], state: [0, 0, 0] },
    links: { fromRow: [1], fromTime: [600], toRow: [0], toTime: [600], kind: [0] },
    linkKinds: [{ id: 'wakeup', label: 'Wake-up', color: '#000' }]
  });

  it('accepts a path in order', () => {
    expect(validateCriticalPathPayload(base()).ok).toBe(true);
  });

  it('rejects segments out of path order', () => {
    const p = base();
    p.segments.start[2] = 500;
    const v = validateCriticalPathPayload(p);
    expect(v.ok ? '' : v.errors.join()).toMatch(/path order/);
  });

  it('rejects a missing subject and bad link rows', () => {
    const p = base() as Partial<ICriticalPathPayload>;
    delete p.subject;
    expect(validateCriticalPathPayload(p).ok).toBe(false);
    const q = base();
    q.links!.toRow[0] = 2;
    expect(validateCriticalPathPayload(q).ok).toBe(false);
  });
});

describe('chart payload validation', () => {
  const chart = (spec: unknown, time?: unknown) => ({ version: 1, experimentId: 'e', spec, time });

  it('accepts inline data with a time axis', () => {
    const v = validateChartPayload(
      chart({ mark: 'bar', data: { values: [{ t: 1 }] } }, { field: 't', unit: 'ms', origin: '5' })
    );
    expect(v.ok).toBe(true);
  });

  it('rejects external data, nested too', () => {
    expect(validateChartPayload(chart({ data: { url: 'https://example.com/x.csv' } })).ok).toBe(false);
    expect(validateChartPayload(chart({ layer: [{ data: { url: 'x.json' } }] })).ok).toBe(false);
  });

  it('rejects bad time axes and deep specs', () => {
    expect(validateChartPayload(chart({}, { field: 't', unit: 'hours', origin: '0' })).ok).toBe(false);
    expect(validateChartPayload(chart({}, { field: 't', unit: 's', origin: 1 })).ok).toBe(false);
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100; i++) deep = (deep.a = {}) as Record<string, unknown>;
    expect(validateChartPayload(chart(root)).ok).toBe(false);
  });
});

describe('comm message validation', () => {
  const reply = () => ({
    type: 'timegraph.data',
    requestId: 7,
    handle: 'h',
    range: { start: '100', end: '200' },
    resolution: '0',
    rows: ['a', 'b'],
    intervals: { row: [0, 1], start: [0, 10], end: [50, 100], state: [0, 3] }
  });

  it('accepts a reply and an error', () => {
    expect(validateCommReply(reply(), 4, 0).ok).toBe(true);
    expect(validateCommReply({ type: 'error', requestId: 1, message: 'boom' }, 4, 0).ok).toBe(true);
  });

  it('checks replies against the view legend', () => {
    expect(validateCommReply(reply(), 3, 0).ok).toBe(false);
    const r = reply();
    r.intervals.end[1] = 101;
    expect(validateCommReply(r, 4, 0).ok).toBe(false);
    expect(validateCommReply({ ...reply(), requestId: '7' }, 4, 0).ok).toBe(false);
  });

  it('validates requests', () => {
    const req = {
      type: 'timegraph.fetch',
      requestId: 1,
      handle: 'h',
      range: { start: '0', end: '10' },
      resolution: '1',
      rows: ['a'],
      maxIntervals: 10
    };
    expect(validateFetchRequest(req).ok).toBe(true);
    expect(validateFetchRequest({ ...req, maxIntervals: 0 }).ok).toBe(false);
    expect(validateFetchRequest({ ...req, rows: [1] }).ok).toBe(false);
  });
});
