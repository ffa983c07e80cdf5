/**
 * Patterns (finite-state machines) of the native language on small traces worked out by hand: scenarios per
 * request (multiple), consuming or not, preconditions, initial transitions, entry/exit actions, named tests on the
 * scenario's own attributes, pools, time conditions, and segments with explicit times and fields.
 */
import { runStateView, segments } from '../../src/analysis/stateview';
import type { PatternSpec, StateViewResult } from '../../src/analysis/stateview';
import { memoryExperiment } from './memory-trace';
import type { Ev } from './memory-trace';

const run = (events: Ev[], patterns: PatternSpec[]): StateViewResult =>
  runStateView(memoryExperiment(events), { patterns });
const segs = (r: StateViewResult): string[] =>
  r.segments.map(
    s => `${s.name}[${s.start},${s.end}]${Object.keys(s.fields).length ? JSON.stringify(s.fields) : ''}`
  );

// Two overlapping requests (id 1 and 2) and a lone response with an unknown id.
const REQS: Ev[] = [
  { ts: 10, name: 'req', fields: { id: 1 } },
  { ts: 11, name: 'req', fields: { id: 2 } },
  { ts: 15, name: 'resp', fields: { id: 2 } },
  { ts: 18, name: 'resp', fields: { id: 9 } },
  { ts: 20, name: 'resp', fields: { id: 1 } }
];

const latency = (over: Partial<PatternSpec['fsms'][number]> = {}): PatternSpec => ({
  id: 'latency',
  tests: { mine: { left: { query: [{ scenario: true }, 'id'] }, right: { field: 'id' } } },
  actions: {
    keep: [{ path: [{ scenario: true }, 'id'], set: { field: 'id' } }],
    emit: [{ segment: { name: 'request', fields: { id: { field: 'id' } } } }]
  },
  fsms: [
    {
      id: 'f',
      initial: 'idle',
      states: {
        idle: { transitions: [{ event: 'req', target: 'wait', actions: ['keep'] }] },
        wait: { transitions: [{ event: 'resp', cond: ['mine'], target: 'done', actions: ['emit'] }] }
      },
      final: ['done'],
      ...over
    }
  ]
});

