/**
 * Compiles a trace class into decoding functions: one for the packet header, one per stream class for the packet
 * context, one packet loop per stream class (with the event header inlined), and one per event class that decodes
 * the common context + specific context + payload of an event straight into that class's columns (generated the
 * first time the class is met; plus a "skip" variant that only advances, for class-filtered reads).
 *
 * The resolution pass (`resolve.ts`) runs on private copies of every scope that has references when the trace is
 * opened, so invalid references are reported then.
 */
import type { EventClass, StreamClass, StructFC, TraceClass } from '../ir';
import { MetadataError } from '../ir';
import { Gen, buildColumn } from './codegen';
import { compileLoop, mapsClock } from './compile-loop';
import type { LoopFn } from './compile-loop';
import type { StructCol } from './compound-columns';
import { Rows } from './columns';
import type { FieldEntry } from './field-info';
import { labelMap, scopeFields } from './field-info';
import type { FixedLayout } from './lazy-layout';
import { fixedLayout, headerKeepsBytes } from './lazy-layout';
import { Resolution, cloneFieldClass, hasReferences, resolveScope } from './resolve';
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

/** An event decoder: shared by all event classes of the same layout, `W` holds one class's columns. */
export type EventFn = (S: DecodeState, W: unknown[]) => void;

/** Columns and decoder of an event class, built the first time the class is met in the data. */
export interface EventCode {
  readonly rows: Rows;
  readonly cols: StructCol[];
  readonly decode: EventFn;
  /** The class's constants (row counter, columns, variant tables) for `decode`. */
  readonly W: unknown[];
}

/** Decoders by generated text: classes with the same layout (in a trace and across traces) share one function. */
const eventFns = new Map<string, EventFn>();

function makeEventFn(gen: Gen, body: () => void, rows?: Rows): { fn: EventFn; W: unknown[] } {
  const R = rows ? gen.k(rows) : undefined;
  const prologue = ['var u8 = S.u8, dv = S.dv, p = S.p, q = 0;'];
  if (R) prologue.push(`if (${R}.n === ${R}.cap) ${R}.grow(); var r = ${R}.n++;`);
  body();
  gen.flush();
  gen.emit('S.p = p;');
  const src = `return function decode(S, W) {\n${gen.constDecls('W')}\n${prologue.join('\n')}\n${gen.lines.join('\n')}\n};`;
  let fn = eventFns.get(src);
  if (!fn) {
    if (eventFns.size > 4096) eventFns.clear();
    fn = new Function('H', src)(helpers) as EventFn;
    eventFns.set(src, fn);
  }
  return { fn, W: gen.consts };
}

/**
 * An event class: its field list is known at open; its columns and decoders are generated lazily (LTTng kernel
 * metadata declares ~1,200 event classes, of which a trace typically uses a few hundred).
 */
export class CompiledEvent {
  private list: FieldEntry[] | undefined;
  /** Some field of the event maps to the clock (moves the stream's clock value). */
  readonly clock: boolean;
  private code: EventCode | undefined;
  private skipFn: DecodeFn | undefined;
  private layout: FixedLayout | null | undefined;
  private readonly scopes: (StructFC | undefined)[];

  constructor(
    /** Index in `CompiledTrace.events` (the trace-local class index). */
    readonly local: number,
    readonly ec: EventClass,
    readonly sc: StreamClass,
    private readonly res: Resolution,
    common: StructFC | undefined,
    context: StructFC | undefined,
    payload: StructFC | undefined,
    /** Whether a field maps to the clock, when the caller already knows. */
    clock = mapsClock(common) || mapsClock(context) || mapsClock(payload)
  ) {
    this.scopes = [common, context, payload];
    this.clock = clock;
  }

  /** The class's fields (worked out on first use: metadata may declare many more classes than a trace uses). */
  get fields(): FieldEntry[] {
    if (this.list === undefined) {
      const list: FieldEntry[] = [];
      const [common, context, payload] = this.scopes;
      let index = 0;
      if (common) scopeFields(list, 'common_context', common, index++);
      if (context) scopeFields(list, 'context', context, index++);
      if (payload) scopeFields(list, 'payload', payload, index++);
      this.list = list;
    }
    return this.list;
  }

  /** Columns and decoder (generated on first use). */
  prepare(): EventCode {
    if (this.code) return this.code;
    const present = this.scopes.filter((r): r is StructFC => r !== undefined);
    const cols = present.map(root => buildColumn(root, labelMap) as StructCol);
    const rows = new Rows(cols, 16);
    const g = new Gen(this.res, false, false, true);
    const body = () =>
      g.splitOnByteAlignment(() => present.forEach((root, i) => g.field(root, cols[i], 'r')));
    const { fn, W } = makeEventFn(g, body, rows);
    this.code = { rows, cols, decode: fn, W };
    return this.code;
  }

