/**
 * CTF 2 fragments -> IR trace class: an LTTng 2.14-style metadata stream written by hand after
 * lttng-tools' CTF 2 writer (namespace, uid, unix-epoch origin, `lttng.org,2009` attributes), clock classes of
 * CTF2-SPEC-2.0 §5.7, field class aliases (§5.5), several data stream classes.
 */

import { parseCtf2Metadata } from '../../src/analysis/formats/ctf/metadata/ctf2';
import { DSC, PREAMBLE, STR, U8, asKind, member, memberFc, seq, struct } from './helpers';

const UUID = [30, 201, 100, 148, 228, 2, 69, 70, 147, 219, 233, 34, 43, 238, 108, 199];
const u = (length: number, roles?: string[], alignment = 8) => ({
  type: 'fixed-length-unsigned-integer',
  length,
  'byte-order': 'little-endian',
  alignment,
  'preferred-display-base': 10,
  ...(roles ? { roles } : {})
});

const LTTNG = seq(
  { type: 'preamble', version: 2, uuid: UUID },
  {
    type: 'trace-class',
    namespace: 'lttng.org,2009',
    name: '',
    uid: '1ec96494-e402-4546-93db-e9222bee6cc7',
    environment: { hostname: 'raton', tracer_major: 2, tracer_minor: 14, domain: 'kernel' },
    'packet-header-field-class': struct(
      member('magic', u(32, ['packet-magic-number'], 32)),
      member('uuid', { type: 'static-length-blob', length: 16, roles: ['metadata-stream-uuid'] }),
      member('stream_id', u(32, ['data-stream-class-id'])),
      member('stream_instance_id', u(64, ['data-stream-id']))
    )
  },
  {
    type: 'clock-class',
    id: 'monotonic',
    name: 'monotonic',
    description: 'Monotonic Clock',
    frequency: 1000000000,
    origin: 'unix-epoch',
    'offset-from-origin': { seconds: 1711468800, cycles: 123456789 },
    uid: '4d76db72-e40f-409e-ba30-532d309d5048'
  },
  {
    type: 'data-stream-class',
    id: 0,
    'default-clock-class-id': 'monotonic',
    'packet-context-field-class': struct(
      member('timestamp_begin', u(64, ['default-clock-timestamp'])),
      member('timestamp_end', u(64, ['packet-end-default-clock-timestamp'])),
      member('content_size', u(64, ['packet-content-length'])),
      member('packet_size', u(64, ['packet-total-length'])),
      member('packet_seq_num', u(64, ['packet-sequence-number'])),
      member('events_discarded', u(64, ['discarded-event-record-counter-snapshot'])),
      member('cpu_id', u(32))
    ),
    'event-record-header-field-class': {
      ...struct(
        member('id', {
          ...u(5, ['event-record-class-id'], 1),
          mappings: { compact: [[0, 30]], extended: [[31, 31]] }
        }),
        member('v', {
          type: 'variant',
          'selector-field-location': { origin: 'event-record-header', path: ['id'] },
          options: [
            {
              name: 'compact',
              'selector-field-ranges': [[0, 30]],
              'field-class': struct(member('timestamp', u(27, ['default-clock-timestamp'], 1)))
            },
            {
              name: 'extended',
              'selector-field-ranges': [[31, 31]],
              'field-class': struct(
                member('id', u(32, ['event-record-class-id'])),
                member('timestamp', u(64, ['default-clock-timestamp']))
              )
            }
          ]
        })
      ),
      'minimum-alignment': 32
    }
  },
  {
    type: 'event-record-class',
    id: 0,
    'data-stream-class-id': 0,
    name: 'sched_switch',
    'payload-field-class': struct(
      member('prev_comm', { type: 'static-length-string', length: 16 }),
      member('prev_tid', u(32))
    ),
    attributes: { 'lttng.org,2009': { 'log-level': 'info', 'emf-uri': 'https://example.com/sched' } }
  }
);

test('LTTng 2.14-style stream: trace class, clock, stream, event', () => {
  const tc = parseCtf2Metadata(LTTNG, 'metadata');
  expect(tc.major).toBe(2);
  expect(tc.uuid).toBe('1ec96494-e402-4546-93db-e9222bee6cc7');
  expect(tc.env).toEqual({ hostname: 'raton', tracer_major: 2n, tracer_minor: 14n, domain: 'kernel' });
  expect(tc.packetHeader!.members.map(m => m.name)).toEqual([
    'magic',
    'uuid',
    'stream_id',
    'stream_instance_id'
  ]);
  expect(tc.clocks).toEqual([
    {
      name: 'monotonic',
      freq: 1000000000n,
      offsetSeconds: 1711468800n,
      offsetCycles: 123456789n,
      absolute: true,
      originIsUnixEpoch: true,
      uuid: '4d76db72-e40f-409e-ba30-532d309d5048',
      description: 'Monotonic Clock'
    }
  ]);
  const [sc] = tc.streams;
  expect(sc.defaultClock).toBe('monotonic');
  expect(sc.eventHeader!.align).toBe(32);
  const id = asKind(memberFc(sc.eventHeader, 'id'), 'int');
  expect(id).toMatchObject({ size: 5, align: 1, roles: ['event-record-class-id'] });
  expect(asKind(memberFc(sc.eventHeader, 'v'), 'variant').selectorLocation).toEqual({
    origin: 'event.header',
    path: ['id']
  });
  const [ev] = sc.events;
  expect(ev).toMatchObject({
    id: 0n,
    name: 'sched_switch',
    loglevel: 6n,
    modelEmfUri: 'https://example.com/sched'
  });
  expect(asKind(memberFc(ev.payload, 'prev_comm'), 'sized-string').length).toBe(16);
});

