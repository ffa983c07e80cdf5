/**
 * The TSDL fast paths (metadata/tsdl/collapse.ts, fast-event.ts): repeated `integer { ... }` and
 * `:= struct { ... }` bodies become single tokens, and event blocks of the usual shape are read with regular
 * expressions. The parse must give exactly what the full token stream gives, trace class and error alike,
 * including where a repeated text means something else (a local type alias, an alias added in between, a body
 * used as a name) and where a collapsed token sits where the parser expects something else. Event blocks with a
 * comment are not taken by the event fast path, so each scenario runs both ways.
 */

import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import type { TraceClass } from '../../src/analysis/formats/ctf/ir';
import {
  isPacketizedMetadata,
  parseTsdl,
  unpackMetadata
} from '../../src/analysis/formats/ctf/metadata/tsdl';
import { Tok, bodyText, tokenize } from '../../src/analysis/formats/ctf/metadata/tsdl/lexer';
import { metadataFiles, readMetadata } from './helpers/corpus';

const T = 'trace { major = 1; minor = 8; byte_order = le; };\n';
const H = 'stream { event.header := struct { integer { size = 8; } id; }; };\n';
const U8 = 'typealias integer { size = 8; align = 8; } := uint8_t;\n';

function outcome(text: string, collapse: boolean): TraceClass | MetadataError {
  try {
    return parseTsdl(text, 'metadata', collapse);
  } catch (e) {
    if (e instanceof MetadataError) return e;
    throw e;
  }
}

/** Collapsed bodies and fast event blocks in the tokens of `text` (none when it does not tokenize). */
function collapsed(text: string): { ints: number; structs: number; events: number } {
  const n = { ints: 0, structs: 0, events: 0 };
  let t: ReturnType<typeof tokenize>;
  try {
    t = tokenize(text, 'metadata', true);
  } catch {
    return n;
  }
  for (let i = 0; i < t.count; i++) {
    if (t.kinds[i] === Tok.IntBody) n.ints++;
    if (t.kinds[i] === Tok.StructBody) n.structs++;
    if (t.kinds[i] === Tok.EventBlock) n.events++;
    // a collapsed body names the text it stands for
    if (t.kinds[i] === Tok.IntBody || t.kinds[i] === Tok.StructBody) {
      expect(bodyText(t, i)).toBe(text.slice(t.starts[i], t.ends[i]));
    }
  }
  return n;
}

/** Asserts both parses agree; returns the outcome. */
function same(text: string): TraceClass | MetadataError {
  const full = outcome(text, false);
  const fast = outcome(text, true);
  if (full instanceof MetadataError) {
    expect(fast).toBeInstanceOf(MetadataError);
    const e = fast as MetadataError;
    expect([e.message, e.line, e.column]).toEqual([full.message, full.line, full.column]);
  } else {
    expect(fast).toEqual(full);
  }
  return fast;
}

/** An event block; `comment` puts a comment in it, which keeps it off the event fast path. */
function event(id: number, body: string, extra = '', comment = false): string {
  const c = comment ? '\t/* token path */\n' : '';
  return `event {\n\tname = e${id};\n${c}\tid = ${id};\n${extra}\tfields := struct {\n${body}\n\t};\n};\n`;
}

function payloadSizes(tc: TraceClass | MetadataError): number[][] {
  if (tc instanceof MetadataError) throw tc;
  return tc.streams[0].events.map(ev =>
    (ev.payload?.members ?? []).map(m => (m.fc.kind === 'int' ? m.fc.size : -1))
  );
}

