/**
 * Fast path for the event blocks that make up most of real metadata (perf: 759, LTTng kernel: 1,181), read with a
 * few native regular expression matches each instead of token by token.
 *
 * Scope: the lexer (fast mode) turns an `event { ... };` block whose text has no comment, no character literal
 * and braces nested at most three deep into one EventBlock token (`EVENT_BLOCK`). Here the block is parsed when it
 * has the usual shape: `key = 42;`, `key = "text";`, `key = word;` and `key := struct { MEMBERS } [align(N)];`
 * where each member is `integer { ... } name`, `string name`, `string { encoding = X; } name` or `alias name`,
 * optionally with one fixed array length, and every integer body was already parsed (`ctx.intCache`) or the whole
 * structure body was (`ctx.structCache`). The field classes built are those the token parser builds, through the
 * same event handlers (`blocks.ts`). Any other shape is parsed by the token parser on the tokens of this block
 * only; any error is reported by parsing the whole text again without fast paths (index.ts), so messages and
 * positions never depend on this module.
 */

import type { FieldClass, StringFC, StructFC, StructMember } from '../../ir';
import { BODY, CollapsedBody, FLAT, NAME, W } from './collapse';
import type { ParseContext, StructMemo } from './context';
import { inScope } from './context';
import { Cursor, KEYWORDS } from './cursor';
import { checkMemberLocations } from './declarators';
import { memoScope } from './compound-types';
import { EventHandlers, finishEvent, parseEventTokens } from './event-block';
import { tokenize } from './lexer';
import type { AttrValue } from './values';

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

interface AttrStatement {
  struct: false;
  /** Offset after the statement. */
  end: number;
  key: string;
  value: AttrValue;
}

interface StructStatement {
  struct: true;
  end: number;
  key: string;
  /** The `{ ... }` text and its offset. */
  body: string;
  open: number;
  align: number | undefined;
  /** Set when the body is not memoized. */
  members: StructMember[] | undefined;
}

type Statement = AttrStatement | StructStatement;

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

/** The statement at `at`, or undefined. */
function matchStatement(text: string, at: number): Statement | undefined {
  ATTR.lastIndex = at;
  let m = ATTR.exec(text);
  if (m !== null) {
    const key = m[1];
    if (key === 'typealias' || key === 'typedef') return undefined;
    let value: AttrValue;
    if (m[2] !== undefined) value = { kind: 'string', value: m[2], tok: -1 };
    else if (m[3] !== undefined) value = { kind: 'int', value: BigInt(m[3]), tok: -1 };
    else value = { kind: 'string', value: m[4], tok: -1, parts: [m[4]] };
    return { struct: false, end: ATTR.lastIndex, key, value };
  }
  STRUCT.lastIndex = at;
  m = STRUCT.exec(text);
  if (m === null || m[1] === 'typealias' || m[1] === 'typedef') return undefined;
  const align = m[3] === undefined ? undefined : Number(m[3]);
  const open = m.index + m[0].indexOf('{');
  return { struct: true, end: STRUCT.lastIndex, key: m[1], body: m[2], open, align, members: undefined };
}

/** Reads the statements of the block body (`at` after `{`, `end` at `}`), or undefined for another shape. */
function matchStatements(text: string, at: number, end: number): Statement[] | undefined {
  const out: Statement[] = [];
  while (!blankTo(text, at, end)) {
    const s = matchStatement(text, at);
    if (s === undefined || s.end > end) return undefined;
    out.push(s);
    at = s.end;
  }
  return out;
}

/**
 * The struct of a `key := struct { ... } [align(N)]` statement (the memo as in compound-types.ts); a body and
 * alignment already built by this path give the same (shared) structure.
 */
function structOf(ctx: ParseContext, s: StructStatement): StructFC {
  if (s.align !== undefined && (s.align === 0 || (s.align & (s.align - 1)) !== 0)) throw new CollapsedBody();
  let members: StructMember[];
  let memo: StructMemo | undefined;
  if (s.members === undefined) {
    memo = ctx.structCache.get(s.body) as StructMemo;
    if (memo.fc && memo.fc.minAlign === s.align) return memo.fc;
    members = memo.members.slice();
  } else {
    members = s.members;
    const size = memoScope(ctx);
    if (size >= 0 && !ctx.structCache.has(s.body)) {
      memo = { members: members.slice(), rootSize: size };
      ctx.structCache.set(s.body, memo);
    }
  }
  let align = s.align ?? 1;
  for (let i = 0; i < members.length; i++) if (members[i].fc.align > align) align = members[i].fc.align;
  const fc: StructFC = { kind: 'struct', align, members };
  if (s.align !== undefined) fc.minAlign = s.align;
  if (memo) memo.fc = fc;
  return fc;
}

/** Resolves the structure bodies of the statements; false when one is not of the fast shape. */
function matchBodies(ctx: ParseContext, text: string, statements: Statement[]): boolean {
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (!s.struct) continue;
    const memo = ctx.structCache.get(s.body);
    const size = memoScope(ctx);
    if (memo && size >= 0 && memo.rootSize === size) continue;
    const members = matchMembers(ctx, text, s.open, s.open + s.body.length - 1);
    if (!members) return false;
    s.members = members;
  }
  return true;
}

function apply(ctx: ParseContext, h: EventHandlers, statements: Statement[], tok: number): void {
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (!s.struct) h.attr({ key: s.key, keyTok: tok, value: s.value });
    else h.type({ key: s.key, keyTok: tok, fc: structOf(ctx, s) });
  }
}

/** Parses the EventBlock token `tok` (the cursor is on it) and moves past it. */
export function parseEventBlock(ctx: ParseContext, tok: number): void {
  const t = ctx.cur.t;
  const text = t.text;
  const start = t.starts[tok];
  const end = t.ends[tok];
  const open = text.indexOf('{', start);
  const close = text.lastIndexOf('}', end);
  const statements = matchStatements(text, open + 1, close);
  let done = false;
  if (statements) {
    const h = new EventHandlers(ctx, { tok });
    done = inScope(ctx, () => {
      if (!matchBodies(ctx, text, statements)) return false;
      apply(ctx, h, statements, tok);
      return true;
    });
    if (done) finishEvent(ctx, h.ev, tok);
  }
  if (!done) {
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
