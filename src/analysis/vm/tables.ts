/**
 * Arrow tables of the VM analysis (`vmTables(exp, {table})`):
 * - vcpu-states: host, vm, vcpu, host_tid, start, end, state (bit set), state_name, cpu
 * - guest-preemption: host, vm, vcpu, tid, comm, start, end, state (preempted | vmm), cpu, cause_kind, cause,
 *   cause_vm, cause_vcpu, cause_tid, cause_comm, container, vtid, cause_container (pid namespace inode, 0 = none;
 *   vtid = tid inside it), exit_reason (null unless vmm)
 * - fused-cpus: host, cpu, start, end, vm ('' for host threads), vcpu (-1), tid, comm, host_tid, state, container,
 *   vtid
 * - thread-overhead: vm, tid, comm, state (running | vmm | preempted), exit_reason, ns
 * - vm-sync: host, guest, vm_uid, slope, offset, quality, accuracy, matches
 * - guest-critical-path: seq, host (machine of the thread), tid, name, start, end, state (graph edge name,
 *   VCPU_PREEMPTED or VMM), vcpu, cause_kind, cause, cause_vm, cause_vcpu, cause_tid, cause_comm, exit_reason
 * Times are ns in the host's clock.
 *
 * Scope: row lists → Arrow.
 */
import type { Table } from 'apache-arrow';
import { TableBuilder } from '../kernel/arrow-build';
import { offsetNs } from '../sync/transform';
import type { FusedRow } from './fused';
import type { GuestPathSegment } from './guest-critical-path';
import type { OverheadRow } from './overhead';
import type { PreemptionRow } from './preemption';
import type { VcpuStateRow } from './vcpu-states';
import { vcpuStateName } from './vcpu-states';
import type { GuestSync } from './vm-sync';

/** A dictionary column from a string getter. */
function strings<R>(rows: readonly R[], get: (r: R) => string): { ids: Int32Array; dict: string[] } {
  const dict: string[] = [];
  const at = new Map<string, number>();
  const ids = Int32Array.from(rows, r => {
    const s = get(r);
    let k = at.get(s);
    if (k === undefined) {
      k = dict.length;
      dict.push(s);
      at.set(s, k);
    }
    return k;
  });
  return { ids, dict };
}

function builder<R>(rows: readonly R[]) {
  const b = new TableBuilder(Int32Array.from(rows, (_, k) => k));
  const api = {
    str(name: string, get: (r: R) => string) {
      const s = strings(rows, get);
      b.dict(name, k => s.ids[k], s.dict);
      return api;
    },
    i32(name: string, get: (r: R) => number) {
      b.int32(name, k => get(rows[k]));
      return api;
    },
    i64(name: string, get: (r: R) => bigint, isNull?: (r: R) => boolean) {
      b.int64(name, k => get(rows[k]), isNull ? k => isNull(rows[k]) : undefined);
      return api;
    },
    /** An int64 column of integers kept as numbers, null where the number is not finite (unknown). */
    optI64(name: string, get: (r: R) => number) {
      return api.i64(
        name,
        r => BigInt(Number.isFinite(get(r)) ? get(r) : 0),
        r => !Number.isFinite(get(r))
      );
    },
    f64(name: string, get: (r: R) => number) {
      b.float64(name, k => get(rows[k]));
      return api;
    },
    build: () => b.build()
  };
  return api;
}

export function vcpuStatesTable(rows: readonly VcpuStateRow[]): Table {
  return builder(rows)
    .str('host', r => r.host)
    .str('vm', r => r.vm)
    .i32('vcpu', r => r.vcpu)
    .i32('host_tid', r => r.hostTid)
    .i64('start', r => r.start)
    .i64('end', r => r.end)
    .i32('state', r => r.state)
    .str('state_name', r => vcpuStateName(r.state))
    .i32('cpu', r => r.cpu)
    .build();
}

export function preemptionTable(rows: readonly PreemptionRow[]): Table {
  return builder(rows)
    .str('host', r => r.host)
    .str('vm', r => r.vm)
    .i32('vcpu', r => r.vcpu)
    .i32('tid', r => r.tid)
    .str('comm', r => r.comm)
    .i64('start', r => r.start)
    .i64('end', r => r.end)
    .str('state', r => r.state)
    .i32('cpu', r => r.cpu)
    .str('cause_kind', r => r.causeKind)
    .str('cause', r => r.cause)
    .str('cause_vm', r => r.causeVm)
    .i32('cause_vcpu', r => r.causeVcpu)
    .i32('cause_tid', r => r.causeTid)
    .str('cause_comm', r => r.causeComm)
    .i64('container', r => BigInt(r.container))
    .i32('vtid', r => r.vtid)
    .i64('cause_container', r => BigInt(r.causeContainer))
    .optI64('exit_reason', r => r.reason)
    .build();
}

export function fusedTable(rows: readonly FusedRow[]): Table {
  return builder(rows)
    .str('host', r => r.host)
    .i32('cpu', r => r.cpu)
    .i64('start', r => r.start)
    .i64('end', r => r.end)
    .str('vm', r => r.vm)
    .i32('vcpu', r => r.vcpu)
    .i32('tid', r => r.tid)
    .str('comm', r => r.comm)
    .i32('host_tid', r => r.hostTid)
    .str('state', r => r.state)
    .i64('container', r => BigInt(r.container))
    .i32('vtid', r => r.vtid)
    .build();
}

export function overheadTable(rows: readonly OverheadRow[]): Table {
  return builder(rows)
    .str('vm', r => r.vm)
    .i32('tid', r => r.tid)
    .str('comm', r => r.comm)
    .str('state', r => r.state)
    .optI64('exit_reason', r => r.reason)
    .i64('ns', r => r.ns)
    .build();
}

export function vmSyncTable(rows: readonly GuestSync[]): Table {
  return builder(rows)
    .str('host', r => r.host)
    .str('guest', r => r.guest)
    .i64('vm_uid', r => BigInt(r.vmUid))
    .f64('slope', r => r.transform.slope)
    .i64('offset', r => offsetNs(r.transform))
    .str('quality', r => r.quality)
    .f64('accuracy', r => r.accuracy)
    .i32('matches', r => r.matches)
    .build();
}

export function guestCriticalPathTable(rows: readonly GuestPathSegment[]): Table {
  const seq = new Map(rows.map((r, k) => [r, k] as const));
  return builder(rows)
    .i32('seq', r => seq.get(r) ?? -1)
    .str('host', r => r.host)
    .i32('tid', r => r.tid)
    .str('name', r => r.comm)
    .i64('start', r => r.start)
    .i64('end', r => r.end)
    .str('state', r => r.state)
    .i32('vcpu', r => r.vcpu)
    .str('cause_kind', r => r.causeKind)
    .str('cause', r => r.cause)
    .str('cause_vm', r => r.causeVm)
    .i32('cause_vcpu', r => r.causeVcpu)
    .i32('cause_tid', r => r.causeTid)
    .str('cause_comm', r => r.causeComm)
    .optI64('exit_reason', r => r.reason)
    .build();
}
