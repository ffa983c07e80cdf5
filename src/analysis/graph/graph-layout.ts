/**
 * Event roles for the execution graph, per trace: the kernel model's layout (`kernel/layout.ts`: sched, fork,
 * exec, exit, IRQ, softirq, statedump, perf_comm; LTTng, Trace Compass stub and perf names) plus the interrupt
 * contexts only the graph needs (hrtimer, IPI, "complete IRQ", packet reception), and the wake-up family choice
 * (`sched_ttwu` when present, else the kernel layout's `sched_waking` or `sched_wakeup`, plus `sched_wakeup_new`).
 * Network sends/receives come from `sync/packet-layout.ts`. All graph event-name lookups live here.
 *
 * TODO(merge): the hrtimer/IPI/complete-IRQ/packet-reception names could move into `kernel/layout.ts`.
 */
import { detectLayout, Kind } from '../kernel/layout';
import type { KernelLayout } from '../kernel/layout';

export const Role = {
  SWITCH: 1,
  WAKEUP: 2,
  WAKEUP_NEW: 3,
  FORK: 4,
  EXEC: 5,
  EXIT: 6,
  STATEDUMP_PROCESS: 7,
  STATEDUMP_IRQ: 8,
  PERF_COMM: 9,
  IRQ_ENTRY: 10,
  IRQ_EXIT: 11,
  SOFTIRQ_ENTRY: 12,
  SOFTIRQ_EXIT: 13,
  SOFTIRQ_RAISE: 14,
  HRTIMER_ENTRY: 15,
  HRTIMER_EXIT: 16,
  IPI_ENTRY: 17,
  IPI_EXIT: 18,
  TIMER_VECTOR_ENTRY: 19,
  TIMER_VECTOR_EXIT: 20,
  COMPLETE_IRQ_ENTRY: 21,
  COMPLETE_IRQ_EXIT: 22,
  PACKET_RX_ENTRY: 23,
  PACKET_RX_EXIT: 24
} as const;
export type RoleValue = (typeof Role)[keyof typeof Role];

/** Field names of each role's slots (missing fields read as NaN / undefined). */
export interface GraphLayout {
  readonly kernel: KernelLayout;
  role(name: string): RoleValue | undefined;
  fields(role: RoleValue): readonly string[];
}

const FROM_KIND: ReadonlyMap<number, RoleValue> = new Map<number, RoleValue>([
  [Kind.SWITCH, Role.SWITCH],
  [Kind.FORK, Role.FORK],
  [Kind.EXEC, Role.EXEC],
  [Kind.EXIT, Role.EXIT],
  [Kind.STATEDUMP_PROCESS, Role.STATEDUMP_PROCESS],
  [Kind.STATEDUMP_IRQ, Role.STATEDUMP_IRQ],
  [Kind.PERF_COMM, Role.PERF_COMM],
  [Kind.IRQ_ENTRY, Role.IRQ_ENTRY],
  [Kind.IRQ_EXIT, Role.IRQ_EXIT],
  [Kind.SOFTIRQ_ENTRY, Role.SOFTIRQ_ENTRY],
  [Kind.SOFTIRQ_EXIT, Role.SOFTIRQ_EXIT],
  [Kind.SOFTIRQ_RAISE, Role.SOFTIRQ_RAISE]
]);

const KIND_OF_ROLE: Partial<Record<RoleValue, number>> = {
  [Role.SWITCH]: Kind.SWITCH,
  [Role.WAKEUP]: Kind.WAKEUP,
  [Role.WAKEUP_NEW]: Kind.WAKEUP,
  [Role.FORK]: Kind.FORK,
  [Role.EXEC]: Kind.EXEC,
  [Role.EXIT]: Kind.EXIT,
  [Role.STATEDUMP_PROCESS]: Kind.STATEDUMP_PROCESS,
  [Role.STATEDUMP_IRQ]: Kind.STATEDUMP_IRQ,
  [Role.PERF_COMM]: Kind.PERF_COMM,
  [Role.IRQ_ENTRY]: Kind.IRQ_ENTRY,
  [Role.IRQ_EXIT]: Kind.IRQ_EXIT,
  [Role.SOFTIRQ_ENTRY]: Kind.SOFTIRQ_ENTRY,
  [Role.SOFTIRQ_EXIT]: Kind.SOFTIRQ_EXIT,
  [Role.SOFTIRQ_RAISE]: Kind.SOFTIRQ_RAISE
};

const FIXED: ReadonlyMap<string, RoleValue> = new Map<string, RoleValue>([
  ['hrtimer_expire_entry', Role.HRTIMER_ENTRY],
  ['hrtimer_expire_exit', Role.HRTIMER_EXIT],
  ['timer:hrtimer_expire_entry', Role.HRTIMER_ENTRY],
  ['timer:hrtimer_expire_exit', Role.HRTIMER_EXIT],
  ['do_IRQ_entry', Role.COMPLETE_IRQ_ENTRY],
  ['do_IRQ_return', Role.COMPLETE_IRQ_EXIT],
  ['netif_receive_skb_internal_entry', Role.PACKET_RX_ENTRY],
  ['netif_receive_skb_internal_return', Role.PACKET_RX_EXIT],
  ['statedump_interrupt', Role.STATEDUMP_IRQ]
]);

/** x86 interrupt vectors: LTTng `x86_irq_vectors_<v>_entry/exit`, perf `irq_vectors:<v>_entry/exit`. */
function vectorRole(name: string): RoleValue | undefined {
  const m = /^(?:x86_irq_vectors_|irq_vectors:)(\w+)_(entry|exit)$/.exec(name);
  if (!m) return undefined;
  const entry = m[2] === 'entry';
  if (m[1] === 'local_timer') return entry ? Role.TIMER_VECTOR_ENTRY : Role.TIMER_VECTOR_EXIT;
  return entry ? Role.IPI_ENTRY : Role.IPI_EXIT;
}

/** The graph layout of a trace from its event class names, or undefined when it is not a kernel trace. */
export function graphLayout(classNames: Iterable<string>): GraphLayout | undefined {
  const names = new Set(classNames);
  const kernel = detectLayout(names);
  if (kernel === undefined) return undefined;
  const ttwu = names.has('sched_ttwu');
  return {
    kernel,
    role(name: string): RoleValue | undefined {
      const fixed = FIXED.get(name);
      if (fixed !== undefined) return fixed;
      if (name === 'sched_ttwu') return Role.WAKEUP;
      const r = kernel.role(name);
      if (r === undefined) return vectorRole(name);
      if (r.kind === Kind.WAKEUP) return r.isNew ? Role.WAKEUP_NEW : ttwu ? undefined : Role.WAKEUP;
      return FROM_KIND.get(r.kind);
    },
    fields(role: RoleValue): readonly string[] {
      const k = KIND_OF_ROLE[role];
      return k === undefined ? [] : kernel.fields[k as keyof typeof kernel.fields];
    }
  };
}
