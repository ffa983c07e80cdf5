/**
 * Packet matching on hand-made packet logs: cross-host first in first out, retransmissions, same-host loopback skb
 * addresses (latest earlier send), unmatched events.
 */
import { matchLog, PacketLog } from '../../src/analysis/sync';

const tcp = (seq: number) => ({ key: `t${seq}:0:16`, seq, ack: 0, flags: 16, sameHostOnly: false });
const skb = (a: number) => ({ key: `s${a}`, seq: NaN, ack: NaN, flags: NaN, sameHostOnly: true });

test('cross-host pairs in order, retransmission included; a receive without a send stays unmatched', () => {
  const log = new PacketLog();
  const A = log.hostIndex('A');
  const B = log.hostIndex('B');
  log.add(1, B, 5n, tcp(9)); // 0: receive of nothing
  log.add(0, A, 10n, tcp(1)); // 1
  log.add(0, A, 20n, tcp(1)); // 2: retransmission
  log.add(1, B, 1015n, tcp(1)); // 3 (B's clock is 1000 ahead)
  log.add(1, B, 1026n, tcp(1)); // 4
  const m = matchLog(log);
  expect(Array.from(m.send)).toEqual([1, 2]);
  expect(Array.from(m.recv)).toEqual([3, 4]);
  expect(m.sendOf[0]).toBe(-1);
});

test('a receive read before its send (unsynchronised clocks) still matches', () => {
  const log = new PacketLog();
  const A = log.hostIndex('A');
  const B = log.hostIndex('B');
  log.add(1, B, 5n, tcp(1)); // B's clock is behind: its receive is read first
  log.add(0, A, 100n, tcp(1));
  expect(Array.from(matchLog(log).send)).toEqual([1]);
});

test('loopback skb: the latest earlier send of the same host; reused addresses pair correctly', () => {
  const log = new PacketLog();
  const H = log.hostIndex('H');
  log.add(0, H, 10n, skb(7)); // 0
  log.add(1, H, 12n, skb(7)); // 1 ← 0
  log.add(0, H, 20n, skb(7)); // 2 (address reused)
  log.add(1, H, 21n, skb(7)); // 3 ← 2
  log.add(1, H, 30n, skb(8)); // 4: no send
  const m = matchLog(log);
  expect(Array.from(m.send)).toEqual([0, 2]);
  expect(Array.from(m.recv)).toEqual([1, 3]);
});

test('same-host keys never pair across hosts, and not beyond the loopback delay', () => {
  const log = new PacketLog();
  const H = log.hostIndex('H');
  const K = log.hostIndex('K');
  log.add(0, H, 10n, skb(7));
  log.add(1, K, 12n, skb(7));
  log.add(0, H, 100n, skb(9));
  log.add(1, H, 2_000_000_100n, skb(9));
  expect(matchLog(log).send.length).toBe(0);
});
