/**
 * The control flow built straight from the kernel model's rows (`views/control-flow-model.ts`, what
 * `t.controlFlow()` uses) equals the one built from the `thread-states` Arrow table, on many-threads (whole
 * trace and a window) and on the two-host synctraces experiment.
 */
import { join } from 'node:path';
import { analyze } from '../../src/analysis/kernel';
import { openExperiment } from '../../src/analysis/trace/open';
import type { Experiment } from '../../src/analysis/trace/types';
import {
  controlFlowFromColumns,
  experimentThreadStateColumns,
  threadStateColumns
} from '../../src/kernel-bridge/views';
import type { IViewData } from '../../src/kernel-bridge/views';

const TRACES = join(__dirname, '..', '..', '..', 'shared', 'traces', 'tracecompass');

function expectSame(a: IViewData, b: IViewData): void {
  expect(a.rows).toEqual(b.rows);
  const [x, y] = [a.source, b.source];
  expect(x.length).toBe(y.length);
  expect(x.rowIds).toEqual(y.rowIds);
  expect(x.row).toEqual(y.row);
  expect(x.start).toEqual(y.start);
  expect(x.end).toEqual(y.end);
  expect(x.state).toEqual(y.state);
  expect(x.label).toEqual(y.label);
  expect(x.strings).toEqual(y.strings);
}

async function both(exp: Experiment, w: { start?: bigint; end?: bigint }): Promise<[IViewData, IViewData]> {
  const fromTable = controlFlowFromColumns(threadStateColumns(analyze('thread-states', exp, w)));
  const fromModel = controlFlowFromColumns(experimentThreadStateColumns(exp, w));
  return [fromModel, fromTable];
}

test('many-threads: model path = table path, whole trace and a window', async () => {
  const exp = await openExperiment([join(TRACES, 'many-threads')]);
  try {
    const [m, t] = await both(exp, {});
    expect(m.source.length).toBe(203_704);
    expect(m.rows.length).toBe(8805);
    expectSame(m, t);
    const w = { start: 1457113582900000000n, end: 1457113582900500000n };
    const [mw, tw] = await both(exp, w);
    expect(mw.source.length).toBeLessThan(m.source.length);
    expectSame(mw, tw);
  } finally {
    exp.close();
  }
}, 120_000);

test('synctraces (two hosts): model path = table path, host rows', async () => {
  const exp = await openExperiment([
    join(TRACES, 'synctraces', 'scp_src'),
    join(TRACES, 'synctraces', 'scp_dest')
  ]);
  try {
    const [m, t] = await both(exp, {});
    expect(m.rows.filter(r => r.kind === 'host').map(r => r.id)).toEqual(['h:VM1', 'h:VM3']);
    expectSame(m, t);
  } finally {
    exp.close();
  }
}, 120_000);
