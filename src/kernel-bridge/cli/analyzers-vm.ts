/**
 * The VM analyses for `tracelab analyze`: `vm-vcpu-states`, `vm-guest-preemption`, `vm-fused-cpus`,
 * `vm-thread-overhead`, `vm-sync` over a host + guests experiment (`src/analysis/vm`). `--start/--end`, `--tid`
 * (guest or host tid) and `--host` (host or VM name) filter the rows. `vm-guest-critical-path` (also
 * `vm --table guest-critical-path`) is the critical path of guest thread `--tid` (in VM `--host` when several have
 * it) over `--start/--end` (host ns), with vCPU preemption and hypervisor time as their own states.
 *
 * Scope: the entries `analyzers.ts` lists.
 */
import { guestCriticalPath, guestCriticalPathTable, VM_TABLES, vmTables } from '../../analysis/vm';
import type { Experiment } from '../../analysis/trace/types';
import type { VmTable } from '../../analysis/vm';
import type { Analyzer, AnalyzeArgs } from './analyzers';
import { UsageError } from './context';

const SUMMARIES: Record<VmTable, string> = {
  'vcpu-states':
    'vCPU state intervals: host, vm, vcpu, host_tid, start, end, state (idle|running|vmm|preempt)',
  'guest-preemption': 'guest threads preempted or in the hypervisor: vm, vcpu, tid, start, end, state, cause',
  'fused-cpus': 'physical CPUs with the host or guest thread that really ran: host, cpu, vm, tid, start, end',
  'thread-overhead': 'per guest thread: ns running, in the hypervisor (per exit reason), vCPU preempted',
  'vm-sync': 'host <-> guest clock sync from vmsync pairs: slope, offset, quality, accuracy, matches'
};

const perTable = VM_TABLES.map((table): Analyzer => ({
  name: table.startsWith('vm-') ? table : `vm-${table}`,
  summary: SUMMARIES[table],
  run: (exp, a) => vmTables(exp, { table, start: a.start, end: a.end, tid: a.tid, host: a.host })
}));

const GUEST_PATH = 'guest-critical-path';
const ALL_TABLES = [...VM_TABLES, GUEST_PATH];

function guestPath(exp: Experiment, a: AnalyzeArgs) {
  if (a.tid === undefined) throw new UsageError(`'${GUEST_PATH}' needs --tid`, 'analyze');
  const p = guestCriticalPath(exp, { tid: a.tid, vm: a.host, start: a.start, end: a.end });
  return guestCriticalPathTable(p.segments);
}

const guestPathAnalyzer: Analyzer = {
  name: `vm-${GUEST_PATH}`,
  summary:
    'critical path of guest thread --tid, host time: seq, host, tid, state (VCPU_PREEMPTED, VMM), cause',
  needsTid: true,
  run: guestPath
};

/** `tracelab analyze vm --table T` (default vcpu-states), the same tables under one name. */
const vm: Analyzer = {
  name: 'vm',
  summary: `VM analysis; --table ${ALL_TABLES.join('|')} (default vcpu-states)`,
  run: (exp, a) => {
    const t = (a as { table?: string }).table ?? 'vcpu-states';
    if (t === GUEST_PATH) return guestPath(exp, a);
    if (!(VM_TABLES as readonly string[]).includes(t)) {
      throw new UsageError(`--table: '${t}' is not one of ${ALL_TABLES.join(', ')}`, 'analyze');
    }
    return vmTables(exp, { table: t as VmTable, start: a.start, end: a.end, tid: a.tid, host: a.host });
  }
};

export const VM_ANALYZERS: readonly Analyzer[] = [vm, ...perTable, guestPathAnalyzer];
