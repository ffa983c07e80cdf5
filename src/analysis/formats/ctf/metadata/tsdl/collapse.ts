/**
 * Repeated bodies in TSDL text, turned into single tokens by the lexer (`tokenize(text, file, true)`).
 *
 * Real metadata repeats itself: perf spells out 9,166 `integer { ... }` bodies with 9 distinct texts, and 447 of
 * its 759 event payload structures repeat an earlier one (LTTng kernel: 2,116 integer bodies, 18 distinct; 797 of
 * 1,181 payloads). The second and later occurrences of such a body are found with native string search and
 * pushed as one token instead of being lexed character by character and parsed again:
 *   - IntBody: the `{ ... }` of `integer { ... }` (not after `struct` / `enum` / `variant`, where the word is a
 *     name), without nested brace, comment or quote;
 *   - StructBody: the `{ ... }` of `:= struct { ... }` (a scope or type assignment of a block, where no enclosing
 *     structure exists), braces balanced, without comment or quote.
 * The parser takes a collapsed body only where it parses that very kind of body and its meaning is known from the
 * first occurrence (see `basic-types.ts`, `compound-types.ts`); anywhere else the text is tokenized and parsed
 * again without collapsing (`CollapsedBody`), so results and error messages are always those of the full parse.
 * Also here: the regular expression of the event blocks the lexer hands whole to `fast-event.ts`.
 */

/** Thrown by the parser when it meets a collapsed body it cannot take: parse again without collapsing. */
export class CollapsedBody extends Error {}

/** Regular expression parts: a blank, a name, text inside braces without comment, quote or brace, a flat body. */
export const W = '[ \\t\\n\\r\\v\\f]';
export const NAME = '[A-Za-z_][A-Za-z0-9_]*';
export const FLAT = `[^{}"'/]`;
export const BODY = `\\{${FLAT}*\\}`;

/**
 * A whole event block, braces nested at most three deep, no comment, no character literal, string literals only
 * in its own statements (the lexer tries it at the word `event`; parsed by `fast-event.ts`).
 */
export const EVENT_BLOCK = new RegExp(
  `event${W}*\\{(?:${FLAT}|"[^"\\\\\\n]*"|\\{(?:${FLAT}|\\{(?:${FLAT}|${BODY})*\\})*\\})*\\}${W}*;`,
  'y'
);

const UNSAFE_FLAT = /[{/"']/;
const UNSAFE_NESTED = /[/"']/;

/** Offset of the `}` matching the `{` at `open` (counted with native searches), or -1. */
function matchingBrace(text: string, open: number): number {
  let depth = 1;
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('}', from);
    if (close < 0) return -1;
    for (let o = text.indexOf('{', from); o >= 0 && o < close; o = text.indexOf('{', o + 1)) depth++;
    if (--depth === 0) return close;
    from = close + 1;
  }
}

/** The body texts seen so far (by kind) and the index of each in `texts`. */
export class BodyIndex {
  readonly texts: string[] = [];
  private readonly ints = new Map<string, number>();
  private readonly structs = new Map<string, number>();
  /** Set by `find` when it finds a body: its start (the `{`) and end offsets. */
  start = 0;
  end = 0;

  /**
   * After a word ending at `i` (`integer`, or `struct` when `struct` is true), with `{` the next non-blank
   * character: the index of the body text when it was seen before (`start` / `end` are then its offsets), else -1
   * (and the body is recorded when safe, to be lexed normally this time).
   */
  find(text: string, i: number, struct: boolean): number {
    let j = i;
    for (let c = text.charCodeAt(j); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;) {
      c = text.charCodeAt(++j);
    }
    if (text.charCodeAt(j) !== 0x7b) return -1;
    const close = struct ? matchingBrace(text, j) : text.indexOf('}', j + 1);
    if (close < 0) return -1;
    const body = text.slice(j, close + 1);
    const map = struct ? this.structs : this.ints;
    const seen = map.get(body);
    if (seen !== undefined) {
      this.start = j;
      this.end = close + 1;
      return seen;
    }
    if (!(struct ? UNSAFE_NESTED : UNSAFE_FLAT).test(body.slice(1, -1))) {
      map.set(body, this.texts.length);
      this.texts.push(body);
    }
    return -1;
  }
}
