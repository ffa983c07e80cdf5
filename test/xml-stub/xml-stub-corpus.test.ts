/**
 * XML stub reader on the real stub corpus: event counts (cross-checked with Python's ElementTree), field values
 * and types, sniffing by content, multi-trace experiments (host = file name, classes per trace and name).
 */
import * as path from 'node:path';
import { openXmlStubExperiment, sniffXmlStub, xmlStubFormat } from '../../src/analysis/formats/xml-stub';
import { nodeFileSystem } from '../../src/analysis/io/byte-source';
import type { EventBatch, Experiment } from '../../src/analysis/trace/types';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const STUBS = path.join(TRACES, 'tracecompass-stubs');
const TCXML = path.join(TRACES, 'tracecompass-xml', 'tracecompass');

function all(exp: Experiment): EventBatch[] {
  return [...exp.batches()];
}

function count(exp: Experiment): number {
  return all(exp).reduce((n, b) => n + b.length, 0);
}

/** Event count and distinct names per file, from `xml.etree.ElementTree` (an independent parser). */
const KNOWN: [string, number, number][] = [
  ['analysis.os.linux.core.tests/kernel_analysis/lttng_kernel_analysis.xml', 21, 9],
  ['analysis.os.linux.core.tests/cpu_analysis.xml', 8, 1],
  ['analysis.os.linux.core.tests/sws_analysis.xml', 14, 2],
  ['analysis.os.linux.core.tests/io_analysis/io_full_kernel.xml', 23, 11],
  ['lttng2.kernel.core.tests/graph/network_exchange_eth.xml', 15, 13],
  ['incubator-kernel/traces/iotrace.xml', 41, 16],
  ['incubator-perf-profiling/perf_trace.xml', 39, 1],
  ['incubator-vm/vm/QemuContainer/guest.xml', 18, 5]
];

