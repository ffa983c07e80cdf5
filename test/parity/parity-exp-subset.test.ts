/**
 * Parity with babeltrace2 2.0.4 for `tracecompass/exp-subset`: 48 lttng-ust traces of one experiment (one per
 * process, 16,034 events each). The session folder is compared whole — one experiment of 769,632 events, every
 * event and field against babeltrace2 reading the same folder — which covers every member trace's events; each
 * member is also opened alone and its event count checked against babeltrace2's count of that member.
 */
import * as path from 'node:path';
import { categoryOf, fullGroupOf } from './corpus';
import { expectParity } from './run-parity';
import { babeltrace2Count } from '../helpers/babeltrace';
import { listCtfTraceFolders, relName, tracePath } from '../helpers/traces';
import { openExperiment, TlCursor } from '../helpers/tracelab-events';

const session = tracePath('tracecompass/exp-subset');
const members = listCtfTraceFolders(session).filter(
  t => categoryOf(t) === 'full' && fullGroupOf(t) === 'exp-subset'
);

describe('parity with babeltrace2: tracecompass/exp-subset', () => {
  it('has 48 member traces', () => expect(members.length).toBe(48));

  it('session: all 48 traces as one experiment, every event and field', async () => {
    const r = await expectParity('parity-exp-subset', 'session tracecompass/exp-subset', [session]);
    expect(r.tlEvents).toBe(769_632);
  }, 600_000);

  test.each(members.map(t => [relName(t), t]))('%s alone: event count', async (_label, dir) => {
    const { count, exit } = await babeltrace2Count([dir]);
    expect(exit.code).toBe(0);
    const exp = openExperiment([dir]);
    try {
      expect(exp.traces.map(t => path.resolve(t.path))).toEqual([path.resolve(dir)]);
      const cur = new TlCursor(exp, { values: false });
      while (cur.next() !== undefined);
      expect(cur.error).toBeUndefined();
      expect(cur.count).toBe(count);
    } finally {
      exp.close();
    }
  });
});
