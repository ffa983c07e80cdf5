/**
 * Compiles the packet loop of a stream class: one generated function that decodes events until the content ends
 * or the output is full, with the event header inlined (class id and clock value in locals, timestamp extension
 * inline), then one call to the event class's own compiled decoder.
 *
 * Per event it records the clock value right after the header (the event's timestamp, as babeltrace2 takes it),
 * the class index and the row in that class's columns. Checks: known class id, progress, content bound.
 *
 * When every event header of the stream ends on a byte boundary, fixed-layout classes (`lazy-layout.ts`) are
 * skipped by their constant size in class-filtered reads, and in streaming reads (`out.lazy`) not decoded at all:
 * their row is the byte offset of the event's fields, read later from the packet bytes (`reader/lazy-view.ts`).
 */
import type { StructFC } from '../ir';
import type { CompiledEvent, EventFn } from './compile';
import type { Rows } from './columns';
import { Gen } from './codegen';
import type { Resolution } from './resolve';
import type { DecodeState } from './state';
import { helpers } from './state';
import type { FixedLayout } from './lazy-layout';
import { scanSegments } from './lazy-layout';

/** Lazy size marker of classes with strings (their size varies). */
const VARIABLE = -2;

/** Output of a loop run (per-event references); see `reader/event-loop.ts`. */
export interface LoopOutput {
  n: number;
  readonly max: number;
  readonly cyc: Uint32Array;
  readonly cls: Int32Array;
  readonly row: Int32Array;
  touched: CompiledEvent[];
  /**
   * Streaming read: fixed-layout classes (`lazy-layout.ts`) are not decoded; their row is the byte offset of the
   * event's fields in the packet buffer, and they are listed in `lazyTouched`.
   */
  readonly lazy: boolean;
  lazyTouched: CompiledEvent[];
  /** Segment starts of lazily read events with strings (`lazy-layout.ts`); their row indexes this. */
  aux: Int32Array;
  auxN: number;
  growAux(): void;
  /** Identifies this run (a fresh value per reset, unique across outputs). */
  readonly stamp: number;
}

export type LoopFn = (S: DecodeState, out: LoopOutput, keep: Uint8Array | null) => void;

export interface LoopSpec {
  res: Resolution;
  header: StructFC | undefined;
  /** Event classes of the stream class (trace-local indexes in `.local`). */
  events: CompiledEvent[];
  lut: Int32Array;
  byId: Map<number, number>;
  single: number;
  /** Some event class maps a payload/context field to the clock: keep S.clk in sync around decoders. */
  clockInEvents: boolean;
  /** Every event header ends on a byte boundary: fixed-layout classes may be read lazily and skipped by size. */
  byteHeaders: boolean;
}

