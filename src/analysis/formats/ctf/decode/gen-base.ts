/**
 * The generator's base: emitted lines, closure constants, fresh names, and the static position knowledge.
 *
 * Position model: the current position is `p + off` bits, `off` a compile-time constant and `p` (a run-time
 * variable) known to be `pR` modulo `pA`. Aligning, reading fixed-size fields and computing byte indexes use this
 * knowledge, so a run of fixed-size fields emits no position arithmetic; `q` caches floor(p / 8).
 */

export interface Knowledge {
  pA: number;
  pR: number;
}

/** Knowledge that holds after any of several branches. */
export function merge(ks: Knowledge[]): Knowledge {
  if (ks.length === 0) return { pA: 1, pR: 0 };
  let a = Math.min(...ks.map(k => k.pA));
  while (a > 1 && !ks.every(k => k.pR % a === ks[0].pR % a)) a /= 2;
  return { pA: a, pR: ks[0].pR % a };
}

export class GenBase {
  readonly lines: string[] = [];
  readonly consts: unknown[] = [];
  protected nv = 0;
  protected off = 0;
  protected pA = 1;
  protected pR = 0;
  protected qOk = false;

  /** Registers a closure constant; the generated code sees it as `k<N>`. */
  k(obj: unknown): string {
    this.consts.push(obj);
    return `k${this.consts.length - 1}`;
  }

  protected tmp(prefix = 't'): string {
    return `${prefix}${this.nv++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /** Declarations of the constants from the array `from` (`K` for closure constants, `W` for parameters). */
  constDecls(from = 'K'): string {
    return this.consts.map((_, i) => `var k${i} = ${from}[${i}];`).join('\n');
  }

  // ---- position knowledge ------------------------------------------------------------------------------------

  protected pos(): string {
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

  protected know(): Knowledge {
    return { pA: this.pA, pR: this.pR };
  }

  protected setKnow(k: Knowledge): void {
    this.pA = k.pA;
    this.pR = k.pR;
    this.qOk = false;
  }

  /** After p += dynamic amount that is a multiple of `gran` bits. */
  protected dynamicAdvance(expr: string, gran: number): void {
    this.flush();
    this.emit(`p += ${expr};`);
    const a = Math.min(this.pA, gran);
    this.setKnow({ pA: a, pR: this.pR % a });
  }

  protected setPos(expr: string, k: Knowledge): void {
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
  protected bitIdx(): { idx: string; shift: number } | null {
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

  /**
   * Emits `body` twice when p's byte alignment is not known statically: once for a byte-aligned p (checked at run
   * time; then fixed-size fields are read through DataView) and once generic. perf declares every integer with
   * `align = 1` although all its fields are whole bytes, so the fast branch is the one taken.
   */
  splitOnByteAlignment(body: () => void): void {
    this.flush();
    if (this.pA >= 8) {
      body();
      return;
    }
    const before = this.know();
    this.emit('if ((p & 7) === 0) {');
    this.setKnow({ pA: 8, pR: 0 });
    body();
    this.flush();
    const fast = this.know();
    this.emit('} else {');
    this.setKnow(before);
    body();
    this.flush();
    const slow = this.know();
    this.emit('}');
    this.setKnow(merge([fast, slow]));
  }

  /** Byte index expression of the current position when statically byte-aligned, else null. */
  protected byteIdx(): string | null {
    if (this.pA < 8 || (this.pR + this.off) % 8 !== 0) return null;
    const r = this.bitIdx();
    return r && r.shift === 0 ? r.idx : null;
  }
}
