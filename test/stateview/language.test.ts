/**
 * The native declarative language, construct by construct, on small in-memory traces whose states are worked out
 * by hand (each test says why). `st(r, path)` lists `start:value` of every interval of an attribute.
 */
import { runStateView, SpecError } from '../../src/analysis/stateview';
import type { StateViewResult, StateViewSpec } from '../../src/analysis/stateview';
import { memoryExperiment } from './memory-trace';
import type { Ev } from './memory-trace';

const run = (events: Ev[], spec: StateViewSpec, hosts?: string[]): StateViewResult =>
  runStateView(memoryExperiment(events, hosts), spec);

function st(r: StateViewResult, p: string): string[] {
  const q = r.ss.quark(p);
  if (q < 0) throw new Error(`no attribute ${p}`);
  return r.ss.intervals(q).map(i => `${i.start}:${i.value === null ? 'null' : String(i.value)}`);
}

const RANKS: Ev[] = [
  { ts: 10, name: 'mpi:compute_begin', cpu: 0, fields: { rank: 0, vtid: 100 } },
  { ts: 12, name: 'mpi:compute_begin', cpu: 1, fields: { rank: 1, vtid: 101 } },
  { ts: 20, name: 'mpi:compute_end', cpu: 1, fields: { rank: 1, vtid: 101 } },
  { ts: 21, name: 'mpi:barrier_begin', cpu: 1, fields: { rank: 1, vtid: 101 } },
  { ts: 40, name: 'mpi:compute_end', cpu: 0, fields: { rank: 0, vtid: 100 } },
  { ts: 41, name: 'mpi:barrier_begin', cpu: 0, fields: { rank: 0, vtid: 100 } },
  { ts: 42, name: 'mpi:barrier_end', cpu: 0, fields: { rank: 0, vtid: 100 } },
  { ts: 43, name: 'mpi:barrier_end', cpu: 1, fields: { rank: 1, vtid: 101 } }
];

describe('handlers and paths', () => {
  it('globs, event lists and field templates', () => {
    const r = run(RANKS, {
      handlers: [
        { event: 'mpi:compute_begin', changes: [{ path: 'Ranks/{rank}/Status', set: 'compute' }] },
        {
          event: ['mpi:compute_end', 'mpi:barrier_end'],
          changes: [{ path: 'Ranks/{rank}/Status', set: null }]
        },
        { event: 'mpi:barrier_*', changes: [{ path: 'Ranks/{rank}/Barrier', add: 1 }] },
        { event: '*', changes: [{ path: 'events', add: 1 }] }
      ]
    });
    // the state system spans [first event, last event] = [10, 43]; every attribute is null until first set
    expect(st(r, 'Ranks/0/Status')).toEqual(['10:compute', '40:null']);
    expect(st(r, 'Ranks/1/Status')).toEqual(['10:null', '12:compute', '20:null']);
    // barrier_begin and barrier_end both match barrier_*
    expect(st(r, 'Ranks/1/Barrier')).toEqual(['10:null', '21:1', '43:2']);
    expect(st(r, 'events')).toEqual(['10:1', '12:2', '20:3', '21:4', '40:5', '41:6', '42:7', '43:8']);
    expect(r.ss.intervals(r.ss.quark('events')).pop()!.end).toBe(43n);
  });

  it('built-ins ($tid, $cpu, $host, $event), mixed templates and `when`', () => {
    const r = run(
      RANKS,
      {
        handlers: [
          {
            event: '*',
            when: { field: 'rank', value: 1 },
            changes: [
              { path: 'T/{$tid}/cpu{$cpu}', set: { builtin: 'event' } },
              { path: 'H/{$host}', set: { template: 'rank-{rank}@{$cpu}' } }
            ]
          }
        ]
      },
      ['node7']
    );
    expect(r.ss.children(r.ss.quark('T')).map(q => r.ss.name(q))).toEqual(['101']);
    expect(st(r, 'T/101/cpu1')).toEqual([
      '10:null',
      '12:mpi:compute_begin',
      '20:mpi:compute_end',
      '21:mpi:barrier_begin',
      '43:mpi:barrier_end'
    ]);
    expect(st(r, 'H/node7')).toEqual(['10:null', '12:rank-1@1']);
  });

  it('locations, queries as path elements, computed names; a null element skips the change', () => {
    const ev: Ev[] = [
      { ts: 1, name: 'sched_switch', cpu: 0, fields: { next_tid: 7 } },
      { ts: 2, name: 'work', cpu: 0, fields: { what: 'a' } },
      { ts: 3, name: 'work', cpu: 1, fields: { what: 'b' } }
    ];
    const r = run(ev, {
      locations: { CPU: 'CPUs/{$cpu}', Current: ['Threads', { query: '{@CPU}/Current' }] },
      handlers: [
        { event: 'sched_switch', changes: [{ path: '{@CPU}/Current', set: { field: 'next_tid' } }] },
        // on cpu 1 no thread runs: the query gives null, the path is invalid, nothing is written
        {
          event: 'work',
          changes: [{ path: [{ location: 'Current' }, { value: { field: 'what' } }], set: 1 }]
        }
      ]
    });
    expect(st(r, 'Threads/7/a')).toEqual(['1:null', '2:1']);
    expect(r.ss.quark('Threads/7/b')).toBe(-1);
    expect(r.ss.children(r.ss.quark('Threads')).length).toBe(1);
  });
});

