/**
 * Hand-written TSDL snippets for each type construct: integers, floats, strings, aliases, structs, enums,
 * variants, arrays and sequences, with the IR they must give (values per the CTF 1.8 spec / babeltrace2).
 */

import type {
  ArrayFC,
  EnumFC,
  FieldClass,
  IntegerFC,
  StructFC,
  VariantFC
} from '../../src/analysis/formats/ctf/ir';
import { parseTsdl } from '../../src/analysis/formats/ctf/metadata/tsdl';

const TRACE_LE = 'trace { major = 1; minor = 8; byte_order = le; };\n';

/** Parses `prelude` + an event whose payload is `fields`, returns the payload. */
function payload(fields: string, prelude = '', trace = TRACE_LE): StructFC {
  const tc = parseTsdl(
    `${prelude}\n${trace}\nevent { name = e; fields := struct {\n${fields}\n}; };\n`,
    'test.tsdl'
  );
  return tc.streams[0].events[0].payload as StructFC;
}

function field(s: StructFC, name: string): FieldClass {
  const m = s.members.find(x => x.name === name);
  if (!m) throw new Error(`no field ${name}`);
  return m.fc;
}

const U8 = 'typealias integer { size = 8; } := uint8_t;\n';
const U32 = 'typealias integer { size = 32; align = 32; } := uint32_t;\n';

describe('integers', () => {
  it('applies the CTF 1.8 defaults', () => {
    const p = payload(
      'integer { size = 32; } a; integer { size = 27; } b; integer { size = 64; signed = true; } c;'
    );
    expect(field(p, 'a')).toEqual({
      kind: 'int',
      size: 32,
      align: 8,
      signed: false,
      byteOrder: 'le',
      base: 10
    });
    expect(field(p, 'b')).toMatchObject({ size: 27, align: 1 });
    expect(field(p, 'c')).toMatchObject({ size: 64, signed: true, align: 8 });
  });

  it('takes the trace byte order even when the trace block comes later', () => {
    const tc = parseTsdl(
      'typealias integer { size = 16; } := u16;\ntypealias integer { size = 16; byte_order = native; } := n16;\n' +
        'event { name = e; fields := struct { u16 a; n16 b; integer { size = 8; byte_order = le; } c; }; };\n' +
        'trace { major = 1; minor = 8; byte_order = be; };',
      't'
    );
    const p = tc.streams[0].events[0].payload as StructFC;
    expect(tc.byteOrder).toBe('be');
    expect(p.members.map(m => (m.fc as IntegerFC).byteOrder)).toEqual(['be', 'be', 'le']);
  });

  it.each([
    ['decimal', 10],
    ['dec', 10],
    ['d', 10],
    ['i', 10],
    ['u', 10],
    ['hexadecimal', 16],
    ['hex', 16],
    ['x', 16],
    ['X', 16],
    ['p', 16],
    ['octal', 8],
    ['oct', 8],
    ['o', 8],
    ['binary', 2],
    ['b', 2],
    ['2', 2],
    ['8', 8],
    ['10', 10],
    ['16', 16]
  ])('base = %s', (base, expected) => {
    expect(field(payload(`integer { size = 8; base = ${base}; } a;`), 'a')).toMatchObject({ base: expected });
  });

  it.each([
    ['le', 'le'],
    ['little_endian', 'le'],
    ['be', 'be'],
    ['big_endian', 'be'],
    ['network', 'be'],
    ['native', 'le']
  ])('byte_order = %s', (bo, expected) => {
    expect(field(payload(`integer { size = 8; byte_order = ${bo}; } a;`), 'a')).toMatchObject({
      byteOrder: expected
    });
  });

  it.each([
    ['UTF8', 'utf8'],
    ['utf8', 'utf8'],
    ['ASCII', 'ascii'],
    ['none', undefined]
  ])('encoding = %s', (enc, expected) => {
    expect((field(payload(`integer { size = 8; encoding = ${enc}; } a;`), 'a') as IntegerFC).encoding).toBe(
      expected
    );
  });

  it('reads signed as a boolean or a number, align, and keeps unknown attributes', () => {
    const p = payload(
      'integer { size = 8; signed = 1; align = 64; x_extra = "yes"; } a; integer { size = 8; signed = FALSE; } b;'
    );
    expect(field(p, 'a')).toEqual({
      kind: 'int',
      size: 8,
      align: 64,
      signed: true,
      byteOrder: 'le',
      base: 10,
      attributes: { x_extra: 'yes' }
    });
    expect(field(p, 'b')).toMatchObject({ signed: false });
  });

  it('maps to a clock declared anywhere in the text', () => {
    const tc = parseTsdl(
      'typealias integer { size = 64; map = clock.mono.value; } := ts_t;\n' +
        TRACE_LE +
        'stream { event.header := struct { integer { size = 8; } id; ts_t timestamp; }; };\n' +
        'clock { name = mono; freq = 1000; };\n' +
        'event { name = a; id = 0; }; event { name = b; id = 1; };',
      't'
    );
    expect(field(tc.streams[0].eventHeader as StructFC, 'timestamp')).toMatchObject({
      size: 64,
      mappedClock: 'mono'
    });
    expect(tc.streams[0].defaultClock).toBe('mono');
  });

  it('reads integer constants in every notation', () => {
    const tc = parseTsdl(
      `${TRACE_LE}env { d = 42; h = 0x2A; H = 0X2a; o = 052; z = 0; s = -42; p = +42; u = 42U; ul = 42ul; llu = 42LLU; ` +
        `big = 18446744073709551615; };`,
      't'
    );
    expect(tc.env).toEqual({
      d: 42n,
      h: 42n,
      H: 42n,
      o: 42n,
      z: 0n,
      s: -42n,
      p: 42n,
      u: 42n,
      ul: 42n,
      llu: 42n,
      big: 2n ** 64n - 1n
    });
  });
});

