/**
 * Known facts about real corpus metadata, checked on the IR (values read from the metadata text by hand and
 * from `babeltrace2 DIR -c sink.text.details -p with-data=false`).
 */

import type {
  ArrayFC,
  EnumFC,
  EventClass,
  FieldClass,
  IntegerFC,
  StructFC,
  TraceClass,
  VariantFC
} from '../../src/analysis/formats/ctf/ir';
import { parseCorpus } from './helpers/corpus';

function member(s: StructFC | undefined, name: string): FieldClass {
  const m = s?.members.find(x => x.name === name);
  if (!m) throw new Error(`no member ${name}`);
  return m.fc;
}

function event(tc: TraceClass, name: string): EventClass {
  const ev = tc.streams.flatMap(s => s.events).find(e => e.name === name);
  if (!ev) throw new Error(`no event ${name}`);
  return ev;
}

describe('many-threads (lttng-modules 2.8)', () => {
  const tc = parseCorpus('tracecompass/many-threads/metadata');
  const sc = tc.streams[0];

  it('has one stream with 1181 event classes (babeltrace2 lists 1181)', () => {
    expect(tc.streams.map(s => s.id)).toEqual([0n]);
    expect(sc.events).toHaveLength(1181);
    expect(new Set(sc.events.map(e => e.id)).size).toBe(1181);
  });

  it('reads the trace, env and clock blocks', () => {
    expect(tc.byteOrder).toBe('le');
    expect(tc.uuid).toBe('69861fba-fe44-2b41-b75b-39acaf6930ec');
    expect(tc.env.tracer_name).toBe('lttng-modules');
    expect(tc.env.tracer_major).toBe(2n);
    expect(tc.env.kernel_release).toBe('4.4.3-1-ARCH');
    expect(tc.clocks).toEqual([
      {
        name: 'monotonic',
        uuid: 'e0ff1bac-aa1d-451d-a8c1-10cb8d315d45',
        description: 'Monotonic Clock',
        freq: 1000000000n,
        offsetSeconds: 0n,
        offsetCycles: 1457111225177515989n
      }
    ]);
    expect(sc.defaultClock).toBe('monotonic');
  });

  it('types sched_switch fields', () => {
    const ev = event(tc, 'sched_switch');
    expect(ev.id).toBe(1180n);
    expect(ev.payload?.members.map(m => m.name)).toEqual([
      '_prev_comm',
      '_prev_tid',
      '_prev_prio',
      '_prev_state',
      '_next_comm',
      '_next_tid',
      '_next_prio'
    ]);
    const comm = member(ev.payload, '_prev_comm') as ArrayFC;
    expect(comm.kind).toBe('array');
    expect(comm.length).toBe(16);
    expect(comm.element).toMatchObject({ kind: 'int', size: 8, signed: false, encoding: 'utf8', align: 8 });
    expect(member(ev.payload, '_prev_tid')).toEqual({
      kind: 'int',
      size: 32,
      signed: true,
      align: 8,
      byteOrder: 'le',
      base: 10
    });
    expect(member(ev.payload, '_prev_state')).toMatchObject({ kind: 'int', size: 64, signed: true });
  });

  it('decodes the compact event header: enum id, variant v, roles inside the variant', () => {
    const header = sc.eventHeader as StructFC;
    expect(header.align).toBe(8);
    expect(header.minAlign).toBe(8);
    const id = member(header, 'id') as EnumFC;
    expect(id.kind).toBe('enum');
    expect(id.container).toMatchObject({ size: 5, signed: false, align: 1 });
    expect(id.mappings).toEqual([
      { label: 'compact', ranges: [[0n, 30n]] },
      { label: 'extended', ranges: [[31n, 31n]] }
    ]);
    expect(id.roles).toEqual(['event-record-class-id']);
    const v = member(header, 'v') as VariantFC;
    expect(v.kind).toBe('variant');
    expect(v.align).toBe(1);
    expect(v.selectorLocation).toEqual({ path: ['id'] });
    expect(v.options.map(o => o.name)).toEqual(['compact', 'extended']);
    const compactTs = member(v.options[0].fc as StructFC, 'timestamp') as IntegerFC;
    expect(compactTs).toMatchObject({
      size: 27,
      mappedClock: 'monotonic',
      roles: ['default-clock-timestamp']
    });
    const extended = v.options[1].fc as StructFC;
    expect(member(extended, 'id').roles).toEqual(['event-record-class-id']);
    expect(member(extended, 'timestamp')).toMatchObject({ size: 64, roles: ['default-clock-timestamp'] });
  });

  it('gives roles to packet header and packet context fields', () => {
    const roles = (s: StructFC | undefined): Record<string, unknown> =>
      Object.fromEntries((s?.members ?? []).map(m => [m.name, m.fc.roles]));
    expect(roles(tc.packetHeader)).toEqual({
      magic: ['packet-magic-number'],
      uuid: ['metadata-stream-uuid'],
      stream_id: ['data-stream-class-id'],
      stream_instance_id: ['data-stream-id']
    });
    expect(roles(sc.packetContext)).toEqual({
      timestamp_begin: ['default-clock-timestamp'],
      timestamp_end: ['packet-end-default-clock-timestamp'],
      content_size: ['packet-content-length'],
      packet_size: ['packet-total-length'],
      packet_seq_num: ['packet-sequence-number'],
      events_discarded: ['discarded-event-record-counter-snapshot'],
      cpu_id: undefined
    });
    expect(member(sc.packetContext, 'timestamp_begin')).toMatchObject({ mappedClock: 'monotonic' });
    expect((member(sc.packetContext, 'timestamp_end') as IntegerFC).mappedClock).toBeUndefined();
  });

  it('does not leak roles into other uses of a shared alias', () => {
    // `uint32_t` types both the packet header `magic` and the packet context `cpu_id`.
    expect(member(tc.packetHeader, 'magic').roles).toEqual(['packet-magic-number']);
    const cpu = member(sc.packetContext, 'cpu_id');
    expect(cpu).toMatchObject({ kind: 'int', size: 32, signed: false });
    expect(cpu.roles).toBeUndefined();
  });
});

