/**
 * A read position over a TSDL token table, with the error reporting every parser module uses.
 *
 * Scope: peeking, consuming and expecting tokens; turning token positions into MetadataError line/column; the
 * reserved-word list of the TSDL grammar (babeltrace2's lexer keywords).
 */

import { MetadataError } from '../../ir';
import { CollapsedBody, Tok, columnOf, lineOf, tokenValue } from './lexer';
import type { TokKind, TokenTable } from './lexer';
import { parseIntegerLiteral } from './literals';

/** Reserved words: never field names. They may still appear as attribute names and values (`signed = true`). */
export const KEYWORDS = new Set([
  'align',
  'callsite',
  'const',
  'char',
  'clock',
  'double',
  'enum',
  'env',
  'event',
  'floating_point',
  'float',
  'integer',
  'int',
  'long',
  'short',
  'signed',
  'stream',
  'string',
  'struct',
  'trace',
  'typealias',
  'typedef',
  'unsigned',
  'variant',
  'void',
  '_Bool',
  '_Complex',
  '_Imaginary'
]);

const PUNCT: Record<number, string> = {
  [Tok.LBrace]: '{',
  [Tok.RBrace]: '}',
  [Tok.LBracket]: '[',
  [Tok.RBracket]: ']',
  [Tok.LParen]: '(',
  [Tok.RParen]: ')',
  [Tok.Semi]: ';',
  [Tok.Comma]: ',',
  [Tok.Assign]: '=',
  [Tok.TypeAssign]: ':=',
  [Tok.Colon]: ':',
  [Tok.Dot]: '.',
  [Tok.Ellipsis]: '...',
  [Tok.Arrow]: '->',
  [Tok.Lt]: '<',
  [Tok.Gt]: '>',
  [Tok.Star]: '*',
  [Tok.Plus]: '+',
  [Tok.Minus]: '-'
};

/** How a token kind is named in "expected ..." messages. */
export function kindName(kind: TokKind): string {
  if (kind === Tok.Eof) return 'end of metadata';
  if (kind === Tok.Ident) return 'an identifier';
  if (kind === Tok.Int) return 'an integer constant';
  if (kind === Tok.String) return 'a string literal';
  if (kind === Tok.Char) return 'a character literal';
  return `'${PUNCT[kind]}'`;
}

/** `context` with its `%` replaced by `arg` (messages are built only on failure). */
export function withArg(context: string, arg: string | undefined): string {
  return arg === undefined ? context : context.replace('%', () => arg);
}

export class Cursor {
  pos = 0;

  constructor(readonly t: TokenTable) {}

  get file(): string {
    return this.t.file;
  }

  /** Kind of the token `ahead`. A collapsed body is taken only where expected (collapse.ts): here it re-parses. */
  kind(ahead = 0): TokKind {
    const i = Math.min(this.pos + ahead, this.t.count - 1);
    const k = this.t.kinds[i] as TokKind;
    if (k >= Tok.IntBody) throw new CollapsedBody();
    return k;
  }

  /** Identifier text at `ahead`, or undefined when that token is not an identifier. */
  ident(ahead = 0): string | undefined {
    return this.kind(ahead) === Tok.Ident ? tokenValue(this.t, this.pos + ahead) : undefined;
  }

  is(kind: TokKind, ahead = 0): boolean {
    return this.kind(ahead) === kind;
  }

  /** True when the token `ahead` is the identifier `word` (compared in place). */
  isWord(word: string, ahead = 0): boolean {
    if (this.kind(ahead) !== Tok.Ident) return false;
    const t = this.t;
    const start = t.starts[this.pos + ahead];
    return t.ends[this.pos + ahead] - start === word.length && t.text.startsWith(word, start);
  }

  next(): number {
    const at = this.pos;
    if (at < this.t.count - 1) this.pos++;
    return at;
  }

  /** Consumes the token if it has `kind`. */
  accept(kind: TokKind): boolean {
    if (this.kind() !== kind) return false;
    this.next();
    return true;
  }

  /** Consumes a token of `kind`, else fails saying what was expected `context` (its `%` replaced by `arg`). */
  expect(kind: TokKind, context: string, arg?: string): number {
    if (this.kind() !== kind) {
      this.fail(`expected ${kindName(kind)} ${withArg(context, arg)}, found ${this.describe()}`);
    }
    return this.next();
  }

  expectIdent(context: string): string {
    const word = this.ident();
    if (word === undefined) this.fail(`expected ${context}, found ${this.describe()}`);
    this.next();
    return word as string;
  }

  /** The bigint value of the Int token at index `tok`. */
  intValue(tok: number): bigint {
    return parseIntegerLiteral(this.t.text.slice(this.t.starts[tok], this.t.ends[tok])) as bigint;
  }

  /** Identifier text or string value of token `tok`. */
  value(tok: number): string {
    return tokenValue(this.t, tok);
  }

  /** A description of the current token for error messages. */
  describe(tok = this.pos): string {
    const kind = this.t.kinds[tok] as TokKind;
    if (kind >= Tok.IntBody) throw new CollapsedBody();
    if (kind === Tok.Ident) return `'${tokenValue(this.t, tok)}'`;
    if (kind === Tok.Int) return `'${this.t.text.slice(this.t.starts[tok], this.t.ends[tok])}'`;
    if (kind === Tok.String || kind === Tok.Char) {
      return `${kindName(kind)} ${JSON.stringify(tokenValue(this.t, tok))}`;
    }
    return kindName(kind);
  }

  errorAt(tok: number, message: string): MetadataError {
    const i = Math.min(tok, this.t.count - 1);
    if (this.t.kinds[i] >= Tok.IntBody) throw new CollapsedBody();
    const at = this.t.starts[i];
    return new MetadataError(message, this.t.file, lineOf(this.t.text, at), columnOf(this.t.text, at));
  }

  /** Throws a MetadataError located at token `tok` (default: the current token). */
  fail(message: string, tok = this.pos): never {
    throw this.errorAt(tok, message);
  }
}
