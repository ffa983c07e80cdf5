/**
 * The babeltrace2 `ctf-traces/fail` corpus: the traces that fail at the metadata level must be refused with the
 * same diagnosis and line as babeltrace2 2.0.4; the others (broken data) must have acceptable metadata.
 */

import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import { parseCorpus } from './helpers/corpus';

function errorOf(run: () => unknown): MetadataError {
  try {
    run();
  } catch (e) {
    if (e instanceof MetadataError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

/**
 * babeltrace2 2.0.4 on `ctf-traces/fail/*` (stderr):
 *   metadata-syntax-error: "At line 3 in metadata stream: syntax error, unexpected CTF_RSBRAC"
 *   integer-range: "At line 7 ...: syntax error, unexpected CTF_ERROR: token=\"2345...\""
 *   fail1: "At line 15 ...: Invalid trace's `minor` attribute: expecting 1." (it is `major = 0`)
 *   fail2: "At line 9 ...: syntax error, unexpected CTF_ERROR: token=\"\"?\\x20\\o040?\"\"" (bad `\o` escape)
 *   smalltrace: "At line 6 ...: Invalid trace's `minor` attribute: expecting 1." (`major = 0`)
 *   invalid-sequence-length-field-class: "Sequence field class's length field class is not an unsigned integer"
 *   invalid-variant-selector-field-class: "Variant field class's tag field class is not an enumeration"
 *   lttng-modules-2.0-pre1, packet-based-metadata: "Invalid metadata packet version: version=116.121, offset=0"
 */
const FAIL: [string, RegExp, number | undefined][] = [
  ['metadata-syntax-error', /expected an attribute name or '}' in integer, found ']'/, 3],
  ['integer-range', /integer constant '2345\d+' does not fit in 64 bits/, 7],
  ['fail1', /trace attribute 'major' must be 1/, 15],
  ['fail2', /invalid escape sequence '\\o'/, 9],
  ['smalltrace', /trace attribute 'major' must be 1/, 6],
  [
    'invalid-sequence-length-field-class',
    /length of sequence 'x' must be an unsigned integer field, but 'len' is a structure/,
    23
  ],
  [
    'invalid-variant-selector-field-class',
    /tag of variant 'v' must be an enumeration field, but 'selector' is a structure/,
    26
  ],
  [
    'lttng-modules-2.0-pre1',
    /metadata packet at byte offset 0: unsupported packet version 116\.121 \(expected 1\.8\)/,
    undefined
  ],
  [
    'packet-based-metadata',
    /metadata packet at byte offset 0: unsupported packet version 116\.121 \(expected 1\.8\)/,
    undefined
  ]
];

describe('babeltrace2 fail corpus', () => {
  it.each(FAIL.map(([dir, message, line]) => ({ dir, message, line })))(
    'refuses $dir',
    ({ dir, message, line }) => {
      const rel = `babeltrace2/ctf-traces/fail/${dir}/metadata`;
      const e = errorOf(() => parseCorpus(rel));
      expect(e.message).toMatch(message);
      expect(e.file).toBe(rel);
      expect(e.line).toBe(line);
    }
  );

  it.each(['invalid-packet-size/trace', 'valid-events-then-invalid-events/trace'])(
    'accepts the metadata of %s (its data is what is wrong)',
    dir => {
      expect(parseCorpus(`babeltrace2/ctf-traces/fail/${dir}/metadata`).streams.length).toBe(1);
    }
  );
});
