/**
 * Every CTF 1.8 metadata file of the corpus parses, and the trace classes of the traces babeltrace2 decodes are
 * the same as babeltrace2's (event classes with ids, names, log levels, contexts and payload field classes,
 * stream packet / common contexts, default clocks), through the summaries of helpers/summary.ts.
 */

import * as path from 'path';
import { bt2Summaries, metadataFiles, parseCorpus } from './helpers/corpus';
import { summarizeTraceClass } from './helpers/summary';

const files = metadataFiles();
const good = files.filter(f => !f.includes('/fail/'));

describe('TSDL corpus', () => {
  it('finds the corpus', () => {
    expect(good.length).toBeGreaterThan(130);
  });

  it.each(good)('parses %s', rel => {
    const tc = parseCorpus(rel);
    expect(tc.major).toBe(1);
    expect(tc.minor).toBe(8);
    expect(tc.streams.length).toBeGreaterThan(0);
  });
});

describe('TSDL trace classes match babeltrace2', () => {
  const expected = bt2Summaries();
  const dirs = Object.keys(expected).sort();

  it('has babeltrace2 summaries for most decodable traces', () => {
    expect(dirs.length).toBeGreaterThan(100);
  });

  it.each(dirs)('%s', dir => {
    const tc = parseCorpus(path.join(dir, 'metadata'));
    const want = expected[dir];
    let got = summarizeTraceClass(tc);
    // babeltrace2 gives no default clock to a stream that maps nothing; tracelab falls back to the only clock.
    got = got.filter(line => {
      const m = /^stream (\d+) clock /.exec(line);
      if (!m || want.some(w => w.startsWith(`stream ${m[1]} clock `))) return true;
      expect(tc.clocks).toHaveLength(1);
      return false;
    });
    expect(got).toEqual(want);
  });
});
