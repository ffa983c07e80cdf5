/**
 * Spanning tree over hosts: turns per-pair clock estimates into one transform per host, into the clock of a
 * reference host.
 *
 * Pairs are taken best first (accurate, then approximate, then failed-with-estimate; more matches first; names as
 * tie-break) into a forest (union-find). Each tree's reference is its smallest host name; the main tree is the one
 * holding the smallest name of all connected hosts. Transforms compose along the tree path from the reference; a
 * host's quality is the worst along its path and its accuracy the sum (an upper bound; Trace Compass ignores both).
 */
import type { PairSync, SyncQuality } from './convex-hull';
import { compose, IDENTITY } from './transform';
import type { Transform } from './transform';

export type HostQuality = SyncQuality | 'reference';

export interface HostSync {
  readonly host: string;
  readonly reference: string;
  /** Neighbour towards the reference ('' for a reference). */
  readonly parent: string;
  readonly transform: Transform;
  readonly quality: HostQuality;
  readonly accuracy: number;
  /** Matched packets with the parent. */
  readonly matches: number;
}

const RANK: Record<SyncQuality, number> = { accurate: 0, approximate: 1, fail: 2, incomplete: 3 };
const WORST: readonly HostQuality[] = ['reference', 'accurate', 'approximate', 'fail', 'incomplete'];

function worst(a: HostQuality, b: HostQuality): HostQuality {
  return WORST.indexOf(a) >= WORST.indexOf(b) ? a : b;
}

function usable(p: PairSync): boolean {
  return p.quality !== 'incomplete' && p.otherToRef() !== undefined;
}

function chooseEdges(hosts: readonly string[], pairs: readonly PairSync[]): PairSync[] {
  const parent = new Map(hosts.map(h => [h, h] as const));
  const find = (h: string): string => {
    let r = h;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(h, r);
    return r;
  };
  const sorted = pairs.filter(usable).sort((a, b) => {
    const q = RANK[a.quality] - RANK[b.quality];
    if (q !== 0) return q;
    if (a.matches !== b.matches) return b.matches - a.matches;
    return (a.reference + '\0' + a.other).localeCompare(b.reference + '\0' + b.other);
  });
  const chosen: PairSync[] = [];
  for (const p of sorted) {
    const ra = find(p.reference);
    const rb = find(p.other);
    if (ra === rb) continue;
    parent.set(ra, rb);
    chosen.push(p);
  }
  return chosen;
}

interface Step {
  to: string;
  pair: PairSync;
  /** Transform from `to`'s clock into the current host's clock. */
  t: Transform;
}

/** One transform per host (the first root — connected hosts first — is 'reference'; other roots, e.g. hosts
 * without packets, keep the identity with quality 'incomplete', and so do the hosts synced to them). */
export function spanningTree(hosts: readonly string[], pairs: readonly PairSync[]): HostSync[] {
  const adj = new Map<string, Step[]>(hosts.map(h => [h, []]));
  for (const p of chooseEdges(hosts, pairs)) {
    adj.get(p.reference)?.push({ to: p.other, pair: p, t: p.otherToRef() as Transform });
    adj.get(p.other)?.push({ to: p.reference, pair: p, t: p.refToOther() as Transform });
  }
  const out = new Map<string, HostSync>();
  const connected = (h: string): boolean => (adj.get(h) ?? []).length > 0;
  const order = [...hosts].sort((a, b) => Number(connected(b)) - Number(connected(a)) || a.localeCompare(b));
  for (const root of order) {
    if (out.has(root)) continue;
    const rootQuality: HostQuality = out.size === 0 ? 'reference' : 'incomplete';
    out.set(root, {
      host: root,
      reference: root,
      parent: '',
      transform: IDENTITY,
      quality: rootQuality,
      accuracy: 0,
      matches: 0
    });
    const queue = [root];
    while (queue.length > 0) {
      const h = queue.shift() as string;
      const here = out.get(h) as HostSync;
      for (const s of adj.get(h) ?? []) {
        if (out.has(s.to)) continue;
        const acc = s.pair.accuracy;
        out.set(s.to, {
          host: s.to,
          reference: root,
          parent: h,
          transform: compose(here.transform, s.t),
          quality: worst(here.quality === 'reference' ? 'accurate' : here.quality, s.pair.quality),
          accuracy: here.accuracy + (Number.isFinite(acc) ? acc : NaN),
          matches: s.pair.matches
        });
        queue.push(s.to);
      }
    }
  }
  return hosts.map(h => out.get(h) as HostSync);
}
