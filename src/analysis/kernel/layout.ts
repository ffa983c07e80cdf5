/**
 * Kernel event layouts: which event names mean what, and which fields to read, detected per trace from the names
 * of its event classes.
 *
 * - LTTng 2.0–2.13 (and Trace Compass stubs, which use its names): `sched_switch` (prev_tid/next_tid),
 *   `sched_waking` (2.8+) else `sched_wakeup`, plus `sched_wakeup_new`; syscalls as `syscall_entry_*` /
 *   `syscall_exit_*` (2.7+, and `compat_` variants) or `sys_*` + `exit_syscall` (older); `softirq_*` or
 *   `irq_softirq_*` (2.8+); `lttng_statedump_process_state` and `lttng_statedump_interrupt`.
 * - perf converted to CTF: `sched:*` (prev_pid/next_pid, pid), `irq:*`, `syscalls:sys_enter_*` /
 *   `syscalls:sys_exit_*` or `raw_syscalls:sys_enter/sys_exit`, `perf_comm`/`perf_fork`; every event carries the
 *   current thread (`perf_tid`, `common_pid` when perf_tid is -1) and process (`perf_pid`), and old converters
 *   put the CPU in a `perf_cpu` field.
 * A trace without a sched_switch event class is not a kernel trace (no layout).
 */

/** What an event does to the model. */
export const Kind = {
  SWITCH: 1,
  WAKEUP: 2,
  FORK: 3,
  EXEC: 4,
  EXIT: 5,
  FREE: 6,
  SYS_ENTRY: 7,
  SYS_EXIT: 8,
  IRQ_ENTRY: 9,
  IRQ_EXIT: 10,
  SOFTIRQ_ENTRY: 11,
  SOFTIRQ_EXIT: 12,
  SOFTIRQ_RAISE: 13,
  STATEDUMP_PROCESS: 14,
  STATEDUMP_IRQ: 15,
  PERF_COMM: 16,
  PERF_FORK: 17
} as const;
export type KindValue = (typeof Kind)[keyof typeof Kind];

/** Field slots each kind reads, in order; the layout names the field of each slot. */
export const SLOTS: Readonly<Record<KindValue, readonly string[]>> = {
  [Kind.SWITCH]: ['prevTid', 'prevState', 'prevComm', 'nextTid', 'nextComm', 'nextPrio'],
  [Kind.WAKEUP]: ['tid', 'prio', 'comm'],
  [Kind.FORK]: ['parentTid', 'childTid', 'childPid', 'childComm'],
  [Kind.EXEC]: ['tid', 'filename'],
  [Kind.EXIT]: ['tid'],
  [Kind.FREE]: ['tid'],
  [Kind.SYS_ENTRY]: ['id'],
  [Kind.SYS_EXIT]: ['ret', 'id'],
  [Kind.IRQ_ENTRY]: ['irq', 'name'],
  [Kind.IRQ_EXIT]: ['irq'],
  [Kind.SOFTIRQ_ENTRY]: ['vec'],
  [Kind.SOFTIRQ_EXIT]: ['vec'],
  [Kind.SOFTIRQ_RAISE]: ['vec'],
  [Kind.STATEDUMP_PROCESS]: ['tid', 'pid', 'ppid', 'name', 'status', 'cpu'],
  [Kind.STATEDUMP_IRQ]: ['irq', 'name'],
  [Kind.PERF_COMM]: ['tid', 'pid', 'comm'],
  [Kind.PERF_FORK]: ['tid', 'pid', 'ptid']
};

/** How one event class is understood. `syscall` is the syscall name for named entry/exit events. */
export interface EventRole {
  readonly kind: KindValue;
  readonly syscall?: string;
  /** For wakeups: true for `sched_wakeup_new` (a new task's first wakeup). */
  readonly isNew?: boolean;
}

export interface KernelLayout {
  readonly id: 'lttng' | 'perf';
  /** Field name of each slot of each kind. */
  readonly fields: Readonly<Record<KindValue, readonly string[]>>;
  /** Fields carrying the current thread/process of every event (perf), in preference order. */
  readonly currentTid: readonly string[];
  readonly currentPid: string | undefined;
  /** Field carrying the CPU when the reader gives none (old perf converters). */
  readonly cpuField: string | undefined;
  role(name: string): EventRole | undefined;
}

const LTTNG_FIELDS: Readonly<Record<KindValue, readonly string[]>> = {
  [Kind.SWITCH]: ['prev_tid', 'prev_state', 'prev_comm', 'next_tid', 'next_comm', 'next_prio'],
  [Kind.WAKEUP]: ['tid', 'prio', 'comm'],
  [Kind.FORK]: ['parent_tid', 'child_tid', 'child_pid', 'child_comm'],
  [Kind.EXEC]: ['tid', 'filename'],
  [Kind.EXIT]: ['tid'],
  [Kind.FREE]: ['tid'],
  [Kind.SYS_ENTRY]: ['id'],
  [Kind.SYS_EXIT]: ['ret', 'id'],
  [Kind.IRQ_ENTRY]: ['irq', 'name'],
  [Kind.IRQ_EXIT]: ['irq'],
  [Kind.SOFTIRQ_ENTRY]: ['vec'],
  [Kind.SOFTIRQ_EXIT]: ['vec'],
  [Kind.SOFTIRQ_RAISE]: ['vec'],
  [Kind.STATEDUMP_PROCESS]: ['tid', 'pid', 'ppid', 'name', 'status', 'cpu'],
  [Kind.STATEDUMP_IRQ]: ['irq', 'name'],
  [Kind.PERF_COMM]: ['tid', 'pid', 'comm'],
  [Kind.PERF_FORK]: ['tid', 'pid', 'ptid']
};

