/**
 * Host ↔ guest clock synchronisation from the vmsync hypercall pairs: `vmsync_gh_guest` (guest sends) matches
 * `vmsync_gh_host` (host receives), `vmsync_hg_host` (host sends) matches `vmsync_hg_guest` (guest receives), on
 * (vm_uid, cnt). The pairs feed the same convex-hull estimator as network sync (`../sync/convex-hull.ts`), with the
 * host as reference; each guest gets a transform of its clock into its host's clock.
 *
 * Scope: matching and per-guest estimates; no event reading.
 */
import { PairSync } from '../sync/convex-hull';
import type { SyncQuality } from '../sync/convex-hull';
import { apply, IDENTITY } from '../sync/transform';
import type { Transform } from '../sync/transform';
import type { SyncEv, TraceEvents } from './collect';

export interface GuestSync {
  readonly guest: string;
  readonly host: string;
  readonly vmUid: number;
  /** Guest clock → host clock. */
  readonly transform: Transform;
  readonly quality: SyncQuality | 'none';
  readonly accuracy: number;
  readonly matches: number;
  readonly pair: PairSync | undefined;
}

const key = (s: SyncEv): string => `${s.dir}:${s.vmUid}:${s.cnt}`;

/** The host trace whose `vmsync_*_host` events name `vmUid`. */
export function hostOfGuest(traces: readonly TraceEvents[], vmUid: number): TraceEvents | undefined {
  return traces.find(t => t.role === 'host' && t.sync.some(s => s.vmUid === vmUid));
}

/** Convex-hull estimate of one guest against its host. */
export function syncGuest(host: TraceEvents, guest: TraceEvents): GuestSync {
  const pair = new PairSync(host.name, guest.name);
  const hostTs = new Map<string, bigint>();
  for (const s of host.sync) if (s.vmUid === guest.vmUid) hostTs.set(key(s), s.ts);
  for (const s of guest.sync) {
    const h = hostTs.get(key(s));
    if (h === undefined) continue;
    if (s.dir === 'hg') pair.addRefToOther(h, s.ts);
    else pair.addOtherToRef(s.ts, h);
  }
  const t = pair.otherToRef();
  return {
    guest: guest.name,
    host: host.name,
    vmUid: guest.vmUid,
    transform: t ?? IDENTITY,
    quality: pair.matches === 0 ? 'none' : pair.quality,
    accuracy: pair.accuracy,
    matches: pair.matches,
    pair
  };
}

/** No synchronisation: the guest's clock is taken as the host's. */
export function unsynced(host: TraceEvents, guest: TraceEvents): GuestSync {
  return {
    guest: guest.name,
    host: host.name,
    vmUid: guest.vmUid,
    transform: IDENTITY,
    quality: 'none',
    accuracy: NaN,
    matches: 0,
    pair: undefined
  };
}

export function toHost(s: GuestSync, ts: bigint): bigint {
  return apply(s.transform, ts);
}
