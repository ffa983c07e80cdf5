/**
 * Compiles a trace class into decoding functions: one for the packet header, one per stream class for the packet
 * context and the event header (roles, clock and stored values only), and one per event class that decodes the
 * common context + specific context + payload of an event straight into that class's columns (plus a lazily
 * compiled "skip" variant that only advances, for class-filtered reads).
 *
 * Runs the resolution pass first (`resolve.ts`) on private copies of every scope.
 */
import type { EventClass, StreamClass, StructFC, TraceClass } from '../ir';
import { MetadataError } from '../ir';
import { Gen, buildColumn } from './codegen';
import { compileLoop, mapsClock } from './compile-loop';
import type { LoopFn } from './compile-loop';
import type { StructCol } from './columns';
import { Rows } from './columns';
import type { FieldEntry } from './field-info';
import { labelMap, scopeFields } from './field-info';
import { Resolution, cloneFieldClass, resolveScope } from './resolve';
import type { Scope } from '../ir';
import type { DecodeState } from './state';
import { helpers } from './state';

export type DecodeFn = (S: DecodeState) => void;

/** A scope decoded into a one-row writer (packet header / context), re-filled for every packet. */
export interface ScopeDecoder {
  fn: DecodeFn;
  col: StructCol;
  rows: Rows;
  root: StructFC;
}

export interface CompiledEvent {
  /** Index in `CompiledTrace.events` (the trace-local class index). */
  readonly local: number;
  readonly ec: EventClass;
  readonly sc: StreamClass;
  readonly rows: Rows;
  readonly cols: StructCol[];
  readonly fields: FieldEntry[];
  readonly decode: DecodeFn;
  /** Some field of the event maps to the clock (moves the stream's clock value). */
  readonly clock: boolean;
  skip(): DecodeFn;
}

export interface CompiledStream {
  readonly sc: StreamClass;
  readonly packetContext?: ScopeDecoder;
  readonly eventHeader?: DecodeFn;
  /** The compiled packet loop (event header inlined, class dispatch). */
  readonly run: LoopFn;
  /** Event class id -> local index (-1 unknown) for ids < lut.length; `byId` otherwise. */
  readonly lut: Int32Array;
  readonly byId: Map<number, number>;
  /** The only event class when the stream class has exactly one (no id needed). */
  readonly single: number;
}

export interface CompiledTrace {
  readonly tc: TraceClass;
  readonly res: Resolution;
  readonly packetHeader?: ScopeDecoder;
  readonly streams: Map<string, CompiledStream>;
  readonly events: CompiledEvent[];
}

function makeFn(gen: Gen, body: () => void, rows?: Rows): DecodeFn {
  gen.emit('var u8 = S.u8, dv = S.dv, p = S.p, q = 0;');
  if (rows) {
    const R = gen.k(rows);
    gen.emit(`if (${R}.n === ${R}.cap) ${R}.grow(); var r = ${R}.n++;`);
  }
  body();
  gen.flush();
  gen.emit('S.p = p;');
  const src = `${gen.constDecls()}\nreturn function decode(S) {\n${gen.lines.join('\n')}\n};`;
  return new Function('K', 'H', src)(gen.consts, helpers) as DecodeFn;
}

function scopeDecoder(res: Resolution, root: StructFC | undefined): ScopeDecoder | undefined {
  if (!root) return undefined;
  const col = buildColumn(root, labelMap) as StructCol;
  const rows = new Rows([col], 1);
  const gen = new Gen(res, true);
  const fn = makeFn(gen, () => gen.field(root, col, 'r'), rows);
  return { fn, col, rows, root };
}

interface StreamScopes {
  roots: Partial<Record<Scope, StructFC>>;
}

