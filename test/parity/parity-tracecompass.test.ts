/**
 * Parity with babeltrace2 2.0.4, every event and field, for the Trace Compass test traces babeltrace2 reads
 * (`../shared/traces/tracecompass/*` except exp-subset members, CTF 2, and the traces of other categories: see
 * corpus.ts). Largest: memory (328k events), many-threads (240k), ros2 (99k), dpdk_service_cores (66k).
 */
import { categoryOf, fullGroupOf } from './corpus';
import { expectParity } from './run-parity';
import { listCtfTraceFolders, relName } from '../helpers/traces';

const traces = listCtfTraceFolders().filter(
  t => categoryOf(t) === 'full' && fullGroupOf(t) === 'tracecompass'
);

describe('parity with babeltrace2: tracecompass/', () => {
  it('has the traces', () => expect(traces.length).toBeGreaterThanOrEqual(20));
  test.each(traces.map(t => [relName(t), t]))(
    '%s',
    async (label, dir) => {
      await expectParity('parity-tracecompass', label, [dir]);
    },
    300_000
  );
});