describe.each([
  ['token path', true],
  ['event fast path', false]
])('collapsed bodies (%s)', (_, comment) => {
  const ev = (id: number, body: string, extra = ''): string => event(id, body, extra, comment);
  /** On the token path, the collapsed structure bodies expected; on the fast path, the event blocks. */
  const expectTokens = (text: string, structs: number, events: number): void => {
    const n = collapsed(text);
    expect([n.structs, n.events]).toEqual(comment ? [structs, 0] : [0, events]);
  };

  it('repeated integer and payload bodies are collapsed and parse as in full', () => {
    const body = '\t\tinteger { size = 32; align = 8; signed = true; } a;\n\t\tinteger { size = 64; } b;';
    const other = '\t\tinteger { size = 32; align = 8; signed = true; } c;';
    const text = T + H + ev(0, body) + ev(1, other) + ev(2, body) + ev(3, body);
    expectTokens(text, 2, 4);
    expect(collapsed(text).ints).toBe(comment ? 1 : 0);
    const tc = same(text);
    expect(payloadSizes(tc)).toEqual([[32, 64], [32], [32, 64], [32, 64]]);
  });

  it('a local type alias gives a repeated payload text another meaning', () => {
    const alias = '\ttypealias integer { size = 16; } := t;\n';
    const text = T + H + 'typealias integer { size = 8; } := t;\n' + ev(0, 't x;') + ev(1, 't x;', alias);
    expectTokens(text, 1, 2);
    expect(payloadSizes(same(text))).toEqual([[8], [16]]);
  });

  it('a type alias declared between two repeated payloads is seen by the second', () => {
    const body = 'integer { size = 8; } x; u y;';
    const text = T + H + ev(0, body) + 'typealias integer { size = 24; } := u;\n' + ev(1, body);
    // The first payload fails (unknown type u) before the alias exists: same error either way.
    expect(same(text)).toBeInstanceOf(MetadataError);
    const ok = T + H + 'typealias integer { size = 8; } := u;\n' + ev(0, body);
    const later = ok + 'typealias integer { size = 24; } := w;\n' + ev(1, body);
    expect(payloadSizes(same(later))).toEqual([
      [8, 8],
      [8, 8]
    ]);
  });

  it('repeated bodies with sequences, env lengths and clock maps give the same classes', () => {
    const body =
      `uint8_t n; uint8_t s[n]; uint8_t a[env.k];\n` +
      '\t\tinteger { size = 64; map = clock.c.value; } t; enum : uint8_t { A, B } v;';
    const clock = 'clock { name = c; freq = 1000; };\nenv { k = 3; };\n';
    const text = T + U8 + clock + H + ev(0, body) + ev(1, body) + ev(2, body);
    expectTokens(text, 2, 3);
    const tc = same(text) as TraceClass;
    const arrays = tc.streams[0].events.map(e => e.payload?.members[2].fc);
    expect(arrays.every(a => a?.kind === 'array' && a.length === 3)).toBe(true);
  });

  it('errors keep their line and column after collapsed bodies', () => {
    const body = '\t\tinteger {\n\t\t\tsize = 32;\n\t\t} a;\n\t\tinteger {\n\t\t\tsize = 32;\n\t\t} b;';
    const text = T + H + ev(0, body) + ev(1, body) + ev(2, body) + 'event { name = x; id = y; };\n';
    expect(collapsed(text).structs).toBe(comment ? 2 : 0);
    const e = same(text);
    expect(e).toBeInstanceOf(MetadataError);
    expect((e as MetadataError).message).toMatch(/'id' expects an unsigned integer/);
    // 2 header lines, 3 events of 12 lines (13 with the comment)
    expect([(e as MetadataError).line, (e as MetadataError).column]).toEqual([comment ? 42 : 39, 24]);
  });

  it('a collapsed body where no such body is parsed gives the full parse error', () => {
    const cases = [
      // top-level integer declaration: an unknown block
      `${T}${U8}integer { size = 8; align = 8; };\n`,
      // used as a struct / enum name first, then as an integer body
      `${T}${U8}${H}${ev(0, 'struct integer { uint8_t x; } s;')}${ev(1, 'integer { uint8_t x; } y;')}`,
      // a type assignment in a clock block, repeated from an event payload
      `${T}${U8}${H}${ev(0, 'uint8_t x;')}clock { name = c; x := struct {\n\t\tuint8_t x;\n\t}; };\n`,
      // a repeated payload body after a value position
      `${T}${U8}${H}${ev(0, 'uint8_t x;')}event { name = f; id = 1; x = struct {\n\t\tuint8_t x;\n\t}; };\n`,
      // an integer body repeated as an attribute value
      `${T}${U8}env { a = integer { size = 8; align = 8; }; };\n`,
      // an error inside the first occurrence of a body that repeats
      `${T}${H}${ev(0, 'integer { size = 99; } x;')}${ev(1, 'integer { size = 99; } x;')}`,
      // a duplicate field on a repeated line
      `${T}${H}${ev(0, 'integer { size = 8; } x;')}${ev(1, 'integer { size = 8; } x; integer { size = 8; } x;')}`
    ];
    for (const text of cases) expect(same(text)).toBeInstanceOf(MetadataError);
    // a struct named like an event block (valid)
    expect(same(`${T}${U8}struct event { uint8_t x; };\n`)).not.toBeInstanceOf(MetadataError);
  });

  it('bodies with comments or quotes are not collapsed', () => {
    const body = 'integer { size = 8; /* } */ } x; string { encoding = "UTF8"; } s;';
    const text = T + H + ev(0, body) + ev(1, body);
    expect(collapsed(text)).toEqual({ ints: 0, structs: 0, events: 0 });
    same(text);
  });
});

