/**
 * Code generator: turns a (resolved) field class tree into the body of a specialised JavaScript decoding function.
 *
 * The generated code reads the packet bytes (`u8`, `dv`) at a bit position `p`, appends values into the column
 * objects of `columns.ts` (constants `k<N>`), records stored values (locals, or `S.v[slot]` across functions),
 * packet roles and clock updates. Alignment is tracked statically (`gen-base.ts`): byte-aligned fields are read
 * at `q + const` through DataView, so a run of fixed-size fields costs one read each. Dynamic parts (strings,
 * sequences, variants, LEB128 integers) move `p`.
 *
 * Layers: `gen-base.ts` (position knowledge) -> `gen-scalars.ts` (scalars) -> this file (strings, arrays,
 * structures, variants, optionals). `compile.ts` wraps the bodies into functions.
 */
import type { FieldClass, IntegerFC } from '../ir';
import type { Col } from './columns';
import type { ListCol, OptionalCol, StructCol, VariantCol } from './compound-columns';
import { isText, minBits } from './column-tree';
import type { Knowledge } from './gen-base';
import { merge } from './gen-base';
import { GenScalars } from './gen-scalars';
import type { SelectRange } from './resolve';

export { buildColumn, isText, minBits } from './column-tree';

export class Gen extends GenScalars {
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
    return this.slotExpr(this.res.useSlot.get(fc));
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
    this.emit(`var ${sel} = ${this.slotExpr(this.res.useSlot.get(fc))};`);
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
