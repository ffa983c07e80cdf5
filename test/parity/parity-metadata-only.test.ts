/**
 * Parity with babeltrace2 2.0.4 for `tracecompass-metadata-only/`: real LTTng metadata (2.0-2.10) whose stream
 * files are absent (0 events on both sides: the metadata must parse), except `uneven-streams` which does have
 * streams (50,618 events).
 */
import { categoryOf, fullGroupOf } from './corpus';
import { expectParity } from './run-parity';
import { listCtfTraceFolders, relName, TRACES } from '../helpers/traces';
import * as path from 'node:path';

const root = path.join(TRACES, 'tracecompass-metadata-only');
const traces = listCtfTraceFolders(root).filter(t => categoryOf(t) === 'full' && fullGroupOf(t) === 'other');

describe('parity with babeltrace2: tracecompass-metadata-only/', () => {
  it('has the traces', () => expect(traces.length).toBe(8));
  test.each(traces.map(t => [relName(t), t]))('%s', async (label, dir) => {
    await expectParity('parity-metadata-only', label, [dir]);
  });
});
