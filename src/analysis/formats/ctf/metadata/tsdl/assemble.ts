/**
 * Assembly of the raw TSDL records into a TraceClass.
 *
 * Scope: what depends on the whole text, in babeltrace2's order (environment, clocks, trace, streams, events):
 *   - `map = clock.NAME.value` must name a declared clock (anywhere in the text);
 *   - `[env.NAME]` array lengths take the integer environment entry;
 *   - a stream without `id` is stream 0 and must come first; a stream with `id` needs a `stream_id` field in
 *     the packet header; stream ids are unique;
 *   - an event without `stream_id` belongs to the only stream (one is created, id 0, when there is none);
 *     an event without `id` gets 0 and must be its stream's first; (stream, id) pairs are unique;
 * then the roles / clocks pass and the well-known field checks, with errors located at the block concerned.
 */

import type { EventClass, StreamClass, TraceClass } from '../../ir';
import { MetadataError } from '../../ir';
import type { ParseContext, RawEvent, RawStream } from './context';
import { assignRolesAndClocks } from './roles';
import { validateTraceClass } from './validate';

function applyEnvLengths(ctx: ParseContext): void {
  for (const f of ctx.envFixups) {
    const v = ctx.env[f.name];
    if (v === undefined) {
      ctx.cur.fail(`unknown environment entry 'env.${f.name}' used as array length`, f.tok);
    }
    if (typeof v !== 'bigint') {
      ctx.cur.fail(`environment entry 'env.${f.name}' used as array length is not an integer`, f.tok);
    }
    if ((v as bigint) < 0n) {
      ctx.cur.fail(`environment entry 'env.${f.name}' used as array length is negative`, f.tok);
    }
    f.array.length = Number(v);
  }
}

function buildStream(ctx: ParseContext, raw: RawStream, streams: StreamClass[]): StreamClass {
  const cur = ctx.cur;
  let id = 0n;
  if (raw.id !== undefined) {
    const sid = ctx.trace?.packetHeader?.members.find(m => m.name === 'stream_id');
    if (!sid) {
      cur.fail(`stream ${raw.id} has an 'id' but the trace packet header has no 'stream_id' field`, raw.tok);
    }
    id = raw.id;
  } else if (streams.length > 0) {
    cur.fail("stream block has no 'id' attribute but other streams are declared before it", raw.tok);
  }
  if (streams.some(s => s.id === id)) cur.fail(`duplicate stream id ${id}`, raw.tok);
  const sc: StreamClass = { id, events: [] };
  if (raw.packetContext) sc.packetContext = raw.packetContext;
  if (raw.eventHeader) sc.eventHeader = raw.eventHeader;
  if (raw.eventContext) sc.eventContext = raw.eventContext;
  return sc;
}

function streamOf(ctx: ParseContext, ev: RawEvent, streams: StreamClass[]): StreamClass {
  if (ev.streamId === undefined) {
    if (streams.length === 0) streams.push({ id: 0n, events: [] });
    if (streams.length > 1) {
      ctx.cur.fail(
        `event '${ev.name}' has no 'stream_id' attribute but the trace has ${streams.length} streams`,
        ev.tok
      );
    }
    return streams[0];
  }
  let sc: StreamClass | undefined;
  for (let i = 0; i < streams.length && !sc; i++) if (streams[i].id === ev.streamId) sc = streams[i];
  if (!sc) ctx.cur.fail(`event '${ev.name}' refers to stream ${ev.streamId}, which is not declared`, ev.tok);
  return sc as StreamClass;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function buildEvent(ctx: ParseContext, ev: RawEvent, sc: StreamClass, ids: Set<number | bigint>): EventClass {
  let id = ev.id;
  if (id === undefined) {
    if (sc.events.length > 0) {
      ctx.cur.fail(
        `event '${ev.name}' has no 'id' attribute (only a stream's first event may omit it)`,
        ev.tok
      );
    }
    id = 0n;
  }
  // Safe ids as numbers (hashing bigints is slower); a larger id cannot equal a safe one.
  const key = id <= MAX_SAFE ? Number(id) : id;
  if (ids.has(key)) ctx.cur.fail(`duplicate event id ${id} in stream ${sc.id} ('${ev.name}')`, ev.tok);
  ids.add(key);
  const ec: EventClass = { id, name: ev.name as string };
  if (ev.loglevel !== undefined) ec.loglevel = ev.loglevel;
  if (ev.modelEmfUri !== undefined) ec.modelEmfUri = ev.modelEmfUri;
  if (ev.context) ec.context = ev.context;
  if (ev.payload) ec.payload = ev.payload;
  if (ev.attributes) ec.attributes = ev.attributes;
  return ec;
}

/** Builds the TraceClass from a fully parsed context. */
export function assemble(ctx: ParseContext): TraceClass {
  const cur = ctx.cur;
  const trace = ctx.trace;
  if (!trace) throw new MetadataError('the metadata has no trace block', cur.file);
  const clocks = ctx.clocks.map(d => d.clock);
  for (const ref of ctx.clockRefs) {
    if (!clocks.some(c => c.name === ref.name)) {
      cur.fail(`map attribute names an undeclared clock '${ref.name}'`, ref.tok);
    }
  }
  applyEnvLengths(ctx);
  const streams: StreamClass[] = [];
  const streamTok = new Map<StreamClass, number>();
  for (const raw of ctx.streams) {
    const sc = buildStream(ctx, raw, streams);
    streams.push(sc);
    streamTok.set(sc, raw.tok);
  }
  const eventIds = new Map<StreamClass, Set<number | bigint>>();
  for (let i = 0; i < ctx.events.length; i++) {
    const ev = ctx.events[i];
    const sc = streamOf(ctx, ev, streams);
    if (!streamTok.has(sc)) streamTok.set(sc, ev.tok);
    let ids = eventIds.get(sc);
    if (!ids) eventIds.set(sc, (ids = new Set()));
    sc.events.push(buildEvent(ctx, ev, sc, ids));
  }
  const tc: TraceClass = {
    major: 1,
    minor: 8,
    byteOrder: trace.byteOrder ?? 'le',
    env: ctx.env,
    clocks,
    streams
  };
  if (trace.uuid !== undefined) tc.uuid = trace.uuid;
  if (trace.packetHeader) tc.packetHeader = trace.packetHeader;
  const locate = (where?: 'packet.header' | StreamClass): number =>
    where === undefined || where === 'packet.header'
      ? (trace.packetHeaderTok ?? trace.tok)
      : (streamTok.get(where) ?? 0);
  assignRolesAndClocks(tc, (message, sc) => cur.fail(message, sc ? locate(sc) : locate('packet.header')));
  validateTraceClass(tc, (message, where) => cur.fail(message, locate(where)));
  return tc;
}
