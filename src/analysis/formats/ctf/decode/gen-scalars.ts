/**
 * Generator, scalar part: integers (any size and alignment, both byte orders, with their stored values, roles and
 * clock updates), enumerations, booleans, bit arrays, LEB128 integers and floats.
 */
import type { FieldClass, IntegerFC, Role } from '../ir';
import type { Col } from './columns';
import { GenBase } from './gen-base';
import type { Resolution } from './resolve';
import { ROLE } from './state';

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

export type IntValue = { v: string } | { lo: string; hi: string };

export class GenScalars extends GenBase {
  constructor(
    protected readonly res: Resolution,
    /** Record packet roles (packet header / context scopes). */
    protected readonly packetScope: boolean,
    /** Loop mode (event header inlined in the packet loop): class id and clock live in locals `id`, `cl`, `ch`. */
    protected readonly loopMode = false,
    /**
     * Event mode: stored values of the fields decoded by this function live in locals (only later fields of the
     * same event use them), so the generated text depends only on the event's layout and can be shared.
     */
    protected readonly localSlots = false
  ) {
    super();
  }

  /** Local variables holding this function's stored values, by slot. */
  protected readonly locals = new Map<number, string>();

  /** Expression of a stored value (a local when decoded by this function). */
  protected slotExpr(slot: number | undefined): string {
    if (slot === undefined) return 'NaN';
    return this.locals.get(slot) ?? `S.v[${slot}]`;
  }

  protected readInt(size: number, be: boolean, signed: boolean, align: number): IntValue {
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

  protected integer(
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

  protected store(col: Col, row: string, val: IntValue, bool: boolean): void {
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
  protected sinks(fc: FieldClass, size: number, signed: boolean, val: IntValue): void {
    const num = 'v' in val ? val.v : `(${val.hi} * 4294967296 + ${val.lo})`;
    const slot = this.res.slotOf.get(fc);
    if (slot !== undefined) {
      if (this.localSlots) {
        let name = this.locals.get(slot);
        if (!name) {
          name = `sv${this.locals.size}`;
          this.locals.set(slot, name);
        }
        this.emit(`var ${name} = ${num};`);
      } else {
        this.emit(`S.v[${slot}] = ${num};`);
      }
    }
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
  protected inlineClock(val: IntValue, size: number): void {
    if (!('v' in val)) {
      if (size === 64) this.emit(`cl = ${val.lo}; ch = ${val.hi} >>> 0;`);
      else {
        this.emit(
          `S.clk[0] = cl; S.clk[1] = ch; H.clk64(S, ${val.lo}, ${val.hi}, ${size}); cl = S.clk[0]; ch = S.clk[1];`
        );
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

  protected varint(fc: FieldClass & { kind: 'varint' }, col: Col | null, row: string | null): void {
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

  protected float(fc: FieldClass & { kind: 'float' }, col: Col | null, row: string | null): void {
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
}
