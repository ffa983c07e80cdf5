/**
 * Builds the IR `TraceClass` from the fragments of a CTF 2 metadata stream, one fragment at a time, enforcing
 * the fragment rules of CTF2-SPEC-2.0 §5: a single preamble first (version 2, no extension declared), at most
 * one trace class before any data stream class, clock classes before the data stream classes using them, data
 * stream classes before their event record classes, unique ids, and at least one data stream class.
 *
 * Also reads the pre-2.0 draft spellings found in real traces (`default-clock-class-name`, byte-array `uuid`
 * on the trace class).
 */

import type { ClockClass, EventClass, Scope, StreamClass, StructFC, TraceClass } from '../../ir';
import type { Props } from './json-access';
import { checkDeclaredExtensions, readAttributes } from './common';
import { parseClockClass, uuidFromBytes } from './clock-class';
import { applyEventAttributes } from './event-attributes';
import { FieldClassParser } from './field-class';
import { objectKeys } from './json-parse';
import { validateScope } from './validate-scope';

interface StreamState {
  sc: StreamClass;
  roots: Partial<Record<Scope, StructFC>>;
}

export class TraceBuilder {
  private readonly fcs = new FieldClassParser();
  private readonly trace: TraceClass = {
    major: 2,
    minor: 0,
    byteOrder: 'le',
    env: {},
    clocks: [],
    streams: []
  };
  private readonly clocksById = new Map<string, ClockClass>();
  private readonly streams = new Map<bigint, StreamState>();
  private hasPreamble = false;
  private hasTraceClass = false;

  /** Applies one fragment (its `type` already read). */
  add(type: string, p: Props): void {
    if (!this.hasPreamble && type !== 'preamble') {
      p.fail(`the first fragment must be a preamble, not a ${type}`);
    }
    switch (type) {
      case 'preamble':
        return this.preamble(p);
      case 'field-class-alias':
        return this.fcs.define(p.str('name'), p.required('field-class'), p.at('field-class'));
      case 'trace-class':
        return this.traceClass(p);
      case 'clock-class':
        return this.clockClass(p);
      case 'data-stream-class':
        return this.dataStreamClass(p);
      case 'event-record-class':
        return this.eventRecordClass(p);
      default:
        return p.fail(`unknown fragment type "${type}"`, 'type');
    }
  }

  /** The finished trace class; `fail` reports a whole-stream problem. */
  finish(fail: (message: string) => never): TraceClass {
    if (!this.hasPreamble) fail('empty metadata stream (no preamble fragment)');
    if (this.streams.size === 0) fail('no data-stream-class fragment');
    return this.trace;
  }

  private preamble(p: Props): void {
    if (this.hasPreamble) p.fail('duplicate preamble fragment');
    this.hasPreamble = true;
    const version = p.int('version');
    if (version !== 2n) p.fail(`unsupported CTF version ${version} (expected 2)`, 'version');
    checkDeclaredExtensions(p);
    const uuid = uuidFromBytes(p, 'uuid');
    if (uuid !== undefined) this.trace.uuid = uuid;
  }

  private traceClass(p: Props): void {
    if (this.hasTraceClass) p.fail('duplicate trace-class fragment');
    if (this.streams.size > 0) {
      p.fail('the trace-class fragment must come before any data-stream-class fragment');
    }
    this.hasTraceClass = true;
    const env = p.optObject('environment');
    if (env) this.environment(env);
    const draftUuid = uuidFromBytes(p, 'uuid');
    if (this.trace.uuid === undefined && draftUuid !== undefined) this.trace.uuid = draftUuid;
    const header = this.fcs.parseScope(p, 'packet-header-field-class');
    if (!header) return;
    this.check(header, 'packet.header', {}, false, p.at('packet-header-field-class'));
    this.trace.packetHeader = header;
    const magic = header.members.find(m => m.fc.roles?.includes('packet-magic-number'));
    if (magic?.fc.kind === 'int') this.trace.byteOrder = magic.fc.byteOrder;
  }

