/**
 * Meaning of well-known TSDL field names: IR roles, clock mapping of timestamps, stream default clocks.
 *
 * Scope (after assembly, mirroring babeltrace2's ctf-meta-update-* passes):
 *   - the header/context roots are deep-copied first, since aliases and named structs share field classes;
 *   - auto-mapping: an unmapped integer named `timestamp` in an event header, or `timestamp_begin` /
 *     `timestamp_end` in a packet context (searched through structs and variant options), is mapped to the
 *     trace's only clock; with no clock at all an implicit 1 GHz clock named `default` is created; with several
 *     clocks it is an error;
 *   - a stream's default clock is the one clock its scopes map integers to (more than one is an error); when
 *     nothing maps and the trace has exactly one clock, that clock;
 *   - roles: packet header `magic`, `uuid`, `stream_id`, `stream_instance_id`; packet context `timestamp_begin`,
 *     `timestamp_end`, `content_size`, `packet_size`, `events_discarded`, `packet_seq_num` (direct members);
 *     event header `id` and `timestamp` at any depth (`v.compact.id`, `v.extended.timestamp`);
 *   - `timestamp_end` loses its `mappedClock` (as in babeltrace2) so that decoding it does not move the clock.
 */

import type {
  ClockClass,
  EnumFC,
  FieldClass,
  IntegerFC,
  Role,
  StreamClass,
  StructFC,
  TraceClass
} from '../../ir';

/** Deep copy of a field class tree (leaves shallow-copied). */
export function cloneFc<T extends FieldClass>(fc: T): T {
  switch (fc.kind) {
    case 'struct':
      return { ...fc, members: fc.members.map(m => ({ name: m.name, fc: cloneFc(m.fc) })) };
    case 'array':
      return { ...fc, element: cloneFc(fc.element) };
    case 'variant':
      return { ...fc, options: fc.options.map(o => ({ ...o, fc: cloneFc(o.fc) })) };
    case 'enum':
      return { ...fc, container: { ...fc.container } };
    default:
      return { ...fc };
  }
}

function intOf(fc: FieldClass): IntegerFC | undefined {
  if (fc.kind === 'int') return fc;
  if (fc.kind === 'enum') return fc.container;
  return undefined;
}

function addRole(fc: FieldClass, role: Role): void {
  if (!fc.roles) fc.roles = [role];
  else if (!fc.roles.includes(role)) fc.roles.push(role);
}

/** Visits the integers / enums named `name` in structs (at any depth) and in variant options. */
function forEachNamed(
  fc: FieldClass | undefined,
  name: string,
  visit: (fc: IntegerFC | EnumFC) => void
): void {
  if (!fc) return;
  if (fc.kind === 'struct') {
    for (const m of fc.members) {
      if (m.name === name && (m.fc.kind === 'int' || m.fc.kind === 'enum')) visit(m.fc);
      forEachNamed(m.fc, name, visit);
    }
  } else if (fc.kind === 'variant') {
    for (const o of fc.options) {
      if (o.name === name && (o.fc.kind === 'int' || o.fc.kind === 'enum')) visit(o.fc);
      forEachNamed(o.fc, name, visit);
    }
  } else if (fc.kind === 'array') {
    forEachNamed(fc.element, name, visit);
  }
}

function directMember(fc: StructFC | undefined, name: string): FieldClass | undefined {
  return fc?.members.find(m => m.name === name)?.fc;
}

/** Collects the clocks mapped by integers under `fc` (indexed loops: this visits every field of every event). */
function collectMapped(fc: FieldClass | undefined, out: Set<string>): void {
  if (!fc) return;
  if (fc.kind === 'int') {
    if (fc.mappedClock !== undefined) out.add(fc.mappedClock);
  } else if (fc.kind === 'enum') {
    if (fc.container.mappedClock !== undefined) out.add(fc.container.mappedClock);
  } else if (fc.kind === 'struct') {
    const members = fc.members;
    for (let i = 0; i < members.length; i++) collectMapped(members[i].fc, out);
  } else if (fc.kind === 'variant') {
    const options = fc.options;
    for (let i = 0; i < options.length; i++) collectMapped(options[i].fc, out);
  } else if (fc.kind === 'array') {
    collectMapped(fc.element, out);
  }
}

export type RoleFail = (message: string, stream?: StreamClass) => never;

