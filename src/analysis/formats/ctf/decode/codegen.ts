/**
 * Code generator: turns a (resolved) field class tree into the body of a specialised JavaScript decoding function.
 *
 * The generated code reads the packet bytes (`u8`, `dv`) at a bit position `p`, appends values into the column
 * objects of `columns.ts` (closure constants `k<N>`), records stored values (`S.v[slot]`), packet roles and clock
 * updates. It tracks alignment statically: `p + off` is the current position, with `off` a compile-time constant
 * and `p` known to be `pR` modulo `pA`; byte-aligned fields are read at `q + const` (with `q = p / 8`) through
 * DataView, so a run of fixed-size fields costs one read each and no position arithmetic at run time. Dynamic
 * parts (strings, sequences, variants, varints) "flush" `off` into `p`.
 *
 * Scope: one field tree at a time (`field`); `compile.ts` wraps the bodies into functions.
 */
import type { FieldClass, IntegerFC, Role } from '../ir';
import { displayName } from '../ir';
import type { Resolution, SelectRange } from './resolve';
import type { Col, LabelMap } from './columns';
import {
  BoolCol,
  BytesCol,
  FloatCol,
  IntCol,
  ListCol,
  OptionalCol,
  StructCol,
  VariantCol,
  WideCol
} from './columns';
import { ROLE } from './state';

interface Knowledge {
  pA: number;
  pR: number;
}

/** Minimal size in bits of a field (a lower bound used to bound sequence lengths). */
export function minBits(fc: FieldClass): number {
  switch (fc.kind) {
    case 'int':
    case 'bool':
    case 'bitarray':
    case 'float':
      return fc.size;
    case 'enum':
      return fc.container.size;
    case 'varint':
    case 'string':
      return 8;
    case 'struct':
      return fc.members.reduce((s, m) => s + minBits(m.fc), 0);
    case 'array':
      return fc.length !== undefined ? fc.length * minBits(fc.element) : 0;
    case 'sized-string':
    case 'blob':
      return fc.length !== undefined ? fc.length * 8 : 0;
    default:
      return 0;
  }
}

/** A text array or sequence: 8-bit integer elements with a text encoding (decoded as a string). */
export function isText(fc: FieldClass): boolean {
  if (fc.kind !== 'array') return false;
  const el = fc.element;
  const int = el.kind === 'int' ? el : undefined;
  return (
    !!int &&
    int.size === 8 &&
    (int.encoding === 'utf8' || int.encoding === 'ascii') &&
    !int.mappedClock &&
    !int.roles
  );
}

const PACKET_ROLES: Partial<Record<Role, number>> = {
  'packet-magic-number': ROLE.magic,
  'data-stream-class-id': ROLE.streamClassId,
  'data-stream-id': ROLE.dataStreamId,
  'packet-total-length': ROLE.totalLength,
  'packet-content-length': ROLE.contentLength,
  'default-clock-timestamp': ROLE.beginTimestamp,
  'packet-end-default-clock-timestamp': ROLE.endTimestamp,
  'discarded-event-record-counter-snapshot': ROLE.discarded,
  'packet-sequence-number': ROLE.seqNum
};

type IntValue = { v: string } | { lo: string; hi: string };

export class Gen {
  readonly lines: string[] = [];
  readonly consts: unknown[] = [];
  private nv = 0;
  private off = 0;
  private pA = 1;
  private pR = 0;
  private qOk = false;

  constructor(
    private readonly res: Resolution,
    /** Record packet roles (packet header / context scopes). */
    private readonly packetScope: boolean,
    /** Loop mode (event header inlined in the packet loop): class id and clock live in locals `id`, `cl`, `ch`. */
    private readonly loopMode = false
  ) {}

  /** Registers a closure constant; the generated code sees it as `k<N>`. */
  k(obj: unknown): string {
    this.consts.push(obj);
    return `k${this.consts.length - 1}`;
  }

