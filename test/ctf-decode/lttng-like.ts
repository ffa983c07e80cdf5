/**
 * A hand-made LTTng-like trace class (packet header with magic and stream id, packet context with timestamps,
 * sizes, sequence number, discarded events and cpu_id, compact/extended event header) and a packet writer for it,
 * for the packet-level tests.
 */
import type { EnumFC, StructFC, TraceClass, VariantFC } from '../../src/analysis/formats/ctf/ir';
import { BitWriter, clock1GHz, struct, traceClass, u } from './helpers';

export function lttngLikeClass(offsetSeconds = 1000n, offsetCycles = 5n): TraceClass {
  const ts64 = () => u(64, { mappedClock: 'c' });
  const packetHeader = struct([
    ['magic', u(32, { roles: ['packet-magic-number'] })],
    ['stream_id', u(32, { roles: ['data-stream-class-id'] })]
  ]);
  const packetContext = struct([
    ['timestamp_begin', u(64, { mappedClock: 'c', roles: ['default-clock-timestamp'] })],
    ['timestamp_end', u(64, { roles: ['packet-end-default-clock-timestamp'] })],
    ['content_size', u(64, { roles: ['packet-content-length'] })],
    ['packet_size', u(64, { roles: ['packet-total-length'] })],
    ['packet_seq_num', u(64, { roles: ['packet-sequence-number'] })],
    ['events_discarded', u(64, { roles: ['discarded-event-record-counter-snapshot'] })],
    ['cpu_id', u(32)]
  ]);
  const id: EnumFC = {
    kind: 'enum',
    align: 1,
    container: u(5, { align: 1 }),
    mappings: [
      { label: 'compact', ranges: [[0n, 30n]] },
      { label: 'extended', ranges: [[31n, 31n]] }
    ],
    roles: ['event-record-class-id']
  };
  const v: VariantFC = {
    kind: 'variant',
    align: 1,
    selectorLocation: { path: ['id'] },
    options: [
      {
        name: 'compact',
        fc: struct([['timestamp', u(27, { align: 1, mappedClock: 'c', roles: ['default-clock-timestamp'] })]])
      },
      {
        name: 'extended',
        fc: struct([
          ['id', u(32, { roles: ['event-record-class-id'] })],
          ['timestamp', { ...ts64(), roles: ['default-clock-timestamp'] }]
        ])
      }
    ]
  };
  const eventHeader: StructFC = {
    ...struct([
      ['id', id],
      ['v', v]
    ]),
    align: 8
  };
  return traceClass({
    packetHeader,
    packetContext,
    eventHeader,
    clock: clock1GHz(offsetSeconds, offsetCycles),
    events: [
      { id: 0n, name: 'small', payload: struct([['x', u(32)]]) },
      { id: 40n, name: 'big_id', payload: struct([['s', { kind: 'string', align: 8, encoding: 'utf8' }]]) }
    ]
  });
}

export interface Ev {
  id: number;
  ts: bigint;
  /** Writes the payload. */
  body: (w: BitWriter) => void;
  /** Force the extended header. */
  extended?: boolean;
}

export interface PacketOpts {
  begin: bigint;
  end: bigint;
  seq?: bigint;
  discarded?: bigint;
  cpu?: number;
  /** Bytes of padding after the content. */
  padding?: number;
  magic?: number;
}

/** Writes one packet; compact headers when the id fits and the timestamp moves by less than 2^27. */
export function packet(events: Ev[], o: PacketOpts): Uint8Array {
  const w = new BitWriter();
  w.int(o.magic ?? 0xc1fc1fc1, 32).int(0, 32);
  w.int(o.begin, 64).int(o.end, 64);
  const sizesAt = w.pos;
  w.int(0, 64)
    .int(0, 64)
    .int(o.seq ?? 0n, 64)
    .int(o.discarded ?? 0n, 64)
    .int(o.cpu ?? 0, 32);
  let clock = o.begin;
  for (const e of events) {
    w.align(8);
    const compact = !e.extended && e.id < 31 && e.ts >= clock && e.ts - clock < 1n << 27n;
    if (compact) {
      w.int(e.id, 5).int(e.ts & ((1n << 27n) - 1n), 27);
    } else {
      w.int(31, 5);
      w.align(8).int(e.id, 32).int(e.ts, 64);
    }
    clock = e.ts;
    e.body(w);
  }
  const content = w.pos;
  const total = (Math.ceil(content / 8) + (o.padding ?? 0)) * 8;
  w.pos = sizesAt;
  w.int(content, 64).int(total, 64);
  w.pos = total;
  return w.done();
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
