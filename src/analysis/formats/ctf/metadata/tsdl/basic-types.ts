/**
 * TSDL basic type specifiers: `integer { ... }`, `floating_point { ... }` and `string` / `string { ... }`.
 *
 * Scope: reading the attribute body of each into an IR field class, with the CTF 1.8 defaults (babeltrace2's
 * visitor): integer size 1..64 required, alignment 8 when the size is a multiple of 8 else 1, unsigned, base 10,
 * byte order = the trace's; floats only as IEEE 754 binary32 (exp_dig 8, mant_dig 24) or binary64 (11, 53).
 * Unknown attributes are kept in `attributes` (never interpreted). `map = clock.NAME.value` sets `mappedClock`
 * and is checked against the declared clocks once the whole text is parsed.
 */

import type { FloatFC, IntegerFC, StringFC } from '../../ir';
import type { ParseContext } from './context';
import { nativeByteOrder } from './context';
import { CollapsedBody, Tok, bodyText } from './lexer';
import type { Attr } from './values';
import { asBool, asByteOrder, asSmallUnsigned, asString, checkDuplicate, parseAttrBlock } from './values';

const BASES: Record<string, 2 | 8 | 10 | 16> = {
  decimal: 10,
  dec: 10,
  d: 10,
  i: 10,
  u: 10,
  hexadecimal: 16,
  hex: 16,
  x: 16,
  X: 16,
  p: 16,
  octal: 8,
  oct: 8,
  o: 8,
  binary: 2,
  b: 2
};

const ENCODINGS: Record<string, 'utf8' | 'ascii' | 'none'> = {
  UTF8: 'utf8',
  utf8: 'utf8',
  'UTF-8': 'utf8',
  'utf-8': 'utf8',
  ASCII: 'ascii',
  ascii: 'ascii',
  none: 'none'
};

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function readAlign(ctx: ParseContext, attr: Attr, entity: string): number {
  const align = asSmallUnsigned(ctx.cur, attr, entity);
  if (!isPowerOfTwo(align)) {
    ctx.cur.fail(`${entity} alignment must be a power of two, got ${align}`, attr.value.tok);
  }
  return align;
}

function readBase(ctx: ParseContext, attr: Attr): 2 | 8 | 10 | 16 {
  const v = attr.value;
  const base =
    v.kind === 'int' ? ([2n, 8n, 10n, 16n].includes(v.value) ? Number(v.value) : undefined) : BASES[v.value];
  if (base === undefined) {
    ctx.cur.fail(
      `integer attribute 'base' expects 2, 8, 10, 16, decimal, hexadecimal, octal or binary`,
      v.tok
    );
  }
  return base as 2 | 8 | 10 | 16;
}

function readEncoding(ctx: ParseContext, attr: Attr, entity: string): 'utf8' | 'ascii' | 'none' {
  const name = asString(ctx.cur, attr, entity);
  const enc = ENCODINGS[name];
  if (enc === undefined) {
    ctx.cur.fail(`${entity} attribute 'encoding' expects UTF8, ASCII or none, got '${name}'`, attr.value.tok);
  }
  return enc;
}

function readMap(ctx: ParseContext, attr: Attr): string | undefined {
  const v = attr.value;
  if (
    v.kind === 'string' &&
    v.parts &&
    v.parts.length === 3 &&
    v.parts[0] === 'clock' &&
    v.parts[2] === 'value'
  ) {
    ctx.clockRefs.push({ name: v.parts[1], tok: v.tok });
    return v.parts[1];
  }
  return undefined;
}

/** The token index of the `}` closing a flat body opened at `open`, or -1 (nested braces, end of text). */
function flatBodyEnd(ctx: ParseContext, open: number): number {
  const { kinds, count } = ctx.cur.t;
  if (kinds[open] !== Tok.LBrace) return -1;
  for (let i = open + 1; i < count; i++) {
    if (kinds[i] === Tok.RBrace) return i;
    if (kinds[i] === Tok.LBrace) return -1;
  }
  return -1;
}

/**
 * Parses the body of `integer { ... }`; the cursor is on `{`, `kwTok` is the `integer` keyword. Identical body
 * texts give the same (shared, never mutated) field class: the meaning of a body depends only on its text, the
 * native byte order and the clocks, which are the same for the whole metadata. A collapsed body (IntBody token)
 * is always such a repeat.
 */
export function parseIntegerType(ctx: ParseContext, kwTok: number): IntegerFC {
  const cur = ctx.cur;
  const open = cur.pos;
  if (cur.t.kinds[open] === Tok.IntBody) {
    const seen = ctx.intCache.get(bodyText(cur.t, open));
    if (!seen) throw new CollapsedBody();
    cur.pos = open + 1;
    return seen;
  }
  const close = flatBodyEnd(ctx, open);
  const key = close < 0 ? undefined : cur.t.text.slice(cur.t.starts[open], cur.t.ends[close]);
  const cached = key === undefined ? undefined : ctx.intCache.get(key);
  if (cached) {
    cur.pos = close + 1;
    return cached;
  }
  const fc = parseIntegerBody(ctx, kwTok);
  if (key !== undefined) ctx.intCache.set(key, fc);
  return fc;
}

