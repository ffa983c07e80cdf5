/**
 * The state system and the interval store directly: null from the start, no split on an unchanged value,
 * same-time replacement, stacks, subtree removal, range queries, value at a time; and the Arrow interval table.
 */
import { StateSystem, stateIntervals } from '../../src/analysis/stateview';
import { ROOT } from '../../src/analysis/stateview/state-system';
import { Dbl } from '../../src/analysis/stateview/values';

function build(): StateSystem {
  const ss = new StateSystem();
  ss.begin(100n);
  const a = ss.child(ROOT, 'a');
  const b = ss.child(a, 'b');
  ss.modify(110n, a, 1);
  ss.modify(120n, a, 1); // same value: no split
  ss.modify(130n, a, 'x');
  ss.modify(150n, b, new Dbl(2.5));
  ss.modify(150n, b, 7); // same time: replaces
  ss.remove(170n, a);
  ss.finish(200n);
  return ss;
}

describe('StateSystem', () => {
  const ss = build();
  const a = ss.quark('a');
  const b = ss.quark(['a', 'b']);

  it('keeps intervals tiling [start, end] per attribute', () => {
    expect(ss.intervals(a).map(i => [i.start, i.end, i.value])).toEqual([
      [100n, 110n, null],
      [110n, 130n, 1],
      [130n, 170n, 'x'],
      [170n, 200n, null]
    ]);
    expect(ss.intervals(b).map(i => [i.start, i.end, i.value])).toEqual([
      [100n, 150n, null],
      [150n, 170n, 7],
      [170n, 200n, null]
    ]);
  });

  it('range queries and values at a time (a change time belongs to the new interval)', () => {
    expect(ss.intervals(a, 130n, 169n).map(i => i.value)).toEqual(['x']);
    expect(ss.intervals(a, 129n, 130n).map(i => i.value)).toEqual([1, 'x']);
    expect(ss.intervals(a, 200n, 300n).map(i => i.value)).toEqual([null]);
    expect([99n, 100n, 110n, 129n, 130n, 200n, 201n].map(t => ss.valueAt(a, t))).toEqual([
      null,
      null,
      1,
      1,
      'x',
      null,
      null
    ]);
    expect(ss.fullName(b)).toBe('a/b');
    expect(ss.quark('a/zz')).toBe(-1);
  });

  it('stacks: depth in the attribute, elements in 1..n', () => {
    const s = new StateSystem();
    s.begin(0n);
    const q = s.child(ROOT, 'stack');
    s.push(1n, q, 'f');
    s.push(2n, q, 'g');
    expect(s.peek(q)).toBe('g');
    expect(s.pop(3n, q)).toBe('g');
    expect(s.peek(q)).toBe('f');
    s.push(4n, q, 'h');
    s.popAll(5n, q);
    expect(s.pop(6n, q)).toBeNull();
    s.finish(6n);
    expect(s.intervals(q).map(i => `${i.start}:${String(i.value)}`)).toEqual([
      '0:null',
      '1:1',
      '2:2',
      '3:1',
      '4:2',
      '5:null'
    ]);
    expect(s.intervals(s.quark('stack/2')).map(i => `${i.start}:${String(i.value)}`)).toEqual([
      '0:null',
      '2:g',
      '3:null',
      '4:h',
      '5:null'
    ]);
  });

  it('refuses queries before it is finished', () => {
    const s = new StateSystem();
    s.begin(0n);
    expect(() => s.intervals(s.child(ROOT, 'x'))).toThrow(/before the analysis finished/);
  });
});

describe('stateIntervals (Arrow)', () => {
  const ss = build();

  it('one row per interval: attribute path, start, end, value string, value_num', () => {
    const t = stateIntervals(ss);
    expect(t.schema.fields.map(f => f.name)).toEqual(['attribute', 'start', 'end', 'value', 'value_num']);
    const rows = t.toArray().map(r => [r.attribute, r.start, r.end, r.value, r.value_num]);
    expect(rows).toEqual([
      ['a', 100n, 110n, null, null],
      ['a', 110n, 130n, '1', 1],
      ['a', 130n, 170n, 'x', null],
      ['a', 170n, 200n, null, null],
      ['a/b', 100n, 150n, null, null],
      ['a/b', 150n, 170n, '7', 7],
      ['a/b', 170n, 200n, null, null]
    ]);
  });

  it('options: no nulls, a path prefix, a time range', () => {
    expect(stateIntervals(ss, { nulls: false }).numRows).toBe(3);
    expect(
      stateIntervals(ss, { prefix: 'a/b' })
        .toArray()
        .map(r => r.attribute)
    ).toEqual(['a/b', 'a/b', 'a/b']);
    expect(
      stateIntervals(ss, { from: 140n, to: 160n })
        .toArray()
        .map(r => `${r.attribute}:${r.value}`)
    ).toEqual(['a:x', 'a/b:null', 'a/b:7']);
  });
});
