/**
 * The trace API cells call, in process on the real `many-threads` trace (LTTng kernel, 8 CPUs, host "wilbrod"):
 * tables (events, kernel analyses, critical path, sync), the views' display bundles validated with the protocol
 * validators, the comm fetch round trip, and progress displays. Known answers from babeltrace2 2.0.4:
 * 28,325 `sched_switch` events; thread 4297 (lttng-consumerd) is woken at 1457113582794565804 (sched_waking on
 * CPU 2) and switched in on CPU 5 at 1457113582794569892; the trace spans 1457113582794565804 –
 * 1457113583227228162.
 */
import { join } from 'node:path';
import { createCellApi, toRichValue } from '../../src/kernel-bridge/api';
import type { IDisplayPublisher, Trace } from '../../src/kernel-bridge/api';
import { attachViewComm, viewStore } from '../../src/kernel-bridge/views';
import type { TimeGraphView } from '../../src/kernel-bridge/views';
import {
  CRITICALPATH_MIME_TYPE,
  TIMEGRAPH_MIME_TYPE,
  validateCommReply,
  validateCriticalPathPayload,
  validateTimeGraphPayload
} from '../../src/protocol';
import type { ITimeGraphFetchReply, ITimeGraphPayload, TracelabCommReply } from '../../src/protocol';

const TRACE = join(process.cwd(), '..', 'shared', 'traces', 'tracecompass', 'many-threads');
const START = 1457113582794565804n;
const END = 1457113583227228162n;

interface ISent {
  type: string;
  text: string;
}

function recorder(): IDisplayPublisher & { sent: ISent[] } {
  const sent: ISent[] = [];
  return {
    sent,
    display: (type, content) => sent.push({ type, text: String(content.data['text/plain']) }),
    clear: () => undefined
  };
}

const pub = recorder();
const api = createCellApi(pub, 'test');
let t: Trace;
let cf: TimeGraphView;

beforeAll(async () => {
  t = await api.tracelab.open(TRACE);
  cf = t.controlFlow();
}, 120_000);

afterAll(() => t?.close());

describe('tables', () => {
  test('events: by name, with a limit, in a window; wildcards', () => {
    const all = t.events({ name: 'sched_switch' });
    expect(all.numRows).toBe(28325);
    const five = t.events({ name: 'sched_switch', limit: 5 });
    expect(five.numRows).toBe(5);
    expect(five.getChild('ts')!.get(0)).toBe(1457113582794569892n);
    expect([...five.getChild('name')!].every(n => n === 'sched_switch')).toBe(true);
    const win = t.events({ start: START, end: START + 10_000n });
    expect(win.numRows).toBeGreaterThan(0);
    for (const ts of win.getChild('ts')!) expect((ts as bigint) <= START + 10_000n).toBe(true);
    const wild = t.events({ name: 'sched_*', limit: 1000 });
    expect(new Set([...wild.getChild('name')!].map(n => String(n).slice(0, 6)))).toEqual(new Set(['sched_']));
    expect(t.events({ name: 'no_such_event' }).numRows).toBe(0);
  });

  test('thread states of tid 4297 start with the wake-up and the switch-in on CPU 5', () => {
    const ts = t.threadStates({ tid: 4297 });
    const first = ts.get(0)!.toJSON();
    expect(first).toMatchObject({
      tid: 4297,
      start: START,
      end: 1457113582794569892n,
      state: 'WAIT_FOR_CPU'
    });
    expect(ts.get(1)!.toJSON()).toMatchObject({ start: 1457113582794569892n, cpu: 5 });
  });

  test('cpu states, syscalls, cpu usage, processes and critical path have their columns', () => {
    const names = (x: { schema: { fields: { name: string }[] } }): string[] =>
      x.schema.fields.map(f => f.name);
    expect(names(t.cpuStates({ start: START, end: START + 1_000_000n }))).toEqual(
      expect.arrayContaining(['cpu', 'start', 'end', 'state'])
    );
    const sc = t.syscalls({ tid: 4297 });
    expect(sc.numRows).toBeGreaterThan(0);
    expect(names(sc)).toEqual(expect.arrayContaining(['name', 'start', 'end', 'duration', 'ret']));
    const usage = t.cpuUsage();
    expect(new Set([...usage.getChild('cpu')!].map(Number))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7]));
    const cp = t.criticalPath({ tid: 4297 });
    expect(cp.numRows).toBeGreaterThan(0);
    expect(names(cp)).toEqual(['seq', 'host', 'tid', 'name', 'start', 'end', 'state']);
    expect(() => t.criticalPath({ tid: 999_999 })).toThrow(/not in the graph/);
  });

  test('sync of a single-host experiment: the host is its own reference', () => {
    const s = t.sync();
    expect(s.numRows).toBe(1);
    expect(s.get(0)!.toJSON()).toMatchObject({ host: 'wilbrod', quality: 'reference', slope: 1 });
  });
});

