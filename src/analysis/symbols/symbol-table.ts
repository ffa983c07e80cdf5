/**
 * An address → symbol lookup table: symbols sorted by address, looked up by binary search.
 *
 * Scope: one address space (a binary's virtual addresses, or the absolute addresses of an `nm` mapping). A symbol
 * with a size covers [addr, addr + size); a symbol without size (nm output without `-S`) covers addresses up to
 * the next symbol. When several symbols share an address the best-ranked one is kept (see `rank`).
 */

export interface SymbolEntry {
  readonly name: string;
  readonly addr: bigint;
  /** 0 when unknown. */
  readonly size: bigint;
  /** Lower is preferred when symbols share an address (e.g. global before weak before local). */
  readonly rank?: number;
}

export interface SymbolHit {
  readonly name: string;
  /** Symbol start address. */
  readonly addr: bigint;
  /** addr queried − symbol start. */
  readonly offset: bigint;
}

function preferred(a: SymbolEntry, b: SymbolEntry): SymbolEntry {
  const ra = a.rank ?? 0;
  const rb = b.rank ?? 0;
  if (ra !== rb) return ra < rb ? a : b;
  if (a.size > 0n !== b.size > 0n) return a.size > 0n ? a : b;
  const ua = a.name.startsWith('_');
  const ub = b.name.startsWith('_');
  if (ua !== ub) return ua ? b : a;
  return a.name <= b.name ? a : b;
}

export class SymbolTable {
  private readonly addrs: BigUint64Array;
  private readonly ends: BigUint64Array;
  private readonly names: string[];

  constructor(entries: Iterable<SymbolEntry>) {
    const byAddr = new Map<bigint, SymbolEntry>();
    for (const e of entries) {
      if (e.name === '') continue;
      const prev = byAddr.get(e.addr);
      byAddr.set(e.addr, prev === undefined ? e : preferred(prev, e));
    }
    const sorted = [...byAddr.values()].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    const n = sorted.length;
    this.addrs = new BigUint64Array(n);
    this.ends = new BigUint64Array(n);
    this.names = new Array<string>(n);
    sorted.forEach((e, i) => {
      this.addrs[i] = BigInt.asUintN(64, e.addr);
      this.names[i] = e.name;
      const next = i + 1 < n ? sorted[i + 1].addr : 0xffffffffffffffffn;
      this.ends[i] = e.size > 0n ? BigInt.asUintN(64, e.addr + e.size) : next;
    });
  }

  get size(): number {
    return this.names.length;
  }

  /** Index of the last symbol starting at or before `addr`, or -1. */
  private floor(addr: bigint): number {
    let lo = 0;
    let hi = this.addrs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.addrs[mid] <= addr) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The symbol covering `addr`, or undefined. */
  lookup(addr: bigint): SymbolHit | undefined {
    const a = BigInt.asUintN(64, addr);
    const i = this.floor(a);
    // A sized symbol may end before `a` while an earlier, larger one still covers it: look back a little.
    for (let k = i; k >= 0 && k > i - 4; k--) {
      if (a < this.ends[k]) return { name: this.names[k], addr: this.addrs[k], offset: a - this.addrs[k] };
    }
    return undefined;
  }

  /** All symbols in address order. */
  *entries(): IterableIterator<{ name: string; addr: bigint; end: bigint }> {
    for (let i = 0; i < this.names.length; i++) {
      yield { name: this.names[i], addr: this.addrs[i], end: this.ends[i] };
    }
  }
}

/** `0x…` lower-case hex of an address (unsigned 64-bit). */
export function hexAddress(addr: bigint): string {
  return `0x${BigInt.asUintN(64, addr).toString(16)}`;
}

/** `name` when the address is the symbol's start, else `name+0x…`. */
export function formatHit(hit: SymbolHit): string {
  return hit.offset === 0n ? hit.name : `${hit.name}+0x${hit.offset.toString(16)}`;
}
