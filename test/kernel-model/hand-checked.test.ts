/**
 * Hand-checked answers on real traces, each derived from the raw events (babeltrace2 --clock-seconds output,
 * quoted in the comments) or from the ground truth the recording programs logged:
 * - many-threads (LTTng 2.8): thread 2674, a short-lived "fluffy" thread of process 2673;
 * - bug446190 (LTTng 2.5, old `sys_*`/`exit_syscall` names): klogd (275), from its statedump to blocking in syslog;
 * - recorded/login (perf): the process tree against `process-events.tsv`;
 * - recorded/mpi-imbalance (perf): rank 1's busy-wait in MPI_Barrier against `ranks.tsv`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from 'apache-arrow';
import { analyze, busyWaitSegments, cpuUsage, kernelModel } from '../../src/analysis/kernel';
import { openExperiment } from '../../src/analysis/trace/open';

const T = path.join(process.cwd(), '..', 'shared', 'traces');
type Row = Record<string, unknown>;
const rowsOf = (t: Table): Row[] => t.toArray().map(r => r.toJSON() as Row);
const fmt = (r: Row, base: bigint): string =>
  `${(r.start as bigint) - base}-${(r.end as bigint) - base} ${r.state} ${r.syscall ?? '-'} cpu=${r.cpu ?? '-'}`;

describe('many-threads: thread 2674', () => {
  // [..815129067] sched_process_fork cpu 2: parent 2673 (in clone), child_tid 2674, child_pid 2673
  // [..815141384] sched_switch cpu 7: swapper/7 -> 2674      [..815142719] syscall_exit_clone cpu 7 ret 0
  // [..815144786] syscall_entry_set_robust_list cpu 7         [..815145139] syscall_exit_set_robust_list ret 0
  // [..815371389] syscall_entry_madvise cpu 7                 [..815374557] syscall_exit_madvise ret 0
  // [..815375094] syscall_entry_exit cpu 7                    [..815379488] sched_process_exit tid 2674
  // [..815386967] sched_switch cpu 7: fluffy 2674 prev_state 64 (TASK_DEAD) -> swapper/7
  const exp = openExperiment([path.join(T, 'tracecompass/many-threads')]);
  const base = 1457113582815000000n;

  test('states', () => {
    const rows = rowsOf(analyze('thread-states', exp, { tid: 2674 }));
    expect(rows.map(r => fmt(r, base))).toEqual([
      '129067-141384 WAIT_FOR_CPU clone cpu=-',
      '141384-142719 RUN_SYSCALL clone cpu=7',
      '142719-144786 RUN_USERMODE - cpu=7',
      '144786-145139 RUN_SYSCALL set_robust_list cpu=7',
      '145139-371389 RUN_USERMODE - cpu=7',
      '371389-374557 RUN_SYSCALL madvise cpu=7',
      '374557-375094 RUN_USERMODE - cpu=7',
      '375094-386967 RUN_SYSCALL exit cpu=7'
    ]);
    expect(new Set(rows.map(r => `${r.pid}/${r.name}`))).toEqual(new Set(['2673/multithread']));
  });

  test('process row: forked by 2673, exit at 379488, gone at its last switch, named fluffy by then', () => {
    const [p] = rowsOf(analyze('processes', exp, { tid: 2674 }));
    expect(p).toMatchObject({ pid: 2673, ppid: 2673, name: 'fluffy', forked: true });
    expect([(p.start as bigint) - base, (p.exit as bigint) - base, (p.end as bigint) - base]).toEqual([
      129067n,
      379488n,
      386967n
    ]);
  });

  test('syscalls (the inherited clone has no entry in this thread: no row)', () => {
    const rows = rowsOf(analyze('syscalls', exp, { tid: 2674 }));
    expect(rows.map(r => `${r.name} ${(r.start as bigint) - base} ${r.duration} ${r.ret}`)).toEqual([
      'set_robust_list 144786 353 0',
      'madvise 371389 3168 0'
    ]);
  });
});

describe('bug446190: klogd (275)', () => {
  // [..61.238533139] lttng_statedump_process_state tid 275 pid 275 ppid 1 "klogd" status 5 (WAIT)
  // [..61.258129539] sched_wakeup tid 275 target_cpu 2
  // [..61.258144739] sched_switch cpu 2: swapper/2 -> klogd
  // [..61.258213339] sys_gettimeofday   [..61.258216539] exit_syscall ret 0
  // [..61.258250139] sys_send len 86     [..61.258280139] exit_syscall ret 86
  // [..61.258284139] sys_syslog          [..61.258306339] sched_switch cpu 2: klogd prev_state 1 -> swapper/2
  // last event of the trace: [..67.217750839]
  const exp = openExperiment([path.join(T, 'tracecompass/bug446190')]);
  const base = 1412670961000000000n;

  test('states from the statedump to the end of the trace', () => {
    const rows = rowsOf(analyze('thread-states', exp, { tid: 275 }));
    expect(rows.map(r => fmt(r, base))).toEqual([
      '238533139-258129539 WAIT_UNKNOWN - cpu=-',
      '258129539-258144739 WAIT_FOR_CPU - cpu=-',
      '258144739-258213339 RUN_USERMODE - cpu=2',
      '258213339-258216539 RUN_SYSCALL gettimeofday cpu=2',
      '258216539-258250139 RUN_USERMODE - cpu=2',
      '258250139-258280139 RUN_SYSCALL send cpu=2',
      '258280139-258284139 RUN_USERMODE - cpu=2',
      '258284139-258306339 RUN_SYSCALL syslog cpu=2',
      '258306339-6217750840 WAIT_BLOCKED syslog cpu=-'
    ]);
  });

  test('syscalls, wake-up latency and CPU usage', () => {
    const sys = rowsOf(analyze('syscalls', exp, { tid: 275 }));
    expect(sys.map(r => `${r.name} ${r.duration} ${r.ret}`)).toEqual([
      'gettimeofday 3200 0',
      'send 30000 86'
    ]);
    const lat = rowsOf(analyze('sched-latency', exp, { tid: 275 }));
    expect(lat.map(r => `${(r.start as bigint) - base}-${(r.end as bigint) - base} ${r.name}`)).toEqual([
      '258129539-258144739 klogd'
    ]);
    const use = cpuUsage(kernelModel(exp), { tid: 275 });
    expect(use.map(u => `${u.cpu}:${u.ns}`)).toEqual(['2:161600']);
    const [p] = rowsOf(analyze('processes', exp, { tid: 275 }));
    expect(p).toMatchObject({ pid: 275, ppid: 1, name: 'klogd', forked: false, exit: null });
  });
});

describe('recorded/login: the process tree against process-events.tsv', () => {
  const dir = path.join(T, 'recorded/login');
  const exp = openExperiment([path.join(dir, 'ctf')]);
  const procs = rowsOf(analyze('processes', exp));
  const states = rowsOf(analyze('thread-states', exp));
  const ns = (s: string): bigint => BigInt(s.replace('.', ''));
  const lines = fs
    .readFileSync(path.join(dir, 'process-events.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(l => l.split('\t'));

  test('every fork makes a child row (start, parent, forked) and every exit sets its exit time', () => {
    let forks = 0;
    let exits = 0;
    for (const [time, event, ids, , details] of lines) {
      const tid = Number(ids.split('/')[1]);
      if (event === 'sched_process_fork') {
        const child = Number(/child_pid=(\d+)/.exec(details)![1]);
        const row = procs.find(p => p.tid === child && p.start === ns(time));
        expect([child, row && { ppid: row.ppid, pid: row.pid, forked: row.forked }]).toEqual([
          child,
          { ppid: tid, pid: child, forked: true }
        ]);
        forks++;
      } else if (event === 'sched_process_exit') {
        expect([tid, procs.some(p => p.tid === tid && p.exit === ns(time))]).toEqual([tid, true]);
        exits++;
      }
    }
    expect([forks, exits]).toEqual([27, 28]);
  });

  test('every exec renames the thread from the exec time on', () => {
    let execs = 0;
    for (const [time, event, ids, comm] of lines) {
      if (event !== 'sched_process_exec') continue;
      const tid = Number(ids.split('/')[1]);
      const at = states.find(
        s => s.tid === tid && (s.start as bigint) <= ns(time) && ns(time) < (s.end as bigint)
      );
      const after = states.find(s => s.tid === tid && s.start === ns(time));
      expect([tid, (after ?? at)?.name]).toEqual([tid, comm]);
      execs++;
    }
    expect(execs).toBe(25);
  });
});

describe('recorded/mpi-imbalance: busy waiting in MPI_Barrier', () => {
  const dir = path.join(T, 'recorded/mpi-imbalance');
  const exp = openExperiment([path.join(dir, 'ctf')]);
  const ranks = fs
    .readFileSync(path.join(dir, 'ranks.tsv'), 'utf8')
    .split('\n')
    .filter(l => /^\d/.test(l))
    .map(l => l.split('\t'));

  test('rank 1 (27383) spins in each of its 10 barriers; rank 0 (27382) never busy-waits', () => {
    const segs = busyWaitSegments(kernelModel(exp));
    const r1 = segs.filter(s => s.tid === 27383);
    const barriers = ranks.filter(r => r[0] === '1').map(r => [BigInt(r[5]), BigInt(r[6])]);
    expect(r1.length).toBe(10);
    r1.forEach((s, k) => {
      const [computeEnd, barrierEnd] = barriers[k];
      // from the end of the compute phase to the last poll before the barrier returns (MPI_Finalize polls once more
      // right after the last barrier: 2 ms of slack)
      expect([k, s.start >= computeEnd, s.end <= barrierEnd + 2_000_000n]).toEqual([k, true, true]);
      expect(Number(s.end - s.start)).toBeGreaterThan(0.8 * Number(barrierEnd - computeEnd));
      expect(s.polls).toBeGreaterThanOrEqual(5);
      expect(s.runnable).toBeGreaterThan(0.99);
    });
    const total = r1.reduce((a, s) => a + Number(s.end - s.start), 0);
    expect(total).toBeGreaterThan(450e6);
    expect(segs.filter(s => s.tid === 27382)).toEqual([]);
    expect(rowsOf(analyze('busy-wait', exp)).every(r => r.tid === 27383)).toBe(true);
  });
});
