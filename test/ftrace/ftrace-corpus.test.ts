/**
 * The ftrace text corpus (`../shared/traces/ftrace-text/`, Trace Compass incubator test files): every file is
 * detected by content and read without error; event counts are checked against lines counted independently
 * (a plain `task-pid [cpu]` pattern per line, and per-event-name greps), and fields of chosen lines against the
 * text of those lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callStacks } from '../../src/analysis/callstack';
import { ftraceFormat, openFtrace } from '../../src/analysis/formats/ftrace';
import { findFormat } from '../../src/analysis/formats';
import { nodeFileSystem } from '../../src/analysis/io/byte-source';
import { detectLayout, SLOTS } from '../../src/analysis/kernel/layout';
import type { EventBatch, Experiment, FieldValue } from '../../src/analysis/trace/types';
import { tracePath } from '../helpers/traces';

const DIR = tracePath('ftrace-text');
const FILES = fs
  .readdirSync(DIR)
  .filter(f => f !== 'SOURCE.txt')
  .sort();

interface Ev {
  ts: bigint;
  cpu: number;
  name: string;
  f: Record<string, FieldValue | undefined>;
}

function readAll(exp: Experiment): Ev[] {
  const out: Ev[] = [];
  for (const b of exp.batches()) for (let i = 0; i < b.length; i++) out.push(toEv(exp, b, i));
  return out;
}

function toEv(exp: Experiment, b: EventBatch, i: number): Ev {
  const c = exp.eventClasses[b.classId[i]];
  const f: Record<string, FieldValue | undefined> = {};
  c.fields.forEach((fi, k) => (f[fi.name] = b.value(i, k)));
  return { ts: b.ts[i], cpu: b.cpu[i], name: c.name, f };
}

const lines = (file: string): string[] => fs.readFileSync(path.join(DIR, file), 'utf8').split('\n');
const EVENT_LINE = /^\s*\S.*-\d+\s+\[\d{3}\]\s/;

describe.each(FILES)('%s', file => {
  const p = path.join(DIR, file);
  const exp = openFtrace([p]);
  const events = readAll(exp);
  afterAll(() => exp.close());

  test('is detected as ftrace text by content', () => {
    expect(ftraceFormat.sniff(p, nodeFileSystem)).toBe(true);
  });

  test('one event per event line, in time order, first and last timestamps as printed', () => {
    const evLines = lines(file).filter(l => EVENT_LINE.test(l));
    expect(events.length).toBe(evLines.length);
    for (let i = 1; i < events.length; i++) expect(events[i].ts >= events[i - 1].ts).toBe(true);
    const stamp = (l: string): bigint => BigInt(/ (\d+)\.(\d{6}):/.exec(l)!.slice(1).join('')) * 1000n;
    expect(exp.timeRange()).toEqual({ start: stamp(evLines[0]), end: stamp(evLines[evLines.length - 1]) });
  });

  test('per-event counts match greps of the printed names', () => {
    const count = (name: string): number => events.filter(e => e.name === name).length;
    const grep = (re: RegExp): number => lines(file).filter(l => EVENT_LINE.test(l) && re.test(l)).length;
    expect(count('sched:sched_switch')).toBe(grep(/: sched_switch: /));
    expect(count('sched:sched_wakeup')).toBe(grep(/: sched_wakeup: /));
    expect(count('irq:softirq_entry')).toBe(grep(/: softirq_entry: /));
    expect(count('raw_syscalls:sys_enter')).toBe(grep(/: sys_enter: /));
    expect(count('ftrace:funcgraph_exit')).toBe(grep(/: funcgraph_exit: /));
    const tracer = events.filter(e => e.name.startsWith('syscalls:sys_enter_')).length;
    expect(tracer).toBe(grep(/\d: sys_\w+\(/));
  });
});

describe('fields of chosen lines', () => {
  const all = (file: string): Ev[] => {
    const exp = openFtrace([path.join(DIR, file)]);
    try {
      return readAll(exp);
    } finally {
      exp.close();
    }
  };

  test('sched_switch with a space in a comm (trace-critical-path, 26186.336716)', () => {
    const e = all('trace-critical-path').find(
      x => x.name === 'sched:sched_switch' && x.ts === 26186336716000n
    )!;
    expect(e.cpu).toBe(3);
    expect(e.f).toMatchObject({
      common_comm: 'Web Content',
      common_pid: 2711,
      common_flags: 'd...',
      prev_comm: 'Web Content',
      prev_pid: 2711,
      prev_prio: 120,
      prev_state: { label: 'S', value: 1 },
      next_comm: 'CompositorTileW',
      next_pid: 3490,
      next_prio: 120
    });
  });

  test('prev_state R+ (preempted) and hex / unit-suffixed values (ftrace_syscalls.txt)', () => {
    const ev = all('ftrace_syscalls.txt');
    const rplus = ev.find(x => x.name === 'sched:sched_switch' && x.ts === 395708272000n)!;
    expect(rplus.f.prev_state).toEqual({ label: 'R+', value: 2048 });
    const rt = ev.find(x => x.name === 'sched:sched_stat_runtime' && x.ts === 395708271000n)!;
    expect(rt.f).toMatchObject({ comm: 'kworker/u32:4', pid: 184, runtime: 54322, vruntime: 60776986288 });
  });

  test('the syscall tracer: bare-hex arguments and signed hex returns (395.705679 / .705681)', () => {
    const ev = all('ftrace_syscalls.txt');
    const ioctl = ev.find(x => x.name === 'syscalls:sys_enter_ioctl')!;
    expect(ioctl.f).toMatchObject({ common_pid: 4083, fd: 0xff, cmd: 0x5410, arg: 0x7ffe0babe8fc });
    const recv = ev.find(x => x.name === 'syscalls:sys_exit_recvmsg' && x.ts === 395705681000n)!;
    expect(recv.f.ret).toBe(-11);
    const fork = ev.find(x => x.name === 'sched:sched_process_fork')!;
    expect(fork.f).toMatchObject({
      parent_comm: 'bash',
      parent_pid: 4065,
      child_comm: 'bash',
      child_pid: 4084
    });
  });

  test('raw syscalls, softirq actions, irq handlers (trace-android-sched-irq-syscall)', () => {
    const ev = all('trace-android-sched-irq-syscall');
    expect(ev[0]).toMatchObject({ name: 'raw_syscalls:sys_enter', cpu: 1 });
    expect(ev[0].f).toMatchObject({ common_comm: 'Binder:2030_3', common_pid: 2053, id: 172 });
    expect(ev[0].f.args).toEqual([0x29, 0xc350, 0x805, 0xffffffff, 0x81, 0xa508c6e8]);
    expect(ev[1].f).toMatchObject({ id: 172, ret: 0 });
    const soft = ev.find(x => x.name === 'irq:softirq_entry')!;
    expect(soft.f).toMatchObject({ vec: expect.any(Number), action: expect.any(String) });
    const irq = ev.find(x => x.name === 'irq:irq_handler_entry')!;
    expect(irq.f).toMatchObject({ irq: 18, name: 'goldfish_pipe' });
  });
});

describe('kernel model compatibility (perf layout)', () => {
  test.each(FILES.filter(f => f !== 'trace-func-graph'))(
    '%s: the perf layout finds every field it reads',
    file => {
      const exp = openFtrace([path.join(DIR, file)]);
      const layout = detectLayout(exp.eventClasses.map(c => c.name))!;
      expect(layout.id).toBe('perf');
      for (const c of exp.eventClasses) {
        expect(layout.currentTid.some(n => c.fieldIndex(n) >= 0)).toBe(true);
        const role = layout.role(c.name);
        if (role === undefined) continue;
        const slots = SLOTS[role.kind];
        layout.fields[role.kind].forEach((name, k) => {
          // The syscall tracer's named events carry no syscall number (the name says it); every other slot resolves.
          if (name === '' || (role.syscall !== undefined && slots[k] === 'id')) return;
          expect([c.name, name, c.fieldIndex(name) >= 0]).toEqual([c.name, name, true]);
        });
      }
      exp.close();
    }
  );
});

describe('function_graph call stacks (trace-func-graph, trace-cmd raw funcgraph events)', () => {
  test('the stack of sleep-11811 inside the call that returned at rettime 0xa9a8c8a58d6', () => {
    const exp = openFtrace([path.join(DIR, 'trace-func-graph')]);
    const cs = callStacks(exp);
    exp.close();
    // Lines 4-16: entry 0xffffffffbaabd8a0 depth 0, entry 0xffffffffbac01fb0 depth 0 (so the first call's exit
    // is not in the trace), entries 0x...ba47ed50 / ba4e8fb0 / ba4e8f50 at depths 1-3, then the exit at depth 3
    // with calltime 0xa9a8c8a5883, rettime 0xa9a8c8a58d6.
    const st = cs.stackAt(11811, 0xa9a8c8a5890n);
    expect(st.map(f => [f.depth, f.address])).toEqual([
      [0, 0xffffffffbac01fb0n],
      [1, 0xffffffffba47ed50n],
      [2, 0xffffffffba4e8fb0n],
      [3, 0xffffffffba4e8f50n]
    ]);
    expect([st[3].start, st[3].end]).toEqual([0xa9a8c8a5883n, 0xa9a8c8a58d6n]);
    expect([st[1].start, st[1].end]).toEqual([0xa9a8c8a564an, 0xa9a8c8a5b53n]);
    const first = cs.list(f => f.thread.tid === 11811)[0];
    expect([first.address, first.endKnown, first.symbol]).toEqual([
      0xffffffffbaabd8a0n,
      false,
      '0xffffffffbaabd8a0'
    ]);
    const entries = lines('trace-func-graph').filter(l => / funcgraph_entry: /.test(l)).length;
    expect(cs.length).toBe(entries);
  });
});

test('the format registry picks ftrace for every ftrace file, and not for its SOURCE.txt', () => {
  for (const f of FILES) expect(findFormat(path.join(DIR, f), nodeFileSystem)?.id).toBe('ftrace');
  expect(findFormat(path.join(DIR, 'SOURCE.txt'), nodeFileSystem)).toBeUndefined();
});
