/**
 * Trace Compass XML analyses run on their stub traces (test_traces/testTrace1..5.xml). Expected intervals come
 * from Trace Compass's own tests (TmfStateValueTest, TmfXmlConditionTest, TmfXmlDoubleTest, ConsumingFsmTest,
 * TmfStateValueScenarioTest, FsmTest, TmfXmlSegmentTimestampDescriptionTest, TmfXmlPatternSegmentBuilderTest) and,
 * where those tests stop early, from working the traces through by hand (comments give the reasoning).
 */
import { segments } from '../../src/analysis/stateview';
import { at, runFile, states } from './tc-helpers';

describe('test_state_values.xml on testTrace4', () => {
  const r = runFile('test_valid/test_state_values.xml', 'testTrace4.xml');

  it('update="true" rewrites the ongoing interval; a plain change starts a new one', () => {
    // TmfStateValueTest: update/0 starts 1,3,5,7 values GOOD, null, BAD, null; modify/0 UNKNOWN, GOOD, UNKNOWN, BAD
    expect(states(r, 'update/0')).toEqual(['1:GOOD', '3:null', '5:BAD', '7:null']);
    expect(states(r, 'modify/0')).toEqual(['1:UNKNOWN', '3:GOOD', '5:UNKNOWN', '7:BAD']);
  });

  it('stack push and pop guarded by a peek condition', () => {
    // top of stack: 1 from 1, 2 from 2, 5 from 5, back to 2 at 7 (the exit at 7 pops the 5), then 10 at 10
    const top = [1, 2, 5, 7, 10].map(t => {
      const depth = at(r, 'stack', t);
      return at(r, `stack/${depth}`, t);
    });
    expect(top).toEqual(['1', '2', '5', '2', '10']);
    expect(states(r, 'stack')).toEqual(['1:1', '2:2', '5:3', '7:2', '10:3']);
  });

  it('mapping groups, scripts and the hostID field', () => {
    expect(states(r, 'mapped').slice(0, 4)).toEqual(['1:TRUE', '3:FALSE', '5:TRUE', '7:FALSE']);
    expect(states(r, 'script').slice(0, 4)).toEqual(['1:TRUE', '3:FALSE', '5:TRUE', '7:FALSE']);
    expect(states(r, 'hostID')).toEqual(['1:testTrace4.xml']);
  });

  it('futureTime changes apply at their time (by hand: entries at 1, 2, 5, 10 queue 101 at t+2)', () => {
    expect(states(r, 'future')).toEqual(['1:100', '3:101', '5:100', '7:101', '10:100', '12:101']);
    expect(states(r, 'futureStr')).toEqual(states(r, 'future'));
    // cpu 0: push at 2 and 6, pop at 7 and 11
    expect(states(r, 'futureStack/0')).toEqual(['1:null', '2:1', '6:2', '7:1', '11:null']);
    expect(states(r, 'futureStack/0/2')).toEqual(['1:null', '6:op1', '7:null']);
  });
});

describe('conditions, doubles and increments', () => {
  it('test_conditions.xml on testTrace2 (TmfXmlConditionTest and the table in the file)', () => {
    const r = runFile('test_valid/test_conditions.xml', 'testTrace2.xml');
    expect(states(r, 'test')).toEqual(['1:1', '5:0']);
    expect(states(r, 'test1')).toEqual(['1:null', '3:0', '7:1']);
    expect(states(r, 'checkpoint')).toEqual(['1:0', '5:1', '7:0']);
    expect(states(r, 'and_three_operands')).toEqual(['1:1', '5:0', '7:1']);
    expect(states(r, 'not_operand')).toEqual(['1:0', '5:1', '7:0']);
  });

  it('test_doubles.xml on testTrace3: string fields forced to double', () => {
    const r = runFile('test_valid/test_doubles.xml', 'testTrace3.xml');
    expect([2, 4, 6].map(t => r.ss.valueAt(r.ss.quark('testField'), BigInt(t)))).toEqual([
      expect.objectContaining({ v: 3.141592 }),
      expect.objectContaining({ v: 2.71828 }),
      expect.objectContaining({ v: 1.41421 })
    ]);
  });

  it('test_attributes.xml on testTrace1: one counter per event name', () => {
    const r = runFile('test_valid/test_attributes.xml', 'testTrace1.xml');
    expect(states(r, 'test')).toEqual(['1:1', '5:2']);
    expect(states(r, 'test1')).toEqual(['1:null', '3:1', '7:2']);
  });
});

