/**
 * TSDL declaration specifiers: the "type" part of a declaration, before any field name.
 *
 * Scope: a specifier list is either one type body (`integer {...}`, `floating_point {...}`, `string`, `struct`,
 * `variant`, `enum`) or a sequence of words naming a type alias: C keywords (`unsigned long`) and/or one alias
 * name (`uint32_t`). The alias is looked up by the words joined with spaces, plus ` *` per pointer of the
 * declarator (`void *`), like babeltrace2. Without a lexer hack, a word is taken as part of the type only while
 * it can be: C keywords always, an identifier only if it is a known alias and no type word was read yet, so in
 * `uint32_t magic;` the second word is the field name.
 */

import type { FieldClass, IntegerFC } from '../../ir';
import { parseFloatType, parseIntegerType, parseStringType } from './basic-types';
import { parseEnumType, parseStructType, parseVariantType } from './compound-types';
import type { ParseContext } from './context';
import { withArg } from './cursor';
import { Tok } from './lexer';

const C_WORDS = new Set([
  'void',
  'char',
  'short',
  'int',
  'long',
  'float',
  'double',
  'signed',
  'unsigned',
  '_Bool',
  '_Complex',
  '_Imaginary'
]);

const BODY_WORDS = new Set(['integer', 'floating_point', 'string', 'struct', 'variant', 'enum']);

/** A parsed, not yet resolved, specifier list. */
export interface Specifiers {
  tok: number;
  /** Set when the specifier is a type body. */
  fc?: FieldClass;
  /** Alias words, when `fc` is unset. */
  words: string[];
}

/** True when the current token can start a declaration specifier list. */
export function startsSpecifiers(ctx: ParseContext): boolean {
  const w = ctx.cur.ident();
  return w !== undefined && (w === 'const' || C_WORDS.has(w) || BODY_WORDS.has(w) || ctx.scope.isTypeName(w));
}

function parseBody(ctx: ParseContext, word: string): FieldClass {
  const kwTok = ctx.cur.next();
  switch (word) {
    case 'integer':
      return parseIntegerType(ctx, kwTok);
    case 'floating_point':
      return parseFloatType(ctx, kwTok);
    case 'string':
      return parseStringType(ctx);
    case 'struct':
      return parseStructType(ctx, kwTok);
    case 'variant':
      return parseVariantType(ctx, kwTok);
    default:
      return parseEnumType(ctx, kwTok);
  }
}

function unexpectedWord(ctx: ParseContext, w: string, context: string, arg: string | undefined): never {
  return ctx.cur.fail(`unexpected '${w}' after the type of ${withArg(context, arg)}`);
}

/**
 * Parses a specifier list; `context` says what is being declared, for the error message (its `%` replaced by
 * `arg`).
 */
export function parseSpecifiers(ctx: ParseContext, context: string, arg?: string): Specifiers {
  const cur = ctx.cur;
  const spec: Specifiers = { tok: cur.pos, words: [] };
  let aliasSeen = false;
  for (;;) {
    const w = cur.ident();
    if (w === undefined) break;
    if (w === 'const') {
      cur.next();
    } else if (C_WORDS.has(w)) {
      if (spec.fc || aliasSeen) unexpectedWord(ctx, w, context, arg);
      spec.words.push(w);
      cur.next();
    } else if (BODY_WORDS.has(w)) {
      if (spec.fc || spec.words.length > 0) unexpectedWord(ctx, w, context, arg);
      spec.fc = parseBody(ctx, w);
    } else if (!spec.fc && spec.words.length === 0 && ctx.scope.isTypeName(w)) {
      spec.words.push(w);
      aliasSeen = true;
      cur.next();
    } else {
      break;
    }
  }
  if (!spec.fc && spec.words.length === 0) {
    const w = cur.ident();
    cur.fail(
      w !== undefined
        ? `unknown type '${w}' in ${withArg(context, arg)}`
        : `expected a type for ${withArg(context, arg)}, found ${cur.describe()}`
    );
  }
  return spec;
}

/** The field class named by a specifier list (with `pointers` `*` from the declarator). */
export function resolveSpecifiers(ctx: ParseContext, spec: Specifiers, pointers = 0): FieldClass {
  if (spec.fc) {
    if (pointers > 0) {
      ctx.cur.fail('a pointer declarator needs a type alias name (such as `void *`)', spec.tok);
    }
    return spec.fc;
  }
  const name = spec.words.join(' ') + ' *'.repeat(pointers);
  const fc = ctx.scope.lookup('alias', name);
  if (!fc) return ctx.cur.fail(`unknown type '${name}'`, spec.tok);
  if (pointers > 0 && fc.kind === 'int') {
    const hex: IntegerFC = { ...fc, base: 16 };
    return hex;
  }
  return fc;
}

/** Parses and resolves a specifier list used without a declarator (`:=` right sides, enum containers). */
export function parseTypeSpecifier(ctx: ParseContext, context: string, arg?: string): FieldClass {
  const spec = parseSpecifiers(ctx, context, arg);
  if (ctx.cur.is(Tok.Star)) ctx.cur.fail(`unexpected '*' in ${withArg(context, arg)}`);
  return resolveSpecifiers(ctx, spec);
}
