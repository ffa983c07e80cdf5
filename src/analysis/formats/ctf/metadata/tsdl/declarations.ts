/**
 * TSDL declarations: `typealias`, `typedef`, and the entries of struct / variant bodies.
 *
 * Scope: `typealias TARGET := NAME;` (NAME may be several words, `unsigned long`, or end with `*`),
 * `typedef TYPE name[, name...];`, and body entries `TYPE name[, name...];` handed to a callback as
 * (name, field class, token). Aliasing an untagged variant is refused, as in babeltrace2.
 */

import type { FieldClass } from '../../ir';
import type { ParseContext } from './context';
import { applyDeclarator, parseDeclarator } from './declarators';
import { Tok } from './lexer';
import { parseSpecifiers, resolveSpecifiers } from './specifiers';

export type MemberSink = (name: string, fc: FieldClass, tok: number) => void;

function refuseUntaggedVariant(ctx: ParseContext, fc: FieldClass, tok: number): void {
  if (fc.kind === 'variant' && fc.selectorLocation.path.length === 0) {
    ctx.cur.fail('a type alias of an untagged variant is not allowed', tok);
  }
}

function register(ctx: ParseContext, name: string, fc: FieldClass, tok: number): void {
  if (!ctx.scope.register('alias', name, fc)) {
    ctx.cur.fail(`type '${name}' is already defined in this scope`, tok);
  }
}

/** Parses `typealias ... := ...;`, the cursor being on `typealias`. */
export function parseTypealias(ctx: ParseContext): void {
  const cur = ctx.cur;
  const kwTok = cur.next();
  const spec = parseSpecifiers(ctx, 'the typealias target');
  const d = parseDeclarator(ctx, true);
  const target = applyDeclarator(ctx, resolveSpecifiers(ctx, spec, d.pointers), d);
  cur.expect(Tok.TypeAssign, 'in typealias (typealias TYPE := NAME;)');
  const nameTok = cur.pos;
  const words: string[] = [];
  for (let w = cur.ident(); w !== undefined; w = cur.ident()) {
    if (w !== 'const') words.push(w);
    cur.next();
  }
  if (words.length === 0) cur.fail(`expected the alias name after ':=', found ${cur.describe()}`);
  let pointers = 0;
  while (cur.accept(Tok.Star)) {
    pointers++;
    while (cur.isWord('const')) cur.next();
  }
  cur.expect(Tok.Semi, 'after the typealias name');
  refuseUntaggedVariant(ctx, target, kwTok);
  register(ctx, words.join(' ') + ' *'.repeat(pointers), target, nameTok);
}

/** Parses `typedef TYPE name, ...;`, the cursor being on `typedef`. */
export function parseTypedef(ctx: ParseContext): void {
  const cur = ctx.cur;
  cur.next();
  const spec = parseSpecifiers(ctx, 'the typedef');
  do {
    const d = parseDeclarator(ctx, false);
    if (d.name === undefined) cur.fail(`expected the typedef name, found ${cur.describe()}`);
    const fc = applyDeclarator(ctx, resolveSpecifiers(ctx, spec, d.pointers), d);
    refuseUntaggedVariant(ctx, fc, d.nameTok);
    register(ctx, d.name as string, fc, d.nameTok);
  } while (cur.accept(Tok.Comma));
  cur.expect(Tok.Semi, 'after the typedef');
}

/**
 * Parses one entry of a struct or variant body: a typealias, a typedef, or `TYPE name, ...;` whose members go to
 * `sink`. A bare type declaration (`struct foo {...};`) declares nothing.
 */
export function parseBodyEntry(ctx: ParseContext, entity: string, sink: MemberSink): void {
  const cur = ctx.cur;
  if (cur.isWord('typealias')) return parseTypealias(ctx);
  if (cur.isWord('typedef')) return parseTypedef(ctx);
  const spec = parseSpecifiers(ctx, 'a % field', entity);
  if (cur.accept(Tok.Semi)) return;
  do {
    const d = parseDeclarator(ctx, false);
    if (d.name === undefined) cur.fail(`expected a field name in ${entity}, found ${cur.describe()}`);
    const fc = applyDeclarator(ctx, resolveSpecifiers(ctx, spec, d.pointers), d);
    sink(d.name as string, fc, d.nameTok);
  } while (cur.accept(Tok.Comma));
  cur.expect(Tok.Semi, 'after a % field', entity);
}
