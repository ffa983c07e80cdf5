/**
 * TSDL declarators: the field-name part of a declaration, with its pointers and array / sequence lengths.
 *
 * Scope: parsing `*name[4][len]` (C syntax, parentheses allowed), turning lengths into arrays (`[N]`), sequences
 * (`[field]`, `[stream.event.context.len]`) or environment-sized arrays (`[env.NAME]`), and mapping TSDL dotted
 * paths to IR FieldLocations. `x[A][B]` is an array of A arrays of B elements, as in C. Also the early check of
 * relative locations: when a sequence length or a variant tag names a field already declared in an enclosing
 * struct of the same text, that field must be an unsigned integer / an enumeration (babeltrace2 refuses the trace
 * otherwise). Names not found this way are left to the decoder's resolver.
 */

import type { ArrayFC, FieldClass, FieldLocation, Scope } from '../../ir';
import type { ParseContext } from './context';
import { KEYWORDS } from './cursor';
import { Tok } from './lexer';
import { parseDottedName } from './values';

type LengthSpec =
  { kind: 'fixed'; value: number; tok: number } | { kind: 'path'; parts: string[]; tok: number };

export interface Declarator {
  name?: string;
  nameTok: number;
  pointers: number;
  lengths: LengthSpec[];
}

function parseLength(ctx: ParseContext): LengthSpec {
  const cur = ctx.cur;
  const tok = cur.pos;
  if (cur.is(Tok.Int)) {
    const v = cur.intValue(cur.next());
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) cur.fail(`array length ${v} is too large`, tok);
    return { kind: 'fixed', value: Number(v), tok };
  }
  if (cur.is(Tok.Minus)) cur.fail('array length cannot be negative');
  if (cur.is(Tok.Ident)) return { kind: 'path', parts: parseDottedName(cur, 'a length field name'), tok };
  return cur.fail(`expected an array length or a length field name, found ${cur.describe()}`);
}

/** Parses a declarator; `abstract` declarators (typealias targets) have no name. */
export function parseDeclarator(ctx: ParseContext, abstract: boolean): Declarator {
  const cur = ctx.cur;
  const d: Declarator = { nameTok: cur.pos, pointers: 0, lengths: [] };
  while (cur.accept(Tok.Star)) {
    d.pointers++;
    while (cur.isWord('const')) cur.next();
  }
  if (cur.accept(Tok.LParen)) {
    const inner = parseDeclarator(ctx, abstract);
    cur.expect(Tok.RParen, 'to close the parenthesized declarator');
    d.name = inner.name;
    d.nameTok = inner.nameTok;
    d.pointers += inner.pointers;
    d.lengths.push(...inner.lengths);
  } else if (cur.is(Tok.Ident)) {
    d.nameTok = cur.pos;
    d.name = cur.expectIdent('a field name');
    if (KEYWORDS.has(d.name)) cur.fail(`'${d.name}' is a reserved word and cannot name a field`, d.nameTok);
    if (abstract) cur.fail(`unexpected name '${d.name}' in a type alias target`, d.nameTok);
  }
  while (cur.accept(Tok.LBracket)) {
    d.lengths.push(parseLength(ctx));
    cur.expect(Tok.RBracket, 'to close the array length');
  }
  if (cur.is(Tok.Colon)) cur.fail('bit-field declarators (`name : size`) are not supported');
  return d;
}

const SCOPE_PREFIXES: [string[], Scope][] = [
  [['trace', 'packet', 'header'], 'packet.header'],
  [['stream', 'packet', 'context'], 'packet.context'],
  [['stream', 'event', 'header'], 'event.header'],
  [['stream', 'event', 'context'], 'event.common_context'],
  [['event', 'context'], 'event.specific_context'],
  [['event', 'fields'], 'event.payload']
];

