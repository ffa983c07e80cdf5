/**
 * The execution graph and critical path on Trace Compass's graph stub traces
 * (`tracecompass-stubs/lttng2.kernel.core.tests/graph/`). Known answers: sched_only and the simple network
 * experiment (shared/traces/README.md); the wifi/eth experiment and the single-trace cases were worked out by hand
 * from the events and the graph rules (they agree with Trace Compass's DistributedCriticalPathTest graphs, except
 * that kernel workers are tid -1-cpu here, and the dependent-client path keeps its own BLOCKED time until the
 * client's first known vertex instead of an UNKNOWN stretch on the client).
 */
import * as path from 'node:path';
import { openXmlStubExperiment } from '../../src/analysis/formats/xml-stub';
import { criticalPath, criticalPathTable, executionGraph } from '../../src/analysis/graph';
import { graphText, pathLinks, pathRows } from './graph-helpers';

const DIR = path.join(
  process.cwd(),
  '..',
  'shared',
  'traces',
  'tracecompass-stubs',
  'lttng2.kernel.core.tests',
  'graph'
);
const open = (...names: string[]) => openXmlStubExperiment(names.map(n => path.join(DIR, n)));

describe('sched_only.xml', () => {
  test('2 workers with the README chains', () => {
    const eg = executionGraph(open('sched_only.xml'));
    expect(eg.graph.workerCount).toBe(2);
    expect(graphText(eg.graph)).toEqual([
      'sched_only.xml 1: 10 -PREEMPTED-> 20 -RUNNING-> 30 -PREEMPTED-> 40',
      'sched_only.xml 2: 10 -RUNNING-> 20 -BLOCKED-> 30 -RUNNING-> 40'
    ]);
  });

  test('the path of tid 2 keeps its unexplained BLOCKED edge', () => {
    const p = criticalPath(open('sched_only.xml'), { tid: 2 });
    expect(pathRows(p)).toEqual(['2 10-20 RUNNING', '2 20-30 BLOCKED', '2 30-40 RUNNING']);
  });
});

describe('simple network experiment (server + client)', () => {
  const exp = open('simple_network_server.xml', 'simple_network_client.xml');
  const eg = executionGraph(exp);

  test('graph: 7 workers, packet links send → woken vertex, wake-up link at 90', () => {
    expect(eg.graph.workerCount).toBe(7);
    expect(graphText(eg.graph)).toEqual([
      'simple_network_client.xml -1: 60 -RUNNING-> 65',
      'simple_network_client.xml 200: 10 -RUNNING-> 13 -RUNNING-> 15 -NETWORK-> [NETWORK from 100@45]70 -PREEMPTED-> 75 -RUNNING-> 90 -RUNNING-> 95',
      'simple_network_client.xml 201: 7 -RUNNING-> 10 -PREEMPTED-> 15 -RUNNING-> 75',
      'simple_network_client.xml 202: 7 -BLOCKED-> [WAKEUP from 200@90]90 -PREEMPTED-> 95',
      'simple_network_server.xml -2: 30 -RUNNING-> 33',
      'simple_network_server.xml 100: 5 -NETWORK-> [NETWORK from 200@13]35 -PREEMPTED-> 40 -RUNNING-> 45 -RUNNING-> 55',
      'simple_network_server.xml 101: 5 -RUNNING-> 40 -PREEMPTED-> 55'
    ]);
  });

  test('clocks: 2 packets, one each way, approximate, identity', () => {
    expect(eg.matches.send.length).toBe(2);
    const server = eg.sync?.hosts.find(h => h.host === 'simple_network_server.xml');
    expect(server?.quality).toBe('approximate');
    expect(server?.transform.slope).toBe(1);
    expect(eg.sync?.toSynced('simple_network_server.xml', 35n)).toBe(35n);
  });

  test('critical path of tid 200: the README answer', () => {
    const p = criticalPath(eg, { tid: 200 });
    expect(pathRows(p)).toEqual([
      '200 10-15 RUNNING',
      '100 15-35 NETWORK',
      '100 35-40 PREEMPTED',
      '100 40-45 RUNNING',
      '200 45-70 NETWORK',
      '200 70-75 PREEMPTED',
      '200 75-95 RUNNING'
    ]);
    expect(pathLinks(p)).toEqual(['200@15->100@35 NETWORK', '100@45->200@70 NETWORK']);
    const t = criticalPathTable(p);
    expect(t.schema.fields.map(f => f.name)).toEqual(['seq', 'host', 'tid', 'name', 'start', 'end', 'state']);
    expect(t.get(1)?.toJSON()).toEqual({
      seq: 1,
      host: 'simple_network_server.xml',
      tid: 100,
      name: 'server',
      start: 15n,
      end: 35n,
      state: 'NETWORK'
    });
  });

  test('a window inside the path clips its rows', () => {
    const p = criticalPath(eg, { tid: 200, start: 20n, end: 72n });
    expect(pathRows(p)).toEqual([
      '100 20-35 NETWORK',
      '100 35-40 PREEMPTED',
      '100 40-45 RUNNING',
      '200 45-70 NETWORK',
      '200 70-72 PREEMPTED'
    ]);
  });
});

