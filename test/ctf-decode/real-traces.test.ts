/**
 * Real traces of the shared corpus through `openExperiment`: event counts equal to babeltrace2's (the counts in
 * `../shared/traces/README.md`, and Trace Compass's for the traces babeltrace2 refuses or cannot merge), field
 * values and timestamps of sample events equal to what babeltrace2 2.0.4 prints for them, trace descriptions,
 * CPU sources, losses, seeks and the error after the good events.
 */
import * as path from 'node:path';
import { openExperiment } from '../../src/analysis/trace/open';
import { TraceDataError } from '../../src/analysis/trace/types';
import type { Experiment } from '../../src/analysis/trace/types';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const tc = (p: string) => path.join(TRACES, 'tracecompass', p);
const bt = (p: string) => path.join(TRACES, 'babeltrace2', 'ctf-traces', p);

function count(x: Experiment): number {
  let n = 0;
  for (const b of x.batches()) n += b.length;
  return n;
}

/** Events [from, from + n) as `ts name {fields}` lines. */
function sample(x: Experiment, from: number, n: number): string[] {
  const out: string[] = [];
  let k = 0;
  for (const b of x.batches()) {
    for (let i = 0; i < b.length; i++, k++) {
      if (k < from) continue;
      if (k >= from + n) return out;
      const c = x.eventClasses[b.classId[i]];
      const f = c.fields.map(
        (fi, j) =>
          `${fi.name}=${JSON.stringify(b.value(i, j), (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`
      );
      out.push(`${b.ts[i]} cpu${b.cpu[i]} ${c.name} ${f.join(' ')}`);
    }
  }
  return out;
}

