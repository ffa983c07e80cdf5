/**
 * Hand-written TSDL snippets for the top-level blocks (trace, stream, event, clock, env, callsite), the lexical
 * details (comments, CRLF, escapes) and the whole-trace rules: implicit stream / event ids, roles, default clocks.
 */

import type { IntegerFC, StructFC, TraceClass } from '../../src/analysis/formats/ctf/ir';
import { parseTsdl } from '../../src/analysis/formats/ctf/metadata/tsdl';

const ALIASES =
  'typealias integer { size = 8; } := uint8_t;\n' +
  'typealias integer { size = 32; } := uint32_t;\n' +
  'typealias integer { size = 64; } := uint64_t;\n';

const HEADER =
  'trace { major = 1; minor = 8; uuid = "2A6422D0-6CEE-11E0-8C08-CB07D7B3A564"; byte_order = le;\n' +
  '  packet.header := struct { uint32_t magic; uint8_t uuid[16]; uint32_t stream_id; uint64_t stream_instance_id; }; };\n';

function parse(text: string): TraceClass {
  return parseTsdl(text, 'blocks.tsdl');
}

function member(s: StructFC | undefined, name: string): IntegerFC {
  return s?.members.find(m => m.name === name)?.fc as IntegerFC;
}

describe('lexical details', () => {
  it('skips comments and CR, accepts a missing signature, decodes escapes', () => {
    const tc = parse(
      '// no /* CTF 1.8 */ signature here\r\n/* a\r\n * block comment */\r\n' +
        'trace { major = 1; minor = 8; byte_order = be; }; // trailing\r\n' +
        'env { s = "tab\\there\\x41\\101\\"q\\" \\\\ \\?"; c = \'x\'; name = a.b; };\r\n' +
        'event { name = e; };'
    );
    expect(tc.env).toEqual({ s: 'tab\thereAA"q" \\ ?', c: 'x', name: 'a.b' });
  });
});

describe('trace, env and clock blocks', () => {
  it('reads the trace block', () => {
    const tc = parse(`${ALIASES}${HEADER}stream { id = 0; }; event { name = e; };`);
    expect(tc).toMatchObject({
      major: 1,
      minor: 8,
      uuid: '2a6422d0-6cee-11e0-8c08-cb07d7b3a564',
      byteOrder: 'le'
    });
    expect(tc.packetHeader?.members.map(m => m.name)).toEqual([
      'magic',
      'uuid',
      'stream_id',
      'stream_instance_id'
    ]);
  });

  it('reads every clock attribute and keeps offsets as written', () => {
    const tc = parse(
      'trace { major = 1; minor = 8; byte_order = le; };\n' +
        'clock { name = "c1"; uuid = "e0ff1bac-aa1d-451d-a8c1-10cb8d315d45"; description = "Desc"; freq = 1000; ' +
        'precision = 3; offset_s = -5; offset = 2500; absolute = TRUE; unknown_attr = 1; };\n' +
        'clock { name = c2; };\nevent { name = e; };'
    );
    expect(tc.clocks).toEqual([
      {
        name: 'c1',
        uuid: 'e0ff1bac-aa1d-451d-a8c1-10cb8d315d45',
        description: 'Desc',
        freq: 1000n,
        precision: 3n,
        offsetSeconds: -5n,
        offsetCycles: 2500n,
        absolute: true
      },
      { name: 'c2', freq: 1000000000n, offsetSeconds: 0n, offsetCycles: 0n }
    ]);
  });

  it('merges env blocks, strings and integers', () => {
    const tc = parse(
      'trace { major = 1; minor = 8; byte_order = le; };\nenv { a = "x"; n = 5; };\nenv { m = -1; };\nevent { name = e; };'
    );
    expect(tc.env).toEqual({ a: 'x', n: 5n, m: -1n });
  });

  it('ignores callsite blocks', () => {
    const tc = parse(
      'trace { major = 1; minor = 8; byte_order = le; };\n' +
        'callsite { name = "e"; func = "main"; ip = 0x400000; file = "a.c"; line = 12; };\nevent { name = e; };'
    );
    expect(tc.streams[0].events.map(e => e.name)).toEqual(['e']);
  });
});

