/**
 * CTF 1.8 TSDL metadata front end: metadata text (or metadata file bytes) -> TraceClass (`../../ir.ts`).
 *
 * Scope: the public entry points. The work is split into: lexer (tokens), prepass (trace byte order), blocks /
 * specifiers / compound-types / declarations / declarators / basic-types (one recursive-descent pass building IR
 * field classes directly), assemble (whole-text rules), roles (well-known names -> roles and clocks) and validate.
 * Every problem is a MetadataError naming the file, line and column, and saying what was expected.
 *
 * Opening speed: the text is first parsed in fast mode, where repeated bodies and usual event blocks are single
 * tokens (collapse.ts, fast-event.ts: perf and LTTng metadata then hold a few thousand tokens instead of
 * hundreds of thousands). When that parse meets anything it does not expect, or any error, the text is parsed
 * again in full, so trace classes and error messages never depend on the fast paths (test/ctf-tsdl/collapse).
 *
 * Spec: CTF 1.8 https://diamon.org/ctf/v1.8.3/ ; behaviour follows babeltrace2 2.0's TSDL visitor where the spec
 * leaves room.
 */

import type { TraceClass } from '../../ir';
import { MetadataError } from '../../ir';
import { isPacketizedMetadata, unpackMetadata } from '../packetized';
import { assemble } from './assemble';
import { parseRoot } from './blocks';
import { checkNativeByteOrder, createContext } from './context';
import { Cursor } from './cursor';
import { CollapsedBody, tokenize } from './lexer';
import type { TokenTable } from './lexer';
import { findTraceByteOrder } from './prepass';

/**
 * Parses TSDL metadata text (already unpacked). `file` names the source in error messages. `collapse` (default
 * true) lets the lexer collapse repeated bodies; the result is the same without (tests compare both).
 */
export function parseTsdl(text: string, file: string, collapse = true): TraceClass {
  if (collapse) {
    try {
      return parseTokens(tokenize(text, file, true));
    } catch (e) {
      // Errors are always reported by the full parse, whose positions do not depend on the fast paths.
      if (!(e instanceof CollapsedBody) && !(e instanceof MetadataError)) throw e;
    }
  }
  return parseTokens(tokenize(text, file, false));
}

function parseTokens(tokens: TokenTable): TraceClass {
  const cur = new Cursor(tokens);
  const ctx = createContext(cur, findTraceByteOrder(cur));
  parseRoot(ctx);
  checkNativeByteOrder(ctx);
  return assemble(ctx);
}

/** Parses a TSDL metadata file's bytes: unpacks a packetized stream, decodes UTF-8, then parses. */
export function parseTsdlMetadata(bytes: Uint8Array, file: string): TraceClass {
  const raw = isPacketizedMetadata(bytes) ? unpackMetadata(bytes, file) : bytes;
  let end = raw.length;
  while (end > 0 && raw[end - 1] === 0) end--;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw.subarray(0, end));
  } catch {
    throw new MetadataError('metadata text is not valid UTF-8', file);
  }
  return parseTsdl(text, file);
}

export { isPacketizedMetadata, unpackMetadata };
