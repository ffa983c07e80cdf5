/**
 * `tracelab analyze`: the known answers of Trace Compass's graph stubs through the CLI, table formats, exact
 * integers, usage errors.
 */
import * as path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parseCsv, run } from './capture';

const TRACES = path.join(process.cwd(), '..', 'shared', 'traces');
const GRAPH = path.join(TRACES, 'tracecompass-stubs', 'lttng2.kernel.core.tests', 'graph');
const NET = [path.join(GRAPH, 'simple_network_server.xml'), path.join(GRAPH, 'simple_network_client.xml')];

function jsonl(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as Record<string, unknown>);
}

describe('tracelab analyze', () => {
  test('critical path of tid 200 across the simple network experiment (Trace Compass answer)', async () => {
    const r = await run(['analyze', 'critical-path', '--tid', '200', ...NET]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = jsonl(r.stdout).map(o => [o.tid, o.start, o.end, o.state]);
    expect(rows).toEqual([
      [200, 10, 15, 'RUNNING'],
      [100, 15, 35, 'NETWORK'],
      [100, 35, 40, 'PREEMPTED'],
      [100, 40, 45, 'RUNNING'],
      [200, 45, 70, 'NETWORK'],
      [200, 70, 75, 'PREEMPTED'],
      [200, 75, 95, 'RUNNING']
    ]);
  });

  test('sched_only stub: thread states of tid 2 through csv', async () => {
    const r = await run([
      'analyze',
      'critical-path',
      '--tid',
      '2',
      '--format',
      'csv',
      path.join(GRAPH, 'sched_only.xml')
    ]);
    expect(r.code).toBe(0);
    const [head, ...body] = parseCsv(r.stdout).filter(row => row.length > 1);
    expect(head).toEqual(['seq', 'host', 'tid', 'name', 'start', 'end', 'state']);
    const states = body.map(row => [row[4], row[5], row[6]]);
    // tid 2: 10 -RUNNING-> 20 -BLOCKED-> 30 -RUNNING-> 40; while blocked, the path follows its waker (tid 1).
    expect(states[0]).toEqual(['10', '20', 'RUNNING']);
    expect(states[states.length - 1]).toEqual(['30', '40', 'RUNNING']);
  });

  test('syscalls of many-threads: exact ns, arrow output re-read', async () => {
    const trace = path.join(TRACES, 'tracecompass', 'many-threads');
    const j = await run(['analyze', 'syscalls', trace, '--limit', '3']);
    expect(j.code).toBe(0);
    const rows = jsonl(j.stdout);
    expect(rows).toHaveLength(3);
    // Timestamps beyond 2^53 are written exactly: compare the raw text with the arrow column.
    const a = await run(['analyze', 'syscalls', trace, '--limit', '3', '--format', 'arrow']);
    const table = tableFromIPC(a.stdoutBytes);
    expect(table.numRows).toBe(3);
    const firstStart = (table.getChild('start')!.get(0) as bigint).toString();
    expect(j.stdout.split('\n')[0]).toContain(`"start":${firstStart}`);
    expect(BigInt(firstStart) > 2n ** 53n).toBe(true);
    expect(table.schema.fields.map(f => f.name)).toEqual([
      'host',
      'tid',
      'name',
      'start',
      'end',
      'duration',
      'ret'
    ]);
  });

  test('usage errors exit 2 with a message', async () => {
    const unknown = await run(['analyze', 'nonsense', NET[0]]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown analysis 'nonsense'/);
    const noTid = await run(['analyze', 'critical-path', NET[0]]);
    expect(noTid.code).toBe(2);
    expect(noTid.stderr).toMatch(/needs --tid/);
  });

  test('a missing trace exits 1', async () => {
    const r = await run(['analyze', 'thread-states', path.join(TRACES, 'does-not-exist')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tracelab: /);
  });
});
