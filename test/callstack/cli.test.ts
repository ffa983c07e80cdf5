/**
 * `tracelab analyze callstacks | flame-graph` through the CLI entry point (in process): the kinds are listed and
 * produce the documented columns on glxgears-cyg-profile and on an ftrace function_graph file.
 */
import { run, parseCsv } from '../cli/capture';
import { tracePath } from '../helpers/traces';

const GLX = tracePath('tracecompass/cyg-profile/glxgears-cyg-profile');

test('analyze callstacks on glxgears: one row per call, addresses as hex without a symbol file', async () => {
  const r = await run(['analyze', 'callstacks', GLX, '--tid', '16073', '--format', 'csv', '--limit', '3']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const rows = parseCsv(r.stdout);
  expect(rows[0]).toEqual([
    'host',
    'pid',
    'tid',
    'thread',
    'depth',
    'start',
    'end',
    'address',
    'symbol',
    'start_known',
    'end_known'
  ]);
  expect(rows[1].slice(0, 9)).toEqual([
    'loki',
    '-1',
    '16073',
    'glxgears-16073',
    '0',
    '1378850463596911581',
    '1378850474207792548',
    '4212523',
    '0x40472b'
  ]);
  expect(rows.length).toBe(4);
});

test('analyze flame-graph on an ftrace function_graph file', async () => {
  const r = await run([
    'analyze',
    'flame-graph',
    tracePath('ftrace-text/trace-func-graph'),
    '--format',
    'jsonl'
  ]);
  expect(r.code).toBe(0);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as Record<string, unknown>);
  expect(Object.keys(lines[0])).toEqual([
    'id',
    'parent',
    'depth',
    'symbol',
    'path',
    'total',
    'self',
    'calls'
  ]);
  const calls = lines.reduce((s, l) => s + Number(l.calls), 0);
  expect(calls).toBe(113);
});
