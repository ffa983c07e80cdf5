/**
 * TSDL lexer: metadata text -> a flat token table.
 *
 * Scope: one linear pass over the text (charCodeAt, no regular expressions on the hot path) producing parallel
 * typed arrays (kind, start offset, end offset) plus the decoded string/character literals. Comments
 * (`/* *\/` and `//`) and whitespace (including CR) are skipped. Keywords are plain identifiers here; the parser
 * gives them meaning. Integer constants are validated here (so a 100-digit constant fails at its line) but
 * converted to bigint by the parser on demand. Lines and columns are computed only when reporting an error.
 * In fast mode, repeated integer and structure bodies become single tokens (`collapse.ts`), and so do event
 * blocks of the usual shape (`fast-event.ts` parses them).
 */

import { MetadataError } from '../../ir';
import { BodyIndex, CollapsedBody, EVENT_BLOCK } from './collapse';
import { parseIntegerLiteral, unescapeLiteral } from './literals';

export { CollapsedBody };

export const Tok = {
  Eof: 0,
  Ident: 1,
  Int: 2,
  String: 3,
  Char: 4,
  LBrace: 5,
  RBrace: 6,
  LBracket: 7,
  RBracket: 8,
  LParen: 9,
  RParen: 10,
  Semi: 11,
  Comma: 12,
  Assign: 13,
  TypeAssign: 14,
  Colon: 15,
  Dot: 16,
  Ellipsis: 17,
  Arrow: 18,
  Lt: 19,
  Gt: 20,
  Star: 21,
  Plus: 22,
  Minus: 23,
  /** A repeated `{ ... }` of `integer { ... }` (collapse.ts). */
  IntBody: 24,
  /** A repeated `{ ... }` of `:= struct { ... }` (collapse.ts). */
  StructBody: 25,
  /** A whole `event { ... };` block of a simple shape (fast-event.ts). */
  EventBlock: 26
} as const;

export type TokKind = (typeof Tok)[keyof typeof Tok];

export interface TokenTable {
  text: string;
  file: string;
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Of IntBody / StructBody tokens: the index of the body text in `bodies`. */
  body: Int32Array;
  bodies: readonly string[];
  /** Decoded string / character literals, by token index (few: kept out of the per-token arrays). */
  literals: Map<number, string>;
  /** The last identifier texts sliced, by token index modulo 8 (the parser asks for a token several times). */
  cacheTok: Int32Array;
  cacheText: string[];
}

/** Identifier text or decoded string / character literal of token `i`. */
export function tokenValue(t: TokenTable, i: number): string {
  const kind = t.kinds[i];
  if (kind === Tok.String || kind === Tok.Char) return t.literals.get(i) as string;
  if (kind >= Tok.IntBody) throw new CollapsedBody();
  const slot = i & 7;
  if (t.cacheTok[slot] === i) return t.cacheText[slot];
  const v = t.text.slice(t.starts[i], t.ends[i]);
  t.cacheTok[slot] = i;
  t.cacheText[slot] = v;
  return v;
}

/** True when the literal text[start, end) is a short plain decimal constant (no need to check it further). */
function isShortDecimal(text: string, start: number, end: number): boolean {
  if (end - start > 15 || (end - start > 1 && text.charCodeAt(start) === 0x30)) return false;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d < 0x30 || d > 0x39) return false;
  }
  return true;
}

/** The text of a collapsed body token. */
export function bodyText(t: TokenTable, i: number): string {
  return t.bodies[t.body[i]];
}

/** 1-based column of a text offset. */
export function columnOf(text: string, offset: number): number {
  return offset - text.lastIndexOf('\n', offset - 1);
}

