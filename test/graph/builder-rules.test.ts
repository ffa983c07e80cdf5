/**
 * The graph builder's rules on small synthetic stub traces (written to a temp folder): the wake-up family, the
 * interrupt contexts (hrtimer, IRQ with its name, softirq vectors, IPI), fork, the loopback NET softirq rule and
 * perf's current-thread hint. Expected chains are worked out by hand from the rules in `wake-rules.ts`.
 */
import { openXmlStubExperiment } from '../../src/analysis/formats/xml-stub';
import { criticalPath, executionGraph } from '../../src/analysis/graph';
import type { StubEv } from './graph-helpers';
import { graphText, pathLinks, pathRows, removeStubs, sw, wake, writeStub } from './graph-helpers';

afterAll(removeStubs);

const graphOf = (events: StubEv[]) => executionGraph(openXmlStubExperiment([writeStub('h', events)]));
/** Thread 1 blocks at 10 (switching to 2), is woken at 20 by `ctx` events around the wake-up, runs at 30. */
function wokenIn(ctx: StubEv[], close: StubEv[], wakeName = 'sched_wakeup'): string[] {
  return graphText(
    graphOf([sw(10, 0, 1, 1, 2), ...ctx, wake(20, 0, 1, wakeName), ...close, sw(30, 0, 2, 0, 1)]).graph
  );
}

test('thread context: BLOCKED, WAKEUP link from the current thread', () => {
  expect(wokenIn([], [])).toEqual([
    'h 1: 10 -BLOCKED-> [WAKEUP from 2@20]20 -PREEMPTED-> 30',
    'h 2: 10 -RUNNING-> 20 -RUNNING-> 30'
  ]);
});

test('one wake-up family: with sched_waking present, sched_wakeup is not counted again', () => {
  const g = graphOf([
    sw(10, 0, 1, 1, 2),
    wake(20, 0, 1, 'sched_waking'),
    wake(25, 0, 1, 'sched_wakeup'),
    sw(30, 0, 2, 0, 1)
  ]).graph;
  expect(graphText(g)).toEqual([
    'h 1: 10 -BLOCKED-> [WAKEUP from 2@20]20 -PREEMPTED-> 30',
    'h 2: 10 -RUNNING-> 20 -RUNNING-> 30'
  ]);
});

test('hrtimer: TIMER, no link', () => {
  expect(wokenIn([[18, 'hrtimer_expire_entry', 0]], [[22, 'hrtimer_expire_exit', 0]])[0]).toBe(
    'h 1: 10 -TIMER-> 20 -PREEMPTED-> 30'
  );
});

test('IRQ: named by irq_handler_entry; a timer IRQ interrupts, a device IRQ is BLOCKED with its name (defects 3, 4)', () => {
  const irq = (n: number, name: string): StubEv => [18, 'irq_handler_entry', 0, { irq: n, name }];
  const exit = (n: number): StubEv => [22, 'irq_handler_exit', 0, { irq: n, ret: 1 }];
  expect(wokenIn([irq(11, 'timer')], [exit(11)])[0]).toBe('h 1: 10 -INTERRUPTED-> 20 -PREEMPTED-> 30');
  expect(wokenIn([irq(0, 'virtio0')], [exit(0)])[0]).toBe(
    'h 1: 10 -BLOCKED(irq 0 virtio0)-> 20 -PREEMPTED-> 30'
  );
  // a complete-IRQ frame uses the last IRQ handled inside it
  const ctx: StubEv[] = [[16, 'do_IRQ_entry', 0], irq(30, 'eth0'), [19, 'irq_handler_exit', 0, { irq: 30 }]];
  expect(wokenIn(ctx, [[22, 'do_IRQ_return', 0]])[0]).toBe(
    'h 1: 10 -BLOCKED(irq 30 eth0)-> 20 -PREEMPTED-> 30'
  );
});

test('softirq vectors: BLOCK → BLOCK_DEVICE, SCHED → INTERRUPTED, TASKLET → BLOCKED (qualified), TIMER → TIMER', () => {
  const si = (vec: number): [StubEv[], StubEv[]] => [
    [[18, 'softirq_entry', 0, { vec }]],
    [[22, 'softirq_exit', 0, { vec }]]
  ];
  expect(wokenIn(...si(4))[0]).toBe('h 1: 10 -BLOCK_DEVICE-> 20 -PREEMPTED-> 30');
  expect(wokenIn(...si(7))[0]).toBe('h 1: 10 -INTERRUPTED-> 20 -PREEMPTED-> 30');
  expect(wokenIn(...si(6))[0]).toBe('h 1: 10 -BLOCKED(softirq TASKLET)-> 20 -PREEMPTED-> 30');
  expect(wokenIn(...si(1))[0]).toBe('h 1: 10 -TIMER-> 20 -PREEMPTED-> 30');
});

