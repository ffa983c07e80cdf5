/**
 * Vocabulary of the execution graph: horizontal edge types (what a worker was doing between two of its vertices),
 * vertical link types (who woke or fed whom), worker statuses, and the status → edge type rule.
 */

/** Horizontal edge types. NONE marks "no edge" (a chain break, e.g. between two softirqs of a kernel worker). */
export const Edge = {
  NONE: 0,
  RUNNING: 1,
  PREEMPTED: 2,
  BLOCKED: 3,
  NETWORK: 4,
  TIMER: 5,
  INTERRUPTED: 6,
  BLOCK_DEVICE: 7,
  IPI: 8,
  UNKNOWN: 9
} as const;
export type EdgeValue = (typeof Edge)[keyof typeof Edge];

export const EDGE_NAMES: readonly string[] = [
  'NONE',
  'RUNNING',
  'PREEMPTED',
  'BLOCKED',
  'NETWORK',
  'TIMER',
  'INTERRUPTED',
  'BLOCK_DEVICE',
  'IPI',
  'UNKNOWN'
];

/** Blocking edges: the critical path looks for what ended them. */
export function isBlocking(e: number): boolean {
  return e === Edge.BLOCKED || e === Edge.NETWORK;
}

/** Vertical link types. */
export const Link = {
  /** Critical path only: the path jumps to another worker with no recorded cause (Trace Compass's anchor). */
  ANCHOR: 0,
  /** A thread woke another (sched_waking/sched_wakeup from thread context). */
  WAKEUP: 1,
  /** A matched packet (send vertex → receive or woken vertex), or a loopback NET softirq raised by its sender. */
  NETWORK: 2,
  /** A parent woke its new child (sched_wakeup_new). */
  FORK: 3,
  /** The thread that raised a softirq → the kernel worker running it. */
  SOFTIRQ: 4
} as const;
export type LinkValue = (typeof Link)[keyof typeof Link];

export const LINK_NAMES: readonly string[] = ['ANCHOR', 'WAKEUP', 'NETWORK', 'FORK', 'SOFTIRQ'];

/** Worker statuses of the graph builder (Trace Compass's ProcessStatus, reduced). */
export const Status = {
  UNKNOWN: 0,
  RUN: 1,
  WAIT_CPU: 2,
  WAIT_BLOCKED: 3,
  WAIT_FORK: 4,
  WAIT_UNKNOWN: 5,
  EXIT: 6
} as const;
export type StatusValue = (typeof Status)[keyof typeof Status];

const STATUS_EDGE: readonly EdgeValue[] = [
  Edge.UNKNOWN, // UNKNOWN
  Edge.RUNNING, // RUN
  Edge.PREEMPTED, // WAIT_CPU
  Edge.BLOCKED, // WAIT_BLOCKED
  Edge.PREEMPTED, // WAIT_FORK
  Edge.PREEMPTED, // WAIT_UNKNOWN
  Edge.RUNNING // EXIT (still finishing on a CPU)
];

/** The edge type of the time a worker spent in `status`. */
export function edgeOfStatus(status: number): EdgeValue {
  return STATUS_EDGE[status] ?? Edge.UNKNOWN;
}

/** Linux softirq vectors used by the graph rules. */
export const Softirq = {
  HI: 0,
  TIMER: 1,
  NET_TX: 2,
  NET_RX: 3,
  BLOCK: 4,
  IRQ_POLL: 5,
  TASKLET: 6,
  SCHED: 7,
  HRTIMER: 8,
  RCU: 9
};

export function isNetSoftirq(vec: number): boolean {
  return vec === Softirq.NET_RX || vec === Softirq.NET_TX;
}

/** Edge type of a wake-up from a softirq of vector `vec`. */
export function edgeOfSoftirq(vec: number): EdgeValue {
  switch (vec) {
    case Softirq.TIMER:
    case Softirq.HRTIMER:
      return Edge.TIMER;
    case Softirq.BLOCK:
    case Softirq.IRQ_POLL:
      return Edge.BLOCK_DEVICE;
    case Softirq.NET_RX:
    case Softirq.NET_TX:
      return Edge.NETWORK;
    case Softirq.SCHED:
      return Edge.INTERRUPTED;
    default:
      return Edge.BLOCKED;
  }
}

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
