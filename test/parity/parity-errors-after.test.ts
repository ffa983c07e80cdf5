/**
 * Traces whose data turns corrupt after some good events: babeltrace2 prints the good events then fails
 * ("No event class with ID ... to use in stream class"). Tracelab must return the same good events (compared
 * field by field), then throw a TraceDataError naming the stream file and a byte offset inside it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERRORS_AFTER } from './corpus';
import { parityOf } from '../helpers/parity';
import { bt2ErrorSummary } from '../helpers/babeltrace';
import { streamFiles, tracePath } from '../helpers/traces';
import { errorText } from '../helpers/tracelab-events';

describe('corrupt data after good events: same good events, then TraceDataError', () => {
  test.each(Object.entries(ERRORS_AFTER))('%s: %d good events', async (rel, good) => {
    const dir = tracePath(rel);
    const r = await parityOf(rel, [dir]);
    expect({ code: r.bt2.code === 0 ? 0 : 'error', events: r.bt2Events }).toEqual({
      code: 'error',
      events: good
    });
    expect(bt2ErrorSummary(r.bt2.stderrTail)).toMatch(/./);
    expect(r.details).toEqual([]);
    expect(r.tlEvents).toBe(good);
    const err = r.tlError as { name?: string; file?: string; offset?: number } | undefined;
    expect(errorText(err)).toMatch(/^TraceDataError: /);
    const files = streamFiles(dir).map(f => path.resolve(f));
    expect(files).toContain(path.resolve(String(err?.file)));
    expect(err?.offset).toBeGreaterThanOrEqual(0);
    expect(err?.offset).toBeLessThanOrEqual(fs.statSync(String(err?.file)).size);
  });
});
