/**
 * CTF 2 metadata front end: a CTF 2 metadata stream (JSON text sequence of fragments, CTF2-SPEC-2.0 as written
 * by LTTng 2.14 and barectf, plus the pre-2.0 drafts found in the Trace Compass `CTF2-7.0-*` test traces) ->
 * the IR `TraceClass` (see `../../ir.ts`).
 *
 * Public API:
 *   - `isCtf2Metadata(bytes)`: the stream starts with RS (0x1E), possibly after whitespace;
 *   - `parseCtf2Metadata(bytes, file)`: bytes already unpacked (not packetized). Every problem is a
 *     `MetadataError` whose `line` is the 1-based index of the JSON record, with the property path inside it.
 */

import type { TraceClass } from '../../ir';
import { MetadataError } from '../../ir';
import { Ctf2Error, Props } from './json-access';
import { checkExtensions } from './common';
import { parseJsonSequence } from './json-seq';
import { TraceBuilder } from './trace-builder';

export { isCtf2Metadata } from './json-seq';

export function parseCtf2Metadata(bytes: Uint8Array, file: string): TraceClass {
  const records = parseJsonSequence(bytes, file);
  const builder = new TraceBuilder();
  for (const { index, value } of records) {
    let context = 'fragment';
    try {
      const p = Props.of(value, '');
      const type = p.str('type');
      context = `${type} fragment`;
      if (type !== 'preamble') checkExtensions(p);
      builder.add(type, p);
    } catch (e) {
      if (!(e instanceof Ctf2Error)) throw e;
      throw new MetadataError(
        `${context}${e.where === '' ? '' : ` at ${e.where}`}: ${e.message}`,
        file,
        index
      );
    }
  }
  const last = records.length > 0 ? records[records.length - 1].index : undefined;
  return builder.finish(message => {
    throw new MetadataError(message, file, last);
  });
}
