/**
 * Packet matching between hosts and clock synchronisation: the public API of `src/analysis/sync/`.
 *
 * `matchPackets(exp)` pairs network sends and receives (TCP seq/ack/flags, stub msgid, loopback skb);
 * `synchronize(exp)` turns the pairs into one linear transform per host (convex hull per host pair, spanning tree);
 * `packetsTable` / `syncTable` give them as Arrow tables.
 */
export {
  matchPackets,
  synchronize,
  collectPackets,
  syncFromMatches,
  pairEstimates,
  experimentHosts
} from './synchronize';
export type { PacketMatches, SyncResult } from './synchronize';
export { experimentPacketClasses } from './synchronize';
export { matchLog } from './matcher';
export type { MatchOptions } from './matcher';
export { PacketLog } from './packet-log';
export type { Matches } from './packet-log';
export { Dir, packetClasses } from './packet-layout';
export type { PacketClass, PacketKey } from './packet-layout';
export { PairSync } from './convex-hull';
export type { SyncQuality } from './convex-hull';
export { spanningTree } from './spanning-tree';
export type { HostSync, HostQuality } from './spanning-tree';
export { apply, compose, invert, makeTransform, offsetNs, isIdentity, IDENTITY } from './transform';
export type { Transform } from './transform';
export { packetsTable, syncTable } from './tables';
