/**
 * TSDL compound type specifiers: `struct`, `variant` and `enum`, named or anonymous, defined or referenced.
 *
 * Scope:
 *   - `struct [name] { fields } [align(N)]` or `struct name`; a struct's alignment is the largest of its
 *     `align(N)` and its members' alignments;
 *   - `variant [name] [<tag>] { options }` or `variant name [<tag>]`; a named variant is registered untagged
 *     (selector path empty) and gets its tag where it is used; a variant's own alignment is 1: each option
 *     aligns itself when selected (CTF 1.8 §4.2.5, babeltrace2);
 *   - `enum [name] [: container] { A, B = 5, C = 7 ... 9, "quoted" = 3 }` or `enum name`; the container
 *     defaults to the `int` type alias; implicit values continue from the previous end + 1; ranges must be
 *     ordered and fit the container; a repeated label gets one mapping with several ranges.
 * Names are registered in the scope where the definition appears, after its body. A repeated `:= struct { ... }`
 * body (a StructBody token, collapse.ts) takes the members of its first parse when its meaning cannot differ.
 */

import type {
  EnumFC,
  FieldClass,
  IntegerFC,
  Mapping,
  StructFC,
  StructMember,
  VariantFC,
  VariantOption
} from '../../ir';
import { CollapsedBody } from './collapse';
import type { ParseContext } from './context';
import { inScope } from './context';
import { parseBodyEntry } from './declarations';
import { simpleMember } from './simple-member';
import { checkMemberLocations, toLocation } from './declarators';
import { Tok, bodyText } from './lexer';
import { parseTypeSpecifier } from './specifiers';
import { asSmallUnsigned, parseDottedName, parseValue } from './values';

function registerNamed(
  ctx: ParseContext,
  ns: 'struct' | 'variant' | 'enum',
  name: string,
  fc: FieldClass,
  tok: number
): void {
  if (!ctx.scope.register(ns, name, fc)) {
    ctx.cur.fail(`${ns} '${name}' is already defined in this scope`, tok);
  }
}

function parseStructBody(ctx: ParseContext): StructMember[] {
  const cur = ctx.cur;
  const members: StructMember[] = [];
  cur.expect(Tok.LBrace, 'to open the struct body');
  ctx.frames.push(members);
  try {
    inScope(ctx, () => {
      while (!cur.is(Tok.RBrace)) {
        if (simpleMember(ctx, members)) continue;
        parseBodyEntry(ctx, 'struct', (name, fc, tok) => {
          if (members.some(m => m.name === name)) cur.fail(`duplicate field '${name}' in struct`, tok);
          checkMemberLocations(ctx, name, fc, tok);
          members.push({ name, fc });
        });
      }
    });
  } finally {
    ctx.frames.pop();
  }
  cur.next();
  return members;
}

/**
 * The root scope's size when the meaning of a `:= struct { ... }` body depends only on its text: the assignment is
 * in a trace / stream / event block that declares nothing itself (no enclosing structure, so no relative field
 * reference reaches out of the body), and names can only be added to the root scope, never changed. Else -1.
 */
export function memoScope(ctx: ParseContext): number {
  const block = ctx.scope;
  const root = block.parent;
  return root && !root.parent && block.size === 0 && ctx.frames.length === 0 ? root.size : -1;
}

/** The members of a collapsed `:= struct { ... }` body (a StructBody token at the cursor), from its first parse. */
function memoizedMembers(ctx: ParseContext): StructMember[] {
  const cur = ctx.cur;
  const memo = ctx.structCache.get(bodyText(cur.t, cur.pos));
  const size = memoScope(ctx);
  if (!memo || size < 0 || memo.rootSize !== size) throw new CollapsedBody();
  cur.pos++;
  return memo.members.slice();
}

/** Parses a struct body, remembering it when it is the first of a collapsible `:= struct { ... }` body. */
function parseStructBodyAt(ctx: ParseContext, kwTok: number): StructMember[] {
  const cur = ctx.cur;
  const open = cur.pos;
  const members = parseStructBody(ctx);
  const size = cur.t.kinds[kwTok - 1] === Tok.TypeAssign ? memoScope(ctx) : -1;
  if (size >= 0) {
    const key = cur.t.text.slice(cur.t.starts[open], cur.t.ends[cur.pos - 1]);
    if (!ctx.structCache.has(key)) ctx.structCache.set(key, { members: members.slice(), rootSize: size });
  }
  return members;
}

