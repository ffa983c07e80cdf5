/**
 * Every CTF 2 metadata stream of the corpus (Trace Compass `CTF2-*` test traces: babeltrace2/LTTng/barectf
 * pre-2.0 drafts and CTF2-vl-ints*) parses, with known facts read by hand from their JSON.
 * (babeltrace2 2.0.4 refuses all of them: it only knows TSDL, "Missing /* CTF major.minor signature".)
 */

import * as fs from 'fs';
import * as path from 'path';
import type { TraceClass } from '../../src/analysis/formats/ctf/ir';
import { isCtf2Metadata, parseCtf2Metadata } from '../../src/analysis/formats/ctf/metadata/ctf2';
import { CORPUS, asKind, memberFc } from './helpers';

function load(name: string): TraceClass {
  const file = path.join(CORPUS, name, 'metadata');
  return parseCtf2Metadata(fs.readFileSync(file), file);
}

function event(tc: TraceClass, name: string) {
  const ev = tc.streams.flatMap(s => s.events).find(e => e.name === name);
  expect(ev).toBeDefined();
  return ev!;
}

const TRACES = fs
  .readdirSync(CORPUS)
  .filter(d => d.startsWith('CTF2-'))
  .sort();

test('the corpus has the 11 CTF 2 traces', () => {
  expect(TRACES).toHaveLength(11);
});

test.each(TRACES)('%s is CTF 2 metadata and parses', name => {
  const bytes = fs.readFileSync(path.join(CORPUS, name, 'metadata'));
  expect(isCtf2Metadata(bytes)).toBe(true);
  const tc = load(name);
  expect(tc.major).toBe(2);
  expect(tc.streams.length).toBeGreaterThan(0);
  expect(tc.streams.flatMap(s => s.events).length).toBeGreaterThan(0);
});

test('CTF2-7.0-smalltrace: preamble uuid, packet header roles, one string event', () => {
  const tc = load('CTF2-7.0-smalltrace');
  expect(tc.uuid).toBe('2a6422d0-6cee-11e0-8c08-cb07d7b3a564');
  expect(tc.clocks).toEqual([]);
  const magic = asKind(memberFc(tc.packetHeader, 'magic'), 'int');
  expect(magic).toMatchObject({ size: 32, byteOrder: 'le', align: 32, base: 16, signed: false });
  expect(magic.roles).toEqual(['packet-magic-number']);
  const uuid = asKind(memberFc(tc.packetHeader, 'uuid'), 'blob');
  expect(uuid).toMatchObject({ length: 16, align: 8, roles: ['metadata-stream-uuid'] });
  expect(tc.packetHeader!.align).toBe(32);
  expect(tc.streams.map(s => s.id)).toEqual([0n]);
  const ev = event(tc, 'string');
  expect(ev.id).toBe(0n);
  expect(asKind(memberFc(ev.payload, 'str'), 'string').encoding).toBe('utf8');
});

test('CTF2-7.0-barectf-event-before-packet: clock, environment, header roles, log level', () => {
  const tc = load('CTF2-7.0-barectf-event-before-packet');
  expect(tc.uuid).toBe('437748de-9435-11e9-8353-5254007c6857');
  expect(tc.env).toMatchObject({
    tracer_name: 'barectf',
    tracer_major: 2n,
    tracer_minor: 3n,
    domain: 'bare'
  });
  expect(tc.clocks).toEqual([
    {
      name: 'default',
      freq: 1000000000n,
      offsetSeconds: 1434072888n,
      offsetCycles: 0n,
      absolute: true,
      originIsUnixEpoch: true
    }
  ]);
  const sc = tc.streams[0];
  expect(sc.defaultClock).toBe('default');
  expect(asKind(memberFc(tc.packetHeader, 'stream_id'), 'int').roles).toEqual(['data-stream-class-id']);
  expect(sc.packetContext!.members.map(m => [m.name, m.fc.roles])).toEqual([
    ['timestamp_begin', ['default-clock-timestamp']],
    ['timestamp_end', ['packet-end-default-clock-timestamp']],
    ['packet_size', ['packet-total-length']],
    ['content_size', ['packet-content-length']],
    ['events_discarded', ['discarded-event-record-counter-snapshot']]
  ]);
  expect(asKind(memberFc(sc.eventHeader, 'timestamp'), 'int')).toMatchObject({ size: 64, align: 64 });
  expect(asKind(memberFc(sc.eventHeader, 'id'), 'int').roles).toEqual(['event-record-class-id']);
  const ev = event(tc, 'simple_uint32');
  expect(ev.loglevel).toBe(2n); // "critical"
  expect(ev.attributes).toEqual({ 'babeltrace.org,2020': { 'log-level': 'critical' } });
});