  /** The class's fixed layout (fields at constant byte offsets, `lazy-layout.ts`), or undefined. */
  fixed(): FixedLayout | undefined {
    if (this.layout === undefined) {
      this.layout = (!this.clock && fixedLayout(this.scopes, this.fields)) || null;
    }
    return this.layout ?? undefined;
  }

  /** A decoder that only advances past the event (class-filtered reads). */
  skip(): DecodeFn {
    if (!this.skipFn) {
      const g = new Gen(this.res, false, false, true);
      const body = () =>
        g.splitOnByteAlignment(() => this.scopes.forEach(root => root && g.field(root, null, null)));
      const { fn, W } = makeEventFn(g, body);
      this.skipFn = S => fn(S, W);
    }
    return this.skipFn;
  }
}

export interface CompiledStream {
  readonly sc: StreamClass;
  readonly packetContext?: ScopeDecoder;
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

/**
 * Facts about event scope trees, computed once per tree object: the TSDL front end gives event classes with the
 * same payload text the same structure object.
 */
class TreeFacts {
  private readonly refs = new Map<StructFC, boolean>();
  private readonly clocks = new Map<StructFC, boolean>();

  hasReferences(fc: StructFC | undefined): boolean {
    if (fc === undefined) return false;
    let v = this.refs.get(fc);
    if (v === undefined) this.refs.set(fc, (v = hasReferences(fc)));
    return v;
  }

  mapsClock(fc: StructFC | undefined): boolean {
    if (fc === undefined) return false;
    let v = this.clocks.get(fc);
    if (v === undefined) this.clocks.set(fc, (v = mapsClock(fc)));
    return v;
  }
}

/** What the event classes of one stream class share. */
interface StreamScopes {
  roots: Partial<Record<Scope, StructFC>>;
  common: StructFC | undefined;
  facts: TreeFacts;
}

function compileEvent(
  res: Resolution,
  local: number,
  sc: StreamClass,
  ec: EventClass,
  stream: StreamScopes,
  ctf2: boolean
): CompiledEvent {
  const { roots: streamRoots, common, facts } = stream;
  if (!facts.hasReferences(ec.context) && !facts.hasReferences(ec.payload)) {
    // Nothing to bind or check: the shared trees are used as they are (no stored value can point into them).
    const clock = facts.mapsClock(common) || facts.mapsClock(ec.context) || facts.mapsClock(ec.payload);
    return new CompiledEvent(local, ec, sc, res, common, ec.context, ec.payload, clock);
  }
  const roots = { ...streamRoots };
  if (ec.context) roots['event.specific_context'] = cloneFieldClass(ec.context);
  if (ec.payload) roots['event.payload'] = cloneFieldClass(ec.payload);
  const where = `event class \`${ec.name}\` (id ${ec.id})`;
  resolveScope(res, roots, 'event.specific_context', ctf2, where);
  resolveScope(res, roots, 'event.payload', ctf2, where);
  const { 'event.specific_context': context, 'event.payload': payload } = roots;
  return new CompiledEvent(local, ec, sc, res, common, context, payload);
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
  const eh = roots['event.header'];
  const common = roots['event.common_context'];
  const shared: StreamScopes = { roots, common, facts: new TreeFacts() };
  const byId = new Map<number, number>();
  const first = events.length;
  let maxId = -1;
  for (let i = 0; i < sc.events.length; i++) {
    const ec = sc.events[i];
    const local = events.length;
    const id = Number(ec.id);
    if (byId.has(id)) throw new MetadataError(`duplicate event class id ${ec.id} in ${where}`, res.file);
    events.push(compileEvent(res, local, sc, ec, shared, ctf2));
    byId.set(id, local);
    if (id >= 0 && id < 65536 && id > maxId) maxId = id;
  }
  const lut = new Int32Array(maxId + 1).fill(-1);
  const mine = events.slice(first);
  for (let i = 0; i < mine.length; i++) {
    const id = Number(mine[i].ec.id);
    if (id >= 0 && id < lut.length) lut[id] = mine[i].local;
  }
  const single = sc.events.length === 1 ? first : -1;
  const run = compileLoop({
    res,
    header: eh,
    events: mine,
    lut,
    byId,
    single,
    clockInEvents: mine.some(e => e.clock),
    byteHeaders: headerKeepsBytes(eh)
  });
  return { sc, packetContext, run, lut, byId, single };
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
