/**
 * Pre-pass over the TSDL tokens: finds the trace block's `byte_order` before anything is parsed.
 *
 * Scope: integers and floats without `byte_order` (or with `byte_order = native`) take the trace's byte order,
 * and the trace block usually comes after the first typealiases. Like babeltrace2, the native byte order is read
 * first: the first top-level `trace { ... }` is scanned for a `byte_order = VALUE;` statement at its own depth.
 * A trace block without byte_order is reported later by the block parser.
 */

import type { ByteOrder } from '../../ir';
import type { Cursor } from './cursor';
import { Tok } from './lexer';
import { byteOrderOf } from './values';

/** The byte order declared by the first trace block, if any. Throws on an invalid value. */
export function findTraceByteOrder(cur: Cursor): ByteOrder | undefined {
  const { kinds, count } = cur.t;
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const k = kinds[i];
    if (k === Tok.LBrace) depth++;
    else if (k === Tok.RBrace) depth--;
    else if (depth === 0 && k === Tok.Ident && cur.value(i) === 'trace' && kinds[i + 1] === Tok.LBrace) {
      return scanTraceBody(cur, i + 1);
    }
  }
  return undefined;
}

function scanTraceBody(cur: Cursor, open: number): ByteOrder | undefined {
  const { kinds, count } = cur.t;
  let depth = 0;
  for (let j = open; j < count; j++) {
    const k = kinds[j];
    if (k === Tok.LBrace) depth++;
    else if (k === Tok.RBrace) {
      if (--depth === 0) return undefined;
    } else if (
      depth === 1 &&
      k === Tok.Ident &&
      cur.value(j) === 'byte_order' &&
      kinds[j + 1] === Tok.Assign &&
      (kinds[j - 1] === Tok.Semi || kinds[j - 1] === Tok.LBrace)
    ) {
      const vk = kinds[j + 2];
      const bo = vk === Tok.Ident || vk === Tok.String ? byteOrderOf(cur.value(j + 2)) : undefined;
      if (bo === undefined || bo === 'native') {
        cur.fail("trace attribute 'byte_order' must be be, le or network", j + 2);
      }
      return bo as ByteOrder;
    }
  }
  return undefined;
}
