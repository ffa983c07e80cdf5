/**
 * Events and class tables on a hand-written in-memory experiment: every cell is known by construction.
 */
import { tableFromIPC, Type } from 'apache-arrow';
import { classTable, eventsTable, streamClassIPC, streamEventsIPC } from '../../src/analysis/arrow';
import { TraceDataError } from '../../src/analysis/trace/types';
import { sampleExperiment } from './fake-experiment';
import { checkIpcFile } from './ipc-footer';

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

describe('eventsTable', () => {
  it('has one row per event with exact timestamps and dictionary names', () => {
    const t = eventsTable(sampleExperiment(), { batchSize: 3 });
    expect(t.numRows).toBe(4);
    expect(t.batches.length).toBe(2);
    expect(t.schema.fields.map(f => f.name)).toEqual(['ts', 'cpu', 'name', 'stream', 'host', 'class_id']);
    expect(t.schema.fields[0].typeId).toBe(Type.Int);
    expect([...t.getChild('ts')!]).toEqual([1000n, 2000n, 9007199254740993n, 9007199254740995n]);
    expect([...t.getChild('cpu')!]).toEqual([0, 1, 1, 0]);
    expect([...t.getChild('name')!]).toEqual(['sched_switch', 'perf_sample', 'sched_switch', 'perf_sample']);
    expect([...t.getChild('stream')!]).toEqual(['chan_0', 'chan_1', 'chan_1', 'chan_0']);
    expect([...t.getChild('host')!]).toEqual(['host0', 'host0', 'host0', 'host0']);
    expect([...t.getChild('class_id')!]).toEqual([0, 1, 0, 1]);
  });

  it('applies the read window', () => {
    const t = eventsTable(sampleExperiment(), { start: 1500n, end: 9007199254740993n });
    expect([...t.getChild('ts')!]).toEqual([2000n, 9007199254740993n]);
  });
});

describe('classTable', () => {
  it('flattens fields to typed columns, enums as label + value, names deduplicated', () => {
    const t = classTable(sampleExperiment(), 0);
    expect(t.schema.fields.map(f => `${f.name}:${f.type}`)).toEqual([
      'ts:Int64',
      'cpu:Int32',
      'stream:Dictionary<Int32, Utf8>',
      'tid:Int32',
      'prev_comm:Utf8',
      'prev_tid:Int32',
      'prev_state:Utf8',
      'prev_state.value:Int64',
      'v.id:Uint64',
      'v.ratio:Float64',
      'payload.cpu:Uint32'
    ]);
    const rows = t.toArray().map(r => r.toJSON());
    expect(rows[0]).toMatchObject({
      ts: 1000n,
      tid: 42,
      prev_comm: 'bash "q"\n<script>',
      prev_state: 'TASK_RUNNING'
    });
    expect(rows[0]['prev_state.value']).toBe(0n);
    expect(rows[0]['v.id']).toBe(7n);
    expect(rows[0]['v.ratio']).toBe(0.5);
    expect(rows[1]).toMatchObject({ tid: -1, prev_comm: 'ü€😀', prev_tid: -7, prev_state: 'A|B' });
    expect(rows[1]['prev_state.value']).toBe(3n);
    expect(rows[1]['v.id']).toBe(18446744073709551615n);
    expect(rows[1]['v.ratio']).toBeNull();
    expect(rows[1]['payload.cpu']).toBe(255);
  });

  it('writes lists, booleans, bytes and variants', () => {
    const t = classTable(sampleExperiment(), 1);
    expect(t.schema.fields.slice(3).map(f => `${f.name}:${f.type}`)).toEqual([
      'ip:Uint64',
      'stack:List<Int64>',
      'ok:Bool',
      'blob:Binary',
      'opt:Utf8'
    ]);
    const rows = t.toArray().map(r => r.toJSON());
    expect(rows[0].ip).toBe(0xffffffff81000123n);
    expect([...rows[0].stack]).toEqual([1n, 2n, 3n]);
    expect([...rows[1].stack]).toEqual([]);
    expect([rows[0].ok, rows[1].ok]).toEqual([true, false]);
    expect([...rows[0].blob]).toEqual([1, 2]);
    expect(rows[1].blob).toBeNull();
    expect(rows[0].opt).toBe('{"a":1}');
  });

  it('refuses an unknown class', () => {
    expect(() => classTable(sampleExperiment(), 9)).toThrow(RangeError);
  });
});

describe('IPC file output', () => {
  it('round-trips the events table batch by batch, sharing dictionaries', async () => {
    const chunks: Uint8Array[] = [];
    const summary = await streamEventsIPC(sampleExperiment(), c => void chunks.push(c.slice()), {
      batchSize: 1
    });
    const bytes = concat(chunks);
    expect(summary).toEqual({ rows: 4, batches: 4, bytes: bytes.length });
    const magic = new TextDecoder().decode(bytes.subarray(0, 6));
    expect(magic).toBe('ARROW1');
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - 6))).toBe('ARROW1');
    const t = tableFromIPC(bytes);
    expect(t.batches.length).toBe(4);
    expect([...t.getChild('ts')!]).toEqual([1000n, 2000n, 9007199254740993n, 9007199254740995n]);
    expect([...t.getChild('name')!]).toEqual(['sched_switch', 'perf_sample', 'sched_switch', 'perf_sample']);
  });

  it('writes a class table file', async () => {
    const chunks: Uint8Array[] = [];
    await streamClassIPC(sampleExperiment(), 0, c => void chunks.push(c.slice()));
    const t = tableFromIPC(concat(chunks));
    expect(t.schema.metadata.get('tracelab.class')).toBe('sched_switch');
    expect([...t.getChild('v.id')!]).toEqual([7n, 18446744073709551615n]);
  });

  it('finishes a valid file with the events before a data error, then throws it', async () => {
    const chunks: Uint8Array[] = [];
    const exp = sampleExperiment({ failAfter: 3 });
    await expect(streamEventsIPC(exp, c => void chunks.push(c.slice()), { batchSize: 2 })).rejects.toThrow(
      TraceDataError
    );
    const t = tableFromIPC(concat(chunks));
    expect([...t.getChild('ts')!]).toEqual([1000n, 2000n, 9007199254740993n]);
  });

  it('writes a schema-only file for an empty selection', async () => {
    const chunks: Uint8Array[] = [];
    await streamEventsIPC(sampleExperiment(), c => void chunks.push(c.slice()), { start: 1n, end: 2n });
    const t = tableFromIPC(concat(chunks));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.length).toBe(6);
  });
});

describe('IPC file bytes (spec-level check, independent of apache-arrow)', () => {
  it('has a footer whose schema and blocks point at valid messages', async () => {
    const chunks: Uint8Array[] = [];
    await streamEventsIPC(sampleExperiment(), c => void chunks.push(c.slice()), { batchSize: 3 });
    const check = checkIpcFile(concat(chunks));
    expect(check.fieldNames).toEqual(['ts', 'cpu', 'name', 'stream', 'host', 'class_id']);
    expect(check.dictionaries.length).toBe(3);
    expect(check.recordRows).toEqual([3, 1]);
  });

  it('rejects a damaged file', async () => {
    const chunks: Uint8Array[] = [];
    await streamEventsIPC(sampleExperiment(), c => void chunks.push(c.slice()));
    const bytes = concat(chunks);
    const check = checkIpcFile(bytes);
    bytes[check.records[0].offset] = 0;
    expect(() => checkIpcFile(bytes)).toThrow(/continuation marker/);
  });
});
