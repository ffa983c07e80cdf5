/**
 * Checks of the well-known TSDL header and context fields (babeltrace2's ctf-meta-validate pass).
 *
 * Scope: in the packet header, `magic` must be the first member and a 32-bit unsigned integer, `stream_id` and
 * `stream_instance_id` unsigned integers, `uuid` an array of 16 byte-aligned 8-bit unsigned integers, and
 * `stream_id` is needed when there are several streams; in each packet context the well-known counters and
 * timestamps must be unsigned integers; an event header needs an unsigned integer `id` member when its stream has
 * more than one event class. Errors go through `fail` so that the caller can locate them in the text.
 */

import type { FieldClass, StreamClass, StructFC, TraceClass } from '../../ir';

export type ValidateFail = (message: string, where: 'packet.header' | StreamClass) => never;

function unsignedInt(fc: FieldClass): boolean {
  if (fc.kind === 'int') return !fc.signed;
  if (fc.kind === 'enum') return !fc.container.signed;
  return false;
}

function member(s: StructFC | undefined, name: string): FieldClass | undefined {
  return s?.members.find(m => m.name === name)?.fc;
}

function validatePacketHeader(tc: TraceClass, fail: ValidateFail): void {
  const ph = tc.packetHeader;
  const magic = member(ph, 'magic');
  if (ph && magic) {
    if (ph.members[0].name !== 'magic') {
      fail("packet header field 'magic' must be the first member", 'packet.header');
    }
    const size = magic.kind === 'int' ? magic.size : magic.kind === 'enum' ? magic.container.size : 0;
    if (!unsignedInt(magic) || size !== 32) {
      fail("packet header field 'magic' must be a 32-bit unsigned integer", 'packet.header');
    }
  }
  for (const name of ['stream_id', 'stream_instance_id']) {
    const fc = member(ph, name);
    if (fc && !unsignedInt(fc)) {
      fail(`packet header field '${name}' must be an unsigned integer`, 'packet.header');
    }
  }
  if (!member(ph, 'stream_id') && tc.streams.length > 1) {
    fail(
      `the packet header needs a 'stream_id' field: the trace has ${tc.streams.length} streams`,
      'packet.header'
    );
  }
  const uuid = member(ph, 'uuid');
  if (uuid) {
    const el = uuid.kind === 'array' ? uuid.element : undefined;
    const ok =
      uuid.kind === 'array' &&
      uuid.length === 16 &&
      el?.kind === 'int' &&
      !el.signed &&
      el.size === 8 &&
      el.align === 8;
    if (!ok) {
      fail(
        "packet header field 'uuid' must be an array of 16 byte-aligned 8-bit unsigned integers",
        'packet.header'
      );
    }
  }
}

const PACKET_CONTEXT_FIELDS = [
  'timestamp_begin',
  'timestamp_end',
  'events_discarded',
  'packet_seq_num',
  'packet_size',
  'content_size'
];

function validateStream(sc: StreamClass, fail: ValidateFail): void {
  for (const name of PACKET_CONTEXT_FIELDS) {
    const fc = member(sc.packetContext, name);
    if (fc && !unsignedInt(fc)) {
      fail(`packet context field '${name}' of stream ${sc.id} must be an unsigned integer`, sc);
    }
  }
  const id = member(sc.eventHeader, 'id');
  if (id && !unsignedInt(id)) {
    fail(`event header field 'id' of stream ${sc.id} must be an unsigned integer`, sc);
  }
  if (!id && sc.events.length > 1) {
    fail(
      `the event header of stream ${sc.id} needs an 'id' field: the stream has ${sc.events.length} event classes`,
      sc
    );
  }
}

export function validateTraceClass(tc: TraceClass, fail: ValidateFail): void {
  validatePacketHeader(tc, fail);
  for (const sc of tc.streams) validateStream(sc, fail);
}
