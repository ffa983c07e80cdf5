/**
 * Cursor positions: the protocol (5.2+) counts Unicode code points, JavaScript strings count UTF-16 units.
 */

/** UTF-16 index of the code-point position `cp` in `s` (clamped to the string). */
export function codePointToIndex(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}

/** Code-point position of the UTF-16 index `index` in `s`. */
export function indexToCodePoint(s: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return n;
}
