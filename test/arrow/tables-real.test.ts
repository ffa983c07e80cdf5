/**
 * Events and class tables built from real traces through `openExperiment`, checked against babeltrace2 2.0.4's
 * text output (run here) or values it prints: row counts, timestamps, typed field columns, enums (label + value),
 * variants, sequences as List columns, and an IPC file re-read by apache-arrow and by the spec-level check.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { classTable, eventsTable, streamClassIPC, streamEventsIPC } from '../../src/analysis/arrow';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import { checkIpcFile } from './ipc-footer';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const MANY = path.join(TRACES, 'tracecompass', 'many-threads');
const SUCCEED = path.join(TRACES, 'babeltrace2', 'ctf-traces', 'succeed');

function bt2(trace: string): string[] {
  const r = spawnSync('babeltrace2', ['--clock-seconds', trace], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`babeltrace2 failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

function bt2Ts(line: string): bigint {
  const m = /^\[(\d+)\.(\d{9})\]/.exec(line)!;
  return BigInt(m[1]) * 1_000_000_000n + BigInt(m[2]);
}

function withExp<T>(trace: string, f: (exp: Experiment) => T): T {
  const exp = openExperiment([trace]);
  try {
    return f(exp);
  } finally {
    exp.close();
  }
}

function classId(exp: Experiment, name: string): number {
  const c = exp.eventClasses.find(k => k.name === name);
  if (!c) throw new Error(`no class ${name}`);
  return c.id;
}

async function ipcBytes(write: (sink: (c: Uint8Array) => void) => Promise<unknown>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await write(c => void chunks.push(c.slice()));
  return new Uint8Array(Buffer.concat(chunks));
}

describe('many-threads', () => {
  const lines = bt2(MANY);
  const switches = lines.filter(l => / sched_switch: /.test(l));

  it('events table: every event, babeltrace2 timestamps, one record batch per event batch', () => {
    withExp(MANY, exp => {
      const t = eventsTable(exp, { batchSize: 50000 });
      expect(t.numRows).toBe(lines.length);
      expect(t.batches.length).toBe(Math.ceil(lines.length / 50000));
      const ts = t.getChild('ts')!;
      for (const k of [0, 1, 12345, lines.length - 1]) expect(ts.get(k)).toBe(bt2Ts(lines[k]));
      const names = t.getChild('name')!;
      let n = 0;
      for (const v of names) if (v === 'sched_switch') n++;
      expect(n).toBe(switches.length);
      expect(t.getChild('host')!.get(0)).toBe('wilbrod');
      expect(t.getChild('cpu')!.get(0)).toBe(2);
    });
  });

  it('class table: sched_switch fields as typed columns matching babeltrace2', () => {
    withExp(MANY, exp => {
      const t = classTable(exp, classId(exp, 'sched_switch'));
      expect(t.numRows).toBe(switches.length);
      expect(t.schema.fields.map(f => `${f.name}:${f.type}`)).toEqual([
        'ts:Int64',
        'cpu:Int32',
        'stream:Dictionary<Int32, Utf8>',
        'prev_comm:Utf8',
        'prev_tid:Int32',
        'prev_prio:Int32',
        'prev_state:Int64',
        'next_comm:Utf8',
        'next_tid:Int32',
        'next_prio:Int32'
      ]);
      for (const k of [0, 777, switches.length - 1]) {
        const m =
          /prev_comm = "(.*)", prev_tid = (\d+), prev_prio = (-?\d+), prev_state = (\d+), next_comm = "(.*)", next_tid = (\d+)/.exec(
            switches[k]
          )!;
        const row = t.get(k)!.toJSON();
        expect(row.ts).toBe(bt2Ts(switches[k]));
        expect([
          row.prev_comm,
          row.prev_tid,
          row.prev_prio,
          row.prev_state,
          row.next_comm,
          row.next_tid
        ]).toEqual([m[1], Number(m[2]), Number(m[3]), BigInt(m[4]), m[5], Number(m[6])]);
      }
    });
  });

  it('IPC file of the events table re-reads identically', async () => {
    const exp = openExperiment([MANY]);
    try {
      const bytes = await ipcBytes(sink => streamEventsIPC(exp, sink));
      const check = checkIpcFile(bytes);
      expect(check.recordRows.reduce((a, b) => a + b, 0)).toBe(lines.length);
      expect(check.dictionaries.length).toBe(3);
      const t = tableFromIPC(bytes);
      expect(t.getChild('ts')!.get(lines.length - 1)).toBe(bt2Ts(lines[lines.length - 1]));
      expect(t.getChild('stream')!.get(0)).toMatch(/channel0_2$/);
    } finally {
      exp.close();
    }
  });
});

describe('small traces with enums, variants and sequences', () => {
  it('enum as label + value and variant as JSON (meta-variant-no-underscore)', () => {
    const trace = path.join(SUCCEED, 'meta-variant-no-underscore');
    expect(bt2(trace)[0]).toContain('yo: { tag = ( "PELCHAT" : container = 1 ), var = { "Daniel Lavoie" } }');
    withExp(trace, exp => {
      const t = classTable(exp, classId(exp, 'yo'));
      const row = t.get(0)!.toJSON();
      expect(row.tag).toBe('PELCHAT');
      expect(row['tag.value']).toBe(1);
      expect(row.var).toBe('"Daniel Lavoie"');
    });
  });

  it('sequences as List<Int64> (sequence), empty ones included (ctf-sequence-empty)', async () => {
    const trace = path.join(SUCCEED, 'sequence');
    const first = bt2(trace)[0];
    expect(first).toContain('seq_int_field = [ [0] = -1, [1] = -2, [2] = -3, [3] = -4, [4] = -5, [5] = -6 ]');
    const exp = openExperiment([trace]);
    try {
      const bytes = await ipcBytes(sink => streamClassIPC(exp, classId(exp, 'sequence event'), sink));
      const t = tableFromIPC(bytes);
      expect(String(t.schema.fields.find(f => f.name === 'seq_int_field')!.type)).toBe('List<Int64>');
      expect([...t.get(0)!.toJSON().seq_int_field]).toEqual([-1n, -2n, -3n, -4n, -5n, -6n]);
      expect([...t.get(0)!.toJSON().seq_long_field]).toEqual([10n, 20n, 30n, 40n, 50n, 60n]);
    } finally {
      exp.close();
    }
    withExp(path.join(TRACES, 'tracecompass', 'ctf-sequence-empty'), e => {
      const t = classTable(e, classId(e, 'my_provider:my_sequence_tp'));
      expect(t.numRows).toBe(10);
      for (const r of t) expect([...r!.toJSON().seq]).toEqual([]);
    });
  });

  it('multiple matching labels joined with | (CTF2-vl-ints-mappings)', () => {
    withExp(path.join(TRACES, 'tracecompass', 'CTF2-vl-ints-mappings'), exp => {
      const t = classTable(exp, classId(exp, 'test'));
      const row = t.get(0)!.toJSON();
      expect(row.vu1a).toBe('mapping5|mapping6');
      expect(row.vu4).toBe('mapping10');
      expect(row['vu4.value']).toBe(21829382n);
    });
  });
});
