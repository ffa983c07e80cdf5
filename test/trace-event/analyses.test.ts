/**
 * Trace-event analyses: flows against Trace Compass's expected arrows (`trace-event-json/expected/*.csv`: start ns,
 * end ns, source trace, source tid, destination trace, destination tid, flow id), counters and call stacks against
 * values read off the files by hand, and the lenient JSON reading on small in-memory files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callStacks, flameGraph } from '../../src/analysis/callstack';
import {
  countersTable,
  flowsTable,
  microsToNs,
  openTraceEvent,
  parseLenientJson,
  JsonNumber,
  sniffTraceEventBytes,
  threadNames,
  traceEventCounters,
  traceEventFlows
} from '../../src/analysis/formats/trace-event';
import type { Experiment } from '../../src/analysis/trace/types';
import { memoryFs } from '../callstack/stub-events';
import { tracePath } from '../helpers/traces';

const DIR = tracePath('trace-event-json');
const open = (file: string): Experiment => openTraceEvent([path.join(DIR, 'traces', file)]);
const openText = (text: string): Experiment => openTraceEvent(['t.json'], memoryFs({ 't.json': text }));

function expectedArrows(csv: string): string[] {
  return fs
    .readFileSync(path.join(DIR, 'expected', csv), 'utf8')
    .split(/\r?\n/)
    .filter(l => l.trim() !== '')
    .map(l => {
      const [s, e, , st, , et, id] = l.split(',');
      return `${s} ${e} ${st} ${et} ${id}`;
    })
    .sort();
}

describe('flows', () => {
  test.each([
    ['tracecompassLog_small.json', 'expectedArrows.csv'],
    ['flow_various.json', 'expectedScopeArrows.csv']
  ])('%s gives the arrows of %s', (file, csv) => {
    const exp = open(file);
    const flows = traceEventFlows(exp);
    exp.close();
    const got = flows.map(f => `${f.start} ${f.end} ${f.startTid} ${f.endTid} ${BigInt(f.id)}`).sort();
    expect(got).toEqual(expectedArrows(csv));
    const tab = flowsTable(flows);
    expect(tab.numRows).toBe(flows.length);
    expect(tab.schema.fields.map(f => f.name)).toEqual([
      'host',
      'id',
      'cat',
      'name',
      'start',
      'end',
      'start_pid',
      'start_tid',
      'end_pid',
      'end_tid'
    ]);
  });
});

describe('counters', () => {
  test('simple-in-order.json: foo and bar series as written', () => {
    const exp = open('simple-in-order.json');
    const s = traceEventCounters(exp);
    exp.close();
    expect(s.map(x => `${x.name}.${x.series}@${x.ts}=${x.value}`)).toEqual([
      'foo.value@0=1',
      'bar.value@10000=2',
      'foo.value@12000=3',
      'bar.value@60000=4',
      'foo.value@66000=5',
      'bar.value@77000=6'
    ]);
    expect(countersTable(s).numRows).toBe(6);
  });

  test('instance_counters.json: counters with ids are separate series', () => {
    const exp = open('instance_counters.json');
    const s = traceEventCounters(exp);
    exp.close();
    expect(s.filter(x => x.name === 'counter 123').map(x => x.value)).toEqual([2, 10, 5, 8, 4, 10]);
    expect(s.filter(x => x.name === 'counter b').map(x => [x.ts, x.value])).toEqual([
      [9524000n, 10],
      [9631000n, 0]
    ]);
  });
});

describe('call stacks', () => {
  test('nanoseconds.json: fractional microseconds become exact ns', () => {
    const exp = open('nanoseconds.json');
    const cs = callStacks(exp);
    exp.close();
    expect(cs.list().map(f => [f.symbol, f.start, f.end])).toEqual([
      ['us1', 0n, 1100n],
      ['us2', 1100n, 1300n],
      ['us3', 1300n, 1600n],
      ['us4', 1700n, 2100n],
      ['ns1', 3000n, 3011n],
      ['ns2', 3011n, 3013n],
      ['ns3', 3013n, 3016n],
      ['ns4', 3017n, 3021n]
    ]);
  });

  test('tall_trace.json: B/E nesting, thread names from metadata', () => {
    const exp = open('tall_trace.json');
    const cs = callStacks(exp);
    const names = threadNames(exp.traces[0]);
    exp.close();
    const t30 = cs.list(f => f.thread.tid === 30);
    expect(t30.slice(0, 3).map(f => [f.depth, f.symbol, f.start, f.end])).toEqual([
      [0, 'A', 826000n, 833000n],
      [1, 'Asub', 827000n, 828000n],
      [1, 'Asub', 829000n, 832000n]
    ]);
    for (const t of cs.threads) expect(t.comm).toBe(names.threads.get(`${t.pid}:${t.tid}`) ?? '');
  });

  test('main_thread_has_unclosed_slices.json: the 4 slices never closed end at the trace end', () => {
    const exp = open('main_thread_has_unclosed_slices.json');
    const cs = callStacks(exp);
    const end = exp.timeRange()!.end;
    exp.close();
    const open4 = cs.list(f => !f.endKnown);
    expect(open4.length).toBe(4);
    expect(open4.every(f => f.end === end)).toBe(true);
  });

  test('complete events written child first nest under their parent; B/E around them', () => {
    const exp = openText(
      JSON.stringify([
        { ph: 'X', name: 'child', pid: 1, tid: 1, ts: 10, dur: 5 },
        { ph: 'X', name: 'parent', pid: 1, tid: 1, ts: 10, dur: 20 },
        { ph: 'B', name: 'outer', pid: 1, tid: 1, ts: 5 },
        { ph: 'X', name: 'second', pid: 1, tid: 1, ts: 16, dur: 2 },
        { ph: 'E', pid: 1, tid: 1, ts: 40 },
        { ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: 'main' } }
      ])
    );
    const cs = callStacks(exp);
    exp.close();
    expect(cs.list().map(f => `${f.thread.comm}:${f.depth}:${f.symbol}:${f.start}-${f.end}`)).toEqual([
      'main:0:outer:5000-40000',
      'main:1:parent:10000-30000',
      'main:2:child:10000-15000',
      'main:2:second:16000-18000'
    ]);
    const fg = flameGraph(
      callStacks(openText(JSON.stringify([{ ph: 'X', name: 'a', pid: 1, tid: 1, ts: 0, dur: 3 }])))
    );
    expect(fg.folded()).toBe('a 3000');
  });
});

describe('lenient JSON and the two JSON forms', () => {
  test('parser liberties', () => {
    expect(parseLenientJson('{a=1, "b" => \'x\', c: [1,2,], // note\n d: NaN, a: 2,}')).toEqual({
      a: new JsonNumber('2'),
      b: 'x',
      c: [new JsonNumber('1'), new JsonNumber('2')],
      d: new JsonNumber('NaN')
    });
    expect(parseLenientJson('{"x": 1 "y": "\\u00e9\\n"}')).toEqual({ x: new JsonNumber('1'), y: 'é\n' });
    expect(() => parseLenientJson('{"x": }')).toThrow(/expected a value/);
  });

  test('µs to ns is exact', () => {
    expect(microsToNs('5624160250199.160')).toBe(5624160250199160n);
    expect(microsToNs('15.5')).toBe(15500n);
    expect(microsToNs('-2')).toBe(-2000n);
    expect(microsToNs('1.0000001')).toBe(1000n);
    expect(microsToNs('1e3')).toBe(1000000n);
  });

  test('object form: members before and after traceEvents, big integers in args stay exact', () => {
    const text =
      '{"otherData": {"v": 1}, "schemaVersion": 2, "traceEvents": [' +
      '{"ph":"i","name":"e","pid":1,"tid":2,"ts":3,"args":{"big":1539786952342493550,"s":"x"}}' +
      '], "displayTimeUnit": "ns"}';
    expect(sniffTraceEventBytes(new TextEncoder().encode(text))).toBe(true);
    const exp = openText(text);
    expect(exp.traces[0].env).toMatchObject({
      schemaVersion: '2',
      displayTimeUnit: 'ns',
      json_form: 'object'
    });
    const b = [...exp.batches()][0];
    const c = exp.eventClasses[b.classId[0]];
    expect(c.fields.map(f => `${f.name}:${f.type}`)).toEqual([
      'ph:string',
      'pid:int',
      'tid:int',
      'args.big:int',
      'args.s:string'
    ]);
    expect(b.bigint(0, c.fieldIndex('args.big'))).toBe(1539786952342493550n);
    exp.close();
  });

  test('array form: unsorted events come out sorted, malformed objects are skipped and counted', () => {
    const exp = openText(
      '[{"ph":"i","name":"b","ts":20}, {"ph":"i" "name":"a","ts":10}, {"ph": }, {"name":"no ph","ts":1}]'
    );
    expect([...exp.batches()].flatMap(b => Array.from(b.ts))).toEqual([10000n, 20000n]);
    expect(exp.traces[0].env).toMatchObject({ malformed_events: 1n, json_form: 'array' });
    exp.close();
  });

  test('not trace-event: other JSON, and text', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(sniffTraceEventBytes(enc('[[1, 2], [3, 4]]'))).toBe(false);
    expect(sniffTraceEventBytes(enc('{"spans": [{"name": "x"}]}'))).toBe(false);
    expect(sniffTraceEventBytes(enc('[{}, {"ph": "X", "ts": 1}]'))).toBe(true);
    expect(sniffTraceEventBytes(enc('# tracer: nop'))).toBe(false);
  });
});