describe('floats and strings', () => {
  it('reads floating_point as binary32 / binary64', () => {
    const p = payload(
      'floating_point { exp_dig = 8; mant_dig = 24; } f; floating_point { exp_dig = 11; mant_dig = 53; align = 64; byte_order = be; } d;'
    );
    expect(field(p, 'f')).toEqual({ kind: 'float', size: 32, align: 8, byteOrder: 'le' });
    expect(field(p, 'd')).toEqual({ kind: 'float', size: 64, align: 64, byteOrder: 'be' });
  });

  it('reads string and string { encoding }', () => {
    const p = payload(
      'string a; string { encoding = ASCII; } b; string { encoding = UTF8; } c; string { } d;'
    );
    expect(p.members.map(m => m.fc)).toEqual([
      { kind: 'string', align: 8, encoding: 'utf8' },
      { kind: 'string', align: 8, encoding: 'ascii' },
      { kind: 'string', align: 8, encoding: 'utf8' },
      { kind: 'string', align: 8, encoding: 'utf8' }
    ]);
  });
});

describe('type aliases', () => {
  it('supports multi-word names, pointers (shown in hexadecimal) and aliases of aliases', () => {
    const p = payload(
      'unsigned long a; void *b; long_t c; unsigned long *d;',
      'typealias integer { size = 64; } := unsigned long;\n' +
        'typealias integer { size = 32; } := void *;\n' +
        'typealias unsigned long := long_t;\n' +
        'typealias integer { size = 64; } := unsigned long *;\n'
    );
    expect(field(p, 'a')).toMatchObject({ size: 64, base: 10 });
    expect(field(p, 'b')).toMatchObject({ size: 32, base: 16 });
    expect(field(p, 'c')).toMatchObject({ size: 64, base: 10 });
    expect(field(p, 'd')).toMatchObject({ size: 64, base: 16 });
  });

  it('supports typedef with declarators', () => {
    const p = payload('uuid_t id; small_t s;', `${U8}typedef uint8_t uuid_t[16], small_t;\n`);
    expect(field(p, 'id')).toMatchObject({ kind: 'array', length: 16, element: { size: 8 } });
    expect(field(p, 's')).toMatchObject({ kind: 'int', size: 8 });
  });

  it('scopes aliases declared in blocks and struct bodies, allowing shadowing', () => {
    const p = payload(
      'struct { typealias integer { size = 16; } := t; t inner; } s; t outer;',
      'typealias integer { size = 8; } := t;\n'
    );
    expect(field(field(p, 's') as StructFC, 'inner')).toMatchObject({ size: 16 });
    expect(field(p, 'outer')).toMatchObject({ size: 8 });
  });

  it('declares several fields per declaration', () => {
    const p = payload('uint8_t a, b[2], c;', U8);
    expect(p.members.map(m => [m.name, m.fc.kind])).toEqual([
      ['a', 'int'],
      ['b', 'array'],
      ['c', 'int']
    ]);
  });
});

