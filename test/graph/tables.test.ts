/**
 * Arrow tables of the graph (execution-graph edges and links, critical-path links and summary) on the simple
 * network stub experiment, whose graph and path are checked in tc-stubs.test.ts.
 */
import * as path from 'node:path';
import { openXmlStubExperiment } from '../../src/analysis/formats/xml-stub';
import {
  criticalPath,
  criticalPathLinksTable,
  criticalPathSummaryTable,
  executionGraph,
  executionGraphLinksTable,
  executionGraphTable
} from '../../src/analysis/graph';

const DIR = path.join(
  process.cwd(),
  '..',
  'shared',
  'traces',
  'tracecompass-stubs',
  'lttng2.kernel.core.tests',
  'graph'
);
const eg = executionGraph(
  openXmlStubExperiment([
    path.join(DIR, 'simple_network_server.xml'),
    path.join(DIR, 'simple_network_client.xml')
  ])
);
const rows = (t: { toArray(): { toJSON(): unknown }[] }) =>
  t.toArray().map(r => r.toJSON() as Record<string, unknown>);

test('execution-graph: one row per horizontal edge', () => {
  const t = executionGraphTable(eg.graph);
  expect(t.schema.fields.map(f => f.name)).toEqual(['host', 'tid', 'name', 'start', 'end', 'type']);
  expect(t.numRows).toBe(19);
  expect(rows(t).filter(r => r.tid === 202)).toEqual([
    { host: 'simple_network_client.xml', tid: 202, name: 'depClient', start: 7n, end: 90n, type: 'BLOCKED' },
    {
      host: 'simple_network_client.xml',
      tid: 202,
      name: 'depClient',
      start: 90n,
      end: 95n,
      type: 'PREEMPTED'
    }
  ]);
});

test('execution-graph links: the two packets and the wake-up, in time order', () => {
  expect(
    rows(executionGraphLinksTable(eg.graph)).map(
      r => `${r.from_tid}@${r.from_ts}>${r.to_tid}@${r.to_ts} ${r.type}`
    )
  ).toEqual(['200@13>100@35 NETWORK', '100@45>200@70 NETWORK', '200@90>202@90 WAKEUP']);
});

test('critical-path links and summary of tid 200', () => {
  const p = criticalPath(eg, { tid: 200 });
  const links = rows(criticalPathLinksTable(p));
  expect(Object.keys(links[0])).toEqual([
    'from_host',
    'from_tid',
    'from_ts',
    'to_host',
    'to_tid',
    'to_ts',
    'type'
  ]);
  expect(links[0]).toEqual({
    from_host: 'simple_network_client.xml',
    from_tid: 200,
    from_ts: 15n,
    to_host: 'simple_network_server.xml',
    to_tid: 100,
    to_ts: 35n,
    type: 'NETWORK'
  });
  const sum = rows(criticalPathSummaryTable(p));
  const pick = (by: string) => sum.filter(r => r.by === by).map(r => [r.host, r.tid, r.state, r.duration]);
  // window 10..95 = 85: RUNNING 5+5+20, NETWORK 20+25, PREEMPTED 5+5
  expect(pick('state')).toEqual([
    [null, null, 'NETWORK', 45n],
    [null, null, 'RUNNING', 30n],
    [null, null, 'PREEMPTED', 10n]
  ]);
  expect(pick('host')).toEqual([
    ['simple_network_client.xml', null, null, 55n],
    ['simple_network_server.xml', null, null, 30n]
  ]);
  expect(pick('thread')).toEqual([
    ['simple_network_client.xml', 200, null, 55n],
    ['simple_network_server.xml', 100, null, 30n]
  ]);
  expect(
    sum.find(r => r.by === 'thread-state' && r.tid === 100 && r.state === 'NETWORK')?.fraction
  ).toBeCloseTo(20 / 85, 12);
});
