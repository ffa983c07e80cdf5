/**
 * Interning of short ASCII strings read from byte pools: kernel traces repeat the same few process names (`comm`,
 * `prev_comm`, `next_comm`, ...) millions of times, and building a JavaScript string per read costs more than
 * checking the bytes against the string built last time for the same slot.
 *
 * A direct-mapped table (hash of length and a few bytes -> string and its bytes), shared by a writer column and
 * all its frozen copies. A hit is verified against the slot's bytes four at a time (through the caller's
 * DataView of the pool; the last four bytes as one word too), so the result is always the exact text; strings
 * with non-ASCII bytes or longer than MAX_LEN are not cached (the caller decodes them).
 */

const SLOTS = 1024;
const MAX_LEN = 48;
const WORDS = MAX_LEN / 4;

export class TextCache {
  // Allocated on first use: every lazily read class and string column has a cache, and most are never read.
  private tab: string[] = [];
  /** Per slot: the length of its text (-1: empty slot) and its bytes, as little-endian words. */
  private lens = new Int32Array(0);
  private words = new Int32Array(0);
  private bytes = new Uint8Array(0);
  private view = new DataView(new ArrayBuffer(0));

  /** The ASCII text of b[s, e), or undefined when it is too long or not ASCII; `dv` views the same bytes as b. */
  get(b: Uint8Array, s: number, e: number, dv: DataView): string | undefined {
    const len = e - s;
    if (len > MAX_LEN) return undefined;
    if (len === 0) return '';
    const h = (len * 31 + b[s] * 7 + b[e - 1] * 131 + b[s + (len >> 1)] * 17) & (SLOTS - 1);
    if (this.lens.length === 0) this.allocate();
    if (this.lens[h] === len) {
      const w = this.words;
      let o = h * WORDS;
      if (len >= 4) {
        // Whole words, then the last four bytes (overlapping the last whole word when the length is not a
        // multiple of four).
        const full = s + (len & ~3);
        let i = s;
        while (i < full && dv.getInt32(i, true) === w[o]) {
          i += 4;
          o++;
        }
        if (i === full && dv.getInt32(e - 4, true) === this.view.getInt32(h * MAX_LEN + len - 4, true)) {
          return this.tab[h];
        }
      } else {
        const by = this.bytes;
        let k = o * 4;
        let i = s;
        while (i < e && b[i] === by[k]) {
          i++;
          k++;
        }
        if (i === e) return this.tab[h];
      }
    }
    for (let i = s; i < e; i++) if (b[i] >= 0x80) return undefined;
    // One call on the bytes makes a flat string (one built by `+=` is a chain of pieces).
    const out = String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
    this.tab[h] = out;
    this.lens[h] = len;
    this.bytes.fill(0, h * MAX_LEN, (h + 1) * MAX_LEN);
    this.bytes.set(b.subarray(s, e), h * MAX_LEN);
    return out;
  }

  private allocate(): void {
    this.tab = new Array<string>(SLOTS).fill('');
    this.lens = new Int32Array(SLOTS).fill(-1);
    this.words = new Int32Array(SLOTS * WORDS);
    this.bytes = new Uint8Array(this.words.buffer);
    this.view = new DataView(this.words.buffer);
  }
}
