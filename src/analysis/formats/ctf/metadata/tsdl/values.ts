/**
 * TSDL attribute statements (`key = value;`) and the typed readings of their values.
 *
 * Scope: parsing the left side (a dotted name, keywords allowed: `event.header`, `signed`) and the right side
 * (an integer constant with optional sign, a string / character literal, or a dotted name such as `le`,
 * `clock.monotonic.value`, `true`), then reading a value as unsigned, signed, boolean, string, byte order or UUID
 * with an error that says what was expected. A quoted string and a bare name are both "strings" (as in
 * babeltrace2: `name = foo;` and `name = "foo";` are the same).
 */

import type { ByteOrder } from '../../ir';
import type { ParseContext } from './context';
import { nativeByteOrder } from './context';
import type { Cursor } from './cursor';
import { Tok } from './lexer';

export type AttrValue =
  | { kind: 'int'; value: bigint; tok: number }
  | { kind: 'string'; value: string; tok: number; parts?: string[] };

export interface Attr {
  key: string;
  keyTok: number;
  value: AttrValue;
}

/** A dotted name made of identifiers (keywords included). */
export function parseDottedName(cur: Cursor, context: string): string[] {
  const parts = [cur.expectIdent(context)];
  while (cur.is(Tok.Dot) || cur.is(Tok.Arrow)) {
    cur.next();
    parts.push(cur.expectIdent(`a name after '.' in ${context}`));
  }
  return parts;
}

/** A dotted name as one string (`event.header`); no array for the usual one-word name. */
export function parseDottedKey(cur: Cursor, context: string): string {
  const first = cur.expectIdent(context);
  const k = cur.kind();
  if (k !== Tok.Dot && k !== Tok.Arrow) return first;
  cur.pos--;
  return parseDottedName(cur, context).join('.');
}

/** The right side of `key = value`. */
export function parseValue(cur: Cursor): AttrValue {
  const tok = cur.pos;
  if (cur.is(Tok.LParen)) {
    cur.next();
    const inner = parseValue(cur);
    cur.expect(Tok.RParen, 'to close the parenthesized value');
    return inner;
  }
  if (cur.is(Tok.Plus) || cur.is(Tok.Minus)) {
    const negative = cur.is(Tok.Minus);
    cur.next();
    const at = cur.expect(Tok.Int, `after '${negative ? '-' : '+'}'`);
    const v = cur.intValue(at);
    if (negative && v > 1n << 63n) cur.fail('negative constant does not fit in 64 signed bits', at);
    return { kind: 'int', value: negative ? -v : v, tok };
  }
  if (cur.is(Tok.Int)) return { kind: 'int', value: cur.intValue(cur.next()), tok };
  if (cur.is(Tok.String) || cur.is(Tok.Char)) return { kind: 'string', value: cur.value(cur.next()), tok };
  if (cur.is(Tok.Ident)) {
    const parts = parseDottedName(cur, 'a value');
    return { kind: 'string', value: parts.join('.'), tok, parts };
  }
  return cur.fail(`expected a value (a constant, a string or a name), found ${cur.describe()}`);
}

/** Parses `key = value` (without the `;`), the cursor being on the key. */
export function parseAttr(cur: Cursor): Attr {
  const keyTok = cur.pos;
  const key = parseDottedKey(cur, 'an attribute name');
  cur.expect(Tok.Assign, "after attribute name '%'", key);
  return { key, keyTok, value: parseValue(cur) };
}

/** The keys met so far in a block (a Set, or the lighter `Keys`). */
export interface KeySet {
  has(key: string): boolean;
  add(key: string): unknown;
}

/** A set of the few keys of one block, cheaper to create than a Set (one per event block). */
export class Keys implements KeySet {
  private readonly list: string[] = [];

  has(key: string): boolean {
    return this.list.includes(key);
  }

  add(key: string): void {
    this.list.push(key);
  }
}