  private environment(env: Props): void {
    for (const key of objectKeys(env.obj)) {
      const value = env.obj[key];
      if (typeof value === 'string') this.trace.env[key] = value;
      else if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) {
        this.trace.env[key] = BigInt(value);
      } else env.fail(`environment entry "${key}" must be an integer or a string`, key);
    }
  }

  private check(
    root: StructFC,
    scope: Scope,
    roots: StreamState['roots'],
    clock: boolean,
    where: string
  ): void {
    validateScope(
      root,
      { scope, roots, hasDefaultClock: clock, hasMetadataUuid: this.trace.uuid !== undefined },
      where
    );
    roots[scope] = root;
  }

  private clockClass(p: Props): void {
    const { id, clock } = parseClockClass(p);
    if (this.clocksById.has(id)) p.fail(`duplicate clock class id "${id}"`, 'id');
    if (this.trace.clocks.some(c => c.name === clock.name)) clock.name = id;
    if (this.trace.clocks.some(c => c.name === clock.name)) {
      p.fail(`duplicate clock class name "${clock.name}"`);
    }
    this.clocksById.set(id, clock);
    this.trace.clocks.push(clock);
  }

  private defaultClock(p: Props): ClockClass | undefined {
    const id = p.optStr('default-clock-class-id');
    const name = id === undefined ? p.optStr('default-clock-class-name') : undefined;
    if (id === undefined && name === undefined) return undefined;
    const clock = id !== undefined ? this.clocksById.get(id) : this.trace.clocks.find(c => c.name === name);
    const prop = id !== undefined ? 'default-clock-class-id' : 'default-clock-class-name';
    return clock ?? p.fail(`no clock class "${id ?? name}" precedes this fragment`, prop);
  }

  private dataStreamClass(p: Props): void {
    const id = p.optInt('id') ?? 0n;
    if (id < 0n) p.fail('property "id" must be >= 0', 'id');
    if (this.streams.has(id)) p.fail(`duplicate data stream class id ${id}`, 'id');
    const sc: StreamClass = { id, events: [] };
    const clock = this.defaultClock(p);
    if (clock) sc.defaultClock = clock.name;
    const roots: StreamState['roots'] = this.trace.packetHeader
      ? { 'packet.header': this.trace.packetHeader }
      : {};
    const scopes = [
      ['packet-context-field-class', 'packet.context', 'packetContext'],
      ['event-record-header-field-class', 'event.header', 'eventHeader'],
      ['event-record-common-context-field-class', 'event.common_context', 'eventContext']
    ] as const;
    for (const [prop, scope, key] of scopes) {
      const fc = this.fcs.parseScope(p, prop);
      if (!fc) continue;
      this.check(fc, scope, roots, clock !== undefined, p.at(prop));
      sc[key] = fc;
    }
    this.streams.set(id, { sc, roots });
    this.trace.streams.push(sc);
  }

  private eventRecordClass(p: Props): void {
    const id = p.optInt('id') ?? 0n;
    const streamId = p.optInt('data-stream-class-id') ?? 0n;
    if (id < 0n) p.fail('property "id" must be >= 0', 'id');
    const stream = this.streams.get(streamId);
    if (!stream) {
      p.fail(`no data stream class with id ${streamId} precedes this fragment`, 'data-stream-class-id');
    }
    if (stream.sc.events.some(e => e.id === id)) p.fail(`duplicate event record class id ${id}`, 'id');
    const ec: EventClass = { id, name: p.optStr('name') ?? '' };
    const roots = { ...stream.roots };
    const clock = stream.sc.defaultClock !== undefined;
    const context = this.fcs.parseScope(p, 'specific-context-field-class');
    if (context) {
      this.check(context, 'event.specific_context', roots, clock, p.at('specific-context-field-class'));
    }
    const payload = this.fcs.parseScope(p, 'payload-field-class');
    if (payload) this.check(payload, 'event.payload', roots, clock, p.at('payload-field-class'));
    if (context) ec.context = context;
    if (payload) ec.payload = payload;
    const attributes = readAttributes(p);
    if (attributes) ec.attributes = attributes;
    applyEventAttributes(ec);
    stream.sc.events.push(ec);
  }
}
