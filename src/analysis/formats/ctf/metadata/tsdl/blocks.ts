/**
 * TSDL top level: `trace`, `stream`, `event`, `clock`, `env` and `callsite` blocks, type declarations.
 *
 * Scope: parsing each block's statements (`key = value;`, `key := TYPE;`, typealias / typedef) into the raw
 * records of the ParseContext, checking attribute values and duplicates as babeltrace2 does (trace major must be
 * 1 and minor 8, clock frequency non-zero, ...). `trace`, `stream` and `event` bodies are declaration scopes.
 * Unknown attributes are ignored. `callsite` blocks are parsed and dropped. Event blocks are in `event-block.ts`
 * (and `fast-event.ts` for the EventBlock tokens of the fast lexer mode).
 */

import type { ClockDecl, ParseContext, RawStream, RawTrace } from './context';
import { inScope } from './context';
import { asStruct, dupScope, parseBlockBody } from './block-body';
import { parseTypealias, parseTypedef } from './declarations';
import { parseEvent } from './event-block';
import { parseEventBlock } from './fast-event';
import { Tok } from './lexer';
import { parseSpecifiers, startsSpecifiers } from './specifiers';
import { asBool, asSigned, asString, asUnsigned, asUuid, byteOrderOf, checkDuplicate } from './values';

function parseTrace(ctx: ParseContext, tok: number): void {
  const cur = ctx.cur;
  if (ctx.trace) cur.fail('duplicate trace block', tok);
  const trace: RawTrace = { tok };
  const seen = new Set<string>();
  inScope(ctx, () =>
    parseBlockBody(ctx, 'trace', {
      attr: a => {
        checkDuplicate(cur, seen, a, 'trace');
        if (a.key === 'major') {
          trace.major = asUnsigned(cur, a, 'trace');
          if (trace.major !== 1n) {
            cur.fail(`trace attribute 'major' must be 1 (CTF 1.8), got ${trace.major}`, a.value.tok);
          }
        } else if (a.key === 'minor') {
          trace.minor = asUnsigned(cur, a, 'trace');
          if (trace.minor !== 8n) {
            cur.fail(`trace attribute 'minor' must be 8 (CTF 1.8), got ${trace.minor}`, a.value.tok);
          }
        } else if (a.key === 'uuid') {
          trace.uuid = asUuid(cur, a, 'trace');
        } else if (a.key === 'byte_order') {
          const bo = a.value.kind === 'string' ? byteOrderOf(a.value.value) : undefined;
          if (bo === undefined || bo === 'native') {
            cur.fail("trace attribute 'byte_order' must be be, le or network", a.value.tok);
          }
          trace.byteOrder = bo as RawTrace['byteOrder'];
        }
      },
      type: s => {
        dupScope(ctx, seen, s, 'trace');
        if (s.key === 'packet.header') {
          trace.packetHeader = asStruct(ctx, s);
          trace.packetHeaderTok = s.keyTok;
        }
      }
    })
  );
  if (trace.major === undefined) cur.fail("trace block has no 'major' attribute", tok);
  if (trace.minor === undefined) cur.fail("trace block has no 'minor' attribute", tok);
  if (trace.byteOrder === undefined) cur.fail("trace block has no 'byte_order' attribute", tok);
  ctx.trace = trace;
}

function parseStream(ctx: ParseContext, tok: number): void {
  const cur = ctx.cur;
  const stream: RawStream = { tok };
  const seen = new Set<string>();
  inScope(ctx, () =>
    parseBlockBody(ctx, 'stream', {
      attr: a => {
        checkDuplicate(cur, seen, a, 'stream');
        if (a.key === 'id') stream.id = asUnsigned(cur, a, 'stream');
      },
      type: s => {
        dupScope(ctx, seen, s, 'stream');
        if (s.key === 'packet.context') stream.packetContext = asStruct(ctx, s);
        else if (s.key === 'event.header') stream.eventHeader = asStruct(ctx, s);
        else if (s.key === 'event.context') stream.eventContext = asStruct(ctx, s);
      }
    })
  );
  ctx.streams.push(stream);
}

function parseClock(ctx: ParseContext, tok: number): void {
  const cur = ctx.cur;
  const decl: ClockDecl = {
    tok,
    clock: { name: '', freq: 1000000000n, offsetSeconds: 0n, offsetCycles: 0n }
  };
  const c = decl.clock;
  const seen = new Set<string>();
  let named = false;
  parseBlockBody(ctx, 'clock', {
    attr: a => {
      checkDuplicate(cur, seen, a, 'clock');
      if (a.key === 'name') {
        c.name = asString(cur, a, 'clock');
        named = true;
      } else if (a.key === 'uuid') c.uuid = asUuid(cur, a, 'clock');
      else if (a.key === 'description') c.description = asString(cur, a, 'clock');
      else if (a.key === 'freq') {
        c.freq = asUnsigned(cur, a, 'clock');
        if (c.freq === 0n) cur.fail("clock attribute 'freq' must not be 0", a.value.tok);
      } else if (a.key === 'precision') c.precision = asUnsigned(cur, a, 'clock');
      else if (a.key === 'offset_s') c.offsetSeconds = asSigned(cur, a, 'clock');
      else if (a.key === 'offset') c.offsetCycles = asUnsigned(cur, a, 'clock');
      else if (a.key === 'absolute') c.absolute = asBool(cur, a, 'clock');
    }
  });
  if (!named) cur.fail("clock block has no 'name' attribute", tok);
  if (ctx.clocks.some(d => d.clock.name === c.name)) cur.fail(`duplicate clock '${c.name}'`, tok);
  ctx.clocks.push(decl);
}

function parseEnv(ctx: ParseContext): void {
  parseBlockBody(ctx, 'env', {
    attr: a => {
      ctx.env[a.key] = a.value.value;
    }
  });
}

function parseBlock(ctx: ParseContext, word: string): void {
  const tok = ctx.cur.next();
  switch (word) {
    case 'trace':
      return parseTrace(ctx, tok);
    case 'stream':
      return parseStream(ctx, tok);
    case 'event':
      return parseEvent(ctx, tok);
    case 'clock':
      return parseClock(ctx, tok);
    case 'env':
      return parseEnv(ctx);
    case 'callsite':
      return parseBlockBody(ctx, 'callsite', { attr: () => undefined });
    default:
      ctx.cur.fail(`unknown block '${word}': expected trace, stream, event, clock, env or callsite`, tok);
  }
}

/** Parses the whole token table into the context's raw records. */
export function parseRoot(ctx: ParseContext): void {
  const cur = ctx.cur;
  const kinds = cur.t.kinds;
  for (;;) {
    if (kinds[cur.pos] === Tok.EventBlock) {
      parseEventBlock(ctx, cur.pos);
      continue;
    }
    if (cur.is(Tok.Eof)) break;
    const w = cur.ident();
    if (w !== undefined && cur.is(Tok.LBrace, 1)) {
      parseBlock(ctx, w);
    } else if (w === 'typealias') {
      parseTypealias(ctx);
    } else if (w === 'typedef') {
      parseTypedef(ctx);
    } else if (startsSpecifiers(ctx)) {
      parseSpecifiers(ctx, 'a top-level declaration');
      cur.expect(Tok.Semi, 'after a top-level type declaration (fields cannot be declared at top level)');
    } else {
      cur.fail(
        `unexpected ${cur.describe()} at top level: expected trace, stream, event, clock, env, callsite, typealias, typedef or a type declaration`
      );
    }
  }
}