/** After `struct`. */
export function parseStructType(ctx: ParseContext, kwTok: number): StructFC {
  const cur = ctx.cur;
  const nameTok = cur.pos;
  const collapsed = cur.t.kinds[nameTok] === Tok.StructBody;
  const name = !collapsed && cur.is(Tok.Ident) ? cur.expectIdent('a struct name') : undefined;
  if (!collapsed && !cur.is(Tok.LBrace)) {
    if (name === undefined) cur.fail(`expected a struct name or '{' after 'struct', found ${cur.describe()}`);
    const found = ctx.scope.lookupStruct(name as string);
    if (!found) cur.fail(`unknown struct '${name}'`, nameTok);
    return found as StructFC;
  }
  if (name !== undefined && ctx.scope.hasLocal('struct', name)) {
    cur.fail(`struct '${name}' is already defined in this scope`, nameTok);
  }
  const members = collapsed ? memoizedMembers(ctx) : parseStructBodyAt(ctx, kwTok);
  let minAlign: number | undefined;
  if (cur.isWord('align') && cur.is(Tok.LParen, 1)) {
    cur.next();
    cur.next();
    const value = parseValue(cur);
    const align = asSmallUnsigned(cur, { key: 'align', keyTok: value.tok, value }, 'struct');
    if (align === 0 || (align & (align - 1)) !== 0) {
      cur.fail(`struct alignment must be a power of two, got ${align}`, value.tok);
    }
    cur.expect(Tok.RParen, "to close 'align('");
    minAlign = align;
  }
  let align = minAlign ?? 1;
  for (let i = 0; i < members.length; i++) if (members[i].fc.align > align) align = members[i].fc.align;
  const fc: StructFC = { kind: 'struct', align, members };
  if (minAlign !== undefined) fc.minAlign = minAlign;
  if (name !== undefined) registerNamed(ctx, 'struct', name, fc, kwTok);
  return fc;
}

function parseVariantBody(ctx: ParseContext): VariantOption[] {
  const cur = ctx.cur;
  const options: VariantOption[] = [];
  cur.expect(Tok.LBrace, 'to open the variant body');
  inScope(ctx, () => {
    while (!cur.is(Tok.RBrace)) {
      parseBodyEntry(ctx, 'variant', (name, fc, tok) => {
        if (options.some(o => o.name === name)) cur.fail(`duplicate option '${name}' in variant`, tok);
        checkMemberLocations(ctx, name, fc, tok);
        options.push({ name, fc });
      });
    }
  });
  cur.next();
  return options;
}

/** After `variant`. */
export function parseVariantType(ctx: ParseContext, kwTok: number): VariantFC {
  const cur = ctx.cur;
  const nameTok = cur.pos;
  const name = cur.is(Tok.Ident) ? cur.expectIdent('a variant name') : undefined;
  let tag: string[] | undefined;
  let tagTok = cur.pos;
  if (cur.accept(Tok.Lt)) {
    tagTok = cur.pos;
    tag = parseDottedName(cur, 'a variant tag');
    cur.expect(Tok.Gt, 'to close the variant tag');
  }
  let options: VariantOption[];
  if (cur.is(Tok.LBrace)) {
    if (name !== undefined && ctx.scope.hasLocal('variant', name)) {
      cur.fail(`variant '${name}' is already defined in this scope`, nameTok);
    }
    options = parseVariantBody(ctx);
    if (name !== undefined) {
      registerNamed(
        ctx,
        'variant',
        name,
        { kind: 'variant', align: 1, selectorLocation: { path: [] }, options },
        kwTok
      );
    }
  } else {
    if (name === undefined) {
      cur.fail(`expected a variant name, a tag or '{' after 'variant', found ${cur.describe()}`);
    }
    const found = ctx.scope.lookupVariant(name as string);
    if (!found) cur.fail(`unknown variant '${name}'`, nameTok);
    options = (found as VariantFC).options;
  }
  const selectorLocation = tag ? toLocation(ctx, tag, tagTok) : { path: [] };
  return { kind: 'variant', align: 1, selectorLocation, options };
}

