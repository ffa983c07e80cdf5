/**
 * The two JSON files of the trace-event corpus that are not trace-event JSON, read by their own readers:
 * - `google_cloud_trace.json` (Google Cloud Trace v1: 4 spans, /endpoint with three children): one complete
 *   event per span, times exact to the ns from the RFC 3339 text, and a call stack /endpoint > /action1..3;
 * - `dashboard_test_points.json` (185 [x, y] points): one counter sample per point, x exact beyond 2^53.
 * Counts and values are checked against the file read independently (JSON.parse, digit strings by regex), and
 * malformed documents give errors naming the file and the element.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { callStacks } from '../../src/analysis/callstack';
import { rfc3339ToNs } from '../../src/analysis/formats/gcloud-trace';
import { traceEventCounters } from '../../src/analysis/formats/trace-event';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { tracePath } from '../helpers/traces';

const DIR = tracePath('trace-event-json/traces');

function rows(exp: Experiment): { name: string; ts: bigint; v: Record<string, unknown> }[] {
  const out: { name: string; ts: bigint; v: Record<string, unknown> }[] = [];
  for (const b of exp.batches()) {
    for (let i = 0; i < b.length; i++) {
      const c = exp.eventClasses[b.classId[i]];
      const v: Record<string, unknown> = {};
      c.fields.forEach((f, k) => (v[f.name] = b.value(i, k)));
      out.push({ name: c.name, ts: b.ts[i], v });
    }
  }
  return out;
}

/** ns of an RFC 3339 UTC time, computed another way: Date.parse of the seconds, then the fraction digits. */
function ns(text: string): bigint {
  const [sec, frac] = text.replace('Z', '').split('.');
  return BigInt(Date.parse(`${sec}Z`)) * 1_000_000n + BigInt((frac ?? '').padEnd(9, '0'));
}

describe('google_cloud_trace.json', () => {
  const file = path.join(DIR, 'google_cloud_trace.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    traceId: string;
    spans: { name: string; startTime: string; endTime: string; spanId: string; kind: string }[];
  };

  test('one complete event per span, exact times, ids, kinds and labels', () => {
    const exp = openExperiment([file]);
    expect(exp.traces[0].format).toBe('gcloud-trace');
    const got = rows(exp);
    expect(got.length).toBe(doc.spans.length);
    expect(got.length).toBe(4);
    for (const s of doc.spans) {
      const r = got.find(x => x.v.spanId === s.spanId)!;
      expect(r.name).toBe(s.name);
      expect(r.ts).toBe(ns(s.startTime));
      expect(BigInt(r.v.dur as number)).toBe(ns(s.endTime) - ns(s.startTime));
      expect([r.v.ph, r.v.cat, r.v.traceId]).toEqual(['X', s.kind, doc.traceId]);
    }
    expect(got[0].v).toMatchObject({ 'args.key1': 'value1', 'args.key2': 'value2', parentSpanId: '' });
    expect(got[1].v).toMatchObject({ 'args.key1': 'testing', parentSpanId: '13616474711799465301' });
    expect(exp.traces[0].env['process_name:1']).toBe('My Google Cloud Project');
    exp.close();
  });

  test('call stack: /endpoint (14.945365 ms) over /action1, /action2, /action3', () => {
    const exp = openExperiment([file]);
    const cs = callStacks(exp);
    expect(cs.list().map(f => [f.depth, f.symbol, f.end - f.start])).toEqual([
      [0, '/endpoint', 14_945_365n],
      [1, '/action1', 8_849_510n],
      [1, '/action2', 1_254_105n],
      [1, '/action3', 1_003_046n]
    ]);
    expect(cs.threads.map(t => t.comm)).toEqual([`trace ${doc.traceId}`]);
    exp.close();
  });
});

describe('dashboard_test_points.json', () => {
  const file = path.join(DIR, 'dashboard_test_points.json');
  const text = fs.readFileSync(file, 'utf8');
  const points = [...text.matchAll(/\[\s*(-?\d+)\s*,\s*([-\d.eE+]+)\s*\]/g)].map(m => [
    BigInt(m[1]),
    Number(m[2])
  ]);

  test('185 points as counter samples, x exact as ns (beyond 2^53), y as written', () => {
    expect((JSON.parse(text) as unknown[]).length).toBe(185);
    expect(points.length).toBe(185);
    const exp = openExperiment([file]);
    expect(exp.traces[0].format).toBe('json-points');
    const samples = traceEventCounters(exp);
    expect(samples.map(s => [s.ts, s.value])).toEqual(points);
    expect(samples[0].ts).toBe(26610600797803700n);
    expect(exp.timeRange()).toEqual({ start: 26610600797803700n, end: 28950000891700000n });
    exp.close();
  });
});

describe('readers of other JSON: edge cases', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracelab-json-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: unknown): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
    return p;
  };
  const span = (name: string, start: string, end: string, extra = {}): object => ({
    spanId: name,
    name,
    startTime: `2020-01-01T00:00:${start}Z`,
    endTime: `2020-01-01T00:00:${end}Z`,
    ...extra
  });

  test('RFC 3339 with offsets and short fractions', () => {
    expect(rfc3339ToNs('1970-01-01T00:00:01.5Z')).toBe(1_500_000_000n);
    expect(rfc3339ToNs('1970-01-01T01:00:00.000000001+01:00')).toBe(1n);
    expect(rfc3339ToNs('1970-01-01T00:00:00-00:30')).toBe(1_800_000_000_000n);
    expect(rfc3339ToNs('yesterday')).toBeUndefined();
  });

  test('overlapping sibling spans take separate lanes, so every lane nests', () => {
    const p = write('parallel.json', {
      projectId: 'p',
      traceId: 't',
      spans: [span('root', '00', '10'), span('a', '01', '05'), span('b', '02', '06'), span('c', '07', '08')]
    });
    const exp = openExperiment([p]);
    const cs = callStacks(exp);
    const lane = (s: string): number => cs.list().find(f => f.symbol === s)!.thread.tid;
    expect(lane('a')).toBe(lane('root'));
    expect(lane('c')).toBe(lane('root'));
    expect(lane('b')).not.toBe(lane('root'));
    exp.close();
  });

  test('a {traces: [...]} list opens each trace as its own process', () => {
    const p = write('list.json', {
      traces: [
        { projectId: 'p', traceId: 't1', spans: [span('x', '00', '01')] },
        { projectId: 'p', traceId: 't2', spans: [span('y', '00', '02')] }
      ]
    });
    const exp = openExperiment([p]);
    expect(rows(exp).map(r => [r.name, r.v.pid, r.v.traceId])).toEqual([
      ['x', 1, 't1'],
      ['y', 2, 't2']
    ]);
    exp.close();
  });

  test('bad documents: errors name the file and the element', () => {
    const badTime = write('bad-time.json', {
      traceId: 't',
      spans: [span('x', '00', '01'), { ...span('y', '00', '01'), endTime: 'soon' }]
    });
    expect(() => openExperiment([badTime])).toThrow(/bad-time\.json: .*trace 1 span 1\.endTime/);
    const fractional = write('frac.json', '[[1, 2], [3.5, 4]]');
    expect(() => openExperiment([fractional])).toThrow(/frac\.json: .*element 1: x = 3\.5 is not an integer/);
    const notPair = write('triple.json', '[[1, 2], [3, 4, 5]]');
    expect(() => openExperiment([notPair])).toThrow(/triple\.json: .*element 1 is not an \[x, y\] pair/);
    const cut = write('cut.json', '[[1, 2], [3, ');
    expect(() => openExperiment([cut])).toThrow(/cut\.json/);
  });
});
