/**
 * Interning of short ASCII strings read from byte pools: kernel traces repeat the same few process names (`comm`,
 * `prev_comm`, `next_comm`, ...) millions of times, and building a JavaScript string per read costs more than
 * checking the bytes against the string built last time for the same slot.
 *
 * A direct-mapped table (hash of length and a few bytes -> string), shared by a writer column and all its frozen
 * copies. A hit is verified byte by byte, so the result is always the exact text; strings with non-ASCII bytes
 * or longer than MAX_LEN are not cached (the caller decodes them).
 */

const SLOTS = 1024;
const MAX_LEN = 48;

export class TextCache {
  private readonly tab: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  /** The ASCII text of b[s, e), or undefined when it is too long or not ASCII. */
  get(b: Uint8Array, s: number, e: number): string | undefined {
    const len = e - s;
    if (len > MAX_LEN) return undefined;
    if (len === 0) return '';
    const h = (len * 31 + b[s] * 7 + b[e - 1] * 131 + b[s + (len >> 1)] * 17) & (SLOTS - 1);
    const c = this.tab[h];
    if (c !== undefined && c.length === len) {
      let i = 0;
      while (i < len && c.charCodeAt(i) === b[s + i]) i++;
      if (i === len) return c;
    }
    let out = '';
    for (let i = s; i < e; i++) {
      const x = b[i];
      if (x >= 0x80) return undefined;
      out += String.fromCharCode(x);
    }
    this.tab[h] = out;
    return out;
  }
}
