/**
 * Degenerate inputs: a missing metadata file, an empty folder, a path that does not exist, a trace of 0 events
 * (metadata + an empty stream file; metadata alone). Each gives a clear error — a documented error class, or an
 * error whose message names the path, never a raw TypeError/RangeError — or an empty result, and never hangs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyTrace, tempDir } from '../helpers/trace-copies';
import { tracePath } from '../helpers/traces';
import { WatchedReader } from '../helpers/watchdog';
import type { ReadOutcome } from '../helpers/watchdog';
import { outcomeText } from '../helpers/watchdog';
import { READ_TIMEOUT } from './fixtures';

const tmp = tempDir('empty');
const reader = new WatchedReader();
afterAll(() => {
  reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const RAW = ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'AssertionError'];

/** A clear error (not a raw JS error, message naming `p`), or no error and no events. */
function expectClearErrorOrEmpty(o: ReadOutcome, p: string): void {
  expect(o.kind === 'done' ? 'answered' : outcomeText(o)).toBe('answered');
  if (o.kind !== 'done') return;
  if (o.error === undefined) {
    expect(o.events).toBe(0);
    return;
  }
  expect(RAW.includes(o.error.name) || RAW.includes(o.error.ctor) ? outcomeText(o) : 'clear').toBe('clear');
  expect(o.error.message).toContain(path.basename(p));
}

describe('missing and empty inputs', () => {
  const src = tracePath('babeltrace2/ctf-traces/succeed/smalltrace');

  it('missing metadata file', async () => {
    const dir = copyTrace(src, path.join(tmp, 'no-metadata'), { metadata: false });
    const o = await reader.read({ paths: [dir] }, READ_TIMEOUT);
    expectClearErrorOrEmpty(o, dir);
  });

  it('empty folder', async () => {
    const dir = path.join(tmp, 'empty-folder');
    fs.mkdirSync(dir);
    expectClearErrorOrEmpty(await reader.read({ paths: [dir] }, READ_TIMEOUT), dir);
  });

  it('path that does not exist: an error naming it', async () => {
    const p = path.join(tmp, 'does-not-exist');
    const o = await reader.read({ paths: [p] }, READ_TIMEOUT);
    expectClearErrorOrEmpty(o, p);
    expect(o.kind === 'done' && o.error !== undefined).toBe(true);
  });

  it('metadata + empty stream file: 0 events, no error', async () => {
    const dir = copyTrace(src, path.join(tmp, 'empty-stream'));
    fs.truncateSync(path.join(dir, 'dummystream'), 0);
    const o = await reader.read({ paths: [dir] }, READ_TIMEOUT);
    expect(outcomeText(o)).toBe('0 events, no error');
  });

  it('metadata alone (no stream file): 0 events, no error', async () => {
    const dir = copyTrace(src, path.join(tmp, 'metadata-only'), { streams: [] });
    expect(fs.readdirSync(dir)).toEqual(['metadata']);
    const o = await reader.read({ paths: [dir] }, READ_TIMEOUT);
    expect(outcomeText(o)).toBe('0 events, no error');
  });

  it('an LTTng session whose kernel trace has 0 events (multi-domains with empty kernel streams)', async () => {
    const root = path.join(tmp, 'session');
    const s = tracePath('babeltrace2/ctf-traces/succeed/multi-domains');
    copyTrace(path.join(s, 'ust'), path.join(root, 'ust'));
    copyTrace(path.join(s, 'kernel'), path.join(root, 'kernel'), { index: false });
    for (const f of fs.readdirSync(path.join(root, 'kernel'))) {
      if (f !== 'metadata') fs.truncateSync(path.join(root, 'kernel', f), 0);
    }
    const o = await reader.read({ paths: [root] }, READ_TIMEOUT);
    expect(outcomeText(o)).toBe('4000 events, no error');
  });
});
