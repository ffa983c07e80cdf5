/**
 * The parity suite's own instruments, against known answers: babeltrace2 2.0.4 pretty lines (copied from its
 * output on corpus traces) parse into the right values; `%g` formatting equals C printf's (Python's `'%g' % v`
 * gives the same digits); the value comparison accepts what babeltrace2 prints and rejects near misses; the
 * `sink.text.details` parser reads an expectation block.
 */
import { parsePrettyLine } from '../helpers/bt2-pretty-parse';
import type { BtValue } from '../helpers/bt2-pretty-parse';
import { compareValue, formatG } from '../helpers/compare-values';
import { parseDetailsEvents } from '../helpers/details-parse';
import type { FieldValue } from '../../src/analysis/trace/types';

const member = (s: BtValue | undefined, name: string): BtValue | undefined =>
  s?.k === 'struct' ? s.m.find(([n]) => n === name)?.[1] : undefined;

function diff(bt: BtValue, tl: FieldValue): string[] {
  const out: string[] = [];
  compareValue(bt, tl, 'f', out);
  return out;
}

describe('babeltrace2 pretty line parser', () => {
  it('reads scopes, hex, enums, variants, sequences, escapes', () => {
    const line =
      '[1649361408.569332756] ros2:rcl_init: stream.packet.context = { cpu_id = 6 }, stream.event.context = ' +
      '{ vtid = 427930, procname = "so\\"ur\\\\ce\\n" }, event.fields = { context_handle = 0x55F52969AC90, ' +
      'sel = ( "INT16_TYPE" : container = 1 ), v = { -200 }, e = ( <unknown> : container = 9 ), ' +
      'm = ( "A", "B" : container = 0 ), seq = [ [0] = 4, [1] = -5 ], empty = [ ], st = { }, f = 3.1415 }';
    const ev = parsePrettyLine(line);
    expect(ev.ts).toBe(1649361408569332756n);
    expect(ev.name).toBe('ros2:rcl_init');
    expect(member(ev.packetContext, 'cpu_id')).toEqual({ k: 'num', text: '6', int: 6n, base: 10 });
    expect(member(ev.commonContext, 'procname')).toEqual({ k: 'str', v: 'so"ur\\ce\n' });
    const p = ev.payload;
    expect(member(p, 'context_handle')).toMatchObject({ int: 0x55f52969ac90n, base: 16 });
    expect(member(p, 'sel')).toMatchObject({ k: 'enum', labels: ['INT16_TYPE'] });
    expect(member(p, 'v')).toMatchObject({ k: 'variant', v: { int: -200n } });
    expect(member(p, 'e')).toMatchObject({ k: 'enum', labels: [] });
    expect(member(p, 'm')).toMatchObject({ k: 'enum', labels: ['A', 'B'] });
    expect(member(p, 'seq')).toMatchObject({ k: 'array', items: [{ int: 4n }, { int: -5n }] });
    expect(member(p, 'empty')).toEqual({ k: 'array', items: [] });
    expect(member(p, 'st')).toEqual({ k: 'struct', m: [] });
    expect(member(p, 'f')).toEqual({ k: 'num', text: '3.1415', int: undefined, base: 10 });
  });

  it('reads events without clock or fields, negative times, and UTF-8 in latin1 lines', () => {
    expect(parsePrettyLine('gadoua: ')).toEqual({ ts: undefined, name: 'gadoua' });
    expect(parsePrettyLine('[-1.000000002] x: ').ts).toBe(-1_000_000_002n);
    const utf8 = Buffer.from('[0.000000001] é: event.fields = { s = "ü" }', 'utf8').toString('latin1');
    const ev = parsePrettyLine(utf8);
    expect([ev.name, member(ev.payload, 's')]).toEqual(['é', { k: 'str', v: 'ü' }]);
  });

  it('rejects what it does not understand', () => {
    expect(() => parsePrettyLine('[1.000000000] x: event.fields = { a = }')).toThrow(/expected a value/);
    expect(() => parsePrettyLine('no terminator')).toThrow(/terminator/);
  });
});

