/**
 * Which events of a trace are network sends and receives, and the key that pairs a send with its receive.
 *
 * Per trace, one family is used (so a packet seen at two layers is not counted twice):
 * - LTTng addon `inet_sock_local_out` / `inet_sock_local_in` (fields `seq`, `ack_seq`, `flags`): TCP key;
 * - Trace Compass stubs `packet_sent` / `packet_received`: key `msgid`;
 * - `net_dev_queue` / `netif_receive_skb` (LTTng, perf `net:*`): the TCP key when the event carries the TCP header
 *   (lttng-modules >= 2.9 `network_header` → `transport_header` → `tcp`), else, on the loopback device `lo` only,
 *   the socket-buffer address `skbaddr` (loopback hands the same skb from the send to the receive; such keys only
 *   pair events of one host, in time order).
 */
import type { EventBatch, EventClassInfo, FieldValue } from '../trace/types';

export const Dir = { SEND: 0, RECV: 1 } as const;

/** What one network event says. `seq`/`ack`/`flags` are NaN when absent (stub: `seq` holds the msgid). */
export interface PacketKey {
  key: string;
  seq: number;
  ack: number;
  flags: number;
  /** Pairs only with an event of the same host (loopback skb addresses). */
  sameHostOnly: boolean;
}

export interface PacketClass {
  readonly dir: 0 | 1;
  read(b: EventBatch, i: number): PacketKey | undefined;
}

const FAMILIES: readonly (readonly [string, string])[] = [
  ['inet_sock_local_out', 'inet_sock_local_in'],
  ['packet_sent', 'packet_received'],
  ['net_dev_queue', 'netif_receive_skb'],
  ['net:net_dev_queue', 'net:netif_receive_skb']
];

function num(v: FieldValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (
    v !== null &&
    typeof v === 'object' &&
    'value' in v &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array)
  ) {
    return num((v as { value: FieldValue }).value);
  }
  return NaN;
}

/** Finds an object holding `seq` and `ack_seq` inside a decoded header value (depth-limited). */
function findTcp(v: FieldValue | undefined, depth = 0): { [name: string]: FieldValue } | undefined {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof Uint8Array || depth > 5) {
    return undefined;
  }
  if (Array.isArray(v)) return undefined;
  const o = v as { [name: string]: FieldValue };
  if ('seq' in o && 'ack_seq' in o) return o;
  for (const k of Object.keys(o)) {
    const r = findTcp(o[k], depth + 1);
    if (r) return r;
  }
  return undefined;
}

function tcpKey(seq: number, ack: number, flags: number): PacketKey | undefined {
  if (!Number.isFinite(seq) || !Number.isFinite(ack)) return undefined;
  return {
    key: `t${seq}:${ack}:${Number.isFinite(flags) ? flags : ''}`,
    seq,
    ack,
    flags,
    sameHostOnly: false
  };
}

function flatTcpReader(c: EventClassInfo): ((b: EventBatch, i: number) => PacketKey | undefined) | undefined {
  const s = c.fieldIndex('seq');
  const a = c.fieldIndex('ack_seq');
  const f = c.fieldIndex('flags');
  if (s < 0 || a < 0) return undefined;
  return (b, i) => tcpKey(b.int(i, s), b.int(i, a), f < 0 ? NaN : b.int(i, f));
}

function stubReader(c: EventClassInfo): ((b: EventBatch, i: number) => PacketKey | undefined) | undefined {
  const m = c.fieldIndex('msgid');
  if (m < 0) return undefined;
  return (b, i) => {
    const id = b.int(i, m);
    return Number.isFinite(id)
      ? { key: `m${id}`, seq: id, ack: NaN, flags: NaN, sameHostOnly: false }
      : undefined;
  };
}

/** net_dev_queue / netif_receive_skb: TCP header when present, else the skb address on `lo`. */
function devReader(c: EventClassInfo): ((b: EventBatch, i: number) => PacketKey | undefined) | undefined {
  const hdr = c.fieldIndex('network_header');
  const skb = c.fieldIndex('skbaddr');
  const name = c.fieldIndex('name');
  if (hdr < 0 && skb < 0) return undefined;
  return (b, i) => {
    if (hdr >= 0) {
      const t = findTcp(b.value(i, hdr));
      if (t) return tcpKey(num(t.seq), num(t.ack_seq), num(t.flags));
    }
    if (skb < 0 || name < 0 || b.str(i, name) !== 'lo') return undefined;
    const addr = b.bigint(i, skb);
    return addr === undefined
      ? undefined
      : { key: `s${addr}`, seq: NaN, ack: NaN, flags: NaN, sameHostOnly: true };
  };
}

function readerFor(
  c: EventClassInfo,
  family: number
): ((b: EventBatch, i: number) => PacketKey | undefined) | undefined {
  if (family === 0) return flatTcpReader(c);
  if (family === 1) return stubReader(c);
  return devReader(c);
}

/**
 * The packet classes of one trace (by class id), choosing the first family whose send and receive classes both
 * exist, or the first with either.
 */
export function packetClasses(classes: readonly EventClassInfo[]): Map<number, PacketClass> {
  const byName = new Map(classes.map(c => [c.name, c] as const));
  let family = FAMILIES.findIndex(([s, r]) => byName.has(s) && byName.has(r));
  if (family < 0) family = FAMILIES.findIndex(([s, r]) => byName.has(s) || byName.has(r));
  const out = new Map<number, PacketClass>();
  if (family < 0) return out;
  FAMILIES[family].forEach((name, dir) => {
    const c = byName.get(name);
    const read = c && readerFor(c, family);
    if (c && read) out.set(c.id, { dir: dir as 0 | 1, read });
  });
  return out;
}