describe('real traces', () => {
  test.each([
    ['tracecompass/many-threads', tc('many-threads'), 240644],
    ['tracecompass/bug446190', tc('bug446190'), 31556],
    ['tracecompass/flipping-endianness', tc('flipping-endianness'), 14310],
    ['tracecompass/perf-taskset2', tc('perf-taskset2'), 1500],
    ['tracecompass/ros2', tc('ros2'), 99338],
    ['tracecompass/dpdk_service_cores', tc('dpdk_service_cores'), 66464],
    ['tracecompass/mpi_gather', tc('mpi_gather'), 682],
    ['tracecompass/hello-lost (babeltrace2 stops after 38)', tc('hello-lost'), 32300],
    ['tracecompass/synctraces/scp_src (babeltrace2 stops)', tc('synctraces/scp_src'), 110771],
    ['tracecompass/synctraces/scp_dest (babeltrace2 stops)', tc('synctraces/scp_dest'), 85729],
    ['tracecompass/funky_trace (babeltrace2 refuses)', tc('funky_trace'), 100002],
    ['tracecompass/ctfwriter_JF8nq3 (babeltrace2 refuses)', tc('ctfwriter_JF8nq3'), 100003],
    ['tracecompass/CTF2-7.0-succeed1', tc('CTF2-7.0-succeed1'), 7809],
    ['babeltrace2/succeed/lttng-tracefile-rotation', bt('succeed/lttng-tracefile-rotation/kernel'), 12305],
    ['babeltrace2/succeed/trace-with-index', bt('succeed/trace-with-index'), 4000],
    ['recorded/django-poll/ctf', path.join(TRACES, 'recorded/django-poll/ctf'), 24924]
  ])('%s: %i events', (_label, dir, n) => {
    const x = openExperiment([dir]);
    expect(count(x)).toBe(n);
    x.close();
  });

  it('decodes events exactly as babeltrace2 prints them (timestamps in ns from origin, fields)', () => {
    const mt = openExperiment([tc('many-threads')]);
    expect(sample(mt, 0, 2)).toEqual([
      '1457113582794565804 cpu2 sched_waking comm="lttng-consumerd" tid=4297 prio=20 target_cpu=5',
      '1457113582794567672 cpu2 sched_wakeup comm="lttng-consumerd" tid=4297 prio=20 target_cpu=5'
    ]);
    // babeltrace2 line 120000: { clone_flags = 0x3D0F00, newsp = 0x7FD96739BFF0, parent_tid = 0x7FD96739C9D0, ... }
    expect(sample(mt, 119999, 1)).toEqual([
      '1457113583018922160 cpu2 syscall_entry_clone clone_flags=4001536 newsp=140571716468720 parent_tid=140571716471248 child_tid=140571716471248'
    ]);
    expect(sample(openExperiment([tc('flipping-endianness')]), 0, 2)).toEqual([
      '1417383672250167676 cpu0 irq_handler_entry irq=23 name="timer"',
      '1417383672250827587 cpu0 irq_handler_exit irq=23 ret=1'
    ]);
    expect(sample(openExperiment([tc('ros2')]), 0, 1)).toEqual([
      '1649361408569332756 cpu6 ros2:rcl_init vtid=427930 vpid=427930 procname="source" context_handle=94511450139792 version="4.1.0"'
    ]);
    expect(sample(openExperiment([tc('dpdk_service_cores')]), 0, 1)).toEqual([
      '1680032021162780159 cpu1 lib.eal.thread.lcore.ready lcore_id=1 cpuset="1"'
    ]);
  });

  it('describes traces: format, host, domain, tracer; CPU from cpu_id or perf_cpu', () => {
    const mt = openExperiment([tc('many-threads')]);
    expect(mt.traces[0]).toMatchObject({
      format: 'ctf',
      hostname: 'wilbrod',
      domain: 'kernel',
      tracer: 'lttng-modules 2.8.0',
      streams: 8
    });
    expect(mt.streamName(3)).toBe('many-threads/channel0_3');
    const perf = openExperiment([tc('perf-taskset2')]);
    expect(perf.traces[0].format).toBe('perf-ctf');
    const cpus = new Map<number, number>();
    for (const b of perf.batches()) {
      const f = perf.eventClasses[b.classId[0]].fieldIndex('perf_cpu');
      for (let i = 0; i < b.length; i++) {
        const g = perf.eventClasses[b.classId[i]].fieldIndex('perf_cpu');
        expect(b.cpu[i]).toBe(b.int(i, g));
        cpus.set(b.cpu[i], (cpus.get(b.cpu[i]) ?? 0) + 1);
      }
      void f;
    }
    expect([...cpus.keys()].sort()).toEqual([0, 1, 3]);
    const rec = openExperiment([path.join(TRACES, 'recorded/django-poll/ctf')]);
    expect(rec.traces[0]).toMatchObject({ format: 'perf-ctf', tracer: 'perf' });
    const first = rec.batches()[Symbol.iterator]().next().value;
    expect(first && first.cpu[0]).toBeGreaterThanOrEqual(0);
  });

  it('opens an LTTng session folder (kernel + ust) as one experiment', () => {
    const x = openExperiment([bt('succeed/multi-domains')]);
    expect(x.traces.map(t => t.domain).sort()).toEqual(['kernel', 'ust']);
    expect(count(x)).toBe(4272);
  });

  it('reports discarded events (hello-lost: 32,300 read + 967,700 discarded)', () => {
    const x = openExperiment([tc('hello-lost')]);
    expect(count(x)).toBe(32300);
    const lost = x
      .losses()
      .filter(l => l.kind === 'events')
      .reduce((s, l) => s + l.count, 0n);
    expect(lost).toBe(967700n);
  });

  it('seeks: a read from any start time equals the tail of the full read', () => {
    const x = openExperiment([tc('many-threads')]);
    const all: bigint[] = [];
    for (const b of x.batches()) all.push(...b.ts);
    const range = x.timeRange();
    expect(range).toEqual({ start: all[0], end: all.reduce((m, t) => (t > m ? t : m), all[0]) });
    for (const k of [1, 1000, 120000, 240000]) {
      const start = all[k];
      const got: bigint[] = [];
      for (const b of x.batches({ start })) got.push(...b.ts);
      const want = all.filter(t => t >= start);
      expect(got.length).toBe(want.length);
      expect(got[0]).toBe(want[0]);
      expect(got[got.length - 1]).toBe(want[want.length - 1]);
    }
  });

  it('valid-events-then-invalid-events: yields its 2 events, then a TraceDataError naming file and offset', () => {
    const x = openExperiment([bt('../ctf-traces/fail/valid-events-then-invalid-events')]);
    let n = 0;
    let err: unknown;
    try {
      for (const b of x.batches()) n += b.length;
    } catch (e) {
      err = e;
    }
    expect(n).toBe(2);
    expect(err).toBeInstanceOf(TraceDataError);
    expect((err as TraceDataError).file).toMatch(/valid-events-then-invalid-events\/trace\/dummystream$/);
    expect((err as TraceDataError).offset).toBe(2);
    expect((err as Error).message).toMatch(/unknown event class id 255/);
  });
});