function autoMap(
  tc: TraceClass,
  root: StructFC | undefined,
  name: string,
  sc: StreamClass,
  fail: RoleFail
): void {
  forEachNamed(root, name, fc => {
    const int = intOf(fc) as IntegerFC;
    if (int.mappedClock !== undefined) return;
    if (tc.clocks.length > 1) {
      fail(
        `field '${name}' maps to no clock and the trace has ${tc.clocks.length} clocks: add map = clock.NAME.value`,
        sc
      );
    }
    if (tc.clocks.length === 0) {
      const implicit: ClockClass = {
        name: 'default',
        freq: 1000000000n,
        offsetSeconds: 0n,
        offsetCycles: 0n
      };
      tc.clocks.push(implicit);
    }
    int.mappedClock = tc.clocks[0].name;
  });
}

function defaultClockOf(tc: TraceClass, sc: StreamClass, fail: RoleFail): string | undefined {
  const mapped = new Set<string>();
  collectMapped(sc.packetContext, mapped);
  collectMapped(sc.eventHeader, mapped);
  collectMapped(sc.eventContext, mapped);
  const events = sc.events;
  for (let i = 0; i < events.length; i++) {
    collectMapped(events[i].context, mapped);
    collectMapped(events[i].payload, mapped);
  }
  if (mapped.size > 1) {
    fail(`stream ${sc.id} maps fields to more than one clock (${[...mapped].join(', ')})`, sc);
  }
  if (mapped.size === 1) return [...mapped][0];
  return tc.clocks.length === 1 ? tc.clocks[0].name : undefined;
}

const PACKET_HEADER_ROLES: [string, Role][] = [
  ['magic', 'packet-magic-number'],
  ['stream_id', 'data-stream-class-id'],
  ['stream_instance_id', 'data-stream-id']
];

const PACKET_CONTEXT_ROLES: [string, Role][] = [
  ['timestamp_begin', 'default-clock-timestamp'],
  ['timestamp_end', 'packet-end-default-clock-timestamp'],
  ['content_size', 'packet-content-length'],
  ['packet_size', 'packet-total-length'],
  ['events_discarded', 'discarded-event-record-counter-snapshot'],
  ['packet_seq_num', 'packet-sequence-number']
];

function assignPacketHeaderRoles(tc: TraceClass, fail: RoleFail): void {
  if (!tc.packetHeader) return;
  tc.packetHeader = cloneFc(tc.packetHeader);
  const mapped = new Set<string>();
  collectMapped(tc.packetHeader, mapped);
  if (mapped.size > 0) fail(`the packet header maps a field to clock '${[...mapped][0]}'`);
  for (const [name, role] of PACKET_HEADER_ROLES) {
    const fc = directMember(tc.packetHeader, name);
    if (fc && intOf(fc)) addRole(fc, role);
  }
  const uuid = directMember(tc.packetHeader, 'uuid');
  if (uuid?.kind === 'array') addRole(uuid, 'metadata-stream-uuid');
}

function assignStreamRoles(tc: TraceClass, sc: StreamClass, fail: RoleFail): void {
  if (sc.packetContext) sc.packetContext = cloneFc(sc.packetContext);
  if (sc.eventHeader) sc.eventHeader = cloneFc(sc.eventHeader);
  if (sc.eventContext) sc.eventContext = cloneFc(sc.eventContext);
  autoMap(tc, sc.eventHeader, 'timestamp', sc, fail);
  autoMap(tc, sc.packetContext, 'timestamp_begin', sc, fail);
  autoMap(tc, sc.packetContext, 'timestamp_end', sc, fail);
  const clock = defaultClockOf(tc, sc, fail);
  if (clock !== undefined) sc.defaultClock = clock;
  for (const [name, role] of PACKET_CONTEXT_ROLES) {
    const fc = directMember(sc.packetContext, name);
    if (fc && intOf(fc)) addRole(fc, role);
  }
  const end = directMember(sc.packetContext, 'timestamp_end');
  if (end) {
    const int = intOf(end);
    if (int) delete int.mappedClock;
  }
  forEachNamed(sc.eventHeader, 'id', fc => addRole(fc, 'event-record-class-id'));
  forEachNamed(sc.eventHeader, 'timestamp', fc => addRole(fc, 'default-clock-timestamp'));
}

/** Applies the passes described in the module header to an assembled trace class (mutates it). */
export function assignRolesAndClocks(tc: TraceClass, fail: RoleFail): void {
  assignPacketHeaderRoles(tc, fail);
  for (const sc of tc.streams) assignStreamRoles(tc, sc, fail);
}