describe('values', () => {
  const one: Ev[] = [
    { ts: 5, name: 'e', fields: { n: 4, s: 'op1', big: 2n ** 60n, x: 1.5 } },
    { ts: 9, name: 'e', fields: { n: 6, s: 'op2', big: 2n ** 60n + 1n, x: 2.5 } }
  ];

  it('constants, fields, mapping, forced types, scripts', () => {
    const r = run(one, {
      defines: { GOOD: 'fine' },
      mappings: {
        op: [
          ['op1', 'read'],
          ['op2', 'write']
        ]
      },
      handlers: [
        {
          event: 'e',
          changes: [
            { path: 'c/int', set: 3 },
            { path: 'c/double', set: 0.5 },
            { path: 'c/define', set: '$GOOD' },
            { path: 'c/bool', set: true },
            { path: 'f/big', set: { field: 'big' } },
            { path: 'f/x', set: { field: 'x' } },
            { path: 'f/mapped', set: { field: 's', map: 'op' } },
            { path: 'f/asString', set: { field: 'n', as: 'string' } },
            { path: 'f/asInt', set: { field: 'x', as: 'int' } },
            {
              path: 'f/script',
              set: {
                script: "n > 5 ? 'big ' + s : s.substring(2)",
                vars: { n: { field: 'n' }, s: { field: 's' } }
              }
            },
            { path: 'f/ts', set: { script: 't + 1', vars: { t: { builtin: 'timestamp' } } } }
          ]
        }
      ]
    });
    expect(st(r, 'c/int')).toEqual(['5:3']);
    expect(st(r, 'c/double')).toEqual(['5:0.5']);
    expect(st(r, 'c/define')).toEqual(['5:fine']);
    expect(st(r, 'c/bool')).toEqual(['5:1']);
    expect(st(r, 'f/big')).toEqual(['5:1152921504606846976', '9:1152921504606846977']);
    expect(st(r, 'f/x')).toEqual(['5:1.5', '9:2.5']);
    expect(st(r, 'f/mapped')).toEqual(['5:read', '9:write']);
    expect(r.ss.valueAt(r.ss.quark('f/asString'), 5n)).toBe('4');
    expect(st(r, 'f/asInt')).toEqual(['5:1', '9:2']);
    expect(st(r, 'f/script')).toEqual(['5:1', '9:big op2']);
    expect(st(r, 'f/ts')).toEqual(['5:6', '9:10']);
  });

  it('an unmatched mapping gives null', () => {
    const r = run(one, {
      mappings: { m: [['op1', 'x']] },
      handlers: [{ event: 'e', changes: [{ path: 'a', set: { field: 's', map: 'm' } }] }]
    });
    expect(st(r, 'a')).toEqual(['5:x', '9:null']);
  });
});

