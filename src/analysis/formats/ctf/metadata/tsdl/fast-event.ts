/**
 * Fast path for the event blocks that make up most of real metadata (perf: 759, LTTng kernel: 1,181), read with a
 * few native regular expression matches each instead of token by token.
 *
 * Scope: the lexer (fast mode) turns an `event { ... };` block whose text has no comment, no character literal
 * and braces nested at most three deep into one EventBlock token (`EVENT_BLOCK`). Here the block is parsed when it
 * has the usual shape: `key = 42;`, `key = "text";`, `key = word;` and `key := struct { MEMBERS } [align(N)];`
 * where each member is `integer { ... } name`, `string name`, `string { encoding = X; } name` or `alias name`,
 * optionally with one fixed array length, and every integer body was already parsed (`ctx.intCache`) or the whole
 * structure body was (`ctx.structCache`). The records and field classes built are those the token parser builds
 * (`event-block.ts`, `compound-types.ts`). Any other shape, and anything the token parser would refuse (a repeated
 * or reserved key, a value of the wrong kind, a bad alignment), is parsed by the token parser on the tokens of
 * this block only; any error is reported by parsing the whole text again without fast paths (index.ts), so
 * messages and positions never depend on this module.
 */

import type { FieldClass, StringFC, StructFC, StructMember } from '../../ir';
import { BODY, FLAT, NAME, W } from './collapse';
import type { ParseContext, RawEvent } from './context';
import { Cursor, KEYWORDS } from './cursor';
import { checkMemberLocations } from './declarators';
import { memoScope } from './compound-types';
import { finishEvent, parseEventTokens } from './event-block';
import { tokenize } from './lexer';
import { DeclScope } from './scope';

/** An attribute statement: 1 key, 2-4 string / integer / word value. */
const ATTR = new RegExp(
  `${W}*(${NAME})${W}*=${W}*(?:"([^"\\\\\\n]*)"|(0|[1-9][0-9]{0,14})|(${NAME}))${W}*;`,
  'y'
);

/** A structure assignment: 1 key, 2 body, 3 alignment. */
const STRUCT = new RegExp(
  `${W}*(${NAME})${W}*:=${W}*struct${W}*(\\{(?:${FLAT}|${BODY})*\\})${W}*` +
    `(?:align${W}*\\(${W}*(0|[1-9][0-9]{0,8})${W}*\\)${W}*)?;`,
  'y'
);

/** One member: 1 integer body, 2 string body, 3 bare `string`, 4 alias word; 5 name, 6 array length. */
const MEMBER = new RegExp(
  `${W}*(?:integer${W}*(${BODY})${W}*|string${W}*(${BODY})${W}*|(string)${W}+|(${NAME})${W}+)` +
    `(${NAME})${W}*(?:\\[${W}*(0|[1-9][0-9]{0,8})${W}*\\]${W}*)?;`,
  'y'
);

const STRING_BODY = new RegExp(`^\\{${W}*encoding${W}*=${W}*(UTF8|utf8|ASCII|ascii|none)${W}*;${W}*\\}$`);
const BLANK = new RegExp(`${W}*`, 'y');

/** Skips blanks from `at`; true when `end` is reached. */
function blankTo(text: string, at: number, end: number): boolean {
  BLANK.lastIndex = at;
  BLANK.test(text);
  return BLANK.lastIndex === end;
}

/** The field class of one matched member, or undefined when the fast path does not know it. */
function memberType(ctx: ParseContext, m: RegExpExecArray): FieldClass | undefined {
  if (m[1] !== undefined) return ctx.intCache.get(m[1]);
  if (m[2] !== undefined) {
    const enc = STRING_BODY.exec(m[2]);
    if (!enc) return undefined;
    const fc: StringFC = {
      kind: 'string',
      align: 8,
      encoding: enc[1].toLowerCase() === 'ascii' ? 'ascii' : 'utf8'
    };
    return fc;
  }
  if (m[3] !== undefined) {
    const fc: StringFC = { kind: 'string', align: 8, encoding: 'utf8' };
    return fc;
  }
  return KEYWORDS.has(m[4]) ? undefined : ctx.scope.lookup('alias', m[4]);
}

/**
 * The members of a `{ ... }` structure body from `open` to `close` (inclusive), built as the token parser builds
 * them (see the module header), or undefined for any other content.
 */
function matchMembers(
  ctx: ParseContext,
  text: string,
  open: number,
  close: number
): StructMember[] | undefined {
  const members: StructMember[] = [];
  let at = open + 1;
  ctx.frames.push(members);
  try {
    while (!blankTo(text, at, close)) {
      MEMBER.lastIndex = at;
      const m = MEMBER.exec(text);
      if (m === null || MEMBER.lastIndex > close) return undefined;
      const name = m[5];
      if (KEYWORDS.has(name)) return undefined;
      for (let i = 0; i < members.length; i++) if (members[i].name === name) return undefined;
      let fc = memberType(ctx, m);
      if (fc === undefined) return undefined;
      if (m[6] !== undefined) fc = { kind: 'array', align: fc.align, element: fc, length: Number(m[6]) };
      checkMemberLocations(ctx, name, fc, -1);
      members.push({ name, fc });
      at = MEMBER.lastIndex;
    }
  } finally {
    ctx.frames.pop();
  }
  return members;
}