/** Maps a TSDL field path (`len`, `a.b`, `stream.event.context.len`) to an IR FieldLocation. */
export function toLocation(ctx: ParseContext, parts: string[], tok: number): FieldLocation {
  for (const [prefix, origin] of SCOPE_PREFIXES) {
    if (parts.length >= prefix.length && prefix.every((p, i) => parts[i] === p)) {
      if (parts.length === prefix.length) {
        ctx.cur.fail(`field path '${parts.join('.')}' names a whole scope`, tok);
      }
      return { origin, path: parts.slice(prefix.length) };
    }
  }
  if (parts[0] === 'trace' || parts[0] === 'stream' || parts[0] === 'event') {
    ctx.cur.fail(`unknown scope in field path '${parts.join('.')}'`, tok);
  }
  return { path: parts };
}

function makeArray(ctx: ParseContext, element: FieldClass, len: LengthSpec): ArrayFC {
  if (len.kind === 'fixed') return { kind: 'array', align: element.align, element, length: len.value };
  if (len.parts[0] === 'env' && len.parts.length === 2) {
    const array: ArrayFC = { kind: 'array', align: element.align, element, length: 0 };
    ctx.envFixups.push({ array, name: len.parts[1], tok: len.tok });
    return array;
  }
  return {
    kind: 'array',
    align: element.align,
    element,
    lengthLocation: toLocation(ctx, len.parts, len.tok)
  };
}

/** Wraps `base` in the arrays / sequences of the declarator. */
export function applyDeclarator(ctx: ParseContext, base: FieldClass, d: Declarator): FieldClass {
  let fc = base;
  for (let i = d.lengths.length - 1; i >= 0; i--) fc = makeArray(ctx, fc, d.lengths[i]);
  return fc;
}

function describeKind(fc: FieldClass): string {
  switch (fc.kind) {
    case 'int':
      return fc.signed ? 'a signed integer' : 'an unsigned integer';
    case 'enum':
      return fc.container.signed ? 'a signed enumeration' : 'an unsigned enumeration';
    case 'struct':
      return 'a structure';
    case 'variant':
      return 'a variant';
    case 'array':
      return fc.length !== undefined ? 'an array' : 'a sequence';
    case 'string':
      return 'a string';
    case 'float':
      return 'a floating point number';
    default:
      return `a ${fc.kind}`;
  }
}

/** The field an enclosing struct of the text declares at a relative path, if it is found there. */
function findInFrames(ctx: ParseContext, path: (string | null)[]): FieldClass | undefined {
  for (let f = ctx.frames.length - 1; f >= 0; f--) {
    const m = ctx.frames[f].find(x => x.name === path[0]);
    if (!m) continue;
    let fc: FieldClass = m.fc;
    for (let k = 1; k < path.length; k++) {
      if (fc.kind !== 'struct') return undefined;
      const inner = fc.members.find(x => x.name === path[k]);
      if (!inner) return undefined;
      fc = inner.fc;
    }
    return fc;
  }
  return undefined;
}

/** Early checks of a new member's sequence lengths and variant tags (see the module header). */
export function checkMemberLocations(ctx: ParseContext, name: string, fc: FieldClass, tok: number): void {
  const cur = ctx.cur;
  if (fc.kind === 'array') {
    if (fc.lengthLocation && fc.lengthLocation.origin === undefined) {
      const target = findInFrames(ctx, fc.lengthLocation.path);
      const unsigned =
        target &&
        (target.kind === 'int' ? !target.signed : target.kind === 'enum' && !target.container.signed);
      if (target && !unsigned) {
        const path = fc.lengthLocation.path.join('.');
        cur.fail(
          `length of sequence '${name}' must be an unsigned integer field, but '${path}' is ${describeKind(target)}`,
          tok
        );
      }
    }
    checkMemberLocations(ctx, name, fc.element, tok);
  } else if (fc.kind === 'variant') {
    if (fc.selectorLocation.path.length === 0) {
      cur.fail(`variant '${name}' has no tag: write \`variant NAME <tag_field> ${name};\``, tok);
    }
    if (fc.selectorLocation.origin === undefined) {
      const target = findInFrames(ctx, fc.selectorLocation.path);
      if (target && target.kind !== 'enum') {
        const path = fc.selectorLocation.path.join('.');
        cur.fail(
          `tag of variant '${name}' must be an enumeration field, but '${path}' is ${describeKind(target)}`,
          tok
        );
      }
    }
  }
}
