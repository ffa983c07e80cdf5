/**
 * XML stub reader on hand-written documents: entities and character references, prolog/comments/DOCTYPE/CDATA,
 * sniffing without a telling file name, field unions, stable time ordering, read options, big integers, and
 * well-formedness errors with line numbers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  openXmlStubExperiment,
  sniffPrefix,
  xmlStubFormat,
  XmlStubError
} from '../../src/analysis/formats/xml-stub';
import { XmlTokenizer } from '../../src/analysis/formats/xml-stub/xml-tokenizer';
import { nodeFileSystem } from '../../src/analysis/io/byte-source';
import type { EventBatch, Experiment } from '../../src/analysis/trace/types';
import { TraceDataError } from '../../src/analysis/trace/types';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xml-stub-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

function rows(exp: Experiment): EventBatch[] {
  return [...exp.batches()];
}

function openError(text: string): XmlStubError {
  const p = write(`bad-${Math.random().toString(36).slice(2)}.xml`, text);
  try {
    openXmlStubExperiment([p]);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceDataError);
    expect(e).toBeInstanceOf(XmlStubError);
    return e as XmlStubError;
  }
  throw new Error('no error for: ' + text);
}

describe('XML stub syntax', () => {
  test('entities and character references in attribute values', () => {
    const p = write(
      'entities.dat',
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a <comment> with <trace> inside -->\n<!DOCTYPE trace [ <!ELEMENT trace ANY> ]>\n` +
        `<trace>\n<event timestamp="7" name="a&amp;b">` +
        `<field name="s" type="string" value="x &lt;y&gt; &amp; &quot;q&quot; &apos;z&apos; &#65;&#x42;&#x1F600;"/>` +
        `<field name='single' type='string' value='it&apos;s "fine"'/>` +
        `<field name="ws" type="string" value="a\tb\nc"/>` +
        `</event>\n</trace>\n`
    );
    expect(xmlStubFormat.sniff(p, nodeFileSystem)).toBe(true);
    const exp = openXmlStubExperiment([p]);
    const [b] = rows(exp);
    const cls = exp.eventClasses[0];
    expect(cls.name).toBe('a&b');
    expect(b.str(0, cls.fieldIndex('s'))).toBe('x <y> & "q" \'z\' AB\u{1F600}');
    expect(b.str(0, cls.fieldIndex('single'))).toBe('it\'s "fine"');
    expect(b.str(0, cls.fieldIndex('ws'))).toBe('a b c');
    expect(b.cpu[0]).toBe(-1);
  });

  test('the tokenizer returns CDATA sections and decoded text verbatim', () => {
    const tok = new XmlTokenizer('<a>x &amp; y<![CDATA[<b>&amp;</b>]]></a>');
    const kinds: string[] = [];
    for (let t = tok.next(); t; t = tok.next()) {
      kinds.push(t.kind === 'text' ? `text:${t.text}` : `${t.kind}:${t.name}`);
    }
    expect(kinds).toEqual(['start:a', 'text:x & y', 'text:<b>&amp;</b>', 'end:a']);
  });

  test('sniffing looks at the first element, not the file name', () => {
    expect(sniffPrefix('\ufeff<?xml version="1.0"?><!-- x --><trace>', false)).toBe('yes');
    expect(sniffPrefix('<trace/>', true)).toBe('yes');
    expect(sniffPrefix('<tracer>', true)).toBe('no');
    expect(sniffPrefix('<tmfxml><trace>', true)).toBe('no');
    expect(sniffPrefix('<!-- long comment', false)).toBe('more');
    expect(sniffPrefix('<!-- long comment', true)).toBe('no');
    expect(sniffPrefix('/* CTF 1.8 */', true)).toBe('no');
    const long = write('noext', `<!--${'x'.repeat(20000)}-->\n<trace></trace>`);
    expect(xmlStubFormat.sniff(long, nodeFileSystem)).toBe(true);
    expect(rows(openXmlStubExperiment([long]))).toEqual([]);
    expect(openXmlStubExperiment([long]).timeRange()).toBeUndefined();
  });

  test('classes are the union of fields; a missing field reads as NaN/undefined', () => {
    const p = write(
      'union.xml',
      `<trace><event timestamp="1" name="e"><field name="cpu" type="int" value="0"/><field name="a" type="int" value="1"/></event>` +
        `<event timestamp="2" name="e"><field name="cpu" type="int" value="1"/><field name="b" type="string" value="x"/></event>` +
        `<event timestamp="3" name="e"><field name="a" type="long" value="-5"/><field name="d" type="double" value="2.5"/></event></trace>`
    );
    const exp = openXmlStubExperiment([p]);
    const cls = exp.eventClasses[0];
    expect(cls.fields.map(f => `${f.name}:${f.type}${f.bits ?? ''}`)).toEqual([
      'cpu:int32',
      'a:int64',
      'b:string',
      'd:float'
    ]);
    const [b] = rows(exp);
    const [a, s, d] = ['a', 'b', 'd'].map(n => cls.fieldIndex(n));
    expect([b.int(0, a), b.int(1, a), b.int(2, a)]).toEqual([1, NaN, -5]);
    expect([b.str(0, s), b.str(1, s)]).toEqual([undefined, 'x']);
    expect(b.int(2, d)).toBe(2.5);
    expect(b.value(1, d)).toBeUndefined();
    expect([...b.cpu]).toEqual([0, 1, -1]);
    expect(cls.fieldIndex('nope')).toBe(-1);
    expect(b.int(0, -1)).toBeNaN();
  });

  test('events are sorted stably by time within and across files', () => {
    const ev = (t: number, n: string) => `<event timestamp="${t}" name="${n}"/>`;
    const f1 = write('one.xml', `<trace>${ev(5, 'a')}${ev(3, 'b')}${ev(5, 'c')}${ev(1, 'd')}</trace>`);
    const f2 = write('two.xml', `<trace>${ev(3, 'x')}${ev(5, 'y')}</trace>`);
    const exp = openXmlStubExperiment([f1, f2]);
    const seq = rows(exp).flatMap(b => [...b.ts].map((t, i) => `${t}${exp.eventClasses[b.classId[i]].name}`));
    expect(seq).toEqual(['1d', '3b', '3x', '5a', '5c', '5y']);
    expect(exp.traces.map(t => t.hostname)).toEqual(['one.xml', 'two.xml']);
  });

  test('read options: time bounds (inclusive), class filter, batch size', () => {
    const body = Array.from(
      { length: 10 },
      (_, i) => `<event timestamp="${i * 10}" name="${i % 2 ? 'odd' : 'even'}"/>`
    );
    const exp = openXmlStubExperiment([write('opts.xml', `<trace>${body.join('')}</trace>`)]);
    const ts = (bs: Iterable<EventBatch>) => [...bs].flatMap(b => [...b.ts].map(Number));
    expect(ts(exp.batches({ start: 20n, end: 50n }))).toEqual([20, 30, 40, 50]);
    const odd = exp.eventClasses.find(c => c.name === 'odd')!.id;
    expect(ts(exp.batches({ classIds: new Set([odd]) }))).toEqual([10, 30, 50, 70, 90]);
    expect([...exp.batches({ batchSize: 3 })].map(b => b.length)).toEqual([3, 3, 3, 1]);
  });

  test('integers beyond 2^53 stay exact as bigint', () => {
    const p = write(
      'big.xml',
      `<trace><event timestamp="18446744073709551" name="e"><field name="v" type="long" value="9007199254740993"/>` +
        `<field name="arr" type="longArray" value="1, 9007199254740993"/></event></trace>`
    );
    const exp = openXmlStubExperiment([p]);
    const [b] = rows(exp);
    expect(b.ts[0]).toBe(18446744073709551n);
    expect(b.bigint(0, 0)).toBe(9007199254740993n);
    expect(b.value(0, 1)).toEqual([1, 9007199254740993n]);
  });

  test.each([
    ['<trace>\n<event timestamp="1" name="e">\n</trace>', 3, /does not match <event>/],
    ['<trace>\n<event timestamp="1" name="e">\n<field name="a" type="int" value="1"/>\n', 4, /not closed/],
    [
      '<trace>\n\n<event timestamp="1" name="e"><field name="a" type="string" value="&foo;"/></event></trace>',
      3,
      /unknown entity '&foo;'/
    ],
    ['<trace>\n<event timestamp="x1" name="e"/></trace>', 2, /timestamp 'x1' is not an integer/],
    ['<trace>\n<event name="e"/></trace>', 2, /no 'timestamp' attribute/],
    [
      '<trace>\n<event timestamp="1" name="e">\n  <field name="a" type="int" value="1.5"/></event></trace>',
      3,
      /'1.5' is not an integer/
    ],
    [
      '<trace>\n<event timestamp="1" name="e"><field name="a" type="float" value="1"/></event></trace>',
      2,
      /unknown type 'float'/
    ],
    ['<trace>\n<event timestamp="1" name="e" name="f"/></trace>', 2, /duplicate attribute 'name'/],
    ['<trace>\n<event timestamp=1 name="e"/></trace>', 2, /must be quoted/],
    ['<trace>\n<!-- a -- b -->\n</trace>', 2, /'--' is not allowed/],
    ['<trace>\n<foo/></trace>', 2, /unexpected element <foo> in <trace>/],
    ['<trace>\n<event timestamp="1" name="e">hello</event></trace>', 2, /unexpected text/],
    ['<tmfxml></tmfxml>', 1, /root element is <tmfxml>/],
    ['<trace></trace>\n<trace></trace>', 2, /content after the root element/],
    ['', 1, /no root element/]
  ])('malformed %#: error on line %i', (text, line, message) => {
    const e = openError(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(new RegExp(`line ${line}, column \\d+`));
    expect(e.file).toMatch(/bad-.*\.xml$/);
  });

  test('the byte offset of an error counts UTF-8 bytes', () => {
    const e = openError('<trace><event timestamp="1" name="é"/>\n<bad');
    expect(e.line).toBe(2);
    expect(e.offset).toBe('<trace><event timestamp="1" name="é"/>\n'.length + 1);
  });
});
