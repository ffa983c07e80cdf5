/**
 * Legends of tracelab's views: thread states (control flow), CPU states (resources), critical-path edge and link
 * types. Ids are the state names the analysis tables use, so a table's dictionary maps onto a legend by name;
 * colours follow Trace Compass's defaults.
 */
import type { IArrowKind, ILegendEntry } from '../../protocol';

/** Thread states, ids as in the `thread-states` table (index = the analysis's state value). */
export const THREAD_LEGEND: readonly ILegendEntry[] = [
  { id: 'UNKNOWN', label: 'Unknown', color: '#c0c0c0' },
  { id: 'WAIT_BLOCKED', label: 'Blocked', color: '#c8c800' },
  { id: 'RUN_USERMODE', label: 'Running (user)', color: '#00c800', active: true },
  { id: 'RUN_SYSCALL', label: 'Running (syscall)', color: '#0000c8', active: true },
  { id: 'INTERRUPTED', label: 'Interrupted', color: '#c80064', active: true },
  { id: 'WAIT_FOR_CPU', label: 'Waiting for CPU', color: '#c86400' },
  { id: 'WAIT_UNKNOWN', label: 'Waiting', color: '#a0a0a0' },
  { id: 'WAIT_FORK', label: 'Forking', color: '#00c8c8' }
];

/** CPU states, ids as in the `cpu-states` table. */
export const CPU_LEGEND: readonly ILegendEntry[] = [
  { id: 'UNKNOWN', label: 'Unknown', color: '#c0c0c0' },
  { id: 'IDLE', label: 'Idle', color: '#e8e8e8' },
  { id: 'RUN_USERMODE', label: 'Running (user)', color: '#00c800', active: true },
  { id: 'RUN_SYSCALL', label: 'Running (syscall)', color: '#0000c8', active: true },
  { id: 'IRQ', label: 'IRQ', color: '#c80064', active: true },
  { id: 'SOFTIRQ', label: 'Soft IRQ', color: '#c89600', active: true }
];

/** Critical-path edge types, ids as in the `critical-path` table (index = the graph's `Edge` value). */
export const EDGE_LEGEND: readonly ILegendEntry[] = [
  { id: 'NONE', label: 'None', color: '#ffffff' },
  { id: 'RUNNING', label: 'Running', color: '#00c800', active: true },
  { id: 'PREEMPTED', label: 'Preempted', color: '#c86400' },
  { id: 'BLOCKED', label: 'Blocked', color: '#c8c800' },
  { id: 'NETWORK', label: 'Network', color: '#6464c8' },
  { id: 'TIMER', label: 'Timer', color: '#884400' },
  { id: 'INTERRUPTED', label: 'Interrupted', color: '#c80064' },
  { id: 'BLOCK_DEVICE', label: 'Block device', color: '#666666' },
  { id: 'IPI', label: 'IPI', color: '#aa00aa' },
  { id: 'UNKNOWN', label: 'Unknown', color: '#c0c0c0' }
];

/** Critical-path link types (index = the graph's `Link` value). */
export const LINK_KINDS: readonly IArrowKind[] = [
  { id: 'ANCHOR', label: 'Jump', color: '#808080' },
  { id: 'WAKEUP', label: 'Wake-up', color: '#0064c8' },
  { id: 'NETWORK', label: 'Network', color: '#6464c8' },
  { id: 'FORK', label: 'Fork', color: '#00a0a0' },
  { id: 'SOFTIRQ', label: 'Soft IRQ', color: '#c89600' }
];