describe('patterns', () => {
  it('consuming and non-consuming FSMs (ConsumingFsmTest), and a mapped segment name', () => {
    const r = runFile('test_valid/test_consuming_fsm.xml', 'testTrace5.xml');
    expect(states(r, 'consuming')).toEqual(['1:null', '7:1']);
    expect(states(r, 'non_consuming')).toEqual(['1:null', '7:3']);
    // multiple="false": one scenario only, one segment, named through the mapping group (1 → open)
    expect(r.segments.map(s => [s.name, s.start, s.end])).toEqual([['open', 1n, 1n]]);
  });

  it('attribute pools shared by the scenarios (TmfStateValueScenarioTest)', () => {
    const r = runFile('test_valid/test_state_values_pattern.xml', 'testTrace4.xml');
    expect(r.ss.children(r.ss.quark('Operations'))).toHaveLength(2);
    expect(states(r, 'Operations/0')).toEqual([
      '1:op1',
      '2:op2',
      '3:null',
      '5:op1',
      '7:null',
      '10:op1',
      '14:op2',
      '20:null'
    ]);
    expect(states(r, 'Operations/1')).toEqual(['1:null', '2:op1', '3:op2', '4:null']);
  });

  it('segments with fields (TmfXmlPatternSegmentBuilderTest; times by hand)', () => {
    const r = runFile('test_valid/test_pattern_segment.xml', 'testTrace2.xml');
    // one scenario goes state1 → state2 (test) → state1 (test1) …; segments start at the scenario's start (1)
    expect(r.segments.map(s => [s.name, Number(s.start), Number(s.end), s.fields])).toEqual([
      ['test1', 1, 1, {}],
      ['test2', 1, 3, { field1: 100, field2: 'test', field3: 1 }],
      ['test1', 1, 5, {}],
      ['test2', 1, 7, { field1: 200, field2: 'test', field3: 1 }]
    ]);
    const t = segments(r);
    expect(t.schema.fields.map(f => f.name)).toEqual(['name', 'start', 'end', 'field1', 'field2', 'field3']);
    expect(t.getChild('field1')?.toArray()).toEqual(BigInt64Array.from([0n, 100n, 0n, 200n]));
    expect(t.getChild('field1')?.nullCount).toBe(2);
  });

  it('segment times from values (TmfXmlSegmentTimestampDescriptionTest)', () => {
    const r = runFile('test_valid/test_segment_timestamp.xml', 'testTrace2.xml');
    expect(r.segments).toHaveLength(4);
    expect(r.segments[0].end - r.segments[0].start).toBe(9n);
    expect(r.segments.map(s => [Number(s.start), Number(s.end)])).toEqual([
      [1, 10],
      [3, 100],
      [5, 20],
      [7, 200]
    ]);
  });

  it('initial vs initialState (FsmTest): the condition of <initial> is ignored, that of <initialState> is not', () => {
    const r = runFile('test_valid/test_initialState_element1.xml', 'testTrace4.xml');
    // exits at 3, 4 (GOOD), 7 (BAD), 20 (GOOD)
    expect(at(r, 'fsm1', 7)).toBe('3');
    expect(at(r, 'fsm2', 7)).toBe('3');
    expect(at(r, 'fsm3', 7)).toBe('2');
    expect(at(r, 'fsm3', 20)).toBe('3');
  });

  it('initialState wins over initial; preconditions gate an FSM (FsmTest)', () => {
    const r = runFile('test_valid/test_initialState_element2.xml', 'testTrace4.xml');
    expect(r.segments.map(s => [s.name, Number(s.start), Number(s.end)])).toEqual([['NEW', 1, 2]]);
    expect(at(r, 'count_new', 7)).toBe('1');
    expect(r.ss.quark('precond')).toBe(-1);
  });

  it('test_valid_pattern_simple.xml: time range, elapsed time and same-CPU tests', () => {
    const r = runFile('test_valid/test_valid_pattern_simple.xml', 'testTrace4.xml');
    expect(states(r, 'CPU/0')).toEqual(['1:null', '5:1', '7:null']);
    expect(states(r, 'CPU/1')).toEqual(['1:null', '10:1', '14:2', '20:null']);
    // only the cpu 0 scenario exits less than 4 ns after entering waitEnd; its name queries CPUs/0, never set
    expect(r.segments.map(s => [s.name, Number(s.start), Number(s.end)])).toEqual([['null', 5, 7]]);
  });
});
