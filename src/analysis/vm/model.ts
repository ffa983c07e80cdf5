/**
 * `vmModel(exp)`: the VM model of an experiment — roles, vCPU bindings, host ↔ guest clock sync and the host-side
 * and guest-side step functions every VM table is derived from, all in the host's time. Cached per experiment and
 * option set.
 *
 * Scope: assembly; the derived rows are in `vcpu-states.ts`, `fused.ts`, `preemption.ts`.
 */
import type { Experiment } from '../trace/types';
import { collectVmEvents } from './collect';
import type { TraceEvents } from './collect';
import { guestSide } from './guest-side';
import type { GuestSide } from './guest-side';
import { hostSide } from './host-side';
import type { HostSide } from './host-side';
import { hostOfGuest, syncGuest, toHost, unsynced } from './vm-sync';
import type { GuestSync } from './vm-sync';

export interface VmOptions {
  /** Synchronise guest clocks to their host from the vmsync pairs (default true). */
  sync?: boolean;
}

export interface VmModel {
  readonly hosts: readonly HostSide[];
  readonly guests: ReadonlyMap<string, GuestSide>;
  readonly syncs: readonly GuestSync[];
  /** Guest traces without a host in the experiment. */
  readonly orphans: readonly string[];
  /** Time range of the events, host time. */
  readonly start: bigint;
  readonly end: bigint;
}

function timeBounds(traces: readonly TraceEvents[], syncs: readonly GuestSync[]): [bigint, bigint] {
  let lo: bigint | undefined;
  let hi: bigint | undefined;
  const see = (ts: bigint): void => {
    if (lo === undefined || ts < lo) lo = ts;
    if (hi === undefined || ts > hi) hi = ts;
  };
  for (const t of traces) {
    const s = syncs.find(x => x.guest === t.name && t.role === 'guest');
    const map = (ts: bigint): bigint => (s ? toHost(s, ts) : ts);
    for (const e of t.switches) see(map(e.ts));
    for (const e of t.kvm) see(map(e.ts));
    for (const e of t.sync) see(map(e.ts));
  }
  return [lo ?? 0n, hi ?? 0n];
}

const cache = new WeakMap<Experiment, Map<string, VmModel>>();

export function vmModel(exp: Experiment, opts: VmOptions = {}): VmModel {
  const k = JSON.stringify({ sync: opts.sync !== false });
  const hit = cache.get(exp)?.get(k);
  if (hit) return hit;
  const traces = collectVmEvents(exp);
  const syncs: GuestSync[] = [];
  const orphans: string[] = [];
  const pairs: [TraceEvents, TraceEvents][] = [];
  for (const g of traces.filter(t => t.role === 'guest')) {
    const h = hostOfGuest(traces, g.vmUid);
    if (!h) {
      orphans.push(g.name);
      continue;
    }
    pairs.push([h, g]);
    syncs.push(opts.sync === false ? unsynced(h, g) : syncGuest(h, g));
  }
  const [start, end] = timeBounds(traces, syncs);
  const guestByUid = new Map(pairs.map(([, g]) => [g.vmUid, g.name] as const));
  const hosts = traces.filter(t => t.role === 'host').map(t => hostSide(t, guestByUid, start));
  const guests = new Map(pairs.map(([, g], i) => [g.name, guestSide(g, syncs[i], start)] as const));
  const model: VmModel = { hosts, guests, syncs, orphans, start, end };
  const m = cache.get(exp) ?? new Map<string, VmModel>();
  m.set(k, model);
  cache.set(exp, m);
  return model;
}
