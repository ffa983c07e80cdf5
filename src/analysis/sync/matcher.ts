/**
 * Pairs each network receive with the send of the same packet.
 *
 * Within one key: a receive takes the earliest still-unmatched send of *another* host (first in, first out, which
 * also pairs retransmissions in order and does not depend on how the hosts' unsynchronised clocks interleave);
 * failing that, the latest unmatched send of its own host at or before it (loopback). Keys marked same-host-only
 * (loopback skb addresses, reused by the kernel) only take the latest earlier send of their host within
 * `maxLoopbackNs`.
 */
import { Dir } from './packet-layout';
import type { Matches, PacketLog } from './packet-log';

export interface MatchOptions {
  /** Longest send → receive delay accepted for a same-host pair (default 1 s). */
  maxLoopbackNs?: bigint;
}

function takeLatestSameHost(log: PacketLog, pending: number[], r: number, maxNs: bigint): number {
  const host = log.host.buf[r];
  const t = log.ts.buf[r];
  for (let k = pending.length - 1; k >= 0; k--) {
    const s = pending[k];
    if (log.host.buf[s] !== host) continue;
    const st = log.ts.buf[s];
    if (st > t) continue;
    if (t - st > maxNs) return -1;
    pending.splice(k, 1);
    return s;
  }
  return -1;
}

function takeOtherHost(log: PacketLog, pending: number[], r: number): number {
  const host = log.host.buf[r];
  for (let k = 0; k < pending.length; k++) {
    if (log.host.buf[pending[k]] !== host) return pending.splice(k, 1)[0];
  }
  return -1;
}

/** Matches the sends and receives of `log`. */
export function matchLog(log: PacketLog, opts: MatchOptions = {}): Matches {
  const maxNs = opts.maxLoopbackNs ?? 1_000_000_000n;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < log.length; i++) {
    const g = groups.get(log.keys[i]);
    if (g) g.push(i);
    else groups.set(log.keys[i], [i]);
  }
  const send: number[] = [];
  const recv: number[] = [];
  const sendOf = new Int32Array(log.length).fill(-1);
  for (const rows of groups.values()) {
    const sends = rows.filter(i => log.dir.buf[i] === Dir.SEND);
    if (sends.length === 0) continue;
    for (const r of rows) {
      if (log.dir.buf[r] !== Dir.RECV) continue;
      let s = -1;
      if (log.sameHostOnly.buf[r] === 0) s = takeOtherHost(log, sends, r);
      if (s < 0) s = takeLatestSameHost(log, sends, r, maxNs);
      if (s < 0) continue;
      send.push(s);
      recv.push(r);
      sendOf[r] = s;
    }
  }
  const order = send.map((_, k) => k).sort((a, b) => recv[a] - recv[b]);
  return {
    send: Int32Array.from(order, k => send[k]),
    recv: Int32Array.from(order, k => recv[k]),
    sendOf
  };
}