describe('scenarios', () => {
  it('multiple scenarios match each response to its own request; the segment starts with the scenario', () => {
    const r = run(REQS, [latency()]);
    expect(segs(r)).toEqual(['request[10,20]{"id":1}', 'request[11,15]{"id":2}']);
    const t = segments(r);
    expect(t.getChild('id')?.toArray()).toEqual(BigInt64Array.from([1n, 2n]));
  });

  it('multiple=false: one scenario only', () => {
    expect(segs(run(REQS, [latency({ multiple: false })]))).toEqual(['request[10,20]{"id":1}']);
  });

  it('consuming=false lets every waiting scenario take the event', () => {
    const any: PatternSpec = {
      id: 'p',
      actions: { emit: [{ segment: { name: 'seen' } }] },
      fsms: [
        {
          id: 'f',
          consuming: false,
          states: {
            idle: { transitions: [{ event: 'req', target: 'wait' }] },
            wait: { transitions: [{ event: 'resp', target: 'done', actions: ['emit'] }] }
          },
          final: ['done']
        }
      ]
    };
    // both scenarios (started at 10 and 11) take the first response (15)
    expect(segs(run(REQS, [any]))).toEqual(['seen[10,15]', 'seen[11,15]']);
    // consuming (the default): only the oldest one takes it; the other takes the next response (18)
    any.fsms[0].consuming = true;
    expect(segs(run(REQS, [any]))).toEqual(['seen[10,15]', 'seen[11,18]']);
  });

  it('preconditions filter events before any transition', () => {
    const p = latency({
      preconditions: [
        { event: 'req', target: '' },
        { event: 'resp', cond: { field: 'id', op: 'lt', value: 5 }, target: '' }
      ]
    });
    expect(segs(run(REQS, [p]))).toEqual(['request[10,20]{"id":1}', 'request[11,15]{"id":2}']);
    const onlyOne = latency({
      preconditions: [{ event: 'req|resp', cond: { field: 'id', value: 1 }, target: '' }]
    });
    expect(segs(run(REQS, [onlyOne]))).toEqual(['request[10,20]{"id":1}']);
  });

  it('initial transitions (a pseudo-state) and entry/exit actions, in order: exit, transition, entry', () => {
    const p: PatternSpec = {
      id: 'p',
      actions: {
        log: [{ path: 'log', add: 1 }],
        exitIdle: [{ path: 'order', set: { template: 'exit@{$timestamp}' } }],
        enterWait: [{ path: 'order', set: { template: 'entry@{$timestamp}' } }]
      },
      fsms: [
        {
          id: 'f',
          multiple: false,
          initialTransitions: [
            { event: 'req', cond: { field: 'id', value: 2 }, target: 'idle', actions: ['log'] }
          ],
          states: {
            idle: { onExit: ['exitIdle'], transitions: [{ event: 'resp', target: 'wait' }] },
            wait: { onEntry: ['enterWait'], transitions: [] }
          }
        }
      ]
    };
    const r = run(REQS, [p]);
    // the pseudo-state ignores req 1 (cond), takes req 2 at 11; resp at 15 exits idle then enters wait (final)
    expect(r.ss.valueAt(r.ss.quark('log'), 20n)).toBe(1);
    expect(r.ss.intervals(r.ss.quark('order')).map(i => `${i.start}:${String(i.value)}`)).toEqual([
      '10:null',
      '15:entry@15'
    ]);
  });

  it('time conditions: a range of event times and the time since a state was entered', () => {
    const p: PatternSpec = {
      id: 'p',
      tests: {
        early: { timeRange: { begin: 0, end: 10, unit: 'ns' } },
        quick: { elapsed: { since: 'wait', op: 'lt', value: 6, unit: 'ns' } }
      },
      actions: { fast: [{ segment: { name: 'fast' } }], slow: [{ segment: { name: 'slow' } }] },
      fsms: [
        {
          id: 'f',
          states: {
            idle: { transitions: [{ event: 'req', target: 'wait' }] },
            wait: {
              transitions: [
                { event: 'resp', cond: ['quick'], target: 'done', actions: ['fast'] },
                { event: 'resp', target: 'done', actions: ['slow'] }
              ]
            }
          },
          final: ['done']
        }
      ]
    };
    // scenario 1 (req at 10) takes resp 15: 5 ns < 6 → fast; scenario 2 (11) takes 18: 7 ns → slow
    expect(segs(run(REQS, [p]))).toEqual(['fast[10,15]', 'slow[11,18]']);
    p.fsms[0].states.idle.transitions![0].cond = ['early'];
    // only the req at 10 is in [0, 10]
    expect(segs(run(REQS, [p]))).toEqual(['fast[10,15]']);
  });

  it('segment times from values (begin/end, begin/duration); an end before the start is dropped', () => {
    const p: PatternSpec = {
      id: 'p',
      actions: {
        a: [
          { segment: { name: 'explicit', begin: 100, end: { field: 'id' } } },
          { segment: { name: 'dur', begin: { builtin: 'timestamp' }, duration: { field: 'id' } } }
        ]
      },
      fsms: [
        {
          id: 'f',
          states: { s: { transitions: [{ event: 'resp', target: 'end', actions: ['a'] }] } },
          final: ['end']
        }
      ]
    };
    expect(segs(run(REQS, [p]))).toEqual(['dur[15,17]', 'dur[18,27]', 'dur[20,21]']);
  });

  it('pools: each scenario borrows the lowest free child and frees it when it ends', () => {
    const p = latency();
    p.actions!.keep.push({ path: ['Busy', { pool: true }], set: { field: 'id' } });
    const r = run(REQS, [p]);
    const st = (x: string): string[] =>
      r.ss.intervals(r.ss.quark(x)).map(i => `${i.start}:${String(i.value)}`);
    expect(st('Busy/0')).toEqual(['10:1', '20:null']);
    expect(st('Busy/1')).toEqual(['10:null', '11:2', '15:null']);
    // the scenario bookkeeping attributes
    expect(st('scenarios/f/0/state')).toEqual(['10:wait', '20:null']);
  });
});