/** Fails when `attr.key` was already seen in `seen`, then records it. */
export function checkDuplicate(cur: Cursor, seen: KeySet, attr: Attr, entity: string): void {
  if (seen.has(attr.key)) cur.fail(`duplicate attribute '${attr.key}' in ${entity}`, attr.keyTok);
  seen.add(attr.key);
}

export function asUnsigned(cur: Cursor, attr: Attr, entity: string): bigint {
  if (attr.value.kind !== 'int' || attr.value.value < 0n) {
    cur.fail(`${entity} attribute '${attr.key}' expects an unsigned integer constant`, attr.value.tok);
  }
  return attr.value.value as bigint;
}

export function asSigned(cur: Cursor, attr: Attr, entity: string): bigint {
  if (attr.value.kind !== 'int') {
    cur.fail(`${entity} attribute '${attr.key}' expects an integer constant`, attr.value.tok);
  }
  return attr.value.value as bigint;
}

/** A small unsigned constant as a number (sizes, alignments). */
export function asSmallUnsigned(cur: Cursor, attr: Attr, entity: string): number {
  const v = asUnsigned(cur, attr, entity);
  if (v > 0xffffffffn) cur.fail(`${entity} attribute '${attr.key}' is too large: ${v}`, attr.value.tok);
  return Number(v);
}

export function asString(cur: Cursor, attr: Attr, entity: string): string {
  if (attr.value.kind !== 'string') {
    cur.fail(`${entity} attribute '${attr.key}' expects a string or a name`, attr.value.tok);
  }
  return attr.value.value as string;
}

export function asBool(cur: Cursor, attr: Attr, entity: string): boolean {
  const v = attr.value;
  if (v.kind === 'int') return v.value !== 0n;
  if (v.value === 'true' || v.value === 'TRUE') return true;
  if (v.value === 'false' || v.value === 'FALSE') return false;
  return cur.fail(`${entity} attribute '${attr.key}' expects true, false, TRUE, FALSE or an integer`, v.tok);
}

const BYTE_ORDERS: Record<string, ByteOrder | 'native'> = {
  le: 'le',
  little_endian: 'le',
  be: 'be',
  big_endian: 'be',
  network: 'be',
  native: 'native'
};

/** Reads a byte_order value; `native` is the trace's byte order. */
export function asByteOrder(ctx: ParseContext, attr: Attr, entity: string): ByteOrder {
  const v = attr.value;
  const bo = v.kind === 'string' ? BYTE_ORDERS[v.value] : undefined;
  if (bo === undefined) {
    ctx.cur.fail(`${entity} attribute 'byte_order' expects be, le, network or native`, v.tok);
  }
  return bo === 'native' ? nativeByteOrder(ctx, v.tok) : (bo as ByteOrder);
}

/** The byte order named by a raw value text, if any (`native` excluded). */
export function byteOrderOf(word: string): ByteOrder | 'native' | undefined {
  return BYTE_ORDERS[word];
}

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function asUuid(cur: Cursor, attr: Attr, entity: string): string {
  const s = asString(cur, attr, entity);
  if (!UUID_RE.test(s)) cur.fail(`${entity} attribute '${attr.key}' is not a UUID: "${s}"`, attr.value.tok);
  return s.toLowerCase();
}

/** Parses `{ (key = value ;)* }` and hands each statement to `onAttr`. */
export function parseAttrBlock(cur: Cursor, entity: string, onAttr: (attr: Attr) => void): void {
  cur.expect(Tok.LBrace, 'to open the % body', entity);
  while (!cur.is(Tok.RBrace)) {
    if (cur.kind() !== Tok.Ident) {
      cur.fail(`expected an attribute name or '}' in ${entity}, found ${cur.describe()}`);
    }
    onAttr(parseAttr(cur));
    cur.expect(Tok.Semi, 'after a % attribute', entity);
  }
  cur.next();
}
