/**
 * `matchPackets(exp)` and `synchronize(exp)`: reads the network events of an experiment (only their classes),
 * pairs sends with receives, estimates one clock transform per host pair (convex hull) and per host (spanning
 * tree). Results are cached per experiment.
 */
import { PairSync } from './convex-hull';
import { matchLog } from './matcher';
import type { MatchOptions } from './matcher';
import { packetClasses } from './packet-layout';
import type { PacketClass } from './packet-layout';
import { PacketLog } from './packet-log';
import type { Matches } from './packet-log';
import { spanningTree } from './spanning-tree';
import type { HostSync } from './spanning-tree';
import { apply, IDENTITY } from './transform';
import type { Transform } from './transform';
import type { EventClassInfo, Experiment } from '../trace/types';

export interface PacketMatches {
  readonly log: PacketLog;
  readonly matches: Matches;
}

export interface SyncResult {
  /** One entry per host of the experiment, in first-seen trace order. */
  readonly hosts: readonly HostSync[];
  /** Reference host of the main tree. */
  readonly reference: string;
  readonly pairs: readonly PairSync[];
  transformOf(host: string): Transform;
  toSynced(host: string, ts: bigint): bigint;
}

/** Packet classes of every trace of `exp`, by class id, with the trace's host index in `log`. */
export function experimentPacketClasses(
  exp: Experiment,
  log: PacketLog
): Map<number, { pc: PacketClass; host: number }> {
  const byTrace = new Map<number, EventClassInfo[]>();
  for (const c of exp.eventClasses) {
    const l = byTrace.get(c.traceIndex) ?? [];
    l.push(c);
    byTrace.set(c.traceIndex, l);
  }
  const out = new Map<number, { pc: PacketClass; host: number }>();
  for (const t of exp.traces) {
    const host = log.hostIndex(t.hostname);
    for (const [id, pc] of packetClasses(byTrace.get(t.index) ?? [])) out.set(id, { pc, host });
  }
  return out;
}

/** Reads the network events of `exp` into a packet log (local times). */
export function collectPackets(exp: Experiment): PacketLog {
  const log = new PacketLog();
  const classes = experimentPacketClasses(exp, log);
  if (classes.size === 0) return log;
  for (const b of exp.batches({ classIds: new Set(classes.keys()), streaming: true })) {
    for (let i = 0; i < b.length; i++) {
      const c = classes.get(b.classId[i]);
      const k = c?.pc.read(b, i);
      if (c && k) log.add(c.pc.dir, c.host, b.ts[i], k);
    }
  }
  return log;
}

const matchCache = new WeakMap<Experiment, PacketMatches>();
const syncCache = new WeakMap<Experiment, SyncResult>();

/** Matched network packets of `exp` (cached). */
export function matchPackets(exp: Experiment, opts: MatchOptions = {}): PacketMatches {
  const cacheable = opts.maxLoopbackNs === undefined;
  const hit = cacheable ? matchCache.get(exp) : undefined;
  if (hit) return hit;
  const log = collectPackets(exp);
  const r = { log, matches: matchLog(log, opts) };
  if (cacheable) matchCache.set(exp, r);
  return r;
}

/** Builds the per-pair estimates of matched packets between different hosts. */
export function pairEstimates(log: PacketLog, matches: Matches): PairSync[] {
  const pairs = new Map<string, PairSync>();
  for (let k = 0; k < matches.send.length; k++) {
    const s = matches.send[k];
    const r = matches.recv[k];
    const hs = log.hosts[log.host.buf[s]];
    const hr = log.hosts[log.host.buf[r]];
    if (hs === hr) continue;
    const [a, b] = hs < hr ? [hs, hr] : [hr, hs];
    let p = pairs.get(`${a}\0${b}`);
    if (!p) {
      p = new PairSync(a, b);
      pairs.set(`${a}\0${b}`, p);
    }
    if (hs === a) p.addRefToOther(log.ts.buf[s], log.ts.buf[r]);
    else p.addOtherToRef(log.ts.buf[s], log.ts.buf[r]);
  }
  return [...pairs.values()];
}

/** Synchronisation of the given hosts from a packet log and its matches. */
export function syncFromMatches(hostNames: readonly string[], log: PacketLog, matches: Matches): SyncResult {
  const pairs = pairEstimates(log, matches);
  const hosts = spanningTree(hostNames, pairs);
  const byName = new Map(hosts.map(h => [h.host, h] as const));
  const transformOf = (h: string): Transform => byName.get(h)?.transform ?? IDENTITY;
  return {
    hosts,
    reference: hosts.find(h => h.quality === 'reference')?.host ?? hostNames[0] ?? '',
    pairs,
    transformOf,
    toSynced: (h, ts) => apply(transformOf(h), ts)
  };
}

/** Host names of an experiment, unique, in trace order. */
export function experimentHosts(exp: Experiment): string[] {
  return [...new Set(exp.traces.map(t => t.hostname))];
}

/** Clock synchronisation of the hosts of `exp` (cached). */
export function synchronize(exp: Experiment): SyncResult {
  const hit = syncCache.get(exp);
  if (hit) return hit;
  const hosts = experimentHosts(exp);
  let r: SyncResult;
  if (hosts.length < 2) {
    r = syncFromMatches(hosts, new PacketLog(), {
      send: new Int32Array(0),
      recv: new Int32Array(0),
      sendOf: new Int32Array(0)
    });
  } else {
    const m = matchPackets(exp);
    r = syncFromMatches(hosts, m.log, m.matches);
  }
  syncCache.set(exp, r);
  return r;
}
