/**
 * The body of a TSDL block: `{ statement* };` where a statement is `key = value;`, `key := TYPE;`, a typealias /
 * typedef (in trace, stream and event blocks) or a bare type declaration.
 *
 * Scope: reading the statements in order and handing attributes and type assignments to the block's handlers
 * (`blocks.ts`, `event-block.ts`), which check them. The usual `key = constant;` statement takes a fast path.
 */

import type { FieldClass, StructFC } from '../../ir';
import type { ParseContext } from './context';
import { parseTypealias, parseTypedef } from './declarations';
import { Tok, tokenValue } from './lexer';
import { parseSpecifiers, parseTypeSpecifier, startsSpecifiers } from './specifiers';
import type { Attr, AttrValue, KeySet } from './values';
import { parseDottedKey, parseValue } from './values';

export type TypeStmt = { key: string; keyTok: number; fc: FieldClass };

export interface BlockHandlers {
  attr(attr: Attr): void;
  type?(stmt: TypeStmt): void;
}

/**
 * Fast path for the usual `key = 42;` / `key = "text";` / `key = word;` statement: the Attr the general path
 * builds, without its token-by-token calls. Returns false, consuming nothing, for any other shape.
 */
function simpleAttr(ctx: ParseContext, h: BlockHandlers): boolean {
  const cur = ctx.cur;
  const t = cur.t;
  const at = cur.pos;
  const kinds = t.kinds;
  if (kinds[at] !== Tok.Ident || kinds[at + 1] !== Tok.Assign || kinds[at + 3] !== Tok.Semi) return false;
  const vk = kinds[at + 2];
  if (vk !== Tok.Int && vk !== Tok.String && vk !== Tok.Char && vk !== Tok.Ident) return false;
  if (cur.isWord('typealias') || cur.isWord('typedef')) return false;
  const key = tokenValue(t, at);
  let value: AttrValue;
  if (vk === Tok.Int) {
    value = { kind: 'int', value: cur.intValue(at + 2), tok: at + 2 };
  } else if (vk === Tok.Ident) {
    const word = tokenValue(t, at + 2);
    value = { kind: 'string', value: word, tok: at + 2, parts: [word] };
  } else {
    value = { kind: 'string', value: tokenValue(t, at + 2), tok: at + 2 };
  }
  h.attr({ key, keyTok: at, value });
  cur.pos = at + 4;
  return true;
}

export function parseBlockBody(ctx: ParseContext, entity: string, h: BlockHandlers): void {
  const cur = ctx.cur;
  cur.expect(Tok.LBrace, 'to open the % block', entity);
  while (!cur.is(Tok.RBrace)) {
    if (simpleAttr(ctx, h)) continue;
    const next = cur.kind(1);
    if (h.type && cur.isWord('typealias')) parseTypealias(ctx);
    else if (h.type && cur.isWord('typedef')) parseTypedef(ctx);
    else if (cur.is(Tok.Ident) && (next === Tok.Assign || next === Tok.TypeAssign || next === Tok.Dot)) {
      const keyTok = cur.pos;
      const key = parseDottedKey(cur, 'an attribute name');
      if (cur.accept(Tok.TypeAssign)) {
        const fc = parseTypeSpecifier(ctx, "'%'", key);
        if (!h.type) cur.fail(`unexpected type assignment '${key} :=' in ${entity} block`, keyTok);
        h.type?.({ key, keyTok, fc });
      } else {
        cur.expect(Tok.Assign, "after attribute name '%'", key);
        h.attr({ key, keyTok, value: parseValue(cur) });
      }
      cur.expect(Tok.Semi, "after the '%' attribute", key);
    } else if (h.type && startsSpecifiers(ctx)) {
      parseSpecifiers(ctx, 'a type declaration');
      cur.expect(Tok.Semi, 'after a type declaration (fields cannot be declared here)');
    } else {
      cur.fail(`expected an attribute or '}' in ${entity} block, found ${cur.describe()}`);
    }
  }
  cur.next();
  cur.expect(Tok.Semi, 'after the % block', entity);
}

export function asStruct(ctx: ParseContext, stmt: TypeStmt): StructFC {
  if (stmt.fc.kind !== 'struct') {
    ctx.cur.fail(`'${stmt.key}' must be a structure type, got ${stmt.fc.kind}`, stmt.keyTok);
  }
  return stmt.fc as StructFC;
}

export function dupScope(ctx: ParseContext, seen: KeySet, stmt: TypeStmt, entity: string): void {
  if (seen.has(stmt.key)) ctx.cur.fail(`duplicate '${stmt.key}' in ${entity} block`, stmt.keyTok);
  seen.add(stmt.key);
}