test('CTF2-7.0-debug-info: LTTng compact/extended event header variant, two event ids', () => {
  const tc = load('CTF2-7.0-debug-info');
  const [clock] = tc.clocks;
  expect(clock).toMatchObject({
    name: 'monotonic',
    freq: 1000000000n,
    offsetSeconds: 1563264475n,
    offsetCycles: 374722151n,
    uuid: 'c56ad62a-6a35-4722-9807-d8e0f118a367',
    description: 'Monotonic Clock',
    originIsUnixEpoch: false
  });
  const sc = tc.streams[0];
  expect(sc.defaultClock).toBe('monotonic');
  expect(sc.eventHeader!.minAlign).toBe(8);
  const id = asKind(memberFc(sc.eventHeader, 'id'), 'int');
  expect(id.mappings).toEqual([
    { label: 'compact', ranges: [[0n, 65534n]] },
    { label: 'extended', ranges: [[65535n, 65535n]] }
  ]);
  const v = asKind(memberFc(sc.eventHeader, 'v'), 'variant');
  expect(v.selectorLocation).toEqual({ origin: 'event.header', path: ['id'] });
  expect(v.align).toBe(1);
  expect(v.options.map(o => [o.name, o.ranges])).toEqual([
    ['compact', [[0n, 65534n]]],
    ['extended', [[65535n, 65535n]]]
  ]);
  const extended = asKind(v.options[1].fc, 'struct');
  expect(asKind(memberFc(extended, 'timestamp'), 'int')).toMatchObject({
    size: 64,
    roles: ['default-clock-timestamp']
  });
  expect(asKind(memberFc(sc.eventContext, 'vpid'), 'int').signed).toBe(true);
  expect(asKind(memberFc(sc.eventContext, 'ip'), 'int').base).toBe(16);
  expect(sc.events.map(e => [e.id, e.name, e.loglevel])).toEqual([
    [0n, 'lttng_ust_statedump:bin_info', 13n],
    [1n, 'my_provider:my_first_tracepoint', 13n]
  ]);
  expect(asKind(memberFc(tc.packetHeader, 'stream_instance_id'), 'int').roles).toEqual(['data-stream-id']);
});

test('CTF2-7.0-meta-variant-no-underscore: enumeration selector and named variant options', () => {
  const ev = event(load('CTF2-7.0-meta-variant-no-underscore'), 'yo');
  const tag = asKind(memberFc(ev.payload, 'tag'), 'int');
  expect(tag).toMatchObject({ size: 8, byteOrder: 'be', signed: false });
  expect(tag.mappings!.map(m => m.label)).toEqual(['COSSETTE', 'PELCHAT', 'VOISINE']);
  expect(tag.mappings![2].ranges).toEqual([[2n, 2n]]);
  const v = asKind(memberFc(ev.payload, 'var'), 'variant');
  expect(v.selectorLocation).toEqual({ origin: 'event.payload', path: ['tag'] });
  expect(v.options.map(o => [o.name, o.fc.kind, o.ranges![0][0]])).toEqual([
    ['COSSETTE', 'string', 0n],
    ['PELCHAT', 'string', 1n],
    ['VOISINE', 'string', 2n]
  ]);
});

test('CTF2-7.0-ev-disc-no-ts-begin-end: big-endian 8-bit packet context, no clock', () => {
  const tc = load('CTF2-7.0-ev-disc-no-ts-begin-end');
  const sc = tc.streams[0];
  expect(sc.defaultClock).toBeUndefined();
  expect(asKind(memberFc(sc.packetContext, 'packet_size'), 'int')).toMatchObject({
    size: 8,
    byteOrder: 'be'
  });
  expect(memberFc(sc.packetContext, 'events_discarded')!.roles).toEqual([
    'discarded-event-record-counter-snapshot'
  ]);
});

test('CTF2-7.0-trace-with-index and lttng traces: event names and log levels', () => {
  expect(event(load('CTF2-7.0-trace-with-index'), 'sample_component:message').loglevel).toBe(4n);
  for (const name of ['CTF2-7.0-lttng-crash', 'CTF2-7.0-lttng-event-after-packet']) {
    const ev = event(load(name), 'my_app:current_temp');
    expect(asKind(memberFc(ev.payload, 'temp'), 'int')).toMatchObject({ size: 32, signed: true });
    expect(memberFc(ev.payload, 'status')!.kind).toBe('string');
  }
});

test('CTF2-vl-ints: 11 unsigned then 14 signed variable-length integers', () => {
  const ev = event(load('CTF2-vl-ints'), 'test');
  const members = ev.payload!.members;
  expect(members).toHaveLength(25);
  expect(members.every(m => m.fc.kind === 'varint' && m.fc.align === 8)).toBe(true);
  expect(members.filter(m => asKind(m.fc, 'varint').signed).map(m => m.name)[0]).toBe('vi1a');
  expect(members.filter(m => !asKind(m.fc, 'varint').signed)).toHaveLength(11);
});

test('CTF2-vl-ints-mappings: 13 mappings with exact 60-bit bounds', () => {
  const ev = event(load('CTF2-vl-ints-mappings'), 'test');
  const vu1a = asKind(memberFc(ev.payload, 'vu1a'), 'varint');
  expect(vu1a.signed).toBe(false);
  expect(vu1a.mappings).toHaveLength(13);
  expect(vu1a.mappings![0]).toEqual({
    label: 'mapping0',
    ranges: [[-999999999999999999n, -99999999999999999n]]
  });
  expect(vu1a.mappings![12]).toEqual({
    label: 'mapping12',
    ranges: [[99999999999999999n, 999999999999999999n]]
  });
  expect(asKind(memberFc(ev.payload, 'vi10c'), 'varint').signed).toBe(true);
});
