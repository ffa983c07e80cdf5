/**
 * Collapsed bodies (metadata/tsdl/collapse.ts): repeated `integer { ... }` and `:= struct { ... }` bodies become
 * single tokens. The parse must give exactly what the full token stream gives, trace class and error alike,
 * including where a repeated text means something else (a local type alias, an alias added in between, a body
 * used as a name) and where a collapsed token sits where the parser expects something else.
 */

import { MetadataError } from '../../src/analysis/formats/ctf/ir';
import type { TraceClass } from '../../src/analysis/formats/ctf/ir';
import {
  isPacketizedMetadata,
  parseTsdl,
  unpackMetadata
} from '../../src/analysis/formats/ctf/metadata/tsdl';
import { Tok, tokenize } from '../../src/analysis/formats/ctf/metadata/tsdl/lexer';
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

/** Collapsed bodies in the tokens of `text` (none when it does not tokenize). */
function collapsed(text: string): { ints: number; structs: number } {
  let t: ReturnType<typeof tokenize>;
  try {
    t = tokenize(text, 'metadata', true);
  } catch {
    return { ints: 0, structs: 0 };
  }
  let ints = 0;
  let structs = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.kinds[i] === Tok.IntBody) ints++;
    if (t.kinds[i] === Tok.StructBody) structs++;
  }
  return { ints, structs };
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

function event(id: number, body: string, extra = ''): string {
  return `event {\n\tname = e${id};\n\tid = ${id};\n${extra}\tfields := struct {\n${body}\n\t};\n};\n`;
}

function payloadSizes(tc: TraceClass | MetadataError): number[][] {
  if (tc instanceof MetadataError) throw tc;
  return tc.streams[0].events.map(ev =>
    (ev.payload?.members ?? []).map(m => (m.fc.kind === 'int' ? m.fc.size : -1))
  );
}

describe('collapsed bodies', () => {
  it('repeated integer and payload bodies are collapsed and parse as in full', () => {
    const body = '\t\tinteger { size = 32; align = 8; signed = true; } a;\n\t\tinteger { size = 64; } b;';
    const other = '\t\tinteger { size = 32; align = 8; signed = true; } c;';
    const text = T + H + event(0, body) + event(1, other) + event(2, body) + event(3, body);
    expect(collapsed(text)).toEqual({ ints: 1, structs: 2 });
    const tc = same(text);
    expect(payloadSizes(tc)).toEqual([[32, 64], [32], [32, 64], [32, 64]]);
  });

  it('a local type alias gives a repeated payload text another meaning', () => {
    const alias = '\ttypealias integer { size = 16; } := t;\n';
    const text =
      T + H + 'typealias integer { size = 8; } := t;\n' + event(0, 't x;') + event(1, 't x;', alias);
    expect(collapsed(text).structs).toBe(1);
    expect(payloadSizes(same(text))).toEqual([[8], [16]]);
  });

  it('a type alias declared between two repeated payloads is seen by the second', () => {
    const body = 'integer { size = 8; } x; u y;';
    const text = T + H + event(0, body) + 'typealias integer { size = 24; } := u;\n' + event(1, body);
    // The first payload fails (unknown type u) before the alias exists: same error either way.
    expect(same(text)).toBeInstanceOf(MetadataError);
    const ok = T + H + 'typealias integer { size = 8; } := u;\n' + event(0, body);
    const later = ok + 'typealias integer { size = 24; } := w;\n' + event(1, body);
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
    const text = T + U8 + clock + H + event(0, body) + event(1, body) + event(2, body);
    expect(collapsed(text).structs).toBe(2);
    const tc = same(text) as TraceClass;
    const arrays = tc.streams[0].events.map(ev => ev.payload?.members[2].fc);
    expect(arrays.every(a => a?.kind === 'array' && a.length === 3)).toBe(true);
  });

  it('errors keep their line and column after collapsed bodies', () => {
    const body = '\t\tinteger {\n\t\t\tsize = 32;\n\t\t} a;\n\t\tinteger {\n\t\t\tsize = 32;\n\t\t} b;';
    const text = T + H + event(0, body) + event(1, body) + event(2, body) + 'event { name = x; id = y; };\n';
    expect(collapsed(text).structs).toBe(2);
    const e = same(text);
    expect(e).toBeInstanceOf(MetadataError);
    expect((e as MetadataError).message).toMatch(/'id' expects an unsigned integer/);
    // 2 header lines, 3 events of 12 lines
    expect([(e as MetadataError).line, (e as MetadataError).column]).toEqual([39, 24]);
  });

  it('a collapsed body where no such body is parsed gives the full parse error', () => {
    const cases = [
      // top-level integer declaration: an unknown block
      `${T}${U8}integer { size = 8; align = 8; };\n`,
      // used as a struct / enum name first, then as an integer body
      `${T}${U8}${H}${event(0, 'struct integer { uint8_t x; } s;')}${event(1, 'integer { uint8_t x; } y;')}`,
      // a type assignment in a clock block, repeated from an event payload
      `${T}${U8}${H}${event(0, 'uint8_t x;')}clock { name = c; x := struct {\n\t\tuint8_t x;\n\t}; };\n`,
      // a repeated payload body after a value position
      `${T}${U8}${H}${event(0, 'uint8_t x;')}event { name = f; id = 1; x = struct {\n\t\tuint8_t x;\n\t}; };\n`,
      // an integer body repeated as an attribute value
      `${T}${U8}env { a = integer { size = 8; align = 8; }; };\n`,
      // an error inside the first occurrence of a body that repeats
      `${T}${H}${event(0, 'integer { size = 99; } x;')}${event(1, 'integer { size = 99; } x;')}`,
      // a duplicate field on a repeated line
      `${T}${H}${event(0, 'integer { size = 8; } x;')}${event(1, 'integer { size = 8; } x; integer { size = 8; } x;')}`
    ];
    for (const text of cases) expect(same(text)).toBeInstanceOf(MetadataError);
  });

  it('bodies with comments or quotes are not collapsed', () => {
    const body = 'integer { size = 8; /* } */ } x; string { encoding = "UTF8"; } s;';
    const text = T + H + event(0, body) + event(1, body);
    expect(collapsed(text)).toEqual({ ints: 0, structs: 0 });
    same(text);
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
      bodies += n.ints + n.structs;
      same(text);
    }
    expect(bodies).toBeGreaterThan(10000);
  });
});