describe('structs', () => {
  it('computes alignment from align(N) and members, and reuses named structs', () => {
    const tc = parseTsdl(
      `${U8}${U32}struct pair { uint8_t a; uint32_t b; };\n${TRACE_LE}` +
        'event { name = e; fields := struct { struct pair p; struct { uint8_t x; } align(64) q; struct { } empty; ' +
        'struct named { uint8_t y; } r; struct named r2; }; };',
      't'
    );
    const p = tc.streams[0].events[0].payload as StructFC;
    expect(field(p, 'p')).toMatchObject({
      kind: 'struct',
      align: 32,
      members: [{ name: 'a' }, { name: 'b' }]
    });
    expect(field(p, 'q')).toMatchObject({ align: 64, minAlign: 64 });
    expect(field(p, 'empty')).toEqual({ kind: 'struct', align: 1, members: [] });
    expect(field(p, 'r2')).toBe(field(p, 'r'));
    expect(p.align).toBe(64);
  });
});

describe('enumerations', () => {
  it('makes implicit values explicit, with ranges and quoted labels', () => {
    const p = payload(
      'enum e : uint8_t { A, B = 5, C = 7 ... 9, D, "quoted label" = 3, "with \\"escapes\\"", A = 20 } x; enum e y;',
      U8
    );
    const e = field(p, 'x') as EnumFC;
    expect(e.kind).toBe('enum');
    expect(e.align).toBe(8);
    expect(e.container).toMatchObject({ kind: 'int', size: 8 });
    expect(e.mappings).toEqual([
      {
        label: 'A',
        ranges: [
          [0n, 0n],
          [20n, 20n]
        ]
      },
      { label: 'B', ranges: [[5n, 5n]] },
      { label: 'C', ranges: [[7n, 9n]] },
      { label: 'D', ranges: [[10n, 10n]] },
      { label: 'quoted label', ranges: [[3n, 3n]] },
      { label: 'with "escapes"', ranges: [[4n, 4n]] }
    ]);
    expect(field(p, 'y')).toBe(e);
  });

  it('defaults the container to the int alias, accepts signed values and a trailing comma', () => {
    const p = payload(
      'enum { NEG = -2, ZERO = 0, }  x;',
      'typealias integer { size = 16; signed = true; } := int;\n'
    );
    const e = field(p, 'x') as EnumFC;
    expect(e.container).toMatchObject({ size: 16, signed: true });
    expect(e.mappings).toEqual([
      { label: 'NEG', ranges: [[-2n, -2n]] },
      { label: 'ZERO', ranges: [[0n, 0n]] }
    ]);
  });

  it('accepts an inline integer container and keyword labels', () => {
    const p = payload('enum : integer { size = 3; } { string, int = 7 } x;');
    expect((field(p, 'x') as EnumFC).mappings.map(m => m.label)).toEqual(['string', 'int']);
  });
});