/** 1-based line of a text offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Character classes of ASCII codes, for the lexer's dispatch. */
const C_OTHER = 0;
const C_SPACE = 1;
const C_IDENT = 3;
const C_DIGIT = 4;
const C_SINGLE = 5;
const CLASS = new Uint8Array(128);
/** Token kind of single-character punctuation (class C_SINGLE). */
const SINGLE_KIND = new Uint8Array(128);
/** 1 for characters that may continue an identifier or a constant. */
const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ident = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  const digit = c >= 0x30 && c <= 0x39;
  IDENT_PART[c] = ident || digit ? 1 : 0;
  CLASS[c] = ident ? C_IDENT : digit ? C_DIGIT : C_OTHER;
}
for (const c of [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]) CLASS[c] = C_SPACE;
const SINGLES: [string, TokKind][] = [
  ['{', Tok.LBrace],
  ['}', Tok.RBrace],
  ['[', Tok.LBracket],
  [']', Tok.RBracket],
  ['(', Tok.LParen],
  [')', Tok.RParen],
  [';', Tok.Semi],
  [',', Tok.Comma],
  ['=', Tok.Assign],
  ['<', Tok.Lt],
  ['>', Tok.Gt],
  ['*', Tok.Star],
  ['+', Tok.Plus]
];
for (const [ch, kind] of SINGLES) {
  CLASS[ch.charCodeAt(0)] = C_SINGLE;
  SINGLE_KIND[ch.charCodeAt(0)] = kind;
}

/** End of the identifier or constant characters starting at `i`. */
function scanWord(text: string, i: number, n: number): number {
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d >= 128 || IDENT_PART[d] === 0) break;
    i++;
  }
  return i;
}

class Builder {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  body: Int32Array;
  literals = new Map<number, string>();

  /** `capacity`: expected token count. */
  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.body = new Int32Array(capacity);
  }

  push(kind: TokKind, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  pushLiteral(kind: TokKind, start: number, end: number, value: string): void {
    this.literals.set(this.count, value);
    this.push(kind, start, end);
  }

  pushBody(kind: TokKind, start: number, end: number, body: number): void {
    this.push(kind, start, end);
    this.body[this.count - 1] = body;
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    const k = new Uint8Array(n);
    k.set(this.kinds);
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const b = new Int32Array(n);
    b.set(this.body);
    this.kinds = k;
    this.starts = s;
    this.ends = e;
    this.body = b;
  }

  /** True when the token before the last one is `kind` (and, for an identifier, one of `words`). */
  before(text: string, kind: TokKind, words?: readonly string[]): boolean {
    const k = this.count - 2;
    if (k < 0 || this.kinds[k] !== kind) return false;
    if (!words) return true;
    const s = this.starts[k];
    const len = this.ends[k] - s;
    return words.some(w => w.length === len && text.startsWith(w, s));
  }
}

const COMPOUND_WORDS = ['struct', 'enum', 'variant'];

/** After the word `integer` or `struct` ending at `i`: pushes a repeated body and returns its end, else -1. */
function collapseBody(text: string, start: number, i: number, b: Builder, bodies: BodyIndex): number {
  const len = i - start;
  let kind: TokKind;
  if (len === 7 && text.startsWith('integer', start)) {
    if (b.before(text, Tok.Ident, COMPOUND_WORDS)) return -1;
    kind = Tok.IntBody;
  } else if (len === 6 && text.startsWith('struct', start) && b.before(text, Tok.TypeAssign)) {
    kind = Tok.StructBody;
  } else {
    return -1;
  }
  const found = bodies.find(text, i, kind === Tok.StructBody);
  if (found < 0) return -1;
  b.pushBody(kind, bodies.start, bodies.end, found);
  return bodies.end;
}

/** At the word `event` (`start` to `i`): pushes a whole event block of the fast shape, returns its end, else -1. */
function eventBlock(text: string, start: number, i: number, b: Builder): number {
  if (i - start !== 5 || !text.startsWith('event', start)) return -1;
  EVENT_BLOCK.lastIndex = start;
  if (!EVENT_BLOCK.test(text)) return -1;
  b.count--;
  b.push(Tok.EventBlock, start, EVENT_BLOCK.lastIndex);
  return EVENT_BLOCK.lastIndex;
}

/**
 * Tokenizes TSDL text (or its part `from` to `to`, offsets staying those of the whole text). Throws
 * MetadataError (with line and column) on a lexical error. `fast`: repeated integer and structure bodies become
 * single tokens (`collapse.ts`), so do event blocks of the usual shape (`fast-event.ts`).
 */
