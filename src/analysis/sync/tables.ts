/**
 * Arrow tables of packet matching and clock synchronisation.
 *
 * - packets: send_host, send_ts, recv_host, recv_ts (each host's local clock, ns), seq, ack, flags (null when the
 *   key has none; stub traces put `msgid` in seq), loopback (same host).
 * - sync: host, reference, parent, slope, offset, quality, accuracy, matches — synced = slope × local + offset
 *   (offset in ns, rounded; see `transform.ts` for precision), quality reference | accurate | approximate | fail |
 *   incomplete, accuracy = αmax − αmin summed along the tree path (null unless every step is accurate), matches =
 *   matched packets with the parent host.
 */
import type { Table } from 'apache-arrow';
import { TableBuilder } from '../kernel/arrow-build';
import type { PacketMatches, SyncResult } from './synchronize';
import { offsetNs } from './transform';

export function packetsTable(pm: PacketMatches): Table {
  const { log, matches } = pm;
  const rows = Int32Array.from(matches.send, (_, k) => k);
  const s = (k: number): number => matches.send[k];
  const r = (k: number): number => matches.recv[k];
  return new TableBuilder(rows)
    .dict('send_host', k => log.host.buf[s(k)], log.hosts)
    .int64('send_ts', k => log.ts.buf[s(k)])
    .dict('recv_host', k => log.host.buf[r(k)], log.hosts)
    .int64('recv_ts', k => log.ts.buf[r(k)])
    .int64(
      'seq',
      k => BigInt(Number.isFinite(log.seq.buf[s(k)]) ? log.seq.buf[s(k)] : 0),
      k => !Number.isFinite(log.seq.buf[s(k)])
    )
    .int64(
      'ack',
      k => BigInt(Number.isFinite(log.ack.buf[s(k)]) ? log.ack.buf[s(k)] : 0),
      k => !Number.isFinite(log.ack.buf[s(k)])
    )
    .int64(
      'flags',
      k => BigInt(Number.isFinite(log.flags.buf[s(k)]) ? log.flags.buf[s(k)] : 0),
      k => !Number.isFinite(log.flags.buf[s(k)])
    )
    .bool('loopback', k => log.host.buf[s(k)] === log.host.buf[r(k)])
    .build();
}

export function syncTable(sr: SyncResult): Table {
  const hosts = sr.hosts;
  const names = hosts.map(h => h.host);
  const id = (n: string): number => (n === '' ? -1 : names.indexOf(n));
  const qualities = ['reference', 'accurate', 'approximate', 'fail', 'incomplete'];
  const rows = Int32Array.from(hosts, (_, k) => k);
  return new TableBuilder(rows)
    .dict('host', k => k, names)
    .dict('reference', k => id(hosts[k].reference), names)
    .dict(
      'parent',
      k => id(hosts[k].parent),
      names,
      v => v < 0
    )
    .float64('slope', k => hosts[k].transform.slope)
    .int64('offset', k => offsetNs(hosts[k].transform))
    .dict('quality', k => qualities.indexOf(hosts[k].quality), qualities)
    .float64('accuracy', k => hosts[k].accuracy)
    .int32('matches', k => hosts[k].matches)
    .build();
}