describe('variants', () => {
  const prelude = `${U8}${U32}`;

  it('reads tagged anonymous variants with options', () => {
    const p = payload(
      'enum : uint8_t { a, b } tag; variant <tag> { uint8_t a; struct { uint32_t x; } b; } v;',
      prelude
    );
    const v = field(p, 'v') as VariantFC;
    expect(v.kind).toBe('variant');
    expect(v.align).toBe(1);
    expect(v.selectorLocation).toEqual({ path: ['tag'] });
    expect(v.options.map(o => [o.name, o.fc.kind])).toEqual([
      ['a', 'int'],
      ['b', 'struct']
    ]);
  });

  it('tags a named untagged variant where it is used', () => {
    const tc = parseTsdl(
      `${prelude}variant choice { uint8_t a; uint32_t b; };\n${TRACE_LE}` +
        'stream { event.header := struct { enum : uint8_t { a, b } id; }; };\n' +
        'event { name = e; fields := struct { enum : uint8_t { a, b } t; variant choice <t> v1; ' +
        'variant choice <stream.event.header.id> v2; variant named <t> { string a; } v3; variant named <t> v4; }; };',
      't'
    );
    const p = tc.streams[0].events[0].payload as StructFC;
    expect((field(p, 'v1') as VariantFC).selectorLocation).toEqual({ path: ['t'] });
    expect((field(p, 'v2') as VariantFC).selectorLocation).toEqual({ origin: 'event.header', path: ['id'] });
    expect((field(p, 'v1') as VariantFC).options).toBe((field(p, 'v2') as VariantFC).options);
    expect((field(p, 'v4') as VariantFC).options.map(o => o.name)).toEqual(['a']);
  });
  it('declares an untagged variant inside a struct and tags it at its use', () => {
    const p = payload(
      'enum : uint8_t { a, b } sel; variant inner { string a; uint32_t b; }; variant inner <sel> x;',
      prelude
    );
    expect(p.members.map(m => m.name)).toEqual(['sel', 'x']);
    expect(field(p, 'x')).toMatchObject({ kind: 'variant', selectorLocation: { path: ['sel'] } });
  });
});

describe('arrays and sequences', () => {
  it('nests multi-dimensional arrays as in C', () => {
    const p = payload('uint8_t m[2][3];', U8);
    const outer = field(p, 'm') as ArrayFC;
    expect(outer.length).toBe(2);
    expect(outer.element).toMatchObject({ kind: 'array', length: 3, element: { kind: 'int', size: 8 } });
    expect(outer.align).toBe(8);
  });

  it('reads sequences with relative and absolute length paths', () => {
    const tc = parseTsdl(
      `${U8}${U32}${TRACE_LE.replace('};', 'packet.header := struct { uint32_t hlen; }; };')}` +
        'stream { packet.context := struct { uint32_t plen; }; event.context := struct { uint32_t clen; }; };\n' +
        'event { name = e; context := struct { uint32_t slen; }; fields := struct { uint32_t len; struct { uint8_t n; } s; ' +
        'uint8_t a[len]; uint8_t b[s.n]; uint8_t c[trace.packet.header.hlen]; uint8_t d[stream.packet.context.plen]; ' +
        'uint8_t f[stream.event.context.clen]; uint8_t g[event.context.slen]; uint8_t h[event.fields.len]; ' +
        'uint8_t i[len][2]; uint8_t j[2][len]; }; };',
      't'
    );
    const p = tc.streams[0].events[0].payload as StructFC;
    const loc = (n: string): unknown => (field(p, n) as ArrayFC).lengthLocation;
    expect(loc('a')).toEqual({ path: ['len'] });
    expect(loc('b')).toEqual({ path: ['s', 'n'] });
    expect(loc('c')).toEqual({ origin: 'packet.header', path: ['hlen'] });
    expect(loc('d')).toEqual({ origin: 'packet.context', path: ['plen'] });
    expect(loc('f')).toEqual({ origin: 'event.common_context', path: ['clen'] });
    expect(loc('g')).toEqual({ origin: 'event.specific_context', path: ['slen'] });
    expect(loc('h')).toEqual({ origin: 'event.payload', path: ['len'] });
    expect(field(p, 'i')).toMatchObject({
      lengthLocation: { path: ['len'] },
      element: { kind: 'array', length: 2 }
    });
    expect(field(p, 'j')).toMatchObject({
      length: 2,
      element: { kind: 'array', lengthLocation: { path: ['len'] } }
    });
  });

  it('sizes [env.NAME] arrays from the environment, wherever the env block is', () => {
    const p = payload('uint8_t a[env.count];', U8, `${TRACE_LE}env { count = 4; };\n`);
    expect(field(p, 'a')).toMatchObject({ kind: 'array', length: 4 });
  });
});
