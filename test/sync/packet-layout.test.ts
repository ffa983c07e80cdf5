/**
 * Which events are packets and what their keys are, on event classes shaped like the real ones: the LTTng addon
 * (flat seq/ack_seq/flags), lttng-modules >= 2.9 net_dev_queue (TCP header nested in network_header variants),
 * perf's net:* on the loopback device (skb address), and the choice of one family per trace.
 */
import { readIntsVia } from '../../src/analysis/trace/read-ints';
import { Dir, packetClasses } from '../../src/analysis/sync';
import type { EventBatch, EventClassInfo, FieldInfo, FieldValue } from '../../src/analysis/trace/types';

function cls(id: number, name: string, fields: string[]): EventClassInfo {
  const infos: FieldInfo[] = fields.map(n => ({ name: n, scope: 'payload', type: 'uint' }));
  return { id, traceIndex: 0, name, fields: infos, fieldIndex: n => fields.indexOf(n) };
}

/** A one-event batch whose fields (by index) hold `values`. */
function batch(values: FieldValue[]): EventBatch {
  const v = (f: number): FieldValue => values[f];
  const b: EventBatch = {
    length: 1,
    ts: new BigInt64Array(1),
    cpu: new Int32Array(1),
    classId: new Int32Array(1),
    stream: new Int32Array(1),
    int: (_i, f) => Number(v(f)),
    bigint: (_i, f) => BigInt(v(f) as number | bigint),
    str: (_i, f) => v(f) as string,
    value: (_i, f) => v(f),
    readerOf: () => b,
    rowOf: i => i,
    readInts: (i, count, num, hi, lo) => readIntsVia(b, i, count, num, hi, lo)
  };
  return b;
}

test('LTTng addon: inet_sock_local_out/in with flat TCP fields', () => {
  const m = packetClasses([
    cls(1, 'inet_sock_local_out', ['sk', 'seq', 'ack_seq', 'check', 'window', 'flags']),
    cls(2, 'inet_sock_local_in', ['sk', 'seq', 'ack_seq', 'check', 'window', 'flags'])
  ]);
  expect([m.get(1)?.dir, m.get(2)?.dir]).toEqual([Dir.SEND, Dir.RECV]);
  expect(m.get(1)?.read(batch([0, 2769203724, 0, 0, 0, 16394]), 0)).toEqual({
    key: 't2769203724:0:16394',
    seq: 2769203724,
    ack: 0,
    flags: 16394,
    sameHostOnly: false
  });
});

test('lttng-modules 2.9+: the TCP header inside network_header (variant values) gives the key; else nothing', () => {
  const fields = ['skbaddr', 'len', 'name', 'network_header_type', 'network_header'];
  const m = packetClasses([cls(3, 'net_dev_queue', fields), cls(4, 'netif_receive_skb', fields)]);
  const ipv4 = {
    version: 4,
    ihl: 5,
    protocol: { label: 'tcp', value: 6 },
    transport_header: {
      source_port: 22,
      dest_port: 50000,
      seq: 7,
      ack_seq: 9,
      data_offset: 5,
      reserved: 0,
      flags: 24,
      window_size: 1
    }
  };
  expect(m.get(4)?.read(batch([1n, 60, 'eth0', { label: 'ipv4', value: 1 }, ipv4]), 0)?.key).toBe('t7:9:24');
  expect(m.get(3)?.read(batch([1n, 60, 'eth0', { label: 'unknown', value: 0 }, {}]), 0)).toBeUndefined();
});

test('perf net:* on lo: skb address, same host only; other devices are not matched', () => {
  const m = packetClasses([
    cls(5, 'net:net_dev_queue', ['skbaddr', 'len', 'name']),
    cls(6, 'net:netif_receive_skb', ['skbaddr', 'len', 'name'])
  ]);
  expect(m.get(5)?.read(batch([0xffff8881086c3ce0n, 74, 'lo']), 0)).toMatchObject({
    key: `s${0xffff8881086c3ce0n}`,
    sameHostOnly: true
  });
  expect(m.get(6)?.read(batch([0xffff8881086c3ce0n, 74, 'eth0']), 0)).toBeUndefined();
});

test('one family per trace: with the addon present, net_dev_queue is not a packet event', () => {
  const m = packetClasses([
    cls(1, 'inet_sock_local_out', ['seq', 'ack_seq', 'flags']),
    cls(2, 'inet_sock_local_in', ['seq', 'ack_seq', 'flags']),
    cls(3, 'net_dev_queue', ['skbaddr', 'len', 'name'])
  ]);
  expect([...m.keys()].sort()).toEqual([1, 2]);
});