test('IPI vector: IPI', () => {
  const ctx: StubEv[] = [[18, 'x86_irq_vectors_reschedule_entry', 0, { vector: 253 }]];
  expect(wokenIn(ctx, [[22, 'x86_irq_vectors_reschedule_exit', 0, { vector: 253 }]])[0]).toBe(
    'h 1: 10 -IPI-> 20 -PREEMPTED-> 30'
  );
});

test('fork: sched_wakeup_new links the parent to the child', () => {
  const g = graphOf([
    sw(5, 0, 9, 0, 2),
    [
      10,
      'sched_process_fork',
      0,
      { parent_comm: 't2', parent_tid: 2, child_comm: 'kid', child_tid: 3, child_pid: 3 }
    ],
    wake(12, 0, 3, 'sched_wakeup_new'),
    sw(20, 0, 2, 1, 3),
    sw(30, 0, 3, 0, 2)
  ]).graph;
  expect(graphText(g)).toContain('h 3: [FORK from 2@12]12 -PREEMPTED-> 20 -RUNNING-> 30');
});

test('loopback: a wake-up in a NET_RX softirq raised by the sending thread links the sender (single host)', () => {
  const eg = graphOf([
    sw(5, 0, 1, 1, 2), // 1 blocks (waiting for data)
    [10, 'softirq_raise', 0, { vec: 3 }], // 2 sends on lo: raises NET_RX in its own context
    [11, 'softirq_entry', 0, { vec: 3 }],
    wake(12, 0, 1),
    [13, 'softirq_exit', 0, { vec: 3 }],
    sw(20, 0, 2, 1, 1),
    sw(30, 0, 1, 1, 0)
  ]);
  expect(graphText(eg.graph)).toContain(
    'h 1: 5 -NETWORK-> [NETWORK from 2@10]12 -PREEMPTED-> 20 -RUNNING-> 30'
  );
  const p = criticalPath(eg, { tid: 1 });
  expect(pathRows(p)).toEqual(['2 5-10 RUNNING', '1 10-12 NETWORK', '1 12-20 PREEMPTED', '1 20-30 RUNNING']);
  expect(pathLinks(p)).toEqual(['1@5->2@5 ANCHOR', '2@10->1@12 NETWORK']);
});

test('loopback with packets: the matched send (same skb on lo) links to the woken thread', () => {
  const q = (ts: number, name: string, skb: number): StubEv => [
    ts,
    name,
    0,
    { skbaddr: skb, len: 60, name: 'lo' }
  ];
  const eg = graphOf([
    sw(5, 0, 1, 1, 2),
    q(9, 'net_dev_queue', 7777),
    [10, 'softirq_raise', 0, { vec: 3 }],
    [11, 'softirq_entry', 0, { vec: 3 }],
    q(11, 'netif_receive_skb', 7777),
    wake(12, 0, 1),
    [13, 'softirq_exit', 0, { vec: 3 }],
    sw(20, 0, 2, 1, 1)
  ]);
  expect(eg.matches.send.length).toBe(1);
  expect(graphText(eg.graph)).toContain('h 1: 5 -NETWORK-> [NETWORK from 2@9]12 -PREEMPTED-> 20');
});

test('perf layout: a thread that runs without a recorded switch-in is switched in by its events’ perf_tid', () => {
  const p = (ts: number, name: string, tid: number, f: Record<string, number | string> = {}): StubEv => [
    ts,
    name,
    1,
    { perf_tid: tid, perf_pid: tid, common_pid: tid, ...f }
  ];
  const swp = (ts: number, prev: number, state: number, next: number) =>
    p(ts, 'sched:sched_switch', prev, {
      prev_comm: `t${prev}`,
      prev_pid: prev,
      prev_prio: 120,
      prev_state: state,
      next_comm: `t${next}`,
      next_pid: next,
      next_prio: 120
    });
  const g = graphOf([
    swp(10, 5, 1, 0), // 5 blocks, CPU idle (its switch out of idle is never recorded)
    p(20, 'sched:sched_waking', 0, { comm: 't5', pid: 5, prio: 120, target_cpu: 1 }),
    p(30, 'syscalls:sys_exit_read', 5, { ret: 0 }), // 5 runs: switched in by the hint
    swp(40, 5, 1, 0)
  ]).graph;
  expect(graphText(g)).toEqual(['h 5: 10 -BLOCKED-> 20 -PREEMPTED-> 30 -RUNNING-> 40']);
});