describe('perf data convert --to-ctf metadata (recorded/mpi-imbalance/ctf)', () => {
  const tc = parseCorpus('recorded/mpi-imbalance/ctf/metadata');
  it('has 759 event classes with explicit ids 0..758 and the perf clock', () => {
    const sc = tc.streams[0];
    expect(tc.streams).toHaveLength(1);
    expect(sc.events).toHaveLength(759);
    expect(sc.events[0]).toMatchObject({ id: 0n, name: 'sched:sched_switch' });
    expect(sc.events[758]).toMatchObject({ id: 758n, name: 'dummy:HG' });
    expect(tc.clocks.map(c => [c.name, c.freq, c.precision, c.absolute])).toEqual([
      ['perf_clock', 1000000000n, 10n, false]
    ]);
    expect(sc.defaultClock).toBe('perf_clock');
    expect(tc.env).toMatchObject({ tracer_name: 'perf', domain: 'kernel', machine: 'x86_64' });
  });

  it('types sched:sched_switch with strings and byte-packed integers', () => {
    const p = event(tc, 'sched:sched_switch').payload;
    expect(member(p, 'prev_comm')).toEqual({ kind: 'string', align: 8, encoding: 'utf8' });
    expect(member(p, 'perf_ip')).toMatchObject({ size: 64, align: 1, base: 16, signed: false });
    expect(member(p, 'prev_pid')).toMatchObject({ size: 32, align: 1, signed: true });
    expect(member(tc.streams[0].packetContext, 'cpu_id')).toMatchObject({ size: 32, align: 1 });
    expect(tc.streams[0].packetContext?.minAlign).toBe(8);
  });
});

describe('other corpus facts', () => {
  it('flipping-endianness: packetized big-endian metadata', () => {
    const tc = parseCorpus('tracecompass/flipping-endianness/metadata');
    expect(tc.byteOrder).toBe('be');
    expect(member(tc.packetHeader, 'magic')).toMatchObject({ byteOrder: 'be', size: 32 });
    expect(tc.clocks[0].offsetCycles).toBe(1417383477000003520n);
  });

  it('succeed/sequence: sequences with relative length names kept raw', () => {
    const tc = parseCorpus('babeltrace2/ctf-traces/succeed/sequence/metadata');
    const seq = member(tc.streams[0].events[0].payload, '_seq_int_field') as ArrayFC;
    expect(seq.lengthLocation).toEqual({ path: ['__seq_int_field_length'] });
    expect(seq.length).toBeUndefined();
    expect(seq.element).toMatchObject({ size: 32, signed: true });
  });

  it('lttng-ust: floats, network byte order, log level', () => {
    const tc = parseCorpus('babeltrace2/ctf-traces/succeed/session-rotation/3/ust/pid/10352/metadata');
    const ev = event(tc, 'ust_tests_hello:tptest');
    expect(ev.loglevel).toBe(13n);
    expect(member(ev.payload, '_floatfield')).toEqual({ kind: 'float', size: 32, align: 8, byteOrder: 'le' });
    expect(member(ev.payload, '_doublefield')).toMatchObject({ kind: 'float', size: 64 });
    expect(member(ev.payload, '_netintfieldhex')).toMatchObject({ byteOrder: 'be', base: 16, signed: true });
  });

  it('meta-variant-reserved-keywords: implicit enum values, no stream block, no clock', () => {
    const tc = parseCorpus('babeltrace2/ctf-traces/succeed/meta-variant-reserved-keywords/metadata');
    expect(tc.streams.map(s => s.id)).toEqual([0n]);
    expect(tc.clocks).toEqual([]);
    expect(tc.streams[0].defaultClock).toBeUndefined();
    const tag = member(tc.streams[0].events[0].payload, 'tag') as EnumFC;
    expect(tag.mappings.slice(0, 3)).toEqual([
      { label: '_align', ranges: [[0n, 0n]] },
      { label: '_callsite', ranges: [[1n, 1n]] },
      { label: '_const', ranges: [[2n, 2n]] }
    ]);
    expect(tag.mappings[27]).toEqual({ label: '__Imaginary', ranges: [[27n, 27n]] });
    expect(tag.container.byteOrder).toBe('be');
    const v = member(tc.streams[0].events[0].payload, 'var') as VariantFC;
    expect(v.options.map(o => o.name)).toEqual(tag.mappings.map(m => m.label));
  });

  it('metadata-only kernel trace (LTTng 2.x) parses to one stream', () => {
    const tc = parseCorpus('tracecompass-metadata-only/kernel/metadata');
    expect(tc.streams.map(s => s.events.length)).toEqual([368]);
    expect(tc.env.tracer_major).toBe(2n);
  });
});