describe('streams and events', () => {
  it('reads event attributes and keeps unknown ones', () => {
    const tc = parse(
      'trace { major = 1; minor = 8; byte_order = le; };\n' +
        'event { name = "my:event"; id = 7; loglevel = 13; model.emf.uri = "http://x/y"; custom = 4; other = "v"; ' +
        'context := struct { string s; }; fields := struct { string t; }; };'
    );
    expect(tc.streams[0].events[0]).toMatchObject({
      id: 7n,
      name: 'my:event',
      loglevel: 13n,
      modelEmfUri: 'http://x/y',
      attributes: { custom: 4n, other: 'v' },
      context: { members: [{ name: 's' }] },
      payload: { members: [{ name: 't' }] }
    });
  });

  it('creates stream 0 for events without stream, and gives id 0 to an id-less first event', () => {
    const tc = parse('trace { major = 1; minor = 8; byte_order = le; };\nevent { name = only; };');
    expect(tc.streams).toEqual([{ id: 0n, events: [{ id: 0n, name: 'only' }] }]);
  });

  it('attaches events to streams declared after them, by stream_id', () => {
    const tc = parse(
      `${ALIASES}${HEADER}` +
        'event { name = a; id = 0; stream_id = 1; };\nevent { name = b; id = 0; stream_id = 0; };\n' +
        'stream { id = 1; event.header := struct { uint32_t id; }; };\nstream { id = 0; };'
    );
    expect(tc.streams.map(s => [s.id, s.events.map(e => e.name)])).toEqual([
      [1n, ['a']],
      [0n, ['b']]
    ]);
  });

  it('gives stream 0 to an id-less stream', () => {
    const tc = parse(
      `${ALIASES}trace { major = 1; minor = 8; byte_order = le; };\n` +
        'stream { event.header := struct { uint32_t id; }; event.context := struct { uint8_t c; }; };\n' +
        'event { name = a; id = 1; }; event { name = b; id = 2; };'
    );
    expect(tc.streams[0].id).toBe(0n);
    expect(tc.streams[0].eventContext?.members.map(m => m.name)).toEqual(['c']);
    expect(tc.streams[0].events.map(e => e.id)).toEqual([1n, 2n]);
  });
});

