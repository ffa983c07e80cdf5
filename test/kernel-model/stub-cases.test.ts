/**
 * The kernel model on small stub traces with answers worked out by hand:
 * - graph/sched_only.xml (Trace Compass's execution-graph case: tid 1 preempted/running/preempted, tid 2
 *   running/blocked/running);
 * - graph/simple_network_client.xml: an IRQ, a raised then running NET_RX softirq, a wake-up from it, a syscall;
 * - the experiment {simple_network_server.xml, simple_network_client.xml}: two hosts kept apart;
 * - a hand-written perf-style stub exercising the inferences for imperfect traces (a task appearing on a CPU
 *   without a switch, a missed switch, perf_tid = -1 on a dying thread's last switch, a trace starting
 *   mid-syscall).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Table } from 'apache-arrow';
import { openXmlStubExperiment } from '../../src/analysis/formats/xml-stub';
import { analyze, kernelModel } from '../../src/analysis/kernel';
import { checkInvariants } from './invariants';

const GRAPH = path.join(
  process.cwd(),
  '..',
  'shared',
  'traces',
  'tracecompass-stubs',
  'lttng2.kernel.core.tests',
  'graph'
);
type Row = Record<string, unknown>;
const rowsOf = (t: Table): Row[] => t.toArray().map(r => r.toJSON() as Row);
const states = (t: Table, tid: number): string[] =>
  rowsOf(t)
    .filter(r => r.tid === tid)
    .map(r => `${r.start}-${r.end}:${r.state}${r.syscall ? `:${r.syscall}` : ''}`);

test('sched_only.xml: tid 1 and tid 2', () => {
  const exp = openXmlStubExperiment([path.join(GRAPH, 'sched_only.xml')]);
  const t = analyze('thread-states', exp);
  expect(states(t, 1)).toEqual([
    '10-20:WAIT_FOR_CPU',
    '20-30:RUN_USERMODE',
    '30-40:WAIT_FOR_CPU',
    '40-41:RUN_USERMODE'
  ]);
  expect(states(t, 2)).toEqual([
    '10-20:RUN_USERMODE',
    '20-30:WAIT_BLOCKED',
    '30-40:RUN_USERMODE',
    '40-41:WAIT_FOR_CPU'
  ]);
});

describe('simple_network_client.xml: interrupts', () => {
  const exp = openXmlStubExperiment([path.join(GRAPH, 'simple_network_client.xml')]);

  test('irqs: IRQ 5 (mywifi) [50,53), NET_RX raised [52,60) and run [60,72), all interrupting tid 201', () => {
    const rows = rowsOf(analyze('irqs', exp)).map(
      r => `${r.kind}:${r.irq}:${r.name}:${r.start}-${r.end}:${r.tid}`
    );
    expect(rows.sort()).toEqual([
      'irq:5:mywifi:50-53:201',
      'softirq:3:NET_RX:60-72:201',
      'softirq_raised:3:NET_RX:52-60:201'
    ]);
  });

  test('CPU 0 and thread 201 during the interrupts; the wake-up from the softirq; the read syscall', () => {
    const cpu = rowsOf(analyze('cpu-states', exp, { start: 45n, end: 80n })).map(
      r => `${r.start}-${r.end}:${r.state}:${r.tid}:${r.irq}`
    );
    expect(cpu).toEqual([
      '15-50:RUN_USERMODE:201:null',
      '50-53:IRQ:201:5',
      '53-60:RUN_USERMODE:201:null',
      '60-72:SOFTIRQ:201:3',
      '72-75:RUN_USERMODE:201:null',
      '75-80:RUN_USERMODE:200:null',
      '80-83:RUN_SYSCALL:200:null'
    ]);
    const t = analyze('thread-states', exp);
    expect(states(t, 201)).toEqual([
      '7-10:RUN_USERMODE',
      '10-15:WAIT_FOR_CPU',
      '15-50:RUN_USERMODE',
      '50-53:INTERRUPTED',
      '53-60:RUN_USERMODE',
      '60-72:INTERRUPTED',
      '72-75:RUN_USERMODE',
      '75-96:WAIT_FOR_CPU'
    ]);
    expect(states(t, 200)).toEqual([
      '10-15:RUN_USERMODE',
      '15-70:WAIT_BLOCKED',
      '70-75:WAIT_FOR_CPU',
      '75-80:RUN_USERMODE',
      '80-83:RUN_SYSCALL:read',
      '83-95:RUN_USERMODE',
      '95-96:WAIT_FOR_CPU'
    ]);
    expect(rowsOf(analyze('sched-latency', exp)).map(r => `${r.tid}:${r.start}-${r.end}`)).toEqual([
      '200:70-75',
      '202:90-95'
    ]);
    expect(
      rowsOf(analyze('syscalls', exp)).map(r => `${r.tid}:${r.name}:${r.start}-${r.end}:${r.ret}`)
    ).toEqual(['200:read:80-83:10']);
  });
});

test('an experiment of two hosts keeps them apart', () => {
  const server = path.join(GRAPH, 'simple_network_server.xml');
  const client = path.join(GRAPH, 'simple_network_client.xml');
  const exp = openXmlStubExperiment([server, client]);
  const model = kernelModel(exp);
  expect(model.hosts.map(h => h.name)).toEqual(['simple_network_server.xml', 'simple_network_client.xml']);
  const procs = rowsOf(analyze('processes', exp)).map(r => `${r.host}:${r.tid}:${r.name}`);
  expect(procs.sort()).toEqual([
    'simple_network_client.xml:200:client',
    'simple_network_client.xml:201:other',
    'simple_network_client.xml:202:depClient',
    'simple_network_server.xml:100:server',
    'simple_network_server.xml:101:other'
  ]);
  const cpus = new Set(rowsOf(analyze('cpu-states', exp)).map(r => `${r.host}:${r.cpu}`));
  expect(cpus).toEqual(new Set(['simple_network_server.xml:1', 'simple_network_client.xml:0']));
  expect(
    rowsOf(analyze('thread-states', exp, { host: 'simple_network_server.xml' })).every(
      r => (r.tid as number) < 200
    )
  ).toBe(true);
  expect(model.hosts.map(h => [h.firstTime, h.lastTime])).toEqual([
    [5n, 55n],
    [5n, 95n]
  ]);
  expect(checkInvariants(exp, model).problems).toEqual([]);
});

describe('a perf-style trace with missing events', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-perf-stub-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ev = (
    t: number,
    name: string,
    cpu: number,
    tid: number,
    fields: Record<string, number | string> = {}
  ): string =>
    `<event timestamp="${t}" name="${name}"><field name="cpu" type="int" value="${cpu}"/>` +
    `<field name="perf_tid" type="long" value="${tid}"/><field name="perf_pid" type="long" value="${tid < 0 ? 9 : tid}"/>` +
    `<field name="common_pid" type="long" value="${tid < 0 ? 9 : tid}"/>` +
    Object.entries(fields)
      .map(
        ([k, v]) => `<field name="${k}" type="${typeof v === 'number' ? 'long' : 'string'}" value="${v}"/>`
      )
      .join('') +
    '</event>';
  const sw = (t: number, cpu: number, hint: number, prev: number, state: number, next: number): string =>
    ev(t, 'sched:sched_switch', cpu, hint, {
      prev_comm: `p${prev}`,
      prev_pid: prev,
      prev_prio: 120,
      prev_state: state,
      next_comm: `p${next}`,
      next_pid: next,
      next_prio: 120
    });

  function open(): ReturnType<typeof openXmlStubExperiment> {
    const file = path.join(dir, 'perf.xml');
    fs.writeFileSync(
      file,
      '<trace>' +
        [
          ev(5, 'syscalls:sys_exit_read', 0, 9, { ret: 4 }), // trace starts inside 9's read on CPU 0
          sw(10, 1, 5, 5, 1, 0), // CPU 1: 5 blocks, idle
          ev(20, 'syscalls:sys_enter_read', 1, 7), // 7 appears on CPU 1 without a switch (invisible idle exit)
          ev(25, 'syscalls:sys_exit_read', 1, 7, { ret: 3 }),
          sw(30, 1, 7, 7, 1, 0),
          ev(35, 'timer:hrtimer_expire_entry', 0, 11), // CPU 0 now runs 11: the switch 9 -> 11 was missed
          ev(40, 'sched:sched_waking', 0, 11, { comm: 'p9', pid: 9, prio: 120, target_cpu: 0 }),
          sw(45, 0, 11, 11, 0, 9),
          sw(50, 0, -1, 9, 32, 0) // 9's last switch: perf_tid = -1, common_pid = 9, prev_state Z (dead)
        ].join('') +
        '</trace>'
    );
    return openXmlStubExperiment([file]);
  }

  test('thread states', () => {
    const t = analyze('thread-states', open());
    expect(states(t, 9)).toEqual([
      '5-35:RUN_USERMODE',
      '35-40:WAIT_UNKNOWN',
      '40-45:WAIT_FOR_CPU',
      '45-50:RUN_USERMODE'
    ]);
    expect(states(t, 7)).toEqual(['20-25:RUN_SYSCALL:read', '25-30:RUN_USERMODE', '30-51:WAIT_BLOCKED']);
    expect(states(t, 11)).toEqual(['35-45:RUN_USERMODE', '45-51:WAIT_FOR_CPU']);
    expect(states(t, 5)).toEqual(['10-51:WAIT_BLOCKED']);
  });

  test('CPU states, syscalls, latency, and the invariants', () => {
    const exp = open();
    const cpu = rowsOf(analyze('cpu-states', exp)).map(
      r => `${r.cpu}:${r.start}-${r.end}:${r.state}:${r.tid}`
    );
    expect(cpu.filter(c => c.startsWith('1:'))).toEqual([
      '1:5-10:UNKNOWN:null',
      '1:10-20:IDLE:0',
      '1:20-25:RUN_SYSCALL:7',
      '1:25-30:RUN_USERMODE:7',
      '1:30-51:IDLE:0'
    ]);
    expect(cpu.filter(c => c.startsWith('0:'))).toEqual([
      '0:5-35:RUN_USERMODE:9',
      '0:35-45:RUN_USERMODE:11',
      '0:45-50:RUN_USERMODE:9',
      '0:50-51:IDLE:0'
    ]);
    // the read in flight at the start has no entry: no row; 7's read does
    expect(
      rowsOf(analyze('syscalls', exp)).map(r => `${r.tid}:${r.name}:${r.start}-${r.end}:${r.ret}`)
    ).toEqual(['7:read:20-25:3']);
    expect(rowsOf(analyze('sched-latency', exp)).map(r => `${r.tid}:${r.start}-${r.end}`)).toEqual([
      '9:40-45'
    ]);
    const p9 = rowsOf(analyze('processes', exp, { tid: 9 }))[0];
    expect([p9.pid, p9.end]).toEqual([9, 50n]);
    const report = checkInvariants(exp, kernelModel(exp));
    expect(report.problems).toEqual([]);
    // the missed switch was corrected at 35 by the timer event's tid, before the switch at 45 (which agrees)
    expect(report.corrected).toBe(0);
  });
});