test('clock classes: custom origin, negative offset, precision, draft "offset"', () => {
  const tc = parseCtf2Metadata(
    seq(
      PREAMBLE,
      {
        type: 'clock-class',
        id: 'a',
        frequency: 8000000,
        precision: 100,
        origin: { name: 'my origin', uid: '60:57:18:a3:42:29' }
      },
      {
        type: 'clock-class',
        id: 'b',
        namespace: 'some-tracer',
        name: 'hot',
        uid: 'wheels.28',
        frequency: 80000000,
        'offset-from-origin': { seconds: -18003, cycles: 11928547 }
      },
      { type: 'clock-class', name: 'old', frequency: 1000, offset: { seconds: 5 } },
      { type: 'clock-class', id: 'c2', name: 'hot', frequency: 1 },
      { type: 'data-stream-class', 'default-clock-class-id': 'b' }
    ),
    'm'
  );
  expect(
    tc.clocks.map(c => [
      c.name,
      c.freq,
      c.offsetSeconds,
      c.offsetCycles,
      c.originIsUnixEpoch,
      c.precision,
      c.uuid
    ])
  ).toEqual([
    ['a', 8000000n, 0n, 0n, false, 100n, undefined],
    ['hot', 80000000n, -18003n, 11928547n, false, undefined, 'wheels.28'],
    ['old', 1000n, 5n, 0n, false, undefined, undefined],
    ['c2', 1n, 0n, 0n, false, undefined, undefined] // its name "hot" is taken: named by its id
  ]);
  expect(tc.streams[0].defaultClock).toBe('hot');
});

test('field class aliases: alias of alias, as a member, an element and a scope', () => {
  const tc = parseCtf2Metadata(
    seq(
      PREAMBLE,
      { type: 'field-class-alias', name: 'u8', 'field-class': U8 },
      { type: 'field-class-alias', name: 'uint8', 'field-class': 'u8' },
      {
        type: 'field-class-alias',
        name: 'payload',
        'field-class': struct(
          member('a', 'uint8'),
          member('b', { type: 'static-length-array', length: 2, 'element-field-class': 'u8' })
        )
      },
      DSC,
      { type: 'event-record-class', name: 'x', 'payload-field-class': 'payload' },
      { type: 'event-record-class', id: 1, name: 'y', 'payload-field-class': 'payload' }
    ),
    'm'
  );
  const [x, y] = tc.streams[0].events;
  expect(memberFc(x.payload, 'a')).toEqual({
    kind: 'int',
    size: 8,
    signed: false,
    byteOrder: 'le',
    align: 1,
    base: 10
  });
  expect(asKind(memberFc(x.payload, 'b'), 'array').element).toEqual(memberFc(x.payload, 'a'));
  expect(y.payload).toEqual(x.payload);
  expect(y.payload).not.toBe(x.payload);
});

test('several data stream classes; specific context used by the payload', () => {
  const tc = parseCtf2Metadata(
    seq(
      PREAMBLE,
      { type: 'data-stream-class', id: 3 },
      { type: 'data-stream-class', id: 1 },
      {
        type: 'event-record-class',
        id: 7,
        'data-stream-class-id': 1,
        name: 'e',
        'specific-context-field-class': struct(
          member('vegetable', { type: 'variable-length-unsigned-integer' })
        ),
        'payload-field-class': struct(
          member('avenue', {
            type: 'dynamic-length-array',
            'length-field-location': { origin: 'event-record-specific-context', path: ['vegetable'] },
            'element-field-class': STR
          })
        )
      }
    ),
    'm'
  );
  expect(tc.streams.map(s => [s.id, s.events.map(e => e.id)])).toEqual([
    [3n, []],
    [1n, [7n]]
  ]);
  expect(memberFc(tc.streams[1].events[0].context, 'vegetable')!.kind).toBe('varint');
});

test('unnamed event record class and empty attributes/extensions objects', () => {
  const tc = parseCtf2Metadata(
    seq(
      { ...PREAMBLE, extensions: {} },
      { ...DSC, extensions: {}, attributes: {} },
      { type: 'event-record-class' }
    ),
    'm'
  );
  expect(tc.streams[0].events[0]).toEqual({ id: 0n, name: '' });
});

test('object keys keep their text order, even integer-like ones; attributes are plain data', () => {
  const erc =
    '{"type": "event-record-class", "attributes": {"my.tracer": {"n": [1, {"x": true}]}}, "payload-field-class": ' +
    '{"type": "structure", "member-classes": [{"name": "f", "field-class": {"type": "fixed-length-unsigned-integer", ' +
    '"length": 8, "byte-order": "little-endian", "mappings": {"2": [[2, 2]], "1": [[1, 1]], "z": [[0, 0]]}}}]}}';
  const tc = parseCtf2Metadata(seq(PREAMBLE, DSC, erc), 'm');
  const ev = tc.streams[0].events[0];
  expect(asKind(memberFc(ev.payload, 'f'), 'int').mappings!.map(m => m.label)).toEqual(['2', '1', 'z']);
  const attrs = ev.attributes!['my.tracer'] as { n: [number, Record<string, boolean>] };
  expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(attrs.n[1])).toBe(Object.prototype);
  expect(JSON.stringify(attrs)).toBe('{"n":[1,{"x":true}]}');
});