describe('event fast path', () => {
  const I8 = 'integer { size = 8; align = 8; }';
  it('reads the usual statements and members as the token parser does', () => {
    const events = [
      // attributes of every kind, a word value, an unknown attribute, loglevel, context and payload
      `event { name = sched_switch; id = 3; stream_id = 0; loglevel = 13; foo = "bar"; zed = x7; bar = 12;\n` +
        `\tcontext := struct { ${I8} c; }; fields := struct { ${I8} a; ${I8} b[4]; string s; } align(8); };`,
      // string bodies, aliases, arrays of aliases, ASCII strings, a repeated body
      `event { name = "x:y"; id = 4; fields := struct { uint8_t a; uint8_t b[2]; string { encoding = ASCII; } s;` +
        ` string { encoding = UTF8; } t; }; };`,
      `event { name = "x:z"; id = 5; fields := struct { uint8_t a; uint8_t b[2]; string { encoding = ASCII; } s;` +
        ` string { encoding = UTF8; } t; }; };`,
      // integer bodies first seen here (read by the token parser), then repeated
      `event { name = n1; id = 6; fields := struct { integer { size = 3; align = 1; } a; }; };`,
      `event { name = n2; id = 7; fields := struct { integer { size = 3; align = 1; } b; }; };`,
      // shapes left to the token parser: typealias inside, sequence, variant, nested struct, dotted attribute
      `event { name = t1; id = 8; typealias ${I8} := u; fields := struct { u a; }; };`,
      `event { name = t2; id = 9; fields := struct { uint8_t n; uint8_t s[n]; }; };`,
      `event { name = t3; id = 10; fields := struct { struct { uint8_t x; } inner; }; };`,
      `event { name = t4; id = 11; model.emf.uri = "u"; fields := struct { uint8_t a; }; };`,
      `event { name = t5; id = 12; fields := struct { int a; const uint8_t b; }; };`
    ];
    const text = T + U8 + 'typealias integer { size = 8; } := int;\n' + H + events.join('\n') + '\n';
    expect(collapsed(text).events).toBe(events.length);
    const tc = same(text) as TraceClass;
    expect(tc.streams[0].events.map(e => e.name)).toEqual([
      'sched_switch',
      'x:y',
      'x:z',
      'n1',
      'n2',
      't1',
      't2',
      't3',
      't4',
      't5'
    ]);
  });

  it('errors in fast event blocks are those of the full parse', () => {
    const cases = [
      `event { name = a; name = b; fields := struct { ${I8} x; }; };`,
      `event { id = 1; fields := struct { ${I8} x; }; };`,
      `event { name = a; fields := struct { ${I8} x; ${I8} x; }; };`,
      `event { name = a; fields := struct { ${I8} align; }; };`,
      `event { name = a; fields := struct { ${I8} x; } align(3); };`,
      `event { name = a; fields := struct { nope x; }; };`,
      `event { name = a; fields := struct { ${I8} x[-1]; }; };`,
      `event { name = a; typealias = 3; };`,
      `event { name = a; fields := struct { string { encoding = EBCDIC; } s; }; };`
    ];
    for (const e of cases) expect(same(T + U8 + H + e + '\n')).toBeInstanceOf(MetadataError);
  });

  it('collapsed bodies keep their text when the token table grows', () => {
    // thousands of collapsed bodies of two texts in a block off the fast path: the table grows several times,
    // with a collapsed body at the growth point for one of the four member counts
    for (let n = 3000; n < 3004; n++) {
      const members = Array.from({ length: n }, (_, i) =>
        i % 2 ? `integer { size = 16; } f${i};` : `integer { size = 32; } f${i};`
      );
      const text = T + H + event(0, members.join('\n'), '', true);
      expect(collapsed(text).ints).toBe(n - 2);
      const sizes = payloadSizes(same(text))[0];
      expect(sizes.every((size, i) => size === (i % 2 ? 16 : 32))).toBe(true);
    }
  });

  it('every TSDL metadata of the corpus parses as in full', () => {
    const files = metadataFiles();
    expect(files.length).toBeGreaterThan(100);
    let bodies = 0;
    for (const rel of files) {
      const bytes = readMetadata(rel);
      let raw = bytes;
      try {
        if (isPacketizedMetadata(bytes)) raw = unpackMetadata(bytes, rel);
      } catch {
        continue; // damaged packetized metadata: no text to parse
      }
      const text = new TextDecoder().decode(raw).replace(/\0+$/, '');
      const n = collapsed(text);
      bodies += n.ints + n.structs + n.events;
      same(text);
    }
    expect(bodies).toBeGreaterThan(10000);
  });
});
