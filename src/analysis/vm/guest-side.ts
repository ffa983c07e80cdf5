/**
 * The guest side of the VM model, in host time: each guest CPU's current thread over time (guest CPU n is vCPU n),
 * from the guest's `sched_switch` events mapped through the guest → host clock transform. Before a CPU's first
 * switch, the thread is the switch's previous thread.
 *
 * Scope: one guest trace → step functions per guest CPU.
 */
import type { TraceEvents } from './collect';
import type { Step } from './steps';
import type { GuestSync } from './vm-sync';
import { toHost } from './vm-sync';

export interface GuestThread {
  tid: number;
  comm: string;
}

export interface GuestSide {
  readonly vm: string;
  readonly vmUid: number;
  readonly sync: GuestSync;
  /** Guest CPU (= vCPU id) → current thread, host time. */
  readonly cpus: Map<number, Step<GuestThread>[]>;
  /** Pid namespaces of the guest's threads (containers). */
  readonly nsOf: TraceEvents['nsOf'];
}

export function guestSide(t: TraceEvents, sync: GuestSync, start: bigint): GuestSide {
  const cpus = new Map<number, Step<GuestThread>[]>();
  for (const e of t.switches) {
    let l = cpus.get(e.cpu);
    if (!l) {
      l = [{ ts: start, v: { tid: e.prevTid, comm: e.prevComm } }];
      cpus.set(e.cpu, l);
    }
    const ts = toHost(sync, e.ts);
    const v = { tid: e.nextTid, comm: e.nextComm };
    if (ts <= l[l.length - 1].ts) l[l.length - 1] = { ts: l[l.length - 1].ts, v };
    else l.push({ ts, v });
  }
  return { vm: t.name, vmUid: t.vmUid, sync, cpus, nsOf: t.nsOf };
}