describe('value comparison', () => {
  it('formats %g as C printf', () => {
    const cases: [number, string][] = [
      [3.1415, '3.1415'],
      [2222, '2222'],
      [0.0001, '0.0001'],
      [0.00001234, '1.234e-05'],
      [123456, '123456'],
      [1234567, '1.23457e+06'],
      [1e20, '1e+20'],
      [-2.5e-7, '-2.5e-07'],
      [999999.5, '1e+06'],
      [1 / 3, '0.333333']
    ];
    expect(cases.map(([v]) => formatG(v))).toEqual(cases.map(([, s]) => s));
  });

  it('compares integers exactly, masked hex of negative values, enums, variants, strings', () => {
    const num = (text: string): BtValue =>
      parsePrettyLine(`x: event.fields = { f = ${text} }`).payload!.m[0][1];
    expect(diff(num('18446744073709551615'), 18446744073709551615n)).toEqual([]);
    expect(diff(num('18446744073709551615'), 18446744073709551614n)).toHaveLength(1);
    expect(diff(num('0xFFFF'), -1)).toEqual([]); // 16-bit signed field printed in hex
    expect(diff(num('0xFFFE'), -1)).toHaveLength(1);
    expect(diff(num('2222'), 2222)).toEqual([]); // a real printed by %g
    expect(diff(num('3.1415'), 3.141500001)).toEqual([]); // equal to 6 significant digits
    expect(diff(num('3.1415'), 3.1416)).toHaveLength(1);
    expect(diff(num('( "A" : container = 1 )'), { label: 'A', value: 1 })).toEqual([]);
    expect(diff(num('( "A" : container = 1 )'), { label: 'B', value: 1 })).toHaveLength(1);
    expect(diff(num('( <unknown> : container = 7 )'), { label: null, value: 7 })).toEqual([]);
    expect(diff(num('{ -200 }'), -200)).toEqual([]);
    expect(diff(num('{ -200 }'), { INT16_TYPE: -200 })).toEqual([]);
    expect(diff(num('{ -200 }'), { INT16_TYPE: -201 })).toHaveLength(1);
    expect(diff(num('"a\\x7fb"'), 'a\u007fb')).toEqual([]);
    expect(diff(num('{ a = 1, b = [ [0] = 2 ] }'), { a: 1, b: [2] })).toEqual([]);
    expect(diff(num('{ a = 1, b = [ [0] = 2 ] }'), { a: 1, b: [2], c: 3 })).toHaveLength(1);
  });
});

describe('sink.text.details parser', () => {
  it('reads event blocks and compact lines', () => {
    const text = [
      '[257,960,490,358,932 cycles, 1,561,756,803,923,426,858 ns from origin]',
      '{Trace 0, Stream class ID 0, Stream ID 2}',
      'Event `lttng_ust_statedump:procname` (Class ID 0):',
      '  Common context:',
      '    vpid: 15,062',
      '  Payload:',
      '    procname: sample-ust',
      '    arr: Length 2:',
      '      [0]: 0x7f00:0001',
      '      [1]: -5',
      '    st:',
      '      a: Empty',
      '',
      '[1,048,932,916,580,091 1,435,121,820,916,580,091] {1 0 0} Event `simple_uint32` (0)',
      '{Trace 0, Stream class ID 0, Stream ID 0}',
      'Packet end'
    ].join('\n');
    const [a, b] = parseDetailsEvents(text);
    expect(a.ts).toBe(1561756803923426858n);
    expect(member(a.commonContext, 'vpid')).toEqual({ k: 'text', v: '15,062' });
    expect(member(a.payload, 'arr')).toEqual({
      k: 'array',
      items: [
        { k: 'text', v: '0x7f00:0001' },
        { k: 'text', v: '-5' }
      ]
    });
    expect(diff(member(a.payload, 'arr')!, [0x7f000001, -5])).toEqual([]);
    expect(diff(member(a.payload, 'st')!, { a: [] })).toEqual([]);
    expect(b).toEqual({ ts: 1435121820916580091n, name: 'simple_uint32', noFields: true });
  });
});