describe('changes', () => {
  const ev: Ev[] = [
    { ts: 1, name: 'enter', fields: { f: 'main' } },
    { ts: 2, name: 'enter', fields: { f: 'foo' } },
    { ts: 3, name: 'mark' },
    { ts: 4, name: 'leave' },
    { ts: 5, name: 'enter', fields: { f: 'bar' } },
    { ts: 6, name: 'reset' },
    { ts: 8, name: 'end' }
  ];

  it('stacks: push, pop, peek, popAll; the depth attribute and its levels', () => {
    const r = run(ev, {
      handlers: [
        {
          event: 'enter',
          changes: [
            { path: 'S', push: { field: 'f' } },
            { path: 'top', set: { peek: 'S' } }
          ]
        },
        {
          event: 'leave',
          changes: [
            { path: 'S', pop: true },
            { path: 'top', set: { peek: 'S' } }
          ]
        },
        {
          event: 'reset',
          changes: [
            { path: 'S', popAll: true },
            { path: 'top', set: { peek: 'S' } }
          ]
        }
      ]
    });
    expect(st(r, 'S')).toEqual(['1:1', '2:2', '4:1', '5:2', '6:null']);
    expect(st(r, 'S/2')).toEqual(['1:null', '2:foo', '4:null', '5:bar', '6:null']);
    expect(st(r, 'top')).toEqual(['1:main', '2:foo', '4:main', '5:bar', '6:null']);
  });

  it('add / sub, update (retroactive), remove (subtree), if/then/else, same value does not split', () => {
    const r = run(ev, {
      handlers: [
        {
          event: 'enter',
          changes: [
            { path: 'n', add: 2 },
            { path: 'g/a', set: 1 },
            { path: 'g/a/b', set: 2 },
            { path: 'k', set: 'x' }
          ]
        },
        {
          event: 'leave',
          changes: [
            { path: 'n', sub: 1 },
            { path: 'k', set: 'y', update: true }
          ]
        },
        {
          event: 'mark',
          changes: [
            {
              if: { path: 'n', op: 'ge', value: 4 },
              then: [{ path: 'big', set: 1 }],
              else: [{ path: 'big', set: 0 }]
            }
          ]
        },
        { event: 'reset', changes: [{ path: 'g', remove: true }] }
      ]
    });
    expect(st(r, 'n')).toEqual(['1:2', '2:4', '4:3', '5:5']);
    // k = x from 1 (the second x at 2 does not split); `update` at 4 rewrites the interval in progress (from 1) to
    // y; the x at 5 differs from y and starts a new interval
    expect(st(r, 'k')).toEqual(['1:y', '5:x']);
    expect(st(r, 'big')).toEqual(['1:null', '3:1']);
    expect(st(r, 'g/a')).toEqual(['1:1', '6:null']);
    expect(st(r, 'g/a/b')).toEqual(['1:2', '6:null']);
  });

  it('`at`: later changes are queued, equal applies now, earlier is dropped; the end grows to the last one', () => {
    const r = run(ev, {
      handlers: [
        {
          event: 'enter',
          changes: [
            {
              path: 'later',
              set: { field: 'f' },
              at: { script: 't + 10', vars: { t: { builtin: 'timestamp' } } }
            }
          ]
        },
        {
          event: 'mark',
          changes: [
            { path: 'now', set: 1, at: 3 },
            { path: 'past', set: 1, at: 2 }
          ]
        }
      ]
    });
    // entries at 1, 2, 5 → main at 11, foo at 12, bar at 15, after the last event (8)
    expect(st(r, 'later')).toEqual(['1:null', '11:main', '12:foo', '15:bar']);
    expect(st(r, 'now')).toEqual(['1:null', '3:1']);
    expect(st(r, 'past')).toEqual(['1:null']);
    expect(r.ss.end).toBe(15n);
  });

  it('two changes at the same time: the last wins, and restoring the previous value merges', () => {
    const r = run(ev, {
      handlers: [
        { event: 'enter', changes: [{ path: 'a', set: 'busy' }] },
        {
          event: 'mark',
          changes: [
            { path: 'a', set: 'x' },
            { path: 'a', set: 'busy' },
            { path: 'b', set: 1 },
            { path: 'b', set: 2 }
          ]
        }
      ]
    });
    expect(st(r, 'a')).toEqual(['1:busy']);
    expect(st(r, 'b')).toEqual(['1:null', '3:2']);
  });
});