describe('views', () => {
  test('control flow: valid bounded timegraph bundle with SVG and text', () => {
    const b = toRichValue(cf).data as Record<string, unknown>;
    expect(Object.keys(b).sort()).toEqual(['image/svg+xml', 'text/plain', TIMEGRAPH_MIME_TYPE].sort());
    const v = validateTimeGraphPayload(b[TIMEGRAPH_MIME_TYPE]);
    expect(v.ok ? [] : v.errors).toEqual([]);
    const p = b[TIMEGRAPH_MIME_TYPE] as ITimeGraphPayload;
    expect(p.range).toEqual({ start: String(START), end: String(END) });
    expect(p.intervals.row.length).toBeLessThanOrEqual(20_000);
    // 8,805 rows sent as compact columns: the whole bundle was 1.5 MB with row objects, 0.9 MB now.
    expect(Array.isArray(p.rows)).toBe(false);
    expect(v.ok && v.value.rows).toEqual(cf.payload.rows);
    expect(JSON.stringify(b).length).toBeLessThan(1_100_000);
    expect(String(b['image/svg+xml'])).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(String(b['text/plain'])).toMatch(/^Control flow: \d+ rows, \d+ intervals over 432.662358 ms/);
    expect(p.comm).toEqual({ target: 'tracelab', handle: cf.handle });
  });

  test('control flow rows: threads under their process, 4297 labelled with its name', () => {
    const p = cf.payload;
    const row = p.rows.find(r => r.id === 't:wilbrod:4297')!;
    expect(row).toMatchObject({ kind: 'thread', tid: 4297, label: 'lttng-consumerd [4297]' });
    for (const r of p.rows) {
      if (r.kind !== 'thread' || r.pid === undefined) continue;
      expect(p.rows[r.parent]).toMatchObject({ kind: 'process', pid: r.pid });
    }
    const threads = p.rows.filter(r => r.kind === 'thread').length;
    expect(threads).toBeGreaterThan(1000);
  });

  test('resources: one row per CPU, valid payload', () => {
    const r = t.resources();
    const v = validateTimeGraphPayload(r.payload);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(r.payload.rows.map(x => x.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map(c => `CPU ${c}`));
    expect(r.payload.strings).toEqual(expect.arrayContaining(['lttng-consumerd [4297]']));
  });

  test('critical-path view: valid payload, subject is the control-flow row', () => {
    const v = t.criticalPathView({ tid: 4297 });
    const b = toRichValue(v).data as Record<string, unknown>;
    const ok = validateCriticalPathPayload(b[CRITICALPATH_MIME_TYPE]);
    expect(ok.ok ? [] : ok.errors).toEqual([]);
    expect(v.payload.subject.rowId).toBe('t:wilbrod:4297');
    expect(String(b['image/svg+xml'])).toMatch(/^<svg/);
    expect(String(b['text/plain'])).toMatch(/^Critical path of lttng-consumerd \[4297\]: \d+ segments/);
    const s = v.summary();
    const sum = v.payload.segments.end.reduce((a, e, i) => a + e - v.payload.segments.start[i], 0);
    expect(s.total).toBe(sum);
  });
});

describe('comm round trip', () => {
  function open(openData: Record<string, unknown> = {}): {
    replies: TracelabCommReply[];
    msg(d: unknown): void;
  } {
    const replies: TracelabCommReply[] = [];
    const comm: { send(d: unknown): void; onMsg?: (d: never, b: Uint8Array[]) => void } = {
      send: d => replies.push(d as TracelabCommReply)
    };
    attachViewComm(viewStore, comm as never, openData as never);
    return { replies, msg: d => void comm.onMsg!(d as never, []) };
  }

  test('a fetch at 1 ns/pixel returns the exact states of 4297 (known answer)', () => {
    const c = open();
    const req = {
      type: 'timegraph.fetch',
      requestId: 3,
      handle: cf.handle,
      range: { start: String(START), end: String(START + 20_000n) },
      resolution: '1',
      rows: ['t:wilbrod:4297', 'no-such-row'],
      maxIntervals: 1000
    };
    c.msg(req);
    expect(c.replies).toHaveLength(1);
    const v = validateCommReply(c.replies[0], cf.payload.legend.length, 0);
    expect(v.ok ? [] : v.errors).toEqual([]);
    const r = c.replies[0] as ITimeGraphFetchReply;
    expect(r).toMatchObject({ type: 'timegraph.data', requestId: 3, resolution: '0' });
    const legend = cf.payload.legend.map(l => l.id);
    expect(r.intervals.row.every(x => x === 0)).toBe(true);
    expect([r.intervals.start[0], r.intervals.end[0], legend[r.intervals.state[0]]]).toEqual([
      0,
      4088,
      'WAIT_FOR_CPU'
    ]);
    expect(r.intervals.start[1]).toBe(4088);
    expect(legend[r.intervals.state[1]]).toMatch(/^RUN_/);
  });

  test('the open data may carry a request; replies are bounded; errors are replies', () => {
    const c = open({
      type: 'timegraph.fetch',
      requestId: 1,
      handle: cf.handle,
      range: cf.payload.range,
      resolution: '1',
      rows: cf.payload.rows.slice(0, 300).map(r => r.id),
      maxIntervals: 500
    });
    const r = c.replies[0] as ITimeGraphFetchReply;
    expect(r.type).toBe('timegraph.data');
    // (the level of detail keeps at least one run per row, so a request for more rows than intervals gets more)
    expect(r.intervals.row.length).toBeLessThanOrEqual(500);
    expect(r.intervals.row.length).toBeGreaterThan(100);
    c.msg({
      type: 'timegraph.fetch',
      requestId: 2,
      handle: 'view-gone',
      range: cf.payload.range,
      resolution: '1',
      rows: [],
      maxIntervals: 5
    });
    expect(c.replies[1]).toMatchObject({
      type: 'error',
      requestId: 2,
      message: expect.stringMatching(/unknown view/)
    });
    c.msg({ type: 'timegraph.fetch', requestId: 4 });
    expect(c.replies[2]).toMatchObject({
      type: 'error',
      requestId: 4,
      message: expect.stringMatching(/bad request/)
    });
  });
});

describe('progress', () => {
  test('opening and the first analysis of an 8 MB trace show a progress display, updated in place', () => {
    const texts = pub.sent.map(s => `${s.type} ${s.text}`);
    expect(texts[0]).toMatch(/^display_data opening 1 path\(s\)/);
    expect(texts[1]).toMatch(/^update_display_data opening 1 path\(s\).*opened in [\d.]+ s/);
    expect(texts[2]).toMatch(/^display_data control flow: analysing 8\.\d MB of trace: 0%/);
    expect(texts[3]).toMatch(/^update_display_data control flow: .*100% .*done in [\d.]+ s/);
    // Later analyses of the same trace are fast: no further progress displays.
    expect(pub.sent.filter(s => s.type === 'display_data')).toHaveLength(2);
  });
});

describe('two hosts (synctraces: scp from VM1 to sshd on VM3)', () => {
  const base = join(process.cwd(), '..', 'shared', 'traces', 'tracecompass', 'synctraces');
  let two: Trace;
  beforeAll(async () => {
    two = await api.tracelab.open([join(base, 'scp_src'), join(base, 'scp_dest')]);
  }, 120_000);
  afterAll(() => two?.close());

  test('sync: VM1 is the reference, VM3 is synchronised to it from matched packets', () => {
    const rows = [...two.sync()].map(r => r.toJSON());
    expect(rows.map(r => [r.host, r.reference, r.parent])).toEqual([
      ['VM1', 'VM1', null],
      ['VM3', 'VM1', 'VM1']
    ]);
    expect(rows[1].matches).toBeGreaterThan(0);
  });

  test('views: host rows at the top; the critical path of scp crosses to sshd on VM3', () => {
    const cf = two.controlFlow();
    expect(validateTimeGraphPayload(cf.payload).ok).toBe(true);
    expect(cf.payload.rows.filter(r => r.kind === 'host').map(r => r.id)).toEqual(['h:VM1', 'h:VM3']);
    const v = two.criticalPathView({ tid: 7421, host: 'VM1' });
    const ok = validateCriticalPathPayload(v.payload);
    expect(ok.ok ? [] : ok.errors).toEqual([]);
    expect(v.payload.subject).toMatchObject({ rowId: 't:VM1:7421', host: 'VM1', tid: 7421 });
    const hosts = new Set(v.payload.segments.row.map(r => v.payload.workers[r].host));
    expect(hosts).toEqual(new Set(['VM1', 'VM3']));
    expect(v.summary().byState.map(s => s.key)).toContain('NETWORK');
  });
});