function parseEnumValue(ctx: ParseContext, label: string): bigint {
  const v = parseValue(ctx.cur);
  if (v.kind !== 'int') ctx.cur.fail(`value of enumerator '${label}' must be an integer constant`, v.tok);
  return v.value as bigint;
}

function parseEnumerators(ctx: ParseContext, container: IntegerFC): Mapping[] {
  const cur = ctx.cur;
  const byLabel = new Map<string, Mapping>();
  const min = container.signed ? -(1n << BigInt(container.size - 1)) : 0n;
  const max = container.signed
    ? (1n << BigInt(container.size - 1)) - 1n
    : (1n << BigInt(container.size)) - 1n;
  let next = 0n;
  cur.expect(Tok.LBrace, 'to open the enumeration body');
  while (!cur.is(Tok.RBrace)) {
    const labelTok = cur.pos;
    if (!cur.is(Tok.Ident) && !cur.is(Tok.String)) {
      cur.fail(`expected an enumerator label, found ${cur.describe()}`);
    }
    const label = cur.value(cur.next());
    let start = next;
    let end = next;
    if (cur.accept(Tok.Assign)) {
      start = end = parseEnumValue(ctx, label);
      if (cur.accept(Tok.Ellipsis)) end = parseEnumValue(ctx, label);
    }
    if (start > end) {
      cur.fail(`bad range for enumerator '${label}': ${start} ... ${end} (start is after end)`, labelTok);
    }
    if (start < min || end > max) {
      const what = `${container.size}-bit ${container.signed ? 'signed' : 'unsigned'} container`;
      cur.fail(
        `value of enumerator '${label}' (${start === end ? start : `${start} ... ${end}`}) does not fit the ${what}`,
        labelTok
      );
    }
    const existing = byLabel.get(label);
    if (existing) existing.ranges.push([start, end]);
    else byLabel.set(label, { label, ranges: [[start, end]] });
    next = end + 1n;
    if (!cur.accept(Tok.Comma)) break;
  }
  cur.expect(Tok.RBrace, 'to close the enumeration body');
  return [...byLabel.values()];
}

/** After `enum`. */
export function parseEnumType(ctx: ParseContext, kwTok: number): EnumFC {
  const cur = ctx.cur;
  const nameTok = cur.pos;
  const name = cur.is(Tok.Ident) ? cur.expectIdent('an enumeration name') : undefined;
  let container: FieldClass | undefined;
  if (cur.accept(Tok.Colon)) {
    const at = cur.pos;
    container = parseTypeSpecifier(ctx, 'the enumeration container');
    if (container.kind !== 'int') {
      cur.fail('the container type of an enumeration must be an integer type', at);
    }
  }
  if (!cur.is(Tok.LBrace)) {
    if (name === undefined || container) {
      cur.fail(`expected '{' to open the enumeration body, found ${cur.describe()}`);
    }
    const found = ctx.scope.lookupEnum(name as string);
    if (!found) cur.fail(`unknown enum '${name}'`, nameTok);
    return found as EnumFC;
  }
  if (name !== undefined && ctx.scope.hasLocal('enum', name)) {
    cur.fail(`enum '${name}' is already defined in this scope`, nameTok);
  }
  if (!container) {
    container = ctx.scope.lookup('alias', 'int');
    if (!container) cur.fail("enumeration without a container type needs a type alias named 'int'", kwTok);
    if (container?.kind !== 'int') {
      cur.fail("the 'int' type alias used as enumeration container is not an integer type", kwTok);
    }
  }
  const int = container as IntegerFC;
  const fc: EnumFC = { kind: 'enum', align: int.align, container: int, mappings: parseEnumerators(ctx, int) };
  if (name !== undefined) registerNamed(ctx, 'enum', name, fc, kwTok);
  return fc;
}
