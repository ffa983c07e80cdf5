/**
 * Compound columns (see `columns.ts` for the storage model): structures share their rows with their members;
 * arrays and sequences keep row offsets into element columns; variants keep (option, row in option); optionals
 * keep a row in their value columns or -1.
 */
import type { FieldValue } from '../../../trace/types';
import { Col, Rows, resized } from './columns';
import { frozenCopy } from './freeze-arena';

/** Named members sharing the struct's rows. */
export class StructCol extends Col {
  constructor(
    readonly names: string[],
    readonly members: Col[]
  ) {
    super();
  }
  resize(cap: number): void {
    for (const m of this.members) m.resize(cap);
  }
  freeze(n: number): StructCol {
    return new StructCol(
      this.names,
      this.members.map(m => m.freeze(n))
    );
  }
  val(r: number): FieldValue {
    const o: { [k: string]: FieldValue } = {};
    for (let i = 0; i < this.members.length; i++) o[this.names[i]] = this.members[i].val(r);
    return o;
  }
}

/** Arrays and sequences: row offsets into the element columns. */
export class ListCol extends Col {
  off = new Uint32Array(1);
  /** Element row counter (writers only). */
  readonly els: Rows | undefined;
  constructor(
    readonly el: Col,
    writer = true
  ) {
    super();
    this.els = writer ? new Rows([el]) : undefined;
  }
  resize(cap: number): void {
    this.off = resized(this.off, cap + 1);
  }
  freeze(n: number): ListCol {
    const c = new ListCol(this.el.freeze(this.off[n]), false);
    c.off = frozenCopy(this.off, n + 1);
    if (this.els) this.els.n = 0;
    return c;
  }
  length(r: number): number {
    return this.off[r + 1] - this.off[r];
  }
  val(r: number): FieldValue {
    const out: FieldValue[] = [];
    for (let k = this.off[r]; k < this.off[r + 1]; k++) out.push(this.el.val(k));
    return out;
  }
}

/** Variants: selected option index and the row within that option's columns. */
export class VariantCol extends Col {
  tag = new Int32Array(0);
  idx = new Uint32Array(0);
  /** Per-option row counters (writers only). */
  readonly opts: Rows[];
  constructor(
    readonly names: string[],
    readonly options: Col[],
    writer = true
  ) {
    super();
    this.opts = writer ? options.map(o => new Rows([o])) : [];
  }
  resize(cap: number): void {
    this.tag = resized(this.tag, cap);
    this.idx = resized(this.idx, cap);
  }
  freeze(n: number): VariantCol {
    const c = new VariantCol(
      this.names,
      this.options.map((o, i) => o.freeze(this.opts[i].n)),
      false
    );
    c.tag = frozenCopy(this.tag, n);
    c.idx = frozenCopy(this.idx, n);
    for (const o of this.opts) o.n = 0;
    return c;
  }
  private sel(r: number): Col {
    return this.options[this.tag[r]];
  }
  num(r: number): number {
    return this.sel(r).num(this.idx[r]);
  }
  big(r: number): bigint | undefined {
    return this.sel(r).big(this.idx[r]);
  }
  str(r: number): string | undefined {
    return this.sel(r).str(this.idx[r]);
  }
  /** The selected option's value (babeltrace2 prints a variant as its selected field). */
  val(r: number): FieldValue {
    return this.sel(r).val(this.idx[r]);
  }
}

/** Optionals: row within the value columns, or -1 when absent. */
export class OptionalCol extends Col {
  idx = new Int32Array(0);
  /** Value row counter (writers only). */
  readonly rows: Rows | undefined;
  constructor(
    readonly inner: Col,
    writer = true
  ) {
    super();
    this.rows = writer ? new Rows([inner]) : undefined;
  }
  resize(cap: number): void {
    this.idx = resized(this.idx, cap);
  }
  freeze(n: number): OptionalCol {
    const c = new OptionalCol(this.inner.freeze(this.rows ? this.rows.n : 0), false);
    c.idx = frozenCopy(this.idx, n);
    if (this.rows) this.rows.n = 0;
    return c;
  }
  num(r: number): number {
    const i = this.idx[r];
    return i < 0 ? NaN : this.inner.num(i);
  }
  big(r: number): bigint | undefined {
    const i = this.idx[r];
    return i < 0 ? undefined : this.inner.big(i);
  }
  str(r: number): string | undefined {
    const i = this.idx[r];
    return i < 0 ? undefined : this.inner.str(i);
  }
  val(r: number): FieldValue {
    const i = this.idx[r];
    return i < 0 ? null : this.inner.val(i);
  }
}