function compileEvent(
  res: Resolution,
  local: number,
  sc: StreamClass,
  ec: EventClass,
  stream: StreamScopes,
  ctf2: boolean
): CompiledEvent {
  const roots = { ...stream.roots };
  if (ec.context) roots['event.specific_context'] = cloneFieldClass(ec.context);
  if (ec.payload) roots['event.payload'] = cloneFieldClass(ec.payload);
  const where = `event class \`${ec.name}\` (id ${ec.id})`;
  resolveScope(res, roots, 'event.specific_context', ctf2, where);
  resolveScope(res, roots, 'event.payload', ctf2, where);
  const scopes: [StructFC | undefined, 'common_context' | 'context' | 'payload'][] = [
    [roots['event.common_context'], 'common_context'],
    [roots['event.specific_context'], 'context'],
    [roots['event.payload'], 'payload']
  ];
  const cols = scopes.map(([root]) => (root ? (buildColumn(root, labelMap) as StructCol) : undefined));
  const present = cols.filter((c): c is StructCol => c !== undefined);
  const rows = new Rows(present, 16);
  const fields: FieldEntry[] = [];
  let presentIndex = 0;
  scopes.forEach(([root, scope], i) => {
    if (root) scopeFields(fields, scope, root, cols[i], presentIndex++);
  });
  const body = (gen: Gen, store: boolean) => () =>
    scopes.forEach(
      ([root], i) => root && gen.field(root, store ? (cols[i] as StructCol) : null, store ? 'r' : null)
    );
  const g = new Gen(res, false);
  const decode = makeFn(g, body(g, true), rows);
  let skipFn: DecodeFn | undefined;
  return {
    local,
    ec,
    sc,
    rows,
    cols: present,
    fields,
    decode,
    clock: scopes.some(([root]) => mapsClock(root)),
    skip() {
      if (!skipFn) {
        const gs = new Gen(res, false);
        skipFn = makeFn(gs, body(gs, false));
      }
      return skipFn;
    }
  };
}

function compileStream(
  res: Resolution,
  tc: TraceClass,
  sc: StreamClass,
  header: StructFC | undefined,
  events: CompiledEvent[]
): CompiledStream {
  const ctf2 = tc.major === 2;
  const roots: Partial<Record<Scope, StructFC>> = {};
  if (header) roots['packet.header'] = header;
  if (sc.packetContext) roots['packet.context'] = cloneFieldClass(sc.packetContext);
  if (sc.eventHeader) roots['event.header'] = cloneFieldClass(sc.eventHeader);
  if (sc.eventContext) roots['event.common_context'] = cloneFieldClass(sc.eventContext);
  const where = `stream class ${sc.id}`;
  for (const s of ['packet.context', 'event.header', 'event.common_context'] as Scope[]) {
    resolveScope(res, roots, s, ctf2, where);
  }
  const packetContext = scopeDecoder(res, roots['packet.context']);
  let eventHeader: DecodeFn | undefined;
  const eh = roots['event.header'];
  if (eh) {
    const gen = new Gen(res, false);
    eventHeader = makeFn(gen, () => gen.field(eh, null, null));
  }
  const byId = new Map<number, number>();
  let maxId = -1;
  for (const ec of sc.events) {
    const local = events.length;
    const id = Number(ec.id);
    if (byId.has(id)) throw new MetadataError(`duplicate event class id ${ec.id} in ${where}`, res.file);
    events.push(compileEvent(res, local, sc, ec, { roots }, ctf2));
    byId.set(id, local);
    if (id >= 0 && id < 65536) maxId = Math.max(maxId, id);
  }
  const lut = new Int32Array(maxId + 1).fill(-1);
  for (const [id, local] of byId) if (id >= 0 && id < lut.length) lut[id] = local;
  const single = sc.events.length === 1 ? (byId.values().next().value as number) : -1;
  const mine = events.filter(e => e.sc === sc);
  const run = compileLoop({
    res,
    header: eh,
    events: mine,
    lut,
    byId,
    single,
    clockInEvents: mine.some(e => e.clock)
  });
  return { sc, packetContext, eventHeader, run, lut, byId, single };
}

/** Resolves and compiles a whole trace class. Throws `MetadataError` on invalid references. */
export function compileTrace(tc: TraceClass, file: string): CompiledTrace {
  const res = new Resolution(file);
  const header = tc.packetHeader ? cloneFieldClass(tc.packetHeader) : undefined;
  if (header) {
    resolveScope(res, { 'packet.header': header }, 'packet.header', tc.major === 2, 'trace packet header');
  }
  const events: CompiledEvent[] = [];
  const streams = new Map<string, CompiledStream>();
  for (const sc of tc.streams) {
    if (streams.has(String(sc.id))) throw new MetadataError(`duplicate stream class id ${sc.id}`, file);
    streams.set(String(sc.id), compileStream(res, tc, sc, header, events));
  }
  const packetHeader = scopeDecoder(res, header);
  return { tc, res, packetHeader, streams, events };
}
