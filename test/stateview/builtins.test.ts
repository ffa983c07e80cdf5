/**
 * The UST memory built-in on a small hand-made trace, and the view section's row labels (templates, names taken
 * from attribute values) and legend colours.
 */
import { rowStates, runStateView, sampleTimes, timeGraphRows, xySeries } from '../../src/analysis/stateview';
import { ustMemorySpec } from '../../src/analysis/stateview/builtins/ust-memory';
import { memoryExperiment } from './memory-trace';

const M = 'lttng_ust_libc:malloc';
const F = 'lttng_ust_libc:free';

describe('ustMemorySpec', () => {
  const r = runStateView(
    memoryExperiment([
      { ts: 1, name: M, fields: { vtid: 7, size: 100, ptr: 0x1000 } },
      { ts: 2, name: M, fields: { vtid: 8, size: 30, ptr: 0x2000 } },
      { ts: 3, name: F, fields: { vtid: 7, ptr: 0x1000 } },
      { ts: 4, name: F, fields: { vtid: 7, ptr: 0x9999 } }, // unknown pointer: ignored
      { ts: 5, name: F, fields: { vtid: 7, ptr: 0x2000 } } // freed by another thread: charged to thread 7
    ]),
    ustMemorySpec
  );
  const st = (p: string): string[] => r.ss.intervals(r.ss.quark(p)).map(i => `${i.start}:${String(i.value)}`);

  it('tracks live bytes per thread and the size of each live pointer', () => {
    expect(st('Threads/7/Memory')).toEqual(['1:100', '3:0', '5:-30']);
    expect(st('Threads/8/Memory')).toEqual(['1:null', '2:30']);
    expect(st('Pointers/4096')).toEqual(['1:100', '3:null']);
    expect(r.ss.quark('Pointers/39321')).toBe(-1);
  });

  it('its XY view samples the memory of each thread', () => {
    const s = xySeries(r.ss, ustMemorySpec.xyViews![0], sampleTimes(1n, 5n, 5));
    expect(s.map(x => [x.name, Array.from(x.values)])).toEqual([
      ['7', [100, 100, 0, 0, -30]],
      ['8', [0, 30, 30, 30, 30]]
    ]);
  });
});

describe('row labels and legend', () => {
  const r = runStateView(
    memoryExperiment([
      { ts: 1, name: 'start', fields: { host: 'a', tid: 1, comm: 'bash', state: 'run' } },
      { ts: 2, name: 'start', fields: { host: 'b', tid: 2, comm: 'sshd', state: 'wait' } }
    ]),
    {
      handlers: [
        {
          event: 'start',
          changes: [
            { path: 'Hosts/{host}/Threads/{tid}/State', set: { field: 'state' } },
            { path: 'Hosts/{host}/Threads/{tid}/Comm', set: { field: 'comm' } }
          ]
        }
      ]
    }
  );

  it('labels from templates over wildcard matches and from attribute values', () => {
    const view = {
      id: 'v',
      rows: [
        { path: 'Hosts/*/Threads/*', display: 'State', label: '{1}:{2}' },
        { path: 'Hosts/*/Threads/*', display: 'State', nameFrom: 'Comm' }
      ],
      legend: [{ value: 'run', label: 'Running', color: '#00ff00' }]
    };
    const rows = timeGraphRows(r.ss, view);
    expect(rows.map(x => x.label)).toEqual(['a:1', 'b:2', 'bash', 'sshd']);
    expect(rows.map(x => [x.start, x.end])).toEqual([
      [1n, 2n],
      [2n, 2n],
      [1n, 2n],
      [2n, 2n]
    ]);
    expect(rowStates(r.ss, rows[0], view).map(s => [s.label, s.color])).toEqual([['Running', '#00ff00']]);
    expect(rowStates(r.ss, rows[1], view).map(s => [s.label, s.color])).toEqual([
      ['', undefined],
      ['wait', undefined]
    ]);
  });
});