function parseIntegerBody(ctx: ParseContext, kwTok: number): IntegerFC {
  const cur = ctx.cur;
  const seen = new Set<string>();
  let size: number | undefined;
  let align: number | undefined;
  let signed = false;
  let byteOrder: IntegerFC['byteOrder'] | undefined;
  let base: IntegerFC['base'] = 10;
  let encoding: 'utf8' | 'ascii' | 'none' = 'none';
  let mappedClock: string | undefined;
  let attributes: Record<string, unknown> | undefined;
  parseAttrBlock(cur, 'integer', attr => {
    checkDuplicate(cur, seen, attr, 'integer');
    switch (attr.key) {
      case 'size':
        size = asSmallUnsigned(cur, attr, 'integer');
        if (size < 1 || size > 64) {
          cur.fail(`integer size must be between 1 and 64 bits, got ${size}`, attr.value.tok);
        }
        break;
      case 'align':
        align = readAlign(ctx, attr, 'integer');
        break;
      case 'signed':
        signed = asBool(cur, attr, 'integer');
        break;
      case 'byte_order':
        byteOrder = asByteOrder(ctx, attr, 'integer');
        break;
      case 'base':
        base = readBase(ctx, attr);
        break;
      case 'encoding':
        encoding = readEncoding(ctx, attr, 'integer');
        break;
      case 'map':
        mappedClock = readMap(ctx, attr);
        if (mappedClock === undefined) (attributes ??= {})[attr.key] = attr.value.value;
        break;
      default:
        (attributes ??= {})[attr.key] = attr.value.value;
    }
  });
  if (size === undefined) cur.fail("integer type has no 'size' attribute", kwTok);
  const fc: IntegerFC = {
    kind: 'int',
    align: align ?? ((size as number) % 8 === 0 ? 8 : 1),
    size: size as number,
    signed,
    byteOrder: byteOrder ?? nativeByteOrder(ctx, kwTok),
    base
  };
  if (encoding !== 'none') fc.encoding = encoding;
  if (mappedClock !== undefined) fc.mappedClock = mappedClock;
  if (attributes) fc.attributes = attributes;
  return fc;
}

/** Parses the body of `floating_point { ... }`; the cursor is on `{`. */
export function parseFloatType(ctx: ParseContext, kwTok: number): FloatFC {
  const cur = ctx.cur;
  const seen = new Set<string>();
  let expDig: number | undefined;
  let mantDig: number | undefined;
  let align: number | undefined;
  let byteOrder: FloatFC['byteOrder'] | undefined;
  let attributes: Record<string, unknown> | undefined;
  parseAttrBlock(cur, 'floating_point', attr => {
    checkDuplicate(cur, seen, attr, 'floating_point');
    if (attr.key === 'exp_dig') expDig = asSmallUnsigned(cur, attr, 'floating_point');
    else if (attr.key === 'mant_dig') mantDig = asSmallUnsigned(cur, attr, 'floating_point');
    else if (attr.key === 'align') align = readAlign(ctx, attr, 'floating_point');
    else if (attr.key === 'byte_order') byteOrder = asByteOrder(ctx, attr, 'floating_point');
    else (attributes ??= {})[attr.key] = attr.value.value;
  });
  if (expDig === undefined || mantDig === undefined) {
    cur.fail("floating_point type needs both 'exp_dig' and 'mant_dig' attributes", kwTok);
  }
  let size: 32 | 64;
  if (expDig === 8 && mantDig === 24) size = 32;
  else if (expDig === 11 && mantDig === 53) size = 64;
  else {
    return cur.fail(
      `unsupported floating_point type (exp_dig ${expDig}, mant_dig ${mantDig}): expecting 8/24 (32-bit) or 11/53 (64-bit)`,
      kwTok
    );
  }
  const fc: FloatFC = {
    kind: 'float',
    align: align ?? 8,
    size,
    byteOrder: byteOrder ?? nativeByteOrder(ctx, kwTok)
  };
  if (attributes) fc.attributes = attributes;
  return fc;
}

/** Parses the optional body of `string { encoding = ...; }`; the cursor is just after `string`. */
export function parseStringType(ctx: ParseContext): StringFC {
  const cur = ctx.cur;
  const fc: StringFC = { kind: 'string', align: 8, encoding: 'utf8' };
  if (!cur.is(Tok.LBrace)) return fc;
  const seen = new Set<string>();
  parseAttrBlock(cur, 'string', attr => {
    checkDuplicate(cur, seen, attr, 'string');
    if (attr.key === 'encoding') {
      fc.encoding = readEncoding(ctx, attr, 'string') === 'ascii' ? 'ascii' : 'utf8';
    } else {
      (fc.attributes ??= {})[attr.key] = attr.value.value;
    }
  });
  return fc;
}
