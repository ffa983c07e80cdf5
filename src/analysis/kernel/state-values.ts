/**
 * State values of the kernel model, numbered as Trace Compass numbers them (`StateValues.java`), with their names
 * as they appear in result tables, and the LTTng statedump and softirq vocabularies.
 */

/** Thread states (Trace Compass `PROCESS_STATUS_*`). */
export const ThreadState = {
  UNKNOWN: 0,
  WAIT_BLOCKED: 1,
  RUN_USERMODE: 2,
  RUN_SYSCALL: 3,
  INTERRUPTED: 4,
  WAIT_FOR_CPU: 5,
  WAIT_UNKNOWN: 6,
  WAIT_FORK: 7
} as const;
export type ThreadStateValue = (typeof ThreadState)[keyof typeof ThreadState];

/** Table names of thread states, indexed by value. */
export const THREAD_STATE_NAMES: readonly string[] = [
  'UNKNOWN',
  'WAIT_BLOCKED',
  'RUN_USERMODE',
  'RUN_SYSCALL',
  'INTERRUPTED',
  'WAIT_FOR_CPU',
  'WAIT_UNKNOWN',
  'WAIT_FORK'
];

/** True for the states of a thread that is on a CPU. */
export function isRunning(s: number): boolean {
  return s === ThreadState.RUN_USERMODE || s === ThreadState.RUN_SYSCALL || s === ThreadState.INTERRUPTED;
}

/**
 * CPU states. The numbers are Trace Compass's CPU status values (IDLE 0, RUN_USERMODE 2, RUN_SYSCALL 4, SOFTIRQ 8,
 * IRQ 16); UNKNOWN (-1) is for a CPU whose current thread is not known yet.
 */
export const CpuState = {
  UNKNOWN: -1,
  IDLE: 0,
  RUN_USERMODE: 2,
  RUN_SYSCALL: 4,
  SOFTIRQ: 8,
  IRQ: 16
} as const;

export function cpuStateName(s: number): string {
  switch (s) {
    case CpuState.IDLE:
      return 'IDLE';
    case CpuState.RUN_USERMODE:
      return 'RUN_USERMODE';
    case CpuState.RUN_SYSCALL:
      return 'RUN_SYSCALL';
    case CpuState.SOFTIRQ:
      return 'SOFTIRQ';
    case CpuState.IRQ:
      return 'IRQ';
    default:
      return 'UNKNOWN';
  }
}

/** Interrupt-context kinds (irqs table `kind`). */
export const IrqKind = { IRQ: 0, SOFTIRQ: 1, SOFTIRQ_RAISED: 2 } as const;
export const IRQ_KIND_NAMES: readonly string[] = ['irq', 'softirq', 'softirq_raised'];

/** Linux softirq vector names (`softirq_to_name`). */
export const SOFTIRQ_NAMES: readonly string[] = [
  'HI',
  'TIMER',
  'NET_TX',
  'NET_RX',
  'BLOCK',
  'IRQ_POLL',
  'TASKLET',
  'SCHED',
  'HRTIMER',
  'RCU'
];

/**
 * LTTng statedump `status` (enum lttng_process_status) to a thread state, as Trace Compass maps it; `undefined`
 * means "not alive" (dead).
 */
export function statedumpStatus(status: number): ThreadStateValue | undefined {
  switch (status) {
    case 1:
      return ThreadState.WAIT_FORK;
    case 2:
      return ThreadState.WAIT_FOR_CPU;
    case 3: // LTTNG_EXIT
    case 4: // LTTNG_ZOMBIE
      return ThreadState.WAIT_UNKNOWN;
    case 5:
      return ThreadState.WAIT_UNKNOWN; // LTTNG_WAIT: no reason known, unlike a sched_switch
    case 6:
      return ThreadState.RUN_USERMODE; // LTTNG_RUN
    case 7:
      return undefined; // LTTNG_DEAD
    default:
      return ThreadState.UNKNOWN;
  }
}

/** Statedump `status` value of a running thread (LTTNG_RUN). */
export const STATEDUMP_RUN = 6;
