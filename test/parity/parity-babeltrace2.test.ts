/**
 * Parity with babeltrace2 2.0.4, every event and field, for babeltrace2's own CTF 1.8 test traces it reads
 * (`succeed/`, `intersection/`, `packet-seq-num/` (lost packets), `deterministic-ordering/b-not-corrupted`,
 * `live/split-metadata`), and their LTTng session folders opened whole (multi-domains, session-rotation,
 * lttng-tracefile-rotation): one experiment on both sides.
 */
import { categoryOf, fullGroupOf } from './corpus';
import { expectParity } from './run-parity';
import { listCtfTraceFolders, listSessionFolders, relName, TRACES } from '../helpers/traces';
import * as path from 'node:path';

const root = path.join(TRACES, 'babeltrace2');
const traces = listCtfTraceFolders(root).filter(
  t => categoryOf(t) === 'full' && fullGroupOf(t) === 'babeltrace2'
);
const sessions = listSessionFolders(root);

describe('parity with babeltrace2: babeltrace2/ctf-traces', () => {
  it('has the traces and sessions', () => {
    expect(traces.length).toBeGreaterThanOrEqual(40);
    expect(sessions.map(relName)).toEqual(
      expect.arrayContaining([
        'babeltrace2/ctf-traces/succeed/multi-domains',
        'babeltrace2/ctf-traces/succeed/session-rotation'
      ])
    );
  });
  test.each(traces.map(t => [relName(t), t]))('%s', async (label, dir) => {
    await expectParity('parity-babeltrace2', label, [dir]);
  });
  test.each(sessions.map(t => [relName(t), t]))('session %s', async (label, dir) => {
    await expectParity('parity-babeltrace2', `session ${label}`, [dir]);
  });
});
