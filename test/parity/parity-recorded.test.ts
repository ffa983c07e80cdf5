/**
 * Parity with babeltrace2 2.0.4 for the traces recorded on this kind of machine: perf kernel traces converted to
 * CTF (`ctf/`, `ctf-all/` with timestamp-0 synthesized events, `ctf-tod/` with a wall-clock offset; 1.1 MB of TSDL
 * metadata each, 360+360 syscall event classes) and the LTTng-UST trace of mpi-imbalance (also opened as a session
 * from its `ust/` folder).
 */
import { categoryOf, fullGroupOf } from './corpus';
import { expectParity } from './run-parity';
import { listCtfTraceFolders, listSessionFolders, relName, TRACES } from '../helpers/traces';
import * as path from 'node:path';

const root = path.join(TRACES, 'recorded');
const traces = listCtfTraceFolders(root).filter(
  t => categoryOf(t) === 'full' && fullGroupOf(t) === 'recorded'
);
const sessions = listSessionFolders(root);

describe('parity with babeltrace2: recorded/', () => {
  it('has the traces', () => {
    expect(traces.length).toBe(8);
    expect(sessions.map(relName)).toEqual(['recorded/mpi-imbalance/ust']);
  });
  test.each(traces.map(t => [relName(t), t]))(
    '%s',
    async (label, dir) => {
      await expectParity('parity-recorded', label, [dir]);
    },
    300_000
  );
  test.each(sessions.map(t => [relName(t), t]))('session %s', async (label, dir) => {
    await expectParity('parity-recorded', `session ${label}`, [dir]);
  });
});