export function compileLoop(spec: LoopSpec): LoopFn {
  const gen = new Gen(spec.res, false, true);
  const lut = gen.k(spec.lut);
  const byId = gen.k(spec.byId);
  const sync = spec.clockInEvents;
  gen.emit(
    'var u8 = S.u8, dv = S.dv, p = S.p, q = 0, end = S.end, clk = S.clk, cl = clk[0], ch = clk[1], id = -1;'
  );
  gen.emit('var n = out.n, max = out.max, cyc = out.cyc, cls = out.cls, row = out.row;');
  // Byte offsets as rows need positions below 2^32 bits (packets under 512 MB).
  gen.emit('var lazy = out.lazy && end < 4294967296, stamp = out.stamp, lim8 = Math.floor(end / 8);');
  gen.emit('try {');
  gen.emit('while (p < end && n < max) {');
  gen.emit('var start = p; id = -1;');
  const header = spec.header;
  if (header) gen.splitOnByteAlignment(() => gen.field(header, null, null));
  gen.flush();
  gen.emit('var ecl = cl, ech = ch, local;');
  gen.emit(`if (id < 0) local = ${spec.single};`);
  gen.emit(`else if (id < ${spec.lut.length}) local = ${lut}[id];`);
  gen.emit(`else { local = ${byId}.get(id); if (local === undefined) local = -1; }`);
  gen.emit(
    `if (local < 0) H.fail(start, id < 0 ? 'no event class id and several event classes' : 'unknown event class id ' + id);`
  );
  const evs = gen.k(spec.events);
  const base = spec.events.length > 0 ? spec.events[0].local : 0;
  // The decoding state the class decoders read (not needed on the lazy path).
  const setState = sync ? 'S.p = p; clk[0] = cl; clk[1] = ch;' : 'S.p = p;';
  const fixed = spec.byteHeaders;
  // Fixed-layout sizes in bits per class (-1: not computed yet, 0: not fixed) and the run that last listed it.
  const sizes = new Float64Array(spec.events.length).fill(-1);
  const listed = new Float64Array(spec.events.length);
  const LS = gen.k(sizes);
  const LR = gen.k(listed);
  // Per class, its fixed layout once worked out (the loop reads those with strings from here).
  const layouts = new Array<FixedLayout | undefined>(spec.events.length).fill(undefined);
  const LL = gen.k(layouts);
  const LF = gen.k((j: number): number => {
    const f = spec.events[j].fixed();
    layouts[j] = f;
    sizes[j] = f === undefined ? 0 : f.bits > 0 ? f.bits : VARIABLE;
    return sizes[j];
  });
  // Layouts with strings: the segment starts go to out.aux, the row is their index there.
  const SC = gen.k(scanSegments);
  gen.emit(`var j = local - ${base}, lz = 0;`);
  gen.emit(
    `if (j < 0 || j >= ${spec.events.length}) H.fail(start, 'event class ' + local + ' not in this stream class');`
  );
  if (fixed) gen.emit(`lz = ${LS}[j]; if (lz === -1) lz = ${LF}(j);`);
  gen.emit('if (keep !== null && keep[local] !== 1) {');
  gen.emit(
    `if (lz > 0) p += lz; else { ${setState} ${evs}[j].skip()(S); p = S.p;${sync ? ' cl = clk[0]; ch = clk[1];' : ''} }`
  );
  gen.emit(`if (p > end) H.fail(start, 'event runs past the packet content');`);
  gen.emit(`if (p <= start) H.fail(start, 'empty event record (no progress)');`);
  gen.emit('continue; }');
  // One indirect call per event: a switch over thousands of classes (LTTng kernel metadata declares ~1,200) would
  // make this function too large for the optimizing compiler. Decoders are generated on first use: the slot holds
  // a stub that prepares the class and installs its decoder and row counter.
  const fns: EventFn[] = [];
  const ws: unknown[][] = [];
  const rowsOf: (Rows | undefined)[] = [];
  spec.events.forEach((ev, j) => {
    rowsOf.push(undefined);
    ws.push([]);
    fns.push((S: DecodeState) => {
      const code = ev.prepare();
      fns[j] = code.decode;
      ws[j] = code.W;
      rowsOf[j] = code.rows;
      code.decode(S, code.W);
    });
  });
  const F = gen.k(fns);
  const WS = gen.k(ws);
  const RS = gen.k(rowsOf);
  if (fixed) {
    gen.emit('if (lz !== 0 && lazy) {');
    gen.emit(`if (${LR}[j] !== stamp) { ${LR}[j] = stamp; out.lazyTouched.push(${evs}[j]); }`);
    gen.emit('var lr = p >>> 3;');
    gen.emit('if (lz > 0) p += lz;');
    gen.emit('else {');
    gen.emit(`var L = ${LL}[j], la = out.auxN, ns = L.strAt.length + 1;`);
    gen.emit('if (la + ns > out.aux.length) out.growAux();');
    gen.emit(`var e = ${SC}(L, u8, dv, lr, lim8, out.aux, la);`);
    gen.emit('out.auxN = la + ns;');
    gen.emit(`if (e < 0) H.fail((-1 - e) * 8, 'unterminated string');`);
    gen.emit('p = e * 8; lr = la; }');
    gen.emit(`if (p > end) H.fail(start, 'event runs past the packet content');`);
    gen.emit('cyc[2 * n] = ecl; cyc[2 * n + 1] = ech; cls[n] = local; row[n] = lr; n++;');
    gen.emit('continue; }');
  }
  gen.emit(setState);
  // Touched before decoding, so that a class whose first event fails is reset with the chunk.
  gen.emit(`var R = ${RS}[j];`);
  gen.emit(`if (R === undefined || R.n === 0) out.touched.push(${evs}[j]);`);
  gen.emit(`${F}[j](S, ${WS}[j]);`);
  gen.emit(`R = ${RS}[j];`);
  gen.emit('var rr = R.n - 1;');
  gen.emit(sync ? 'p = S.p; cl = clk[0]; ch = clk[1];' : 'p = S.p;');
  gen.emit(`if (p > end) H.fail(start, 'event runs past the packet content');`);
  gen.emit(`if (p <= start) H.fail(start, 'empty event record (no progress)');`);
  gen.emit('cyc[2 * n] = ecl; cyc[2 * n + 1] = ech; cls[n] = local; row[n] = rr; n++;');
  gen.emit('}');
  // State written back on both paths (not in a `finally`, whose first run would deoptimize the loop).
  gen.emit('} catch (e) { out.n = n; S.p = p; clk[0] = cl; clk[1] = ch; throw e; }');
  gen.emit('out.n = n; S.p = p; clk[0] = cl; clk[1] = ch;');
  const src = `${gen.constDecls()}\nreturn function run(S, out, keep) {\n${gen.lines.join('\n')}\n};`;
  return new Function('K', 'H', src)(gen.consts, helpers) as LoopFn;
}

/** True when a field tree maps an integer to a clock (payload timestamps move the stream's clock). */
export function mapsClock(fc: StructFC | undefined): boolean {
  if (!fc) return false;
  const visit = (x: StructFC['members'][number]['fc']): boolean => {
    switch (x.kind) {
      case 'int':
        return x.mappedClock !== undefined || !!x.roles?.includes('default-clock-timestamp');
      case 'enum':
        return x.container.mappedClock !== undefined;
      case 'varint':
        return x.mappedClock !== undefined;
      case 'struct':
        return x.members.some(m => visit(m.fc));
      case 'array':
        return visit(x.element);
      case 'variant':
        return x.options.some(o => visit(o.fc));
      case 'optional':
        return visit(x.fc);
      default:
        return false;
    }
  };
  return visit(fc);
}
