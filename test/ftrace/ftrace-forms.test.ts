/**
 * ftrace text forms the corpus lacks, on small hand-written files (in memory): trace-cmd's plugin output for
 * sched_switch / sched_wakeup, the function tracer, trace-cmd's text function_graph (`0.123 us | f() {`), a `(tgid)`
 * column, `CPU:n [LOST k EVENTS]` lines, lines out of time order, CRLF line ends, and files that are not ftrace.
 */
import { callStacks } from '../../src/analysis/callstack';
import { openFtrace, sniffFtraceText } from '../../src/analysis/formats/ftrace';
import type { Experiment, FieldValue } from '../../src/analysis/trace/types';
import { memoryFs } from '../callstack/stub-events';

function open(text: string): Experiment {
  return openFtrace(['t.txt'], memoryFs({ 't.txt': text }));
}

function rows(exp: Experiment): [bigint, string, Record<string, FieldValue | undefined>][] {
  const out: [bigint, string, Record<string, FieldValue | undefined>][] = [];
  for (const b of exp.batches()) {
    for (let i = 0; i < b.length; i++) {
      const c = exp.eventClasses[b.classId[i]];
      const f: Record<string, FieldValue | undefined> = {};
      c.fields.forEach((fi, k) => (f[fi.name] = b.value(i, k)));
      out.push([b.ts[i], c.name, f]);
    }
  }
  return out;
}

test('trace-cmd plugin forms of sched_switch and sched_wakeup, with a tgid column', () => {
  const exp = open(
    [
      'version = 6',
      'cpus=2',
      '          <idle>-0     (    0) [001]  100.000001: sched_wakeup:         bash:1234 [120] success=1 CPU:001',
      '          <idle>-0     (    0) [001]  100.000002: sched_switch:         swapper/1:0 [120] R ==> bash:1234 [120]',
      '            bash-1234  ( 1230) [001]  100.000003: sched_switch:         bash:1234 [120] D|K ==> swapper/1:0 [120]'
    ].join('\n')
  );
  const r = rows(exp);
  expect(exp.traces[0]).toMatchObject({ format: 'ftrace', tracer: 'trace-cmd', env: { cpus: 2n } });
  expect(r.map(x => x[1])).toEqual(['sched:sched_wakeup', 'sched:sched_switch', 'sched:sched_switch']);
  expect(r[0][2]).toMatchObject({
    comm: 'bash',
    pid: 1234,
    prio: 120,
    success: 1,
    target_cpu: 1,
    common_tgid: 0
  });
  expect(r[1][2]).toMatchObject({
    prev_comm: 'swapper/1',
    prev_pid: 0,
    prev_state: { label: 'R', value: 0 },
    next_pid: 1234
  });
  expect(r[2][2]).toMatchObject({ common_tgid: 1230, prev_state: { label: 'D|K', value: 2 | 128 } });
});

test('function tracer lines, out-of-order lines (sorted stably), a LOST line, CRLF', () => {
  const exp = open(
    [
      '# tracer: function',
      '#',
      '            bash-1  [000] ....    10.000030: do_sys_open <-SyS_open',
      '            bash-1  [000] ....    10.000010: getname <-do_sys_open',
      'CPU:0 [LOST 42 EVENTS]',
      '            bash-1  [000] ....    10.000020: kmem_cache_alloc <-getname',
      ''
    ].join('\r\n')
  );
  const r = rows(exp);
  expect(r.map(x => [x[0], x[2].ip, x[2].parent_ip])).toEqual([
    [10000010000n, 'getname', 'do_sys_open'],
    [10000020000n, 'kmem_cache_alloc', 'getname'],
    [10000030000n, 'do_sys_open', 'SyS_open']
  ]);
  expect(r[0][1]).toBe('ftrace:function');
  expect(exp.losses()).toEqual([
    { traceIndex: 0, stream: 'cpu0', kind: 'events', count: 42n, start: 10000010000n, end: 10000010000n }
  ]);
});

test("trace-cmd's text function_graph becomes call stacks (durations in µs)", () => {
  const exp = open(
    [
      'cpus=1',
      '    ls-7 [000] 50.000001: funcgraph_entry:                   |  sys_open() {',
      '    ls-7 [000] 50.000002: funcgraph_entry:                   |    do_sys_open() {',
      '    ls-7 [000] 50.000003: funcgraph_entry:        0.500 us   |      getname();',
      '    ls-7 [000] 50.000010: funcgraph_exit:         8.250 us   |    } /* do_sys_open */',
      '    ls-7 [000] 50.000012: funcgraph_exit:       + 11.000 us  |  }'
    ].join('\n')
  );
  const r = rows(exp);
  expect(r[2][2]).toMatchObject({ func: 'getname', depth: 2, duration: 500 });
  expect(r[3][2]).toMatchObject({ func: 'do_sys_open', depth: 1, duration: 8250 });
  expect(r[4][2]).toMatchObject({ depth: 0, duration: 11000 });
  const cs = callStacks(exp);
  expect(cs.list().map(f => [f.depth, f.symbol, f.start, f.end])).toEqual([
    [0, 'sys_open', 50000001000n, 50000012000n],
    [1, 'do_sys_open', 50000001750n, 50000010000n],
    [2, 'getname', 50000003000n, 50000003500n]
  ]);
});

test('sniffing by content', () => {
  const ftrace =
    '# tracer: nop\n#\n    sh-1 [000] d..1  1.000000: sched_wakeup: comm=a pid=2 prio=120 target_cpu=000\n';
  expect(sniffFtraceText(ftrace, true)).toBe(true);
  expect(sniffFtraceText('ts,cpu,event\n1,0,sched_switch\n2,0,sched_switch\n', true)).toBe(false);
  expect(sniffFtraceText('<trace>\n<event timestamp="1" name="x"/>\n</trace>\n', true)).toBe(false);
  expect(sniffFtraceText('{"traceEvents": []}', true)).toBe(false);
  expect(sniffFtraceText('', true)).toBe(false);
});