describe('XML stub corpus', () => {
  test.each(KNOWN)('%s has %i events of %i names', (rel, events, names) => {
    const file = path.join(STUBS, rel);
    expect(sniffXmlStub(file, nodeFileSystem)).toBe(true);
    const exp = openXmlStubExperiment([file]);
    expect(count(exp)).toBe(events);
    expect(exp.eventClasses.length).toBe(names);
  });

  test('the profiling call-stack stubs (long leading comment with <stdio.h>) parse', () => {
    const file = path.join(
      TCXML,
      'analysis/org.eclipse.tracecompass.analysis.profiling.core.tests/testfiles/traces/callstackBig.xml'
    );
    expect(sniffXmlStub(file, nodeFileSystem)).toBe(true);
    const exp = openXmlStubExperiment([file]);
    expect(count(exp)).toBe(20038);
    const ts = all(exp).flatMap(b => [...b.ts]);
    for (let i = 1; i < ts.length; i++) expect(ts[i] >= ts[i - 1]).toBe(true);
  });

  test('values and types of lttng_kernel_analysis.xml', () => {
    const exp = openXmlStubExperiment([
      path.join(STUBS, 'analysis.os.linux.core.tests/kernel_analysis/lttng_kernel_analysis.xml')
    ]);
    const [b] = all(exp);
    expect(exp.timeRange()).toEqual({ start: 1n, end: 80n });
    const sd = exp.eventClasses[b.classId[0]];
    expect(sd.name).toBe('lttng_statedump_process_state');
    expect(b.ts[0]).toBe(1n);
    expect(b.cpu[0]).toBe(0);
    expect(b.int(0, sd.fieldIndex('tid'))).toBe(10);
    expect(b.bigint(0, sd.fieldIndex('status'))).toBe(5n);
    expect(b.str(0, sd.fieldIndex('name'))).toBe('proc10');
    expect(b.str(0, sd.fieldIndex('tid'))).toBeUndefined();
    expect(sd.fields[sd.fieldIndex('tid')]).toEqual({ name: 'tid', scope: 'payload', type: 'int', bits: 64 });
    expect(sd.fields[sd.fieldIndex('cpu')]).toEqual({ name: 'cpu', scope: 'payload', type: 'int', bits: 32 });
    expect(sd.fields[sd.fieldIndex('name')].type).toBe('string');
    // The event at t=12 is the first sched_switch, on CPU 1: 30 -> 11, prev_state 1.
    const i = [...b.ts].indexOf(12n);
    const sw = exp.eventClasses[b.classId[i]];
    expect(sw.name).toBe('sched_switch');
    expect(b.cpu[i]).toBe(1);
    expect([b.int(i, sw.fieldIndex('prev_tid')), b.int(i, sw.fieldIndex('next_tid'))]).toEqual([30, 11]);
    expect(b.str(i, sw.fieldIndex('next_comm'))).toBe('tid11');
    // exit_syscall has only a cpu field; lttng_statedump_end too.
    const names = exp.eventClasses.map(c => c.name).sort();
    expect(names).toEqual([
      'exit_syscall',
      'lttng_statedump_end',
      'lttng_statedump_process_state',
      'sched_process_exit',
      'sched_process_fork',
      'sched_switch',
      'sys_exit',
      'sys_open',
      'sys_write'
    ]);
  });

  test('longArray fields are lists of integers', () => {
    const exp = openXmlStubExperiment([path.join(STUBS, 'incubator-perf-profiling/perf_trace.xml')]);
    const [b] = all(exp);
    const cls = exp.eventClasses[0];
    const k = cls.fieldIndex('perf_callchain');
    expect(cls.fields[k].type).toBe('list');
    expect(b.value(0, k)).toEqual([0, 1]);
    expect(b.int(0, k)).toBeNaN();
    expect(b.ts[0]).toBe(2n);
  });

  test('an experiment of two stubs: hosts are file names, classes are per trace, events merged by time', () => {
    const server = path.join(STUBS, 'lttng2.kernel.core.tests/graph/simple_network_server.xml');
    const client = path.join(STUBS, 'lttng2.kernel.core.tests/graph/simple_network_client.xml');
    const exp = openXmlStubExperiment([server, client]);
    expect(exp.traces.map(t => t.hostname)).toEqual([
      'simple_network_server.xml',
      'simple_network_client.xml'
    ]);
    expect(exp.traces.map(t => t.format)).toEqual(['tc-xml-stub', 'tc-xml-stub']);
    const switches = exp.eventClasses.filter(c => c.name === 'sched_switch');
    expect(switches.map(c => c.traceIndex)).toEqual([0, 1]);
    const rows = all(exp).flatMap(b =>
      [...b.ts].map((t, i) => `${t}:${b.stream[i]}:${exp.eventClasses[b.classId[i]].name}`)
    );
    expect(rows.length).toBe(28);
    // t=5: server's sched_switch (file order), then client's statedump_interrupt.
    expect(rows.slice(0, 3)).toEqual(['5:0:sched_switch', '5:1:statedump_interrupt', '7:1:sched_switch']);
    expect(rows[rows.length - 1]).toBe('95:1:sched_switch');
    expect(exp.streamName(1)).toBe('simple_network_client.xml');
  });

  test('sniffing rejects other XML documents, CTF metadata and folders', () => {
    const no = [
      path.join(STUBS, 'format/TmfXmlDevelopmentTraceNs.xml'),
      path.join(STUBS, 'format/TmfXmlDevelopmentTrace.xsd'),
      path.join(
        TCXML,
        'lttng/org.eclipse.tracecompass.lttng2.kernel.core.tests/testfiles/xml/syscallSegments.xml'
      ),
      path.join(TRACES, 'tracecompass/many-threads/metadata'),
      path.join(TRACES, 'tracecompass/many-threads'),
      path.join(STUBS, 'analysis.os.linux.core.tests/kernel_analysis/expectedThreadStatusTree'),
      path.join(STUBS, 'does-not-exist.xml')
    ];
    for (const f of no) expect([f, xmlStubFormat.sniff(f, nodeFileSystem)]).toEqual([f, false]);
  });
});
