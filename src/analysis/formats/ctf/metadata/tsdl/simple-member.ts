/**
 * Fast path for the struct members that make up nearly all real metadata: `integer { ... } name;` whose body
 * was seen before (an IntBody token), `string name;` and `alias_name name;`.
 *
 * Scope: recognising these exact token shapes and building the member the general path (`parseBodyEntry` ->
 * specifiers -> declarator) would build, with no error possible: any shape it is not sure of (a reserved word as
 * name, an unknown alias, a duplicate name, an unseen body) is left to the general path, which reports errors.
 */

import type { FieldClass, StringFC, StructMember } from '../../ir';
import type { ParseContext } from './context';
import { KEYWORDS } from './cursor';
import { checkMemberLocations } from './declarators';
import { Tok, bodyText, tokenValue } from './lexer';

/** The field class of the type word(s) at `at` in a `TYPE name ;` shape, or undefined. */
function simpleType(ctx: ParseContext, at: number, nameAt: number): FieldClass | undefined {
  const t = ctx.cur.t;
  if (nameAt === at + 2) {
    if (t.kinds[at + 1] !== Tok.IntBody || tokenValue(t, at) !== 'integer') return undefined;
    return ctx.intCache.get(bodyText(t, at + 1));
  }
  const word = tokenValue(t, at);
  if (word === 'string') {
    const fc: StringFC = { kind: 'string', align: 8, encoding: 'utf8' };
    return fc;
  }
  if (KEYWORDS.has(word)) return undefined;
  return ctx.scope.lookup('alias', word);
}

/**
 * Parses one member of a simple shape at the cursor into `members` and returns true; returns false, consuming
 * nothing, for any other shape.
 */
export function simpleMember(ctx: ParseContext, members: StructMember[]): boolean {
  const cur = ctx.cur;
  const { kinds } = cur.t;
  const at = cur.pos;
  if (kinds[at] !== Tok.Ident) return false;
  const nameAt = kinds[at + 1] === Tok.Ident ? at + 1 : at + 2;
  if (kinds[nameAt] !== Tok.Ident || kinds[nameAt + 1] !== Tok.Semi) return false;
  const name = tokenValue(cur.t, nameAt);
  if (KEYWORDS.has(name)) return false;
  for (let i = 0; i < members.length; i++) if (members[i].name === name) return false;
  const fc = simpleType(ctx, at, nameAt);
  if (fc === undefined) return false;
  checkMemberLocations(ctx, name, fc, nameAt);
  members.push({ name, fc });
  cur.pos = nameAt + 2;
  return true;
}