/**
 * The structure of a matched `key := struct { ... } [align(N)];` (`m`: STRUCT's match), or undefined when its
 * body is not of the fast shape or its alignment is invalid. The memo is that of compound-types.ts; a body and
 * alignment already built by this path give the same (shared) structure.
 */
function structOf(ctx: ParseContext, text: string, m: RegExpExecArray): StructFC | undefined {
  const body = m[2];
  const minAlign = m[3] === undefined ? undefined : Number(m[3]);
  if (minAlign !== undefined && (minAlign === 0 || (minAlign & (minAlign - 1)) !== 0)) return undefined;
  const size = memoScope(ctx);
  let memo = ctx.structCache.get(body);
  let members: StructMember[] | undefined;
  if (memo && size >= 0 && memo.rootSize === size) {
    if (memo.fc && memo.fc.minAlign === minAlign) return memo.fc;
    members = memo.members.slice();
  } else {
    const open = m.index + m[0].indexOf('{');
    members = matchMembers(ctx, text, open, open + body.length - 1);
    if (!members) return undefined;
    if (size >= 0 && !memo) {
      memo = { members: members.slice(), rootSize: size };
      ctx.structCache.set(body, memo);
    } else {
      memo = undefined;
    }
  }
  let align = minAlign ?? 1;
  for (let i = 0; i < members.length; i++) if (members[i].fc.align > align) align = members[i].fc.align;
  const fc: StructFC = { kind: 'struct', align, members };
  if (minAlign !== undefined) fc.minAlign = minAlign;
  if (memo) memo.fc = fc;
  return fc;
}

/**
 * Records the attribute of ATTR's match `m` in `ev` as the event handlers of event-block.ts do; false when the
 * token parser must read the block (a reserved key, a repeated key, a value of the wrong kind: an error there).
 */
function setAttr(ev: RawEvent, keys: string[], m: RegExpExecArray): boolean {
  const key = m[1];
  if (key === 'typealias' || key === 'typedef' || keys.includes(key)) return false;
  keys.push(key);
  const int = m[3] === undefined ? undefined : BigInt(m[3]);
  const str = m[2] ?? m[4];
  if (key === 'name') {
    if (str === undefined) return false;
    ev.name = str;
  } else if (key === 'id' || key === 'stream_id' || key === 'loglevel') {
    if (int === undefined) return false;
    if (key === 'id') ev.id = int;
    else if (key === 'stream_id') ev.streamId = int;
    else ev.loglevel = int;
  } else {
    (ev.attributes ??= {})[key] = int ?? str;
  }
  return true;
}

/**
 * Reads the statements of an event block body (`at` after `{`, `end` at `}`) into `ev`; false, with `ev` to be
 * dropped, for anything but the fast shape.
 */
function readEvent(ctx: ParseContext, text: string, at: number, end: number, ev: RawEvent): boolean {
  const keys: string[] = [];
  while (!blankTo(text, at, end)) {
    ATTR.lastIndex = at;
    let m = ATTR.exec(text);
    if (m !== null) {
      if (ATTR.lastIndex > end || !setAttr(ev, keys, m)) return false;
      at = ATTR.lastIndex;
      continue;
    }
    STRUCT.lastIndex = at;
    m = STRUCT.exec(text);
    if (m === null || STRUCT.lastIndex > end) return false;
    const key = m[1];
    if (key === 'typealias' || key === 'typedef' || keys.includes(key)) return false;
    keys.push(key);
    at = STRUCT.lastIndex;
    const fc = structOf(ctx, text, m);
    if (fc === undefined) return false;
    if (key === 'context') ev.context = fc;
    else if (key === 'fields') ev.payload = fc;
  }
  return true;
}

/** Parses the EventBlock token `tok` (the cursor is on it) and moves past it. */
export function parseEventBlock(ctx: ParseContext, tok: number): void {
  const t = ctx.cur.t;
  const text = t.text;
  const start = t.starts[tok];
  const end = t.ends[tok];
  const open = text.indexOf('{', start);
  const close = text.lastIndexOf('}', end);
  const ev: RawEvent = { tok };
  const outer = ctx.scope;
  ctx.scope = new DeclScope(outer);
  let done: boolean;
  try {
    done = readEvent(ctx, text, open + 1, close, ev);
  } finally {
    ctx.scope = outer;
  }
  if (done) {
    finishEvent(ctx, ev, tok);
  } else {
    const saved = ctx.cur;
    ctx.cur = new Cursor(tokenize(text, t.file, false, start, end));
    try {
      parseEventTokens(ctx);
    } finally {
      ctx.cur = saved;
    }
  }
  ctx.cur.pos = tok + 1;
}
