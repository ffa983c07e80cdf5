/**
 * Keeps the parity suite honest: every CTF trace folder of the corpus has exactly one category (corpus.ts) and so a
 * test; every trace marked "babeltrace2 refuses it" is really refused by the installed babeltrace2 (an exclusion
 * cannot hide a readable trace); the session folders are the expected ones. (That babeltrace2 reads every `full`
 * trace without error is checked by each parity test itself.)
 */
import { babeltrace2Count, bt2ErrorSummary } from '../helpers/babeltrace';
import { listCtfTraceFolders, listSessionFolders, relName, tracePath } from '../helpers/traces';
import { categoryOf, CTF2_TWINS, ERRORS_AFTER, fullGroupOf, isCtf2, PER_STREAM, REFUSED } from './corpus';

const all = listCtfTraceFolders();

describe('corpus coverage', () => {
  it('finds every CTF trace folder', () => {
    expect(all.length).toBeGreaterThanOrEqual(160);
    for (const rel of [
      ...Object.keys(REFUSED),
      ...PER_STREAM,
      ...Object.keys(ERRORS_AFTER),
      ...Object.keys(CTF2_TWINS)
    ]) {
      expect(all.map(relName)).toContain(rel);
    }
  });

  it('puts every full trace in one parity test file', () => {
    const other = all.filter(t => categoryOf(t) === 'full' && fullGroupOf(t) === 'other').map(relName);
    expect(other.every(r => r.startsWith('tracecompass-metadata-only/'))).toBe(true);
  });

  it('finds the session folders', () => {
    expect(listSessionFolders().map(relName)).toEqual([
      'babeltrace2/ctf-traces/succeed/lttng-tracefile-rotation',
      'babeltrace2/ctf-traces/succeed/multi-domains',
      'babeltrace2/ctf-traces/succeed/session-rotation',
      'recorded/mpi-imbalance/ust',
      'tracecompass/exp-subset',
      'tracecompass/synctraces'
    ]);
  });

  const refused = all.filter(t => categoryOf(t) === 'refused' || categoryOf(t) === 'fail');
  test.each(refused.map(t => [relName(t), t]))('babeltrace2 really refuses %s', async (rel, dir) => {
    const { exit } = await babeltrace2Count([dir]);
    expect(exit.code).not.toBe(0);
    if (isCtf2(rel)) expect(exit.stderrTail).toMatch(/support-info query failed|Cannot create components/);
  });

  test.each(PER_STREAM.map(r => [r, tracePath(r)]))(
    'babeltrace2 muxer really stops on %s',
    async (_r, dir) => {
      const { exit } = await babeltrace2Count([dir]);
      expect(exit.code).not.toBe(0);
      expect(bt2ErrorSummary(exit.stderrTail) + exit.stderrTail).toMatch(/muxer/);
    }
  );
});