/** perf tracepoints name thread ids `pid`; fork's `child_pid` is the child's tid and its tgid is absent. */
const PERF_FIELDS: Readonly<Record<KindValue, readonly string[]>> = {
  ...LTTNG_FIELDS,
  [Kind.SWITCH]: ['prev_pid', 'prev_state', 'prev_comm', 'next_pid', 'next_comm', 'next_prio'],
  [Kind.WAKEUP]: ['pid', 'prio', 'comm'],
  [Kind.FORK]: ['parent_pid', 'child_pid', '', 'child_comm'],
  [Kind.EXEC]: ['pid', 'filename'],
  [Kind.EXIT]: ['pid'],
  [Kind.FREE]: ['pid']
};

function lttngLayout(names: ReadonlySet<string>): KernelLayout {
  const newSyscalls = [...names].some(n => n.startsWith('syscall_entry_') || n.startsWith('syscall_exit_'));
  const softirq = names.has('irq_softirq_entry') ? 'irq_softirq_' : 'softirq_';
  const wake = names.has('sched_waking') ? 'sched_waking' : 'sched_wakeup';
  const fixed = new Map<string, EventRole>([
    ['sched_switch', { kind: Kind.SWITCH }],
    [wake, { kind: Kind.WAKEUP }],
    ['sched_wakeup_new', { kind: Kind.WAKEUP, isNew: true }],
    ['sched_process_fork', { kind: Kind.FORK }],
    ['sched_process_exec', { kind: Kind.EXEC }],
    ['sched_process_exit', { kind: Kind.EXIT }],
    ['sched_process_free', { kind: Kind.FREE }],
    ['irq_handler_entry', { kind: Kind.IRQ_ENTRY }],
    ['irq_handler_exit', { kind: Kind.IRQ_EXIT }],
    [`${softirq}entry`, { kind: Kind.SOFTIRQ_ENTRY }],
    [`${softirq}exit`, { kind: Kind.SOFTIRQ_EXIT }],
    [`${softirq}raise`, { kind: Kind.SOFTIRQ_RAISE }],
    ['lttng_statedump_process_state', { kind: Kind.STATEDUMP_PROCESS }],
    ['lttng_statedump_interrupt', { kind: Kind.STATEDUMP_IRQ }],
    ['statedump_interrupt', { kind: Kind.STATEDUMP_IRQ }]
  ]);
  if (!newSyscalls) fixed.set('exit_syscall', { kind: Kind.SYS_EXIT });
  const entry = newSyscalls ? ['compat_syscall_entry_', 'syscall_entry_'] : ['compat_sys_', 'sys_'];
  const exit = newSyscalls ? ['compat_syscall_exit_', 'syscall_exit_'] : [];
  return {
    id: 'lttng',
    fields: LTTNG_FIELDS,
    currentTid: [],
    currentPid: undefined,
    cpuField: undefined,
    role(name: string): EventRole | undefined {
      const r = fixed.get(name);
      if (r !== undefined) return r;
      for (const p of entry) {
        if (name.startsWith(p)) return { kind: Kind.SYS_ENTRY, syscall: name.slice(p.length) };
      }
      for (const p of exit) {
        if (name.startsWith(p)) return { kind: Kind.SYS_EXIT, syscall: name.slice(p.length) };
      }
      return undefined;
    }
  };
}

function perfLayout(names: ReadonlySet<string>): KernelLayout {
  const wake = names.has('sched:sched_waking') ? 'sched:sched_waking' : 'sched:sched_wakeup';
  const fixed = new Map<string, EventRole>([
    ['sched:sched_switch', { kind: Kind.SWITCH }],
    [wake, { kind: Kind.WAKEUP }],
    ['sched:sched_wakeup_new', { kind: Kind.WAKEUP, isNew: true }],
    ['sched:sched_process_fork', { kind: Kind.FORK }],
    ['sched:sched_process_exec', { kind: Kind.EXEC }],
    ['sched:sched_process_exit', { kind: Kind.EXIT }],
    ['sched:sched_process_free', { kind: Kind.FREE }],
    ['irq:irq_handler_entry', { kind: Kind.IRQ_ENTRY }],
    ['irq:irq_handler_exit', { kind: Kind.IRQ_EXIT }],
    ['irq:softirq_entry', { kind: Kind.SOFTIRQ_ENTRY }],
    ['irq:softirq_exit', { kind: Kind.SOFTIRQ_EXIT }],
    ['irq:softirq_raise', { kind: Kind.SOFTIRQ_RAISE }],
    ['raw_syscalls:sys_enter', { kind: Kind.SYS_ENTRY }],
    ['raw_syscalls:sys_exit', { kind: Kind.SYS_EXIT }],
    ['perf_comm', { kind: Kind.PERF_COMM }],
    ['perf_fork', { kind: Kind.PERF_FORK }]
  ]);
  return {
    id: 'perf',
    fields: PERF_FIELDS,
    currentTid: ['perf_tid', 'common_pid'],
    currentPid: 'perf_pid',
    cpuField: 'perf_cpu',
    role(name: string): EventRole | undefined {
      const r = fixed.get(name);
      if (r !== undefined) return r;
      if (name.startsWith('syscalls:sys_enter_')) return { kind: Kind.SYS_ENTRY, syscall: name.slice(19) };
      if (name.startsWith('syscalls:sys_exit_')) return { kind: Kind.SYS_EXIT, syscall: name.slice(18) };
      return undefined;
    }
  };
}

/** The layout of a trace from its event class names, or undefined when it is not a kernel trace. */
export function detectLayout(classNames: Iterable<string>): KernelLayout | undefined {
  const names = new Set(classNames);
  if (names.has('sched:sched_switch')) return perfLayout(names);
  if (names.has('sched_switch')) return lttngLayout(names);
  return undefined;
}