describe('network exchange: eth (softirq + packet-reception context) and wifi (threaded IRQ)', () => {
  const eg = executionGraph(open('network_exchange_eth.xml', 'network_exchange_wifi.xml'));

  test('graph: 6 workers; the packets link straight to the woken threads', () => {
    expect(graphText(eg.graph)).toEqual([
      'network_exchange_eth.xml -2: 30 -RUNNING-> 33',
      'network_exchange_eth.xml 100: 5 -NETWORK-> [NETWORK from 200@13]35 -PREEMPTED-> 40 -RUNNING-> 45 -RUNNING-> 55',
      'network_exchange_eth.xml 101: 5 -RUNNING-> 40 -PREEMPTED-> 55',
      'network_exchange_wifi.xml 200: 10 -RUNNING-> 13 -RUNNING-> 15 -NETWORK(irq/30-handler)-> [NETWORK from 100@45]70 -PREEMPTED-> 75',
      'network_exchange_wifi.xml 201: 10 -PREEMPTED-> 15 -RUNNING-> 60',
      'network_exchange_wifi.xml 50: 55 -PREEMPTED-> 60 -RUNNING-> 65 -RUNNING-> 75'
    ]);
  });

  test('critical path of the client crosses to the server and back', () => {
    expect(pathRows(criticalPath(eg, { tid: 200 }))).toEqual([
      '200 10-15 RUNNING',
      '100 15-35 NETWORK',
      '100 35-40 PREEMPTED',
      '100 40-45 RUNNING',
      '200 45-70 NETWORK',
      '200 70-75 PREEMPTED'
    ]);
  });
});

describe('single traces of the network cases', () => {
  test('wifi alone: the reply is unmatched, the client stays blocked on NETWORK', () => {
    const eg = executionGraph(open('network_exchange_wifi.xml'));
    expect(eg.graph.workerCount).toBe(3);
    expect(pathRows(criticalPath(eg, { tid: 200 }))).toEqual([
      '200 10-15 RUNNING',
      '200 15-70 NETWORK',
      '200 70-75 PREEMPTED'
    ]);
  });

  test('client alone: the dependent thread follows the client that woke it', () => {
    const eg = executionGraph(open('simple_network_client.xml'));
    expect(eg.graph.workerCount).toBe(4);
    expect(pathRows(criticalPath(eg, { tid: 200 }))).toEqual([
      '200 10-15 RUNNING',
      '200 15-70 NETWORK',
      '200 70-75 PREEMPTED',
      '200 75-95 RUNNING'
    ]);
    const dep = criticalPath(eg, { tid: 202 });
    expect(pathRows(dep)).toEqual([
      '202 7-10 BLOCKED',
      '200 10-15 RUNNING',
      '200 15-70 NETWORK',
      '200 70-75 PREEMPTED',
      '200 75-90 RUNNING',
      '202 90-95 PREEMPTED'
    ]);
    expect(pathLinks(dep)).toEqual(['202@10->200@10 ANCHOR', '200@90->202@90 WAKEUP']);
  });
});