  private tmp(prefix = 't'): string {
    return `${prefix}${this.nv++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /** Declarations of the closure constants, for the factory prologue. */
  constDecls(): string {
    return this.consts.map((_, i) => `var k${i} = K[${i}];`).join('\n');
  }

  // ---- position knowledge ------------------------------------------------------------------------------------

  private pos(): string {
    return this.off === 0 ? 'p' : `(p + ${this.off})`;
  }

  flush(): void {
    if (this.off !== 0) {
      this.emit(`p += ${this.off};`);
      this.pR = (this.pR + this.off) % this.pA;
      this.off = 0;
      this.qOk = false;
    }
  }

  private know(): Knowledge {
    return { pA: this.pA, pR: this.pR };
  }

  private setKnow(k: Knowledge): void {
    this.pA = k.pA;
    this.pR = k.pR;
    this.qOk = false;
  }

  /** After p += dynamic amount that is a multiple of `gran` bits. */
  private dynamicAdvance(expr: string, gran: number): void {
    this.flush();
    this.emit(`p += ${expr};`);
    const a = Math.min(this.pA, gran);
    this.setKnow({ pA: a, pR: this.pR % a });
  }

  private setPos(expr: string, k: Knowledge): void {
    this.off = 0;
    this.emit(`p = ${expr};`);
    this.setKnow(k);
  }

  align(a: number): void {
    if (a <= 1) return;
    if (this.pA >= a) {
      const cur = (this.pR + this.off) % a;
      if (cur !== 0) this.off += a - cur;
      return;
    }
    this.flush();
    this.emit(`p += (-p) & ${a - 1};`);
    this.setKnow({ pA: a, pR: 0 });
  }

  /**
   * Byte index expression and bit shift of the current position when p's offset within a byte is known
   * (`q` = floor(p / 8)), else null.
   */
  private bitIdx(): { idx: string; shift: number } | null {
    if (this.pA < 8) return null;
    const c = this.pR % 8;
    if (!this.qOk) {
      this.emit(c === 0 ? `q = p / 8;` : `q = (p - ${c}) / 8;`);
      this.qOk = true;
    }
    const bit = c + this.off;
    const b = Math.floor(bit / 8);
    return { idx: b === 0 ? 'q' : `(q + ${b})`, shift: bit % 8 };
  }

  /** Byte index expression of the current position when statically byte-aligned, else null. */
  private byteIdx(): string | null {
    if (this.pA < 8 || (this.pR + this.off) % 8 !== 0) return null;
    const r = this.bitIdx();
    return r && r.shift === 0 ? r.idx : null;
  }

  // ---- fields ------------------------------------------------------------------------------------------------

  /** Emits the decoding of `fc`; `col`/`row` name where to store it (null: decode without storing). */
  field(fc: FieldClass, col: Col | null, row: string | null): void {
    switch (fc.kind) {
      case 'int':
      case 'enum':
      case 'bitarray':
      case 'bool':
        return this.integer(fc, col, row);
      case 'varint':
        return this.varint(fc, col, row);
      case 'float':
        return this.float(fc, col, row);
      case 'string':
        return this.string(fc, col, row);
      case 'sized-string':
      case 'blob':
        return this.sized(fc, col, row);
      case 'struct':
        this.align(fc.align);
        fc.members.forEach((m, i) => this.field(m.fc, col ? (col as StructCol).members[i] : null, row));
        return;
      case 'array':
        return this.array(fc, col, row);
      case 'variant':
      case 'optional':
        return this.choice(fc, col, row);
    }
  }

  private readInt(size: number, be: boolean, signed: boolean, align: number): IntValue {
    this.align(align);
    const idx = this.byteIdx();
    const le = be ? 'false' : 'true';
    if (size <= 32) {
      const t = this.tmp();
      const aligned = idx !== null && (size === 8 || size === 16 || size === 32);
      const bi = !aligned && size < 32 ? this.bitIdx() : null;
      if (idx !== null && size === 8) {
        this.emit(signed ? `var ${t} = dv.getInt8(${idx});` : `var ${t} = u8[${idx}];`);
      } else if (idx !== null && (size === 16 || size === 32)) {
        this.emit(`var ${t} = dv.get${signed ? 'Int' : 'Uint'}${size}(${idx}, ${le});`);
      } else if (bi && bi.shift + size <= 32) {
        // A bit field inside one 32-bit word (the packet buffer is padded, so the word read never throws).
        const sh = be ? 32 - bi.shift - size : bi.shift;
        const mask = size === 31 ? '0x7fffffff' : `${2 ** size - 1}`;
        this.emit(`var ${t} = (dv.getUint32(${bi.idx}, ${le}) >>> ${sh}) & ${mask};`);
        if (signed) this.emit(`${t} = (${t} << ${32 - size}) >> ${32 - size};`);
      } else {
        this.emit(`var ${t} = H.${be ? 'readBE' : 'readLE'}(u8, ${this.pos()}, ${size});`);
        if (signed) this.emit(`if (${t} >= ${2 ** (size - 1)}) ${t} -= ${2 ** size};`);
      }
      this.off += size;
      return { v: t };
    }
    const lo = this.tmp('l');
    const hi = this.tmp('h');
    if (idx !== null && size === 64) {
      const hm = signed ? 'getInt32' : 'getUint32';
      if (be) {
        this.emit(`var ${hi} = dv.${hm}(${idx}, false), ${lo} = dv.getUint32(${idx} + 4, false);`);
      } else {
        this.emit(`var ${lo} = dv.getUint32(${idx}, true), ${hi} = dv.${hm}(${idx} + 4, true);`);
      }
    } else {
      this.emit(`H.read64(u8, ${this.pos()}, ${size}, ${be}, ${signed}, S.f);`);
      this.emit(`var ${lo} = S.f[0], ${hi} = S.f[1];`);
    }
    this.off += size;
    return { lo, hi };
  }

  private integer(
    fc: FieldClass & { kind: 'int' | 'enum' | 'bitarray' | 'bool' },
    col: Col | null,
    row: string | null
  ) {
    const base: IntegerFC | (FieldClass & { kind: 'bitarray' | 'bool' }) =
      fc.kind === 'enum' ? fc.container : fc;
    const signed = base.kind === 'int' && base.signed;
    const align = Math.max(fc.align, base.align);
    const val = this.readInt(base.size, base.byteOrder === 'be', signed, align);
    this.sinks(fc, base.size, signed, val);
    if (col && row !== null) this.store(col, row, val, fc.kind === 'bool');
  }

  private store(col: Col, row: string, val: IntValue, bool: boolean): void {
    const c = this.k(col);
    if (bool) {
      const e = 'v' in val ? val.v : `(${val.lo} | ${val.hi})`;
      this.emit(`${c}.a[${row}] = ${e} !== 0 ? 1 : 0;`);
    } else if ('v' in val) {
      this.emit(`${c}.a[${row}] = ${val.v};`);
    } else {
      this.emit(`${c}.a[2 * ${row}] = ${val.lo}; ${c}.a[2 * ${row} + 1] = ${val.hi};`);
    }
  }

  /** Stored value, event class id, packet roles and clock update of an integer-like field. */
  private sinks(fc: FieldClass, size: number, signed: boolean, val: IntValue): void {
    const num = 'v' in val ? val.v : `(${val.hi} * 4294967296 + ${val.lo})`;
    const slot = this.res.slotOf.get(fc);
    if (slot !== undefined) this.emit(`S.v[${slot}] = ${num};`);
    const roles = new Set<Role>([
      ...(fc.roles ?? []),
      ...(fc.kind === 'enum' ? (fc.container.roles ?? []) : [])
    ]);
    if (roles.has('event-record-class-id')) this.emit(this.loopMode ? `id = ${num};` : `S.id = ${num};`);
    if (this.packetScope) {
      for (const r of roles) {
        const k = PACKET_ROLES[r];
        if (k === undefined) continue;
        const [lo, hi] = 'v' in val ? [val.v, '0'] : [val.lo, `(${val.hi} >>> 0)`];
        this.emit(`S.role[${2 * k}] = ${lo}; S.role[${2 * k + 1}] = ${hi}; S.has[${k}] = 1;`);
      }
    }
    const mapped =
      fc.kind === 'int' ? fc.mappedClock : fc.kind === 'enum' ? fc.container.mappedClock : undefined;
    const clock = (mapped !== undefined || roles.has('default-clock-timestamp')) && !signed;
    if (clock && !roles.has('packet-end-default-clock-timestamp')) {
      if (this.loopMode) this.inlineClock(val, size);
      else if ('v' in val) this.emit(`H.clk(S, ${val.v}, ${size});`);
      else this.emit(`H.clk64(S, ${val.lo}, ${val.hi}, ${size});`);
    }
  }

  /** Timestamp extension on the locals `cl`/`ch` (see `helpers.clk`), inlined for the common widths. */
  private inlineClock(val: IntValue, size: number): void {
    if (!('v' in val)) {
      if (size === 64) this.emit(`cl = ${val.lo}; ch = ${val.hi} >>> 0;`);
      else {
        this.emit(`S.cl = cl; S.ch = ch; H.clk64(S, ${val.lo}, ${val.hi}, ${size}); cl = S.cl; ch = S.ch;`);
      }
      return;
    }
    const t = val.v;
    if (size === 32) {
      this.emit(`if (${t} < cl) ch = (ch + 1) >>> 0; cl = ${t};`);
      return;
    }
    const m = 2 ** size;
    const low = this.tmp('w');
    const up = this.tmp('u');
    const mask = size < 31 ? `(cl & ${m - 1})` : `(cl % ${m})`;
    this.emit(`var ${low} = ${mask}, ${up} = cl - ${low};`);
    this.emit(
      `if (${t} < ${low}) { ${up} += ${m}; if (${up} >= 4294967296) { ${up} -= 4294967296; ch = (ch + 1) >>> 0; } }`
    );
    this.emit(`cl = ${up} + ${t};`);
  }

  private varint(fc: FieldClass & { kind: 'varint' }, col: Col | null, row: string | null): void {
    this.align(Math.max(8, fc.align));
    const idx = this.byteIdx() as string;
    const nb = this.tmp('n');
    this.emit(`var ${nb} = H.leb(u8, ${idx}, S.end / 8, ${fc.signed}, S.f);`);
    this.emit(`if (${nb} === 0) H.fail(${this.pos()}, 'truncated variable-length integer');`);
    const lo = this.tmp('l');
    const hi = this.tmp('h');
    this.emit(`var ${lo} = S.f[0], ${hi} = S.f[1];`);
    this.dynamicAdvance(`${nb} * 8`, 8);
    const val = { lo, hi };
    this.sinks(fc, 64, fc.signed, val);
    if (col && row !== null) this.store(col, row, val, false);
  }

  private float(fc: FieldClass & { kind: 'float' }, col: Col | null, row: string | null): void {
    this.align(fc.align);
    const idx = this.byteIdx();
    const le = fc.byteOrder === 'be' ? 'false' : 'true';
    const t = this.tmp('f');
    if (idx !== null) {
      this.emit(`var ${t} = dv.getFloat${fc.size}(${idx}, ${le});`);
      this.off += fc.size;
    } else if (fc.size === 32) {
      const v = this.readInt(32, fc.byteOrder === 'be', false, 1) as { v: string };
      this.emit(`var ${t} = H.f32(${v.v});`);
    } else {
      const v = this.readInt(64, fc.byteOrder === 'be', false, 1) as { lo: string; hi: string };
      this.emit(`var ${t} = H.f64(${v.lo}, ${v.hi});`);
    }
    if (col && row !== null) this.emit(`${this.k(col)}.a[${row}] = ${t};`);
  }

  private string(fc: FieldClass & { kind: 'string' }, col: Col | null, row: string | null): void {
    this.align(Math.max(8, fc.align));
    const idx = this.byteIdx() as string;
    const s = this.tmp('s');
    const e = this.tmp('e');
    const unit = fc.encoding.startsWith('utf16') ? 2 : fc.encoding.startsWith('utf32') ? 4 : 1;
    this.emit(`var ${s} = ${idx};`);
    if (unit === 1) {
      this.emit(`var ${e} = u8.indexOf(0, ${s});`);
      this.emit(`if (${e} < 0 || ${e} * 8 + 8 > S.end) H.fail(${s} * 8, 'unterminated string');`);
    } else {
      this.emit(`var ${e} = H.strEnd(u8, ${s}, ${unit}, Math.floor(S.end / 8));`);
      this.emit(`if (${e} < 0) H.fail(${s} * 8, 'unterminated string');`);
    }
    if (col && row !== null) this.emit(`${this.k(col)}.push(${row}, u8, ${s}, ${e});`);
    this.setPos(`(${e} + ${unit}) * 8`, { pA: 8, pR: 0 });
  }

  private lengthExpr(fc: FieldClass & { length?: number }): string {
    if (fc.length !== undefined) return String(fc.length);
    return `S.v[${this.res.useSlot.get(fc)}]`;
  }

  private sized(
    fc: FieldClass & { kind: 'sized-string' | 'blob' },
    col: Col | null,
    row: string | null
  ): void {
    this.align(Math.max(8, fc.align));
    const idx = this.byteIdx() as string;
    const s = this.tmp('s');
    const n = this.tmp('n');
    this.emit(`var ${s} = ${idx}, ${n} = ${this.lengthExpr(fc)};`);
    this.emit(
      `if ((${s} + ${n}) * 8 > S.end) H.fail(${s} * 8, 'length ' + ${n} + ' runs past the packet content');`
    );
    if (col && row !== null) {
      const c = this.k(col);
      const text = fc.kind === 'sized-string' && fc.encoding === 'utf8';
      this.emit(
        text ? `${c}.pushText(${row}, u8, ${s}, ${n});` : `${c}.push(${row}, u8, ${s}, ${s} + ${n});`
      );
    }
    if (fc.roles?.includes('metadata-stream-uuid')) this.emit(`S.uuidAt = ${s};`);
    if (fc.length !== undefined) this.off += fc.length * 8;
    else this.dynamicAdvance(`${n} * 8`, 8);
  }

  private array(fc: FieldClass & { kind: 'array' }, col: Col | null, row: string | null): void {
    const n = this.tmp('n');
    this.align(fc.align);
    this.emit(`var ${n} = ${this.lengthExpr(fc)};`);
    const m = minBits(fc.element);
    if (fc.length === undefined || fc.length * m > 1024) {
      const bound = m > 0 ? `${n} * ${m} > S.end - ${this.pos()}` : `${n} > 16777216`;
      this.emit(
        `if (${bound}) H.fail(${this.pos()}, 'sequence length ' + ${n} + ' runs past the packet content');`
      );
    }
    if (fc.roles?.includes('metadata-stream-uuid')) {
      const idx = this.byteIdx();
      if (idx !== null) this.emit(`S.uuidAt = ${idx};`);
    }
    if (isText(fc)) return this.text(fc, n, col, row);
    this.loop(fc, n, col as ListCol | null, row);
  }

  private text(fc: FieldClass & { kind: 'array' }, n: string, col: Col | null, row: string | null): void {
    this.align(fc.element.align);
    const idx = this.byteIdx();
    const c = col && row !== null ? this.k(col) : null;
    if (idx === null) {
      const be = (fc.element as IntegerFC).byteOrder === 'be';
      if (c) this.emit(`${c}.pushArray(${row}, H.textBits(u8, ${this.pos()}, ${n}, ${be}));`);
    } else if (c) {
      this.emit(`${c}.pushText(${row}, u8, ${idx}, ${n});`);
    }
    if (fc.length !== undefined) this.off += fc.length * 8;
    else this.dynamicAdvance(`${n} * 8`, 8);
  }

  private loop(fc: FieldClass & { kind: 'array' }, n: string, col: ListCol | null, row: string | null): void {
    this.flush();
    const before = this.know();
    const i = this.tmp('i');
    const el = this.tmp('r');
    const c = col && row !== null ? this.k(col) : null;
    const mark = this.lines.length;
    const nvMark = this.nv;
    const body = (k: Knowledge): Knowledge => {
      this.emit(`for (var ${i} = 0; ${i} < ${n}; ${i}++) {`);
      this.setKnow(k);
      if (c) this.emit(`if (${c}.els.n === ${c}.els.cap) ${c}.els.grow(); var ${el} = ${c}.els.n++;`);
      this.field(fc.element, c ? (col as ListCol).el : null, c ? el : null);
      this.flush();
      this.emit('}');
      return this.know();
    };
    const end = body(before);
    if (!(end.pA >= before.pA && end.pR % before.pA === before.pR)) {
      this.lines.length = mark;
      this.nv = nvMark;
      const end2 = body({ pA: 1, pR: 0 });
      this.setKnow(merge([before, end2]));
    } else {
      this.setKnow(before);
    }
    if (c) this.emit(`${c}.off[${row} + 1] = ${c}.els.n;`);
  }

  /** Variants and optionals: a switch on the option index computed from the stored selector. */
  private choice(
    fc: FieldClass & { kind: 'variant' | 'optional' },
    col: Col | null,
    row: string | null
  ): void {
    this.align(fc.align);
    const sel = this.tmp('x');
    const o = this.tmp('o');
    this.emit(`var ${sel} = S.v[${this.res.useSlot.get(fc)}];`);
    const options = fc.kind === 'variant' ? fc.options.map(x => x.fc) : [fc.fc];
    if (fc.kind === 'optional' && this.res.boolSelector.has(fc)) {
      this.emit(`var ${o} = ${sel} !== 0 ? 0 : -1;`);
    } else {
      this.selectExpr(o, sel, this.res.select.get(fc) ?? []);
    }
    if (fc.kind === 'variant') {
      this.emit(`if (${o} < 0) H.fail(${this.pos()}, 'no variant option for selector value ' + ${sel});`);
    }
    const c = col && row !== null ? this.k(col) : null;
    const start = { k: this.know(), off: this.off, q: this.qOk };
    const ends: Knowledge[] = [];
    this.emit(`switch (${o}) {`);
    options.forEach((ofc, i) => {
      this.pA = start.k.pA;
      this.pR = start.k.pR;
      this.off = start.off;
      this.qOk = start.q;
      this.emit(`case ${i}: {`);
      let inner: Col | null = null;
      let r: string | null = null;
      if (c) {
        r = this.tmp('r');
        const rows = fc.kind === 'variant' ? `${c}.opts[${i}]` : `${c}.rows`;
        this.emit(`if (${rows}.n === ${rows}.cap) ${rows}.grow(); var ${r} = ${rows}.n++;`);
        this.emit(
          fc.kind === 'variant'
            ? `${c}.tag[${row}] = ${i}; ${c}.idx[${row}] = ${r};`
            : `${c}.idx[${row}] = ${r};`
        );
        inner = fc.kind === 'variant' ? (col as VariantCol).options[i] : (col as OptionalCol).inner;
      }
      this.field(ofc, inner, r);
      this.flush();
      ends.push(this.know());
      this.emit('break; }');
    });
    if (fc.kind === 'optional') {
      this.pA = start.k.pA;
      this.pR = start.k.pR;
      this.off = start.off;
      this.emit(`default: {`);
      if (c) this.emit(`${c}.idx[${row}] = -1;`);
      this.flush();
      ends.push(this.know());
      this.emit('}');
    }
    this.emit('}');
    this.off = 0;
    this.setKnow(merge(ends));
  }

  private selectExpr(o: string, sel: string, table: SelectRange[]): void {
    const max = table.reduce((m, r) => Math.max(m, r.hi), -1);
    const small = table.every(r => Number.isInteger(r.lo) && r.lo >= 0) && max >= 0 && max < 4096;
    if (small) {
      const lut = new Int16Array(max + 1).fill(-1);
      for (let k = table.length - 1; k >= 0; k--) lut.fill(table[k].option, table[k].lo, table[k].hi + 1);
      const t = this.k(lut);
      this.emit(`var ${o} = ${sel} >= 0 && ${sel} <= ${max} ? ${t}[${sel}] : -1;`);
      return;
    }
    this.emit(`var ${o} = -1;`);
    const conds = table.map(r => `if (${sel} >= ${r.lo} && ${sel} <= ${r.hi}) ${o} = ${r.option};`);
    this.emit(conds.join(' else '));
  }
}

/** Knowledge that holds after any of several branches. */
function merge(ks: Knowledge[]): Knowledge {
  if (ks.length === 0) return { pA: 1, pR: 0 };
  let a = Math.min(...ks.map(k => k.pA));
  while (a > 1 && !ks.every(k => k.pR % a === ks[0].pR % a)) a /= 2;
  return { pA: a, pR: ks[0].pR % a };
}

/** Builds the (writer) column tree for a field class. */
export function buildColumn(fc: FieldClass, labels: (m: FieldClass) => LabelMap | undefined): Col {
  switch (fc.kind) {
    case 'int':
      return fc.size <= 32 ? new IntCol(fc.signed, labels(fc)) : new WideCol(fc.signed, labels(fc));
    case 'enum':
      return fc.container.size <= 32
        ? new IntCol(fc.container.signed, labels(fc))
        : new WideCol(fc.container.signed, labels(fc));
    case 'bitarray':
      return fc.size <= 32 ? new IntCol(false) : new WideCol(false);
    case 'varint':
      return new WideCol(fc.signed, labels(fc));
    case 'bool':
      return new BoolCol();
    case 'float':
      return new FloatCol();
    case 'string':
      return new BytesCol(fc.encoding);
    case 'sized-string':
      return new BytesCol(fc.encoding);
    case 'blob':
      return new BytesCol('bytes');
    case 'struct':
      return new StructCol(
        fc.members.map(m => displayName(m.name)),
        fc.members.map(m => buildColumn(m.fc, labels))
      );
    case 'array':
      return isText(fc) ? new BytesCol('utf8') : new ListCol(buildColumn(fc.element, labels));
    case 'variant':
      return new VariantCol(
        fc.options.map((o, i) => (o.name !== undefined ? displayName(o.name) : String(i))),
        fc.options.map(o => buildColumn(o.fc, labels))
      );
    case 'optional':
      return new OptionalCol(buildColumn(fc.fc, labels));
  }
}
