/**
 * `tracelab analyze state-view|segments --spec FILE`: Trace Compass XML files and tracelab JSON specs through the
 * CLI, and the refusal of an invalid file (non-zero exit, message naming the file, line, element and rule).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mpiImbalanceSpec } from '../../src/analysis/stateview/builtins/mpi-imbalance';
import { run } from '../cli/capture';
import { TRACES, XML_FILES } from './tc-helpers';

const jsonl = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .map(l => JSON.parse(l) as Record<string, unknown>);

describe('tracelab analyze state-view / segments', () => {
  it('state-view of a Trace Compass XML analysis: one row per interval', async () => {
    const r = await run([
      'analyze',
      'state-view',
      '--spec',
      path.join(XML_FILES, 'test_valid', 'test_state_values.xml'),
      path.join(TRACES, 'testTrace4.xml')
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = jsonl(r.stdout).filter(o => o.attribute === 'update/0');
    expect(rows.map(o => [o.start, o.end, o.value])).toEqual([
      [1, 3, 'GOOD'],
      [3, 5, null],
      [5, 7, 'BAD'],
      [7, 20, null]
    ]);
  });

  it('segments of a pattern, with their fields as columns', async () => {
    const r = await run([
      'analyze',
      'segments',
      '--format',
      'csv',
      '--spec',
      path.join(XML_FILES, 'test_valid', 'test_pattern_segment.xml'),
      path.join(TRACES, 'testTrace2.xml')
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'name,start,end,field1,field2,field3',
      'test1,1,1,,,',
      'test2,1,3,100,test,1',
      'test1,1,5,,,',
      'test2,1,7,200,test,1'
    ]);
  });

  it('a tracelab JSON spec, chosen by --id among several', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateview-cli-'));
    const file = path.join(dir, 'specs.json');
    fs.writeFileSync(file, JSON.stringify([{ id: 'other', handlers: [] }, mpiImbalanceSpec]));
    const ust = path.join(process.cwd(), '..', 'shared', 'traces', 'recorded', 'mpi-imbalance', 'ust');
    const r = await run(['analyze', 'segments', '--spec', file, '--id', 'mpi-imbalance', ust]);
    expect(r.code).toBe(0);
    const rows = jsonl(r.stdout);
    expect(rows).toHaveLength(40);
    expect(rows.filter(o => o.name === 'wait' && o.rank === 1)).toHaveLength(10);
    fs.rmSync(dir, { recursive: true });
  });

  it('an invalid file exits non-zero naming the element and the rule', async () => {
    const r = await run([
      'analyze',
      'state-view',
      '--spec',
      path.join(XML_FILES, 'test_invalid', 'invalid_condition_operators.xml'),
      path.join(TRACES, 'testTrace4.xml')
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /invalid_condition_operators\.xml:24: <condition>: attribute operator="an_invalid_operator" is not one of eq, ne/
    );
  });

  it('--spec is required', async () => {
    const r = await run(['analyze', 'state-view', path.join(TRACES, 'testTrace4.xml')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/need --spec FILE/);
  });
});