describe('roles and clocks', () => {
  const lttngLike =
    `${ALIASES}${HEADER}` +
    'clock { name = monotonic; freq = 1000000000; offset = 10; };\n' +
    'typealias integer { size = 27; map = clock.monotonic.value; } := ts27_t;\n' +
    'typealias integer { size = 64; map = clock.monotonic.value; } := ts64_t;\n' +
    'typealias integer { size = 5; } := uint5_t;\n' +
    'stream { id = 0;\n' +
    '  packet.context := struct { ts64_t timestamp_begin; ts64_t timestamp_end; uint64_t content_size; ' +
    'uint64_t packet_size; uint64_t packet_seq_num; uint64_t events_discarded; uint32_t cpu_id; };\n' +
    '  event.header := struct { enum : uint5_t { compact = 0 ... 30, extended = 31 } id;\n' +
    '    variant <id> { struct { ts27_t timestamp; } compact; struct { uint32_t id; ts64_t timestamp; } extended; } v; } align(8);\n' +
    '};\nevent { name = a; id = 0; stream_id = 0; }; event { name = b; id = 1; stream_id = 0; };';

  it('assigns roles by well-known names, inside the LTTng header variant too', () => {
    const tc = parse(lttngLike);
    const sc = tc.streams[0];
    expect(member(tc.packetHeader, 'magic').roles).toEqual(['packet-magic-number']);
    expect(tc.packetHeader?.members[1].fc.roles).toEqual(['metadata-stream-uuid']);
    expect(member(tc.packetHeader, 'stream_id').roles).toEqual(['data-stream-class-id']);
    expect(member(tc.packetHeader, 'stream_instance_id').roles).toEqual(['data-stream-id']);
    expect(member(sc.packetContext, 'timestamp_begin')).toMatchObject({
      roles: ['default-clock-timestamp'],
      mappedClock: 'monotonic'
    });
    expect(member(sc.packetContext, 'timestamp_end').roles).toEqual(['packet-end-default-clock-timestamp']);
    expect(member(sc.packetContext, 'timestamp_end').mappedClock).toBeUndefined();
    expect(member(sc.packetContext, 'cpu_id').roles).toBeUndefined();
    expect(member(sc.eventHeader, 'id').roles).toEqual(['event-record-class-id']);
    const v = sc.eventHeader?.members[1].fc;
    if (v?.kind !== 'variant') throw new Error('no variant');
    const compact = v.options[0].fc as StructFC;
    const extended = v.options[1].fc as StructFC;
    expect(member(compact, 'timestamp').roles).toEqual(['default-clock-timestamp']);
    expect(member(extended, 'id').roles).toEqual(['event-record-class-id']);
    expect(member(extended, 'timestamp').roles).toEqual(['default-clock-timestamp']);
    expect(sc.defaultClock).toBe('monotonic');
  });

  it('does not put roles on the shared alias objects', () => {
    const tc = parse(
      lttngLike.replace(
        'event { name = a; id = 0; stream_id = 0; };',
        'event { name = a; id = 0; stream_id = 0; fields := struct { uint32_t magic; uint64_t timestamp_end; }; };'
      )
    );
    const p = tc.streams[0].events.find(e => e.name === 'a')?.payload;
    expect(member(p, 'magic').roles).toBeUndefined();
    expect(member(p, 'timestamp_end').roles).toBeUndefined();
  });

  it('maps an unmapped timestamp to the only clock', () => {
    const tc = parse(
      `${ALIASES}trace { major = 1; minor = 8; byte_order = le; };\nclock { name = only; };\n` +
        'stream { event.header := struct { uint32_t id; uint64_t timestamp; }; packet.context := struct { uint64_t timestamp_begin; }; };\n' +
        'event { name = a; id = 0; };'
    );
    expect(member(tc.streams[0].eventHeader, 'timestamp')).toMatchObject({
      mappedClock: 'only',
      roles: ['default-clock-timestamp']
    });
    expect(member(tc.streams[0].packetContext, 'timestamp_begin').mappedClock).toBe('only');
    expect(tc.streams[0].defaultClock).toBe('only');
  });

  it('creates an implicit 1 GHz clock for a timestamp when there is no clock (babeltrace2)', () => {
    const tc = parse(
      `${ALIASES}trace { major = 1; minor = 8; byte_order = le; };\n` +
        'stream { event.header := struct { uint64_t timestamp; }; };\nevent { name = a; };'
    );
    expect(tc.clocks).toEqual([{ name: 'default', freq: 1000000000n, offsetSeconds: 0n, offsetCycles: 0n }]);
    expect(tc.streams[0].defaultClock).toBe('default');
  });

  it('uses the only clock as default clock when nothing maps', () => {
    const tc = parse(
      'trace { major = 1; minor = 8; byte_order = le; };\nclock { name = c; };\nevent { name = a; };'
    );
    expect(tc.streams[0].defaultClock).toBe('c');
  });

  it('leaves the default clock unset with several clocks and no mapping', () => {
    const tc = parse(
      'trace { major = 1; minor = 8; byte_order = le; };\nclock { name = c; };\nclock { name = d; };\nevent { name = a; };'
    );
    expect(tc.streams[0].defaultClock).toBeUndefined();
  });
});
