/**
 * Invalid TSDL: every problem must be a MetadataError naming the file, the line and column, and what was
 * expected (hand-written snippets; the babeltrace2 fail corpus is in fail-corpus.test.ts).
 */

import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import { parseTsdl } from '../../src/analysis/formats/ctf/metadata/tsdl';

const T = 'trace { major = 1; minor = 8; byte_order = le; };\n';
const U8 = 'typealias integer { size = 8; } := uint8_t;\n';

function errorOf(run: () => unknown): MetadataError {
  try {
    run();
  } catch (e) {
    if (e instanceof MetadataError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

/** [what, text, message pattern, line, column] */
const CASES: [string, string, RegExp, number, number?][] = [
  [
    'syntax: missing semicolon',
    `${T}event { name = e\n};`,
    /expected ';' after the 'name' attribute, found '}'/,
    3,
    1
  ],
  ['syntax: stray token at top level', `${T}42;`, /unexpected '42' at top level/, 2, 1],
  [
    'syntax: unterminated struct',
    `${T}event { name = e; fields := struct { string s;`,
    /expected a struct field, found end of metadata|expected a type for a struct field, found end of metadata/,
    2
  ],
  ['lexer: invalid character', `${T}env { a = 1 @ 2; };`, /invalid character '@'/, 2, 13],
  ['lexer: unterminated comment', `${T}/* never closed\n`, /unterminated comment/, 2, 1],
  ['lexer: unterminated string', `${T}env { a = "abc; };`, /unterminated string literal/, 2, 11],
  ['lexer: invalid escape', `${T}env { a = "x\\qy"; };`, /invalid escape sequence '\\q'/, 2, 13],
  ['lexer: integer too large', `${T}env { a = 18446744073709551616; };`, /does not fit in 64 bits/, 2, 11],
  ['lexer: invalid octal', `${T}env { a = 09; };`, /invalid integer constant '09'/, 2, 11],
  [
    'unknown type name',
    `${T}event { name = e; fields := struct { uint99_t x; }; };`,
    /unknown type 'uint99_t'/,
    2,
    38
  ],
  [
    'unknown struct',
    `${T}event { name = e; fields := struct { struct nope x; }; };`,
    /unknown struct 'nope'/,
    2,
    45
  ],
  [
    'unknown enum',
    `${T}event { name = e; fields := struct { enum nope x; }; };`,
    /unknown enum 'nope'/,
    2,
    43
  ],
  [
    'unknown variant',
    `${T}event { name = e; fields := struct { variant nope <x> v; }; };`,
    /unknown variant 'nope'/,
    2,
    46
  ],
  [
    'duplicate field',
    `${U8}${T}event { name = e; fields := struct { uint8_t a; uint8_t a; }; };`,
    /duplicate field 'a' in struct/,
    3,
    57
  ],
  [
    'duplicate typealias in one scope',
    `${T}${U8}${U8}`,
    /type 'uint8_t' is already defined in this scope/,
    3,
    36
  ],
  [
    'duplicate struct name',
    'struct s { }; struct s { };',
    /struct 's' is already defined in this scope/,
    1,
    22
  ],
  ['duplicate attribute', `${T}event { name = a; name = b; };`, /duplicate attribute 'name' in event/, 2, 19],
  [
    'integer size 0',
    'typealias integer { size = 0; } := t;',
    /integer size must be between 1 and 64 bits, got 0/,
    1,
    28
  ],
  [
    'integer size 65',
    'typealias integer { size = 65; } := t;',
    /integer size must be between 1 and 64 bits, got 65/,
    1,
    28
  ],
  [
    'integer without size',
    'typealias integer { signed = true; } := t;',
    /integer type has no 'size' attribute/,
    1,
    11
  ],
  [
    'alignment not a power of two',
    'typealias integer { size = 8; align = 3; } := t;',
    /alignment must be a power of two, got 3/,
    1,
    39
  ],
  ['bad base', 'typealias integer { size = 8; base = 7; } := t;', /'base' expects/, 1, 38],
  [
    'bad encoding',
    'typealias integer { size = 8; encoding = EBCDIC; } := t;',
    /'encoding' expects UTF8, ASCII or none, got 'EBCDIC'/,
    1,
    42
  ],
  [
    'bad byte order',
    'typealias integer { size = 8; byte_order = middle; } := t;',
    /'byte_order' expects be, le, network or native/,
    1,
    44
  ],
  [
    'bad boolean',
    'typealias integer { size = 8; signed = maybe; } := t;',
    /expects true, false, TRUE, FALSE or an integer/,
    1,
    40
  ],
  [
    'bad float',
    'typealias floating_point { exp_dig = 5; mant_dig = 11; } := half;',
    /unsupported floating_point type \(exp_dig 5, mant_dig 11\)/,
    1,
    11
  ],
  [
    'enum range reversed',
    `${T}${U8}enum e : uint8_t { A = 9 ... 7 };`,
    /bad range for enumerator 'A': 9 \.\.\. 7/,
    3,
    20
  ],
  [
    'enum value outside container',
    `${T}${U8}enum e : uint8_t { A = 250, B, C, D, E, F, G };`,
    /value of enumerator 'G' \(256\) does not fit the 8-bit unsigned container/,
    3,
    44
  ],
  [
    'enum negative in unsigned container',
    `${T}${U8}enum e : uint8_t { A = -1 };`,
    /does not fit the 8-bit unsigned container/,
    3,
    20
  ],
  ['enum without int alias', 'enum e { A };', /needs a type alias named 'int'/, 1, 1],
  [
    'enum container not an integer',
    'typealias string := str_t;\nenum e : str_t { A };',
    /must be an integer type/,
    2,
    10
  ],
  [
    'negative array length',
    `${U8}${T}event { name = e; fields := struct { uint8_t a[-1]; }; };`,
    /array length cannot be negative/,
    3,
    48
  ],
  [
    'empty array length',
    `${U8}${T}event { name = e; fields := struct { uint8_t a[]; }; };`,
    /expected an array length or a length field name, found ']'/,
    3,
    48
  ],
  [
    'bit-field',
    `${U8}${T}event { name = e; fields := struct { uint8_t a : 3; }; };`,
    /bit-field declarators .* are not supported/,
    3,
    48
  ],
  [
    'reserved word as field name',
    `${U8}${T}event { name = e; fields := struct { uint8_t event; }; };`,
    /'event' is a reserved word and cannot name a field/,
    3,
    46
  ],
  [
    'unknown scope in path',
    `${U8}${T}event { name = e; fields := struct { uint8_t a[stream.nowhere.x]; }; };`,
    /unknown scope in field path 'stream.nowhere.x'/,
    3,
    48
  ],
  [
    'sequence length is a struct',
    `${U8}${T}event { name = e; fields := struct { struct { uint8_t n; } len; uint8_t a[len]; }; };`,
    /length of sequence 'a' must be an unsigned integer field, but 'len' is a structure/,
    3,
    73
  ],
  [
    'sequence length is signed',
    `${T}event { name = e; fields := struct { integer { size = 8; signed = true; } n; string a[n]; }; };`,
    /'n' is a signed integer/,
    2,
    85
  ],
  [
    'variant tag is an integer',
    `${U8}${T}event { name = e; fields := struct { uint8_t t; variant <t> { string a; } v; }; };`,
    /tag of variant 'v' must be an enumeration field, but 't' is an unsigned integer/,
    3,
    75
  ],
  [
    'untagged variant field',
    `${U8}${T}event { name = e; fields := struct { variant { string a; } v; }; };`,
    /variant 'v' has no tag/,
    3,
    60
  ],
  [
    'typealias of untagged variant',
    'typealias variant { string a; } := v_t;',
    /a type alias of an untagged variant is not allowed/,
    1,
    1
  ],
  [
    'scope type is not a struct',
    `${U8}${T}event { name = e; fields := uint8_t; };`,
    /'fields' must be a structure type, got int/,
    3,
    19
  ],
  ['missing trace block', 'event { name = e; };', /the metadata has no trace block/, NaN],
  ['duplicate trace block', `${T}${T}`, /duplicate trace block/, 2, 1],
  [
    'trace major',
    'trace { major = 2; minor = 8; byte_order = le; };',
    /trace attribute 'major' must be 1 \(CTF 1.8\), got 2/,
    1,
    17
  ],
  [
    'trace minor',
    'trace { major = 1; minor = 7; byte_order = le; };',
    /trace attribute 'minor' must be 8 \(CTF 1.8\), got 7/,
    1,
    28
  ],
  [
    'trace without byte_order',
    'trace { major = 1; minor = 8; };',
    /trace block has no 'byte_order' attribute/,
    1,
    1
  ],
  [
    'native trace byte order',
    'typealias integer { size = 8; } := t;\ntrace { major = 1; minor = 8; byte_order = native; };',
    /trace attribute 'byte_order' must be be, le or network/,
    2,
    44
  ],
  [
    'native byte order without trace',
    'typealias integer { size = 8; byte_order = native; } := t;',
    /no native byte order/,
    1,
    44
  ],
  [
    'bad trace uuid',
    'trace { major = 1; minor = 8; byte_order = le; uuid = "not-a-uuid"; };',
    /trace attribute 'uuid' is not a UUID/,
    1,
    55
  ],
  [
    'map to an undeclared clock',
    `typealias integer { size = 64; map = clock.nope.value; } := t;\n${T}`,
    /map attribute names an undeclared clock 'nope'/,
    1,
    38
  ],
  ['duplicate clock', `${T}clock { name = c; };\nclock { name = c; };`, /duplicate clock 'c'/, 3, 1],
  ['clock without name', `${T}clock { freq = 1; };`, /clock block has no 'name' attribute/, 2, 1],
  ['clock frequency 0', `${T}clock { name = c; freq = 0; };`, /clock attribute 'freq' must not be 0/, 2, 26],
  ['event without name', `${T}event { id = 1; };`, /event block has no 'name' attribute/, 2, 1],
  [
    'duplicate event id',
    `${U8}${T}stream { event.header := struct { uint8_t id; }; };\nevent { name = a; id = 1; };\nevent { name = b; id = 1; };`,
    /duplicate event id 1 in stream 0 \('b'\)/,
    5,
    1
  ],
  [
    'second event without id',
    `${U8}${T}stream { event.header := struct { uint8_t id; }; };\nevent { name = a; };\nevent { name = b; };`,
    /event 'b' has no 'id' attribute/,
    5,
    1
  ],
  [
    'event of an undeclared stream',
    `${T}event { name = a; stream_id = 3; };`,
    /event 'a' refers to stream 3, which is not declared/,
    2,
    1
  ],
  [
    'stream id without packet header stream_id',
    `${T}stream { id = 1; };`,
    /stream 1 has an 'id' but the trace packet header has no 'stream_id' field/,
    2,
    1
  ],
  [
    'missing env entry',
    `${U8}${T}event { name = e; fields := struct { uint8_t a[env.nope]; }; };`,
    /unknown environment entry 'env.nope'/,
    3,
    48
  ],
  [
    'event header without id for several events',
    `${U8}${T}stream { event.header := struct { uint8_t x; }; };\nevent { name = a; id = 0; };\nevent { name = b; id = 1; };`,
    /the event header of stream 0 needs an 'id' field: the stream has 2 event classes/,
    3,
    1
  ],
  [
    'magic not first',
    `${U8}typealias integer { size = 32; } := u32;\ntrace { major = 1; minor = 8; byte_order = le; packet.header := struct { uint8_t x; u32 magic; }; };`,
    /'magic' must be the first member/,
    3,
    48
  ],
  [
    'magic not 32-bit',
    `${U8}trace { major = 1; minor = 8; byte_order = le; packet.header := struct { uint8_t magic; }; };`,
    /'magic' must be a 32-bit unsigned integer/,
    2,
    48
  ],
  [
    'uuid not 16 bytes',
    `${U8}trace { major = 1; minor = 8; byte_order = le; packet.header := struct { uint8_t uuid[8]; }; };`,
    /'uuid' must be an array of 16/,
    2,
    48
  ],
  [
    'signed packet size',
    `${T}stream { packet.context := struct { integer { size = 64; signed = true; } packet_size; }; };`,
    /packet context field 'packet_size' of stream 0 must be an unsigned integer/,
    2,
    1
  ],
  [
    'unmapped timestamp with two clocks',
    `${U8}${T}clock { name = a; };\nclock { name = b; };\nstream { event.header := struct { uint8_t timestamp; }; };`,
    /field 'timestamp' maps to no clock and the trace has 2 clocks/,
    5,
    1
  ],
  [
    'stream mapping two clocks',
    `${T}clock { name = a; };\nclock { name = b; };\nstream { event.header := struct { integer { size = 8; map = clock.a.value; } timestamp; }; event.context := struct { integer { size = 8; map = clock.b.value; } t2; }; };`,
    /stream 0 maps fields to more than one clock \(a, b\)/,
    4,
    1
  ],
  [
    'id-less stream after another stream',
    `${U8}trace { major = 1; minor = 8; byte_order = le; packet.header := struct { uint8_t stream_id; }; };\nstream { id = 1; };\nstream { };`,
    /stream block has no 'id' attribute but other streams are declared before it/,
    4,
    1
  ],
  [
    'event without stream_id among several streams',
    `${U8}trace { major = 1; minor = 8; byte_order = le; packet.header := struct { uint8_t stream_id; }; };\nstream { id = 1; };\nstream { id = 2; };\nevent { name = e; };`,
    /event 'e' has no 'stream_id' attribute but the trace has 2 streams/,
    5,
    1
  ],
  ['unknown block', `${T}bogus { };`, /unknown block 'bogus'/, 2, 1]
];

describe('TSDL errors', () => {
  it.each(CASES.map(([what, text, message, line, column]) => ({ what, text, message, line, column })))(
    '$what',
    ({ text, message, line, column }) => {
      const e = errorOf(() => parseTsdl(text, 'bad.tsdl'));
      expect(e.name).toBe('MetadataError');
      expect(e.file).toBe('bad.tsdl');
      expect(e.message).toMatch(message);
      if (Number.isNaN(line)) {
        expect(e.line).toBeUndefined();
      } else {
        expect(e.line).toBe(line);
        if (column !== undefined) expect(e.column).toBe(column);
        expect(e.message.startsWith(`bad.tsdl:${line}:`)).toBe(true);
      }
    }
  );
});