describe('conditions', () => {
  const ev: Ev[] = [1, 2, 3, 4, 5].map(k => ({
    ts: k,
    name: 'e',
    fields: { v: k, s: k % 2 ? 'odd' : 'even' }
  }));
  const count = (
    when: StateViewSpec['handlers'] extends (infer H)[] | undefined
      ? H extends { when?: infer C }
        ? C
        : never
      : never
  ): string[] => st(run(ev, { handlers: [{ event: 'e', when, changes: [{ path: 'n', add: 1 }] }] }), 'n');

  it('operators compare numbers numerically and other values as strings', () => {
    expect(count({ field: 'v', op: 'gt', value: 3 })).toEqual(['1:null', '4:1', '5:2']);
    expect(count({ field: 'v', op: 'le', value: 2 })).toEqual(['1:1', '2:2']);
    expect(count({ field: 'v', op: 'ne', value: 3 })).toEqual(['1:1', '2:2', '4:3', '5:4']);
    expect(count({ field: 's', value: 'odd' })).toEqual(['1:1', '3:2', '5:3']);
    expect(count({ left: { field: 's' }, op: 'lt', right: 'f' })).toEqual(['1:null', '2:1', '4:2']); // 'even' < 'f'
    expect(count({ left: { field: 'missing' }, right: null })).toEqual(['1:1', '2:2', '3:3', '4:4', '5:5']);
  });

  it('and, or, not', () => {
    expect(
      count({
        and: [
          { field: 'v', op: 'ge', value: 2 },
          { field: 's', value: 'even' }
        ]
      })
    ).toEqual(['1:null', '2:1', '4:2']);
    expect(
      count({
        or: [
          { field: 'v', value: 1 },
          { field: 'v', value: 5 }
        ]
      })
    ).toEqual(['1:1', '5:2']);
    expect(count({ not: { field: 's', value: 'odd' } })).toEqual(['1:null', '2:1', '4:2']);
  });
});

describe('spec errors name where they are', () => {
  const bad = (spec: StateViewSpec): string => {
    try {
      run(RANKS, spec);
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('references, syntax and shapes', () => {
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: '{@nope}/a', set: 1 }] }] })).toBe(
      "handlers[0].changes[0].path[0]: location 'nope' is not defined"
    );
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: 'a/{rank', set: 1 }] }] })).toMatch(
      /^handlers\[0\]\.changes\[0\]\.path: unterminated '\{'/
    );
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: 'a/{$nope}', set: 1 }] }] })).toMatch(
      /unknown built-in '\{\$nope\}'/
    );
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: 'a', set: { field: 'f', map: 'm' } }] }] })).toBe(
      "handlers[0].changes[0].set: mapping 'm' is not defined"
    );
    expect(
      bad({ handlers: [{ event: 'x', when: { field: 'f', op: 'eqq' as never, value: 1 }, changes: [] }] })
    ).toMatch(/^handlers\[0\]\.when: operator 'eqq' is not one of eq, ne, ge, gt, le, lt/);
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: 'a' } as never] }] })).toMatch(
      /a change needs one of set, add, sub/
    );
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: 'a', set: { script: 'a +' } }] }] })).toMatch(
      /^handlers\[0\]\.changes\[0\]\.set: script "a \+"/
    );
    expect(bad({ handlers: [{ changes: [] } as never] })).toMatch(
      /^handlers\[0\]: a handler needs an 'event'/
    );
    expect(bad({ handlers: [{ event: 'x', changes: [{ path: 'a', set: { int: 'x1' } }] }] })).toMatch(
      /int value 'x1' is not an integer/
    );
  });
});
