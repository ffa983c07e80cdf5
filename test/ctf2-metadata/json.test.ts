/**
 * The JSON layer of the CTF 2 front end: the strict JSON parser (64-bit integers kept exact as bigint),
 * JSON text sequence splitting and `isCtf2Metadata` sniffing.
 */

import * as fs from 'fs';
import * as path from 'path';
import { isCtf2Metadata } from '../../src/analysis/formats/ctf/metadata/ctf2';
import {
  JsonSyntaxError,
  lineColumnAt,
  parseJson
} from '../../src/analysis/formats/ctf/metadata/ctf2/json-parse';
import { parseJsonSequence } from '../../src/analysis/formats/ctf/metadata/ctf2/json-seq';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseJson', () => {
  test('values, with integers beyond 2^53 as exact bigints', () => {
    expect(parseJson(' {"a": [1, -2, 3.5, 1e3, true, false, null, "x"]} ')).toEqual({
      a: [1, -2, 3.5, 1000, true, false, null, 'x']
    });
    expect(parseJson('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseJson('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseJson('9007199254740991')).toBe(9007199254740991);
    expect(parseJson('9007199254740993')).toBe(9007199254740993n);
  });

  test('string escapes', () => {
    expect(parseJson('"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"')).toBe('a"b\\c/d\n\té😀');
  });

  test('objects have no prototype surprises', () => {
    const o = parseJson('{"__proto__": 1, "constructor": 2}') as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(['__proto__', 'constructor']);
    expect(o['__proto__']).toBe(1);
  });

  test.each([
    ['{"a": 1,}', 'expected a property name', 8],
    ['[1 2]', "expected ',' or ']' in array", 3],
    ['01', 'unexpected data after the JSON value', 1],
    ['"abc', 'unterminated string', 0],
    ['"a\tb"', 'control character in string', 2],
    ['"\\x"', 'invalid escape sequence', 1],
    ['tru', 'invalid literal', 0],
    ['{"a" 1}', "expected ':' after a property name", 5],
    ['', 'unexpected end of JSON text', 0],
    ['-', 'invalid number', 0],
    ['{"a":1,"a":2}', 'duplicate property "a"', 7]
  ])('refuses %j (%s at %d)', (text, message, offset) => {
    let err: unknown;
    try {
      parseJson(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JsonSyntaxError);
    expect((err as JsonSyntaxError).message).toBe(message);
    expect((err as JsonSyntaxError).offset).toBe(offset);
  });

  test('deep nesting is refused, not a stack overflow', () => {
    expect(() => parseJson('['.repeat(100000))).toThrow('JSON nesting too deep');
  });

  test('lineColumnAt', () => {
    expect(lineColumnAt('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
    expect(lineColumnAt('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('JSON text sequences', () => {
  test('records are numbered by their RS; empty records are skipped', () => {
    const recs = parseJsonSequence(enc('\n\x1e{"a":1}\n\x1e\x1e  \n\x1e[2]\n'), 'm');
    expect(recs).toEqual([
      { index: 1, value: { a: 1 } },
      { index: 4, value: [2] }
    ]);
  });

  test('isCtf2Metadata', () => {
    expect(isCtf2Metadata(enc('\x1e{'))).toBe(true);
    expect(isCtf2Metadata(enc(' \r\n\t\x1e{'))).toBe(true);
    expect(isCtf2Metadata(enc('/* CTF 1.8 */'))).toBe(false);
    expect(isCtf2Metadata(enc('  {"type": "preamble"}'))).toBe(false);
    expect(isCtf2Metadata(new Uint8Array([0x57, 0x1d, 0xd1, 0x75]))).toBe(false);
    expect(isCtf2Metadata(new Uint8Array())).toBe(false);
    expect(isCtf2Metadata(enc('   '))).toBe(false);
  });

  test('a CTF 1.8 metadata file of the corpus is not CTF 2', () => {
    const file = path.join(
      process.cwd(),
      '..',
      'shared',
      'traces',
      'tracecompass',
      'many-threads',
      'metadata'
    );
    expect(isCtf2Metadata(fs.readFileSync(file))).toBe(false);
  });
});