export function tokenize(text: string, file: string, fast = false, from = 0, to = text.length): TokenTable {
  // Real metadata has about one token per 4 characters; far fewer in fast mode (event blocks are one token).
  const b = new Builder(Math.ceil((to - from) / (fast ? 64 : 3)) + 16);
  const bodies = fast ? new BodyIndex() : undefined;
  const n = to;
  let i = from;
  const fail = (msg: string, at: number): never => {
    throw new MetadataError(msg, file, lineOf(text, at), columnOf(text, at));
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? CLASS[c] : C_OTHER;
    if (cls === C_SPACE) {
      i++;
    } else if (cls === C_IDENT) {
      const start = i;
      i = scanWord(text, i + 1, n);
      b.push(Tok.Ident, start, i);
      if (bodies !== undefined && (c === 0x69 || c === 0x73 || c === 0x65)) {
        const after = c === 0x65 ? eventBlock(text, start, i, b) : collapseBody(text, start, i, b, bodies);
        if (after >= 0) i = after;
      }
    } else if (cls === C_SINGLE) {
      b.push(SINGLE_KIND[c] as TokKind, i, i + 1);
      i++;
    } else if (cls === C_DIGIT) {
      const start = i;
      i = scanWord(text, i, n);
      if (!isShortDecimal(text, start, i)) {
        const v = parseIntegerLiteral(text.slice(start, i));
        if (typeof v === 'string') fail(v, start);
      }
      b.push(Tok.Int, start, i);
    } else {
      const next = text.charCodeAt(i + 1);
      if (c === 0x2f && next === 0x2a) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('unterminated comment', i);
        i = end + 2;
      } else if (c === 0x2f && next === 0x2f) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c === 0x22 || c === 0x27) {
        i = lexQuoted(text, i, b, fail);
      } else {
        i = lexPunct(text, i, b, fail);
      }
    }
  }
  b.push(Tok.Eof, n, n);
  return {
    text,
    file,
    count: b.count,
    kinds: b.kinds,
    starts: b.starts,
    ends: b.ends,
    body: b.body,
    bodies: bodies ? bodies.texts : [],
    literals: b.literals,
    cacheTok: new Int32Array(8).fill(-1),
    cacheText: ['', '', '', '', '', '', '', '']
  };
}

type Fail = (msg: string, at: number) => never;

function lexQuoted(text: string, start: number, b: Builder, fail: Fail): number {
  const quote = text.charCodeAt(start);
  let j = start + 1;
  for (;;) {
    if (j >= text.length) {
      fail(`unterminated ${quote === 0x22 ? 'string' : 'character'} literal`, start);
    }
    const d = text.charCodeAt(j);
    if (d === 0x5c) j += 2;
    else if (d === quote) break;
    else j++;
  }
  const v = unescapeLiteral(text.slice(start + 1, j));
  if (typeof v !== 'string') {
    fail(v.error, start + 1 + v.at);
  }
  b.pushLiteral(quote === 0x22 ? Tok.String : Tok.Char, start, j + 1, v as string);
  return j + 1;
}

function lexPunct(text: string, i: number, b: Builder, fail: Fail): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === 0x3a) {
    if (next === 0x3d) {
      b.push(Tok.TypeAssign, i, i + 2);
      return i + 2;
    }
    b.push(Tok.Colon, i, i + 1);
    return i + 1;
  }
  if (c === 0x2e) {
    if (next === 0x2e && text.charCodeAt(i + 2) === 0x2e) {
      b.push(Tok.Ellipsis, i, i + 3);
      return i + 3;
    }
    b.push(Tok.Dot, i, i + 1);
    return i + 1;
  }
  if (c === 0x2d) {
    if (next === 0x3e) {
      b.push(Tok.Arrow, i, i + 2);
      return i + 2;
    }
    b.push(Tok.Minus, i, i + 1);
    return i + 1;
  }
  const shown = c >= 0x20 && c < 0x7f ? `'${text[i]}'` : `0x${c.toString(16).padStart(2, '0')}`;
  return fail(`invalid character ${shown}`, i);
}
