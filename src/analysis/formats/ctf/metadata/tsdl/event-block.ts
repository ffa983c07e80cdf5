/**
 * TSDL `event` blocks: the attribute and type handlers (name, id, stream_id, loglevel, model.emf.uri, other
 * attributes kept in `attributes`; `context` and `fields` structures), shared by the token parser here and the
 * fast path of `fast-event.ts`.
 */

import type { RawEvent, ParseContext } from './context';
import { inScope } from './context';
import type { BlockHandlers, TypeStmt } from './block-body';
import { asStruct, dupScope, parseBlockBody } from './block-body';
import { CollapsedBody } from './collapse';
import { Tok } from './lexer';
import type { Attr } from './values';
import { Keys, asSigned, asString, asUnsigned, checkDuplicate } from './values';

/** The handlers filling an event record from the statements of its block. */
export class EventHandlers implements BlockHandlers {
  private readonly seen = new Keys();

  constructor(
    private readonly ctx: ParseContext,
    readonly ev: RawEvent
  ) {}

  attr(a: Attr): void {
    const cur = this.ctx.cur;
    const ev = this.ev;
    checkDuplicate(cur, this.seen, a, 'event');
    if (a.key === 'name') ev.name = asString(cur, a, 'event');
    else if (a.key === 'id') ev.id = asUnsigned(cur, a, 'event');
    else if (a.key === 'stream_id') ev.streamId = asUnsigned(cur, a, 'event');
    else if (a.key === 'loglevel') ev.loglevel = asSigned(cur, a, 'event');
    else if (a.key === 'model.emf.uri') ev.modelEmfUri = asString(cur, a, 'event');
    else (ev.attributes ??= {})[a.key] = a.value.value;
  }

  type(s: TypeStmt): void {
    dupScope(this.ctx, this.seen, s, 'event');
    if (s.key === 'context') this.ev.context = asStruct(this.ctx, s);
    else if (s.key === 'fields') this.ev.payload = asStruct(this.ctx, s);
  }
}

/** Checks and records a parsed event (`tok`: its `event` keyword). */
export function finishEvent(ctx: ParseContext, ev: RawEvent, tok: number): void {
  if (ev.name === undefined) ctx.cur.fail("event block has no 'name' attribute", tok);
  ctx.events.push(ev);
}

/** After `event`: parses the block (`tok`: the keyword). */
export function parseEvent(ctx: ParseContext, tok: number): void {
  const h = new EventHandlers(ctx, { tok });
  inScope(ctx, () => parseBlockBody(ctx, 'event', h));
  finishEvent(ctx, h.ev, tok);
}

/** Parses a token table holding exactly one event block (the fast path's fallback). */
export function parseEventTokens(ctx: ParseContext): void {
  const cur = ctx.cur;
  parseEvent(ctx, cur.next());
  if (!cur.is(Tok.Eof)) throw new CollapsedBody();
}
