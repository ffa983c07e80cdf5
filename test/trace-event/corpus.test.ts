/**
 * The trace-event JSON corpus (`../shared/traces/trace-event-json/traces/`, Trace Compass incubator and catapult
 * test files): every trace-event file is detected by content and read without error, with its event count and
 * phases checked against an independent count (`JSON.parse` where the file is strict JSON; a regex count of `ph`
 * members for the three files that are not: a missing comma, `id="…"` members, a duplicate key and a trailing
 * comma). Two files of the folder are other JSON (an array of [x, y] points, a Google Cloud trace span list): the
 * trace-event sniffer refuses them and their own readers take them (`other-json.test.ts`). Known answers from Trace Compass's `TraceEventTraceTest` (counts, first and last timestamps,
 * metadata) are checked as such.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callStacks } from '../../src/analysis/callstack';
import type { CallStacks } from '../../src/analysis/callstack';
import { openTraceEvent, traceEventFormat } from '../../src/analysis/formats/trace-event';
import { nodeFileSystem } from '../../src/analysis/io/byte-source';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { tracePath } from '../helpers/traces';

const DIR = tracePath('trace-event-json/traces');
const FILES = fs
  .readdirSync(DIR)
  .filter(f => f.endsWith('.json'))
  .sort();
const NOT_TRACE_EVENT = ['dashboard_test_points.json', 'google_cloud_trace.json'];
const TRACE_FILES = FILES.filter(f => !NOT_TRACE_EVENT.includes(f));

/** Phase counts (metadata M excluded, objects without ph or ts excluded) counted without tracelab's parser. */
function independentPhases(file: string): Map<string, number> {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const counts = new Map<string, number>();
  const add = (ph: string): void => {
    if (ph !== 'M') counts.set(ph, (counts.get(ph) ?? 0) + 1);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    for (const m of text.matchAll(/"ph"\s*:\s*"([^"]*)"/g)) add(m[1]);
    return counts;
  }
  const events = Array.isArray(doc) ? doc : (doc as { traceEvents: unknown[] }).traceEvents;
  for (const e of events) {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) continue;
    const o = e as Record<string, unknown>;
    if (typeof o.ph === 'string' && (o.ts !== undefined || o.ph === 'M')) add(o.ph);
  }
  return counts;
}

function phases(exp: Experiment): { counts: Map<string, number>; sorted: boolean; n: number } {
  const counts = new Map<string, number>();
  let prev = -(2n ** 63n);
  let sorted = true;
  let n = 0;
  for (const b of exp.batches()) {
    for (let i = 0; i < b.length; i++) {
      const c = exp.eventClasses[b.classId[i]];
      const ph = b.str(i, c.fieldIndex('ph'))!;
      counts.set(ph, (counts.get(ph) ?? 0) + 1);
      if (b.ts[i] < prev) sorted = false;
      prev = b.ts[i];
      n++;
    }
  }
  return { counts, sorted, n };
}

/** Every frame deeper than 0 lies inside a frame one level up of the same thread. */
function nested(cs: CallStacks): boolean {
  const list = cs.list();
  return list.every(
    f =>
      f.depth === 0 ||
      list.some(p => p.thread === f.thread && p.depth === f.depth - 1 && p.start <= f.start && p.end >= f.end)
  );
}

describe.each(TRACE_FILES)('%s', file => {
  const p = path.join(DIR, file);

  test('detected by content, read without error, counts and phases as the file holds, in time order', () => {
    expect(traceEventFormat.sniff(p, nodeFileSystem)).toBe(true);
    const exp = openTraceEvent([p]);
    const got = phases(exp);
    const want = independentPhases(file);
    expect(Object.fromEntries(got.counts)).toEqual(Object.fromEntries(want));
    expect(got.sorted).toBe(true);
    expect(exp.traces[0].env.malformed_events).toBe(0n);
    const cs = callStacks(exp);
    const slices = (want.get('X') ?? 0) + (want.get('B') ?? 0);
    expect(cs.length).toBe(slices);
    expect(nested(cs)).toBe(true);
    exp.close();
  });
});

test.each([
  ['dashboard_test_points.json', 'json-points'],
  ['google_cloud_trace.json', 'gcloud-trace']
])('%s is other JSON: refused by the trace-event sniffer, opened by its own reader (%s)', (file, format) => {
  expect(NOT_TRACE_EVENT).toContain(file);
  const p = path.join(DIR, file);
  expect(traceEventFormat.sniff(p, nodeFileSystem)).toBe(false);
  const exp = openExperiment([p]);
  expect(exp.traces[0].format).toBe(format);
  exp.close();
});

test('every JSON file of the folder opens with some reader', () => {
  for (const f of FILES) openExperiment([path.join(DIR, f)]).close();
});

describe("Trace Compass's known answers (TraceEventTraceTest)", () => {
  const known: [string, number, bigint, bigint][] = [
    ['simple-in-order.json', 8, 0n, 77000n],
    ['simple-out-of-order.json', 8, 0n, 77000n],
    ['async_begin_end.json', 23, 50000n, 900000n],
    ['big_trace.json', 1866, 438877834451000n, 438881451344000n],
    ['instant-events-duplicates.json', 2, 510075891653000n, 510075907469000n],
    ['chromeos_system_trace.json', 12, 5443650636079000n, 5443672642443000n],
    ['empty_event.json', 2, 456123453000n, 456123455000n]
  ];
  test.each(known)('%s: %d events from %d to %d ns', (file, n, start, end) => {
    const exp = openExperiment([path.join(DIR, file)]);
    expect(exp.traces[0].format).toBe('trace-event');
    expect(phases(exp).n).toBe(n);
    expect(exp.timeRange()).toEqual({ start, end });
    exp.close();
  });

  test('chromeos_system_trace.json: process and thread names from the metadata events', () => {
    const exp = openTraceEvent([path.join(DIR, 'chromeos_system_trace.json')]);
    expect(exp.traces[0].env).toMatchObject({
      'process_name:5044': 'GPU Process',
      'thread_name:5044:5051': 'Chrome_ChildIOThread',
      'process_sort_index:5075': '-5',
      'process_labels:5075': 'chrome://tracing',
      'process_name:5014': 'Browser',
      'thread_name:5014:5036': 'Chrome_IOThread',
      'thread_name:5014:5014': 'CrBrowserMain',
      metadata_events: 24n,
      json_form: 'object'
    });
    exp.close();
  });

  test('empty_event.json: string numbers become integers, dur 1000 µs = 1,000,000 ns', () => {
    const exp = openTraceEvent([path.join(DIR, 'empty_event.json')]);
    const b = [...exp.batches()][0];
    const c = exp.eventClasses[b.classId[0]];
    expect(c.name).toBe('event1');
    const get = (n: string) => b.value(0, c.fieldIndex(n));
    expect([get('ph'), get('pid'), get('tid'), get('dur')]).toEqual(['X', 12, 12, 1000000]);
    exp.close();
  });
});
